"""``newsgraph ledger``: commitments followed across articles (the list is the declared query;
with an id, one entry's evidence trail in time order)."""

from __future__ import annotations

import json
import os
import sys

import typer

from newsgraph.commands.common import (
    DB_OPTION,
    JSON_OPTION,
    LIMIT_OPTION,
    OFFSET_OPTION,
    cell,
    open_store,
    parse_date_option,
    user_errors,
)
from newsgraph.errors import InputError


def register(app: typer.Typer) -> None:
    from newsgraph.queries.catalog import BY_NAME

    declared = BY_NAME["ledger"]
    helps = {p.name: p.help for p in declared.params}

    @app.command("ledger")
    @user_errors
    def ledger(
        entry_id: str | None = typer.Argument(None, help="an entry id: show its evidence trail"),
        db: str = DB_OPTION,
        status: str | None = typer.Option(None, "--status", help=helps["status"]),
        entity: str | None = typer.Option(None, "--entity", help=helps["entity"]),
        as_of: str | None = typer.Option(None, "--as-of", help=helps["as_of"]),
        rebuild: bool = typer.Option(False, "--rebuild", help="file every stored article again first"),
        limit: int = LIMIT_OPTION,
        offset: int = OFFSET_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Commitments followed across articles, with their status as of a date; or one entry's trail."""
        if rebuild:
            from newsgraph.ledger.store import build_lake
            from newsgraph.ledger.store import rebuild as rebuild_ledger

            open_store(db).close()  # a missing store is an error here
            if os.path.isdir(db):  # a Parquet lake: its ledger datasets are written anew
                build_lake(db)
            else:
                rebuild_ledger(db)
        if entry_id is None:
            from newsgraph.commands.query import run_query

            run_query(db, declared, {"status": status, "entity": entity, "as_of": as_of}, limit, offset, as_json)
            return
        from newsgraph.ledger.store import entry
        from newsgraph.ledger.trail import entry_json

        day = parse_date_option(as_of, "--as-of")
        with open_store(db) as store:
            found = entry(store, entry_id)
        if found is None:
            raise InputError(entry_id, "no ledger entry with this id (see `newsgraph ledger --db DB`)")
        data = entry_json(found, day)
        if as_json:
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
            return
        lines = [f"{data['id']}  {data['status']} as of {data['as_of']}",
                 f"actor: {data['actor'] or '-'}   action: {data['action']}   deadline: {data['deadline'] or '-'}",
                 f"what: {cell(data['what'], 200)}", ""]
        for event in data["trail"]:
            lines.append(f"{event['on'] or '?'}  {event['event']:<20} {event['detail']}")
            lines.append(f"    {cell(event['text'], 160)}")
            lines.append(f"    article {event['article_id']} characters {event['start']}-{event['end']}")
        sys.stdout.write("\n".join(lines) + "\n")
