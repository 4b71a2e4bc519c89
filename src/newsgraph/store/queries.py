"""The named queries over the store, shared by the CLI, the REST API and the web UI.

Each query takes the same filters everywhere; ``select`` runs one with paging. Filters are declared
once here (with their help text), so the CLI options and the API parameters say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, get_args

from newsgraph.errors import InputError
from newsgraph.records import Article, Entity
from newsgraph.store.duckdb import Store

_PERIOD = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)
_PERIOD_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
ENTITY_TYPES: tuple[str, ...] = get_args(Entity.model_fields["type"].annotation)

HELP = {
    "search": "part of the headline",
    "type": ", ".join(ENTITY_TYPES),
    "speaker": "part of the speaker's name",
    "entity": "only events naming this entity",
    "within": "how far ahead: 60d, 8w, 3m, 1y",
    "as_of": "the day to count from, YYYY-MM-DD (default today)",
}

QUERIES: dict[str, str] = {
    "articles": """
        SELECT a.id, a.published, a.headline, coalesce(a.publisher, a.url, a.source) AS "from",
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
        FROM articles a
        WHERE ? IS NULL OR a.headline ILIKE ?
        ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.id""",
    "entities": """
        SELECT any_value(e.name) AS name, e.type, count(DISTINCT e.article_id) AS articles,
               sum(coalesce(m.n, 0)) AS mentions, string_agg(DISTINCT e.role, '; ') AS roles
        FROM entities e LEFT JOIN (SELECT article_id, entity_id, count(*) AS n FROM mentions GROUP BY 1, 2) m
             ON m.article_id = e.article_id AND m.entity_id = e.id
        WHERE (? IS NULL OR e.type = upper(?))
        GROUP BY lower(e.name), e.type ORDER BY articles DESC, mentions DESC, name""",
    "quotes": """
        SELECT coalesce(q.speaker_name, q.speaker_text) AS speaker, q.kind, q.text AS quote, a.headline AS article,
               q.article_id, q.id AS quote_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE (? IS NULL OR coalesce(q.speaker_name, '') ILIKE ? OR coalesce(q.speaker_text, '') ILIKE ?)
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq""",
    "sources": """
        SELECT s.descriptor, s.count, s.anonymous, s.affiliation, s.reason, a.headline AS article, s.article_id
        FROM source_groups s JOIN articles a ON a.id = s.article_id
        ORDER BY s.anonymous DESC, a.published DESC NULLS LAST, s.article_id, s.seq""",
    "timeline": """
        SELECT t.value, t.mod, t.clause_text AS what, a.headline AS article, t.article_id
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
               c.source, c.source_anonymous, a.headline AS article, c.article_id
        FROM commitments c JOIN articles a ON a.id = c.article_id
        WHERE c.due_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
        ORDER BY c.due_date, c.article_id, c.seq""",
    "stories": """
        SELECT s.story_id, count(*) AS articles, min(s.published) AS first_published,
               any_value(a.headline) FILTER (WHERE s.original) AS original,
               string_agg(a.headline, ' | ') FILTER (WHERE NOT s.original) AS others,
               (SELECT string_agg(DISTINCT l.kind, ', ') FROM links l JOIN stories t ON t.article_id = l.a
                WHERE t.story_id = s.story_id) AS links,
               any_value(a.id) FILTER (WHERE s.original) AS article_id
        FROM stories s JOIN articles a ON a.id = s.article_id
        GROUP BY s.story_id ORDER BY articles DESC, first_published, s.story_id""",
}


@dataclass(frozen=True)
class Filters:
    """What the named queries can be narrowed by; each query reads the filters it knows."""

    search: str | None = None
    type: str | None = None
    speaker: str | None = None
    entity: str | None = None
    as_of: date | None = None
    within: str = "60d"

    def due_window(self) -> tuple[date, date]:
        start = self.as_of or date.today()
        return start, start + parse_period(self.within)


def parse_period(text: str) -> timedelta:
    """``60d``, ``8w``, ``3m`` (30 days each), ``1y``."""
    match = _PERIOD.match(text)
    if not match:
        raise InputError("within", f"expected a period such as 60d, 8w, 3m or 1y, not {text!r}")
    return timedelta(days=int(match.group(1)) * _PERIOD_DAYS[match.group(2).lower()])


def check_entity_type(value: str | None) -> str | None:
    if value is not None and value.upper() not in ENTITY_TYPES:
        raise InputError("type", f"expected one of {HELP['type']}, not {value!r}")
    return value


def _like(value: str | None) -> list[object]:
    pattern = f"%{value}%" if value else None
    return [pattern, pattern, pattern]


def query_params(name: str, filters: Filters) -> list[object]:
    """The positional parameters of query ``name`` (its ``?`` in order)."""
    if name == "articles":
        return _like(filters.search)[:2]
    if name == "entities":
        check_entity_type(filters.type)
        return [filters.type, filters.type]
    if name == "quotes":
        return _like(filters.speaker)
    if name == "timeline":
        return _like(filters.entity)
    if name == "due":
        start, end = filters.due_window()
        return [start, start, end]
    return []


def page_clause(limit: int, offset: int = 0) -> str:
    """LIMIT/OFFSET (a limit of 0 means all rows)."""
    clause = f" LIMIT {int(limit)}" if limit and limit > 0 else ""
    return clause + (f" OFFSET {int(offset)}" if offset and offset > 0 else "")


def select(store: Store, name: str, filters: Filters = Filters(), limit: int = 0,
           offset: int = 0) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of the named query, one page of them."""
    return store.query(QUERIES[name] + page_clause(limit, offset), query_params(name, filters))


def count(store: Store, name: str, filters: Filters = Filters()) -> int:
    """How many rows the named query has in all (for paging)."""
    _, rows = store.query(f"SELECT count(*) FROM ({QUERIES[name]})", query_params(name, filters))
    return int(rows[0][0])


def article(store: Store, article_id: str) -> Article | None:
    """One stored article, rebuilt from its full record; None when there is no such id."""
    _, rows = store.query("SELECT record FROM articles WHERE id = ?", [article_id])
    return Article.model_validate_json(rows[0][0]) if rows else None


def article_links(store: Store, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Where an article was read from, and the other articles of its story (with the link kind)."""
    _, copies = store.query("SELECT source, url, seen_at FROM copies WHERE article_id = ? ORDER BY seen_at",
                            [article_id])
    _, story = store.query("""
        SELECT o.article_id, a.headline, o.original, o.published,
               (SELECT string_agg(DISTINCT l.kind, ', ') FROM links l
                WHERE (l.a, l.b) IN ((s.article_id, o.article_id), (o.article_id, s.article_id))) AS link
        FROM stories s JOIN stories o ON o.story_id = s.story_id AND o.article_id <> s.article_id
        JOIN articles a ON a.id = o.article_id
        WHERE s.article_id = ? ORDER BY o.published NULLS LAST, o.article_id""", [article_id])
    return {
        "copies": [{"source": s, "url": u, "seen_at": t} for s, u, t in copies],
        "story": [{"article_id": i, "headline": h, "original": o, "published": p, "link": k}
                  for i, h, o, p, k in story],
    }
