"""Query commands over the store: a readable table each, or ``--json``."""

from __future__ import annotations

from datetime import date

import typer

from newsgraph.commands.common import (
    DB_OPTION,
    JSON_OPTION,
    LIMIT_OPTION,
    LINK_COLUMNS,
    open_store,
    show,
    without_columns,
)
from newsgraph.errors import InputError
from newsgraph.store.queries import HELP, QUERIES, Filters, parse_period, select

__all__ = ["QUERIES", "parse_period", "register", "run_query"]


def run_query(db: str, name: str, filters: Filters, limit: int, as_json: bool, title: str) -> None:
    with open_store(db) as store:
        names, rows = select(store, name, filters, limit)
    if not as_json:  # the ids that link rows to articles are for --json, the API and the web UI
        names, rows = without_columns(names, rows, LINK_COLUMNS)
    show(names, rows, as_json, title)


def register(app: typer.Typer) -> None:
    from newsgraph.cli import parse_date_option, user_errors

    @app.command()
    @user_errors
    def articles(search: str | None = typer.Option(None, "--search", "-s", help=HELP["search"]),
                 db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Stored articles, newest first."""
        run_query(db, "articles", Filters(search=search), limit, as_json, "articles")

    @app.command()
    @user_errors
    def entities(type: str | None = typer.Option(None, "--type", "-t", help=HELP["type"]),
                 db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Entities across articles, by the number of articles naming them."""
        run_query(db, "entities", Filters(type=type), limit, as_json, "entities")

    @app.command()
    @user_errors
    def quotes(speaker: str | None = typer.Option(None, "--speaker", help=HELP["speaker"]),
               db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Attributed quotes, optionally by one speaker."""
        run_query(db, "quotes", Filters(speaker=speaker), limit, as_json, "quotes")

    @app.command()
    @user_errors
    def sources(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Groups of sources behind the stories (anonymous first)."""
        run_query(db, "sources", Filters(), limit, as_json, "sources")

    @app.command()
    @user_errors
    def timeline(entity: str | None = typer.Option(None, "--entity", help=HELP["entity"]),
                 db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Dated events across articles, in time order."""
        run_query(db, "timeline", Filters(entity=entity), limit, as_json, "timeline")

    @app.command()
    @user_errors
    def places(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Places across articles, resolved where possible."""
        run_query(db, "places", Filters(), limit, as_json, "places")

    @app.command()
    @user_errors
    def due(within: str = typer.Option("60d", help=HELP["within"]),
            as_of: str | None = typer.Option(None, "--as-of", help=HELP["as_of"]),
            db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Commitments falling due in the coming period."""
        filters = Filters(as_of=parse_date_option(as_of, "--as-of") or date.today(), within=within)
        start, end = filters.due_window()
        run_query(db, "due", filters, limit, as_json, f"due {start} to {end}")

    @app.command()
    @user_errors
    def stories(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Groups of linked articles (copies, rewrites), with the likely original."""
        run_query(db, "stories", Filters(), limit, as_json, "stories")

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
