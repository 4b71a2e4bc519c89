"""Query commands over the store: a readable table each, or ``--json``."""

from __future__ import annotations

import re
from datetime import date, timedelta

import typer

from newsgraph.commands.common import DB_OPTION, JSON_OPTION, LIMIT_OPTION, limit_clause, open_store, show
from newsgraph.errors import InputError

_PERIOD = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)
_PERIOD_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}

QUERIES: dict[str, str] = {
    "articles": """
        SELECT a.id, a.published, a.headline, coalesce(a.publisher, a.url, a.source) AS "from",
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
        FROM articles a ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC""",
    "entities": """
        SELECT any_value(e.name) AS name, e.type, count(DISTINCT e.article_id) AS articles,
               sum(coalesce(m.n, 0)) AS mentions, string_agg(DISTINCT e.role, '; ') AS roles
        FROM entities e LEFT JOIN (SELECT article_id, entity_id, count(*) AS n FROM mentions GROUP BY 1, 2) m
             ON m.article_id = e.article_id AND m.entity_id = e.id
        WHERE (? IS NULL OR e.type = upper(?))
        GROUP BY lower(e.name), e.type ORDER BY articles DESC, mentions DESC, name""",
    "quotes": """
        SELECT coalesce(q.speaker_name, q.speaker_text) AS speaker, q.kind, q.text AS quote, a.headline AS article
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE (? IS NULL OR coalesce(q.speaker_name, '') ILIKE ? OR coalesce(q.speaker_text, '') ILIKE ?)
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq""",
    "sources": """
        SELECT s.descriptor, s.count, s.anonymous, s.affiliation, s.reason, a.headline AS article
        FROM source_groups s JOIN articles a ON a.id = s.article_id
        ORDER BY s.anonymous DESC, a.published DESC NULLS LAST, s.article_id, s.seq""",
    "timeline": """
        SELECT t.value, t.mod, t.clause_text AS what, a.headline AS article
        FROM timeline t JOIN articles a ON a.id = t.article_id
        WHERE ? IS NULL OR EXISTS (
            SELECT 1 FROM mentions m JOIN entities e ON e.article_id = m.article_id AND e.id = m.entity_id
            WHERE m.article_id = t.article_id AND m.start >= t.clause_start AND m."end" <= t.clause_end
              AND (e.name ILIKE ? OR e.aliases::VARCHAR ILIKE ?))
        ORDER BY t.value, t.article_id, t.seq""",
    "places": """
        SELECT any_value(name) AS name, country, admin1, any_value(lat) AS lat, any_value(lon) AS lon,
               geonames_id, count(DISTINCT article_id) AS articles, count(*) AS mentions
        FROM places GROUP BY coalesce(CAST(geonames_id AS VARCHAR), lower(name)), geonames_id, country, admin1
        ORDER BY articles DESC, mentions DESC, name""",
    "due": """
        SELECT c.due_date, c.due_date - CAST(? AS DATE) AS days_left, c.actor, c.what, c.modality,
               a.headline AS article
        FROM commitments c JOIN articles a ON a.id = c.article_id
        WHERE c.due_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
        ORDER BY c.due_date, c.article_id, c.seq""",
    "stories": """
        SELECT s.story_id, count(*) AS articles, min(s.published) AS first_published,
               any_value(a.headline) FILTER (WHERE s.original) AS original,
               string_agg(a.headline, ' | ') FILTER (WHERE NOT s.original) AS others,
               (SELECT string_agg(DISTINCT l.kind, ', ') FROM links l JOIN stories t ON t.article_id = l.a
                WHERE t.story_id = s.story_id) AS links
        FROM stories s JOIN articles a ON a.id = s.article_id
        GROUP BY s.story_id ORDER BY articles DESC, first_published""",
}


def parse_period(text: str) -> timedelta:
    """``60d``, ``8w``, ``3m`` (30 days each), ``1y``."""
    match = _PERIOD.match(text)
    if not match:
        raise InputError("--within", f"expected a period such as 60d, 8w, 3m or 1y, not {text!r}")
    return timedelta(days=int(match.group(1)) * _PERIOD_DAYS[match.group(2).lower()])


def run_query(db: str, name: str, params: list[object], limit: int, as_json: bool, title: str) -> None:
    with open_store(db) as store:
        names, rows = store.query(QUERIES[name] + limit_clause(limit), params)
    show(names, rows, as_json, title)


def _like(value: str | None) -> list[object]:
    pattern = f"%{value}%" if value else None
    return [value, pattern, pattern]


def register(app: typer.Typer) -> None:
    from newsgraph.cli import parse_date_option, user_errors

    @app.command()
    @user_errors
    def articles(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Stored articles, newest first."""
        run_query(db, "articles", [], limit, as_json, "articles")

    @app.command()
    @user_errors
    def entities(type: str | None = typer.Option(None, "--type", "-t", help="PERSON, ORG, PLACE, NORP, EVENT, OTHER"),
                 db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Entities across articles, by the number of articles naming them."""
        run_query(db, "entities", [type, type], limit, as_json, "entities")

    @app.command()
    @user_errors
    def quotes(speaker: str | None = typer.Option(None, "--speaker", help="part of the speaker's name"),
               db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Attributed quotes, optionally by one speaker."""
        run_query(db, "quotes", _like(speaker), limit, as_json, "quotes")

    @app.command()
    @user_errors
    def sources(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Groups of sources behind the stories (anonymous first)."""
        run_query(db, "sources", [], limit, as_json, "sources")

    @app.command()
    @user_errors
    def timeline(entity: str | None = typer.Option(None, "--entity", help="only events naming this entity"),
                 db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Dated events across articles, in time order."""
        run_query(db, "timeline", _like(entity), limit, as_json, "timeline")

    @app.command()
    @user_errors
    def places(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Places across articles, resolved where possible."""
        run_query(db, "places", [], limit, as_json, "places")

    @app.command()
    @user_errors
    def due(within: str = typer.Option("60d", help="how far ahead: 60d, 8w, 3m, 1y"),
            as_of: str | None = typer.Option(None, "--as-of", help="the day to count from (default today)"),
            db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Commitments falling due in the coming period."""
        start = parse_date_option(as_of, "--as-of") or date.today()
        end = start + parse_period(within)
        run_query(db, "due", [start, start, end], limit, as_json, f"due {start} to {end}")

    @app.command()
    @user_errors
    def stories(db: str = DB_OPTION, limit: int = LIMIT_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Groups of linked articles (copies, rewrites), with the likely original."""
        run_query(db, "stories", [], limit, as_json, "stories")

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
