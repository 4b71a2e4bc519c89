"""Query commands, generated from the declarations in ``queries/catalog.py``: a table each, or ``--json``."""

from __future__ import annotations

import inspect
import json
import sys
from typing import Any

import typer

from newsgraph.commands.common import (
    DB_OPTION,
    JSON_OPTION,
    LIMIT_OPTION,
    LINK_COLUMNS,
    OFFSET_OPTION,
    open_store,
    plain,
    show,
    user_errors,
    without_columns,
)
from newsgraph.errors import InputError
from newsgraph.queries import QUERIES, Query, parse_values, select


def run_query(db: str, declared: Query, raw: dict[str, Any], limit: int, offset: int, as_json: bool) -> None:
    values = parse_values(declared, raw)
    with open_store(db) as store:
        names, rows = select(store, declared, values, limit, offset)
    if not as_json:  # the ids that link rows to articles are for --json, the API and the web UI
        names, rows = without_columns(names, rows, LINK_COLUMNS)
    show(names, rows, as_json, declared.heading(values))


def _command(declared: Query) -> Any:
    """A Typer command whose options are the query's parameters (as text, parsed by the declaration)."""

    def command(**kwargs: Any) -> None:
        db, limit, offset, as_json = (kwargs.pop(k) for k in ("db", "limit", "offset", "as_json"))
        raw = {k: (("true" if v else None) if isinstance(v, bool) else v) for k, v in kwargs.items()}
        run_query(db, declared, raw, limit, offset, as_json)

    keyword = inspect.Parameter.KEYWORD_ONLY
    options = []
    for param in declared.params:
        if param.switch:
            option = typer.Option(False, *param.cli_flags, help=param.help)
            options.append(inspect.Parameter(param.name, keyword, default=option, annotation=bool))
        else:
            help_text = param.help + (f" (default {param.default})" if param.default else "")
            option = typer.Option(None, *param.cli_flags, help=help_text)
            options.append(inspect.Parameter(param.name, keyword, default=option, annotation=str | None))
    common = [("db", DB_OPTION, str), ("limit", LIMIT_OPTION, int), ("offset", OFFSET_OPTION, int),
              ("as_json", JSON_OPTION, bool)]
    options += [inspect.Parameter(n, keyword, default=d, annotation=t) for n, d, t in common]
    command.__signature__ = inspect.Signature(options)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in options} | {"return": None}
    command.__name__ = declared.name
    command.__doc__ = declared.help
    return user_errors(command)


def register(app: typer.Typer) -> None:
    for declared in QUERIES:
        if declared.cli:
            app.command(declared.name)(_command(declared))

    @app.command("story")
    @user_errors
    def story_command(story_id: str = typer.Argument(..., help="the story id (first column of `newsgraph stories`)"),
                      db: str = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """One story: disagreements first, then its versions, the original and why, the event thread and
        the outlets its versions credit."""
        from newsgraph.queries import story

        with open_store(db) as store:
            found = story(store, story_id)
        if found is None:
            raise InputError(story_id, "no such story (see `newsgraph stories`)")
        if as_json:
            sys.stdout.write(json.dumps(plain(found), indent=2, ensure_ascii=False) + "\n")
            return
        _show_story(found)

    @app.command()
    @user_errors
    def sql(query: str = typer.Argument(..., help='e.g. "SELECT type, count(*) FROM entities GROUP BY 1"'),
            db: str = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Any read-only SQL over the store's tables."""
        import duckdb

        with open_store(db) as store:
            try:
                names, rows = store.query(query)
            except duckdb.Error as error:
                raise InputError("sql", str(error).splitlines()[0]) from None
        show(names, rows, as_json)


def _show_story(found: dict[str, Any]) -> None:
    """The story as plain-text tables: disagreements first."""
    outlet = {v["article_id"]: v["outlet"] for v in found["versions"]}
    outlet.update({t["article_id"]: t["outlet"] for t in found["event_thread"]})
    original = found["original"]
    label = "tie" if original["tie"] else "original"
    typer.echo(f"story {found['story_id']}: {len(found['versions'])} versions; {label}: "
               f"{', '.join(outlet[i] for i in original['article_ids'])} ({original['reason']})")
    rows = [(slot["kind"], slot["topic"], outlet.get(v["article_id"], v["article_id"]), v["value"], v["text"])
            for slot in found["disagreements"] for v in slot["values"]]
    show(["kind", "about", "version", "says", "in its words"], rows, False,
         f"Disagreements ({len(found['disagreements'])})")
    show(["role", "outlet", "published", "url"],
         [(v["role"], v["outlet"], v["published"] or "undated", v["url"]) for v in found["versions"]], False,
         "Versions")
    if found["event_thread"]:
        show(["outlet", "published", "url", "similarity"],
             [(t["outlet"], t["published"] or "undated", t["url"], t["score"]) for t in found["event_thread"]], False,
             "Same event, independent reports")
    if found["citations"]:
        show(["credited", "how", "by", "words"],
             [(c["outlet"], c["cue"], outlet.get(c["article_id"]), c["context"]) for c in found["citations"]], False,
             "Citations")
    if found["facts"]:
        show(["kind", "about", "value", "versions"],
             [(f["kind"], f["topic"], f["values"][0]["value"], len(f["values"])) for f in found["facts"]], False,
             "Facts the versions agree on")
