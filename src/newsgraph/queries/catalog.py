"""The named queries over the store, each declared once: SQL, parameters, title and help.

The CLI command, the API route and the web page of each query are generated from its
declaration (``commands/query.py``, ``api/routes.py``, ``web/routes.py``), so the three always
take the same filters with the same bounds and say the same thing about them. To add a query,
add a ``Query`` to ``QUERIES``; it appears on all three surfaces.

SQL parameters are named (``$speaker``); a query's ``derive`` adds values computed from the parsed
ones (the end of a date window). Searches match literally (``contains``), so ``%`` and ``_`` are
plain characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, get_args

from newsgraph.queries.params import Param, add_days, choice, day, period, switch, text
from newsgraph.records import Entity

ENTITY_TYPES: tuple[str, ...] = get_args(Entity.model_fields["type"].annotation)


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    help: str
    sql: str
    params: tuple[Param, ...] = ()
    derive: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda values: {})
    path: str | None = None  # the web page (default /<name>)
    cli: bool = True  # False: the command is written by hand (``ledger`` also shows one entry)

    @property
    def page(self) -> str:
        return self.path or f"/{self.name}"

    def heading(self, values: dict[str, Any]) -> str:
        """The title with the window a query covers, when it has one (``due``)."""
        derived = self.derive(values)
        if "start" in derived and "end" in derived:
            return f"{self.title} {derived['start']} to {derived['end']}"
        return self.title


def _contains(column: str, param: str) -> str:
    """A literal, case-insensitive substring test that is true when the parameter is absent."""
    return f"(${param} IS NULL OR contains(lower(coalesce({column}, '')), lower(${param})))"


# quotes stored before Quote.act existed have none: a belief stays a belief, the rest count as statements
_ACT = "coalesce(q.act, CASE WHEN q.belief THEN 'belief' ELSE 'statement' END)"


def _due_window(values: dict[str, Any]) -> dict[str, Any]:
    start: date = values.get("as_of") or date.today()
    return {"start": start, "end": add_days(start, values["within"])}


def _as_of(values: dict[str, Any]) -> dict[str, Any]:
    return {"day": values.get("as_of") or date.today()}


LEDGER_STATUSES = ("open", "due_soon", "overdue", "kept_on_time", "kept_late", "moved", "broken", "contradicted")

# The status of every ledger entry as of $day, from what was published by then: the same rules as
# newsgraph.ledger.entries.status (a test holds the two together).
LEDGER_STATUS_SQL = """
    WITH st AS (SELECT * FROM ledger_statements WHERE published IS NULL OR published <= $day),
    dated AS (SELECT entry_id, arg_min(due_date, seq) AS first_due, arg_max(due_date, seq) AS latest_due
              FROM st WHERE due_date IS NOT NULL GROUP BY entry_id),
    said AS (SELECT entry_id, min(published) AS first_said, max(published) AS last_said, count(*) AS statements
             FROM st GROUP BY entry_id),
    oc AS (SELECT * FROM ledger_outcomes WHERE published IS NULL OR published <= $day),
    outs AS (SELECT entry_id, count(*) AS outcomes,
                    min(happened) FILTER (WHERE kind = 'done') AS done_on,
                    count(*) FILTER (WHERE kind = 'done') AS done,
                    count(*) FILTER (WHERE kind = 'cancelled') AS cancelled,
                    count(*) FILTER (WHERE kind = 'denied') AS denied,
                    count(*) FILTER (WHERE kind = 'postponed') AS postponed,
                    arg_max_null(new_due, seq) FILTER (WHERE kind = 'postponed') AS new_due
             FROM oc GROUP BY entry_id),
    ch AS (SELECT entry_id, count(*) FILTER (WHERE kind IN ('moved_later', 'moved_earlier')) AS moves,
                  max("on") FILTER (WHERE kind = 'contradicted') AS contradicted_on
           FROM ledger_changes WHERE "on" IS NULL OR "on" <= $day GROUP BY entry_id),
    ledger AS (
        SELECT e.*, s.first_said, s.last_said, s.statements, coalesce(o.outcomes, 0) AS outcomes,
               d.first_due, coalesce(o.new_due, d.latest_due) AS due,
               CASE
                 WHEN o.done > 0 THEN CASE WHEN d.first_due IS NULL OR o.done_on IS NULL OR o.done_on <= d.first_due
                                           THEN 'kept_on_time' ELSE 'kept_late' END
                 WHEN o.cancelled > 0 THEN 'broken'
                 WHEN o.denied > 0 THEN CASE WHEN coalesce(o.new_due, d.latest_due) IS NULL
                                                  OR coalesce(o.new_due, d.latest_due) < $day
                                             THEN 'broken' ELSE 'contradicted' END
                 WHEN c.contradicted_on IS NOT NULL AND s.last_said - c.contradicted_on <= 14 THEN 'contradicted'
                 WHEN coalesce(c.moves, 0) > 0 OR coalesce(o.postponed, 0) > 0 THEN 'moved'
                 WHEN coalesce(o.new_due, d.latest_due) IS NULL THEN 'open'
                 WHEN coalesce(o.new_due, d.latest_due) < $day THEN 'overdue'
                 WHEN coalesce(o.new_due, d.latest_due) - $day <= 30 THEN 'due_soon'
                 ELSE 'open' END AS status
        FROM ledger_entries e JOIN said s ON s.entry_id = e.id
        LEFT JOIN dated d ON d.entry_id = e.id LEFT JOIN outs o ON o.entry_id = e.id
        LEFT JOIN ch c ON c.entry_id = e.id)"""


SEARCH = Param("search", "part of the headline", text, alias="q", flags=("--search", "-s"))
ENTITY_TYPE = Param("type", ", ".join(ENTITY_TYPES), choice(*ENTITY_TYPES), flags=("--type", "-t"))
SPEAKER = Param("speaker", "part of the speaker's name", text)
ENTITY = Param("entity", "only events naming this entity", text)
WITHIN = Param("within", "how far ahead: 60d, 8w, 3m, 1y", period, default="60d")
ALL_ATTRIBUTIONS = Param("all", "every attribution: beliefs, perceptions, intentions and evidence too, not only "
                         "statements", switch, default="false", flags=("--all",), switch=True)
OUTLET = Param("outlet", "part of the credited outlet's name", text)
_OUTLET = "coalesce(nullif(regexp_extract(a.url, '^https?://(?:www\\.)?([^/:]+)', 1), ''), a.publisher, 'unknown')"
_OUTLET_T = _OUTLET.replace("a.", "t.")
ORDER = Param("order", "newest (default) or oldest first", choice("newest", "oldest"), default="newest")
AS_OF = Param("as_of", "the day to count from, YYYY-MM-DD (default today)", day)
STATUS = Param("status", ", ".join(LEDGER_STATUSES), choice(*LEDGER_STATUSES))
ACTOR = Param("entity", "part of the actor's name or of what was committed", text)

QUERIES: tuple[Query, ...] = (
    Query("articles", "Articles", "Stored articles, newest first.", f"""
        SELECT a.id, a.published, a.headline, coalesce(a.publisher, a.url, a.source) AS "from",
               (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
        FROM articles a
        WHERE {_contains("a.headline", "search")}
        ORDER BY a.published DESC NULLS LAST, a.ingested_at DESC, a.id""", (SEARCH,), path="/"),
    Query("entities", "Entities", "Entities across articles, by the number of articles naming them.", """
        SELECT any_value(e.name) AS name, e.type, count(DISTINCT e.article_id) AS articles,
               sum(coalesce(m.n, 0)) AS mentions, string_agg(DISTINCT e.role, '; ') AS roles
        FROM entities e LEFT JOIN (SELECT article_id, entity_id, count(*) AS n FROM mentions GROUP BY 1, 2) m
             ON m.article_id = e.article_id AND m.entity_id = e.id
        WHERE ($type IS NULL OR e.type = $type)
        GROUP BY lower(e.name), e.type ORDER BY articles DESC, mentions DESC, name""", (ENTITY_TYPE,)),
    Query("quotes", "Quotes", "Statements (said, told, wrote, announced ...), optionally by one speaker; with "
          "--all, every attribution (beliefs, perceptions, intentions, evidence).", f"""
        SELECT coalesce(q.speaker_name, q.speaker_text, '(unknown)') AS speaker, q.kind, {_ACT} AS act,
               q.text AS quote, a.headline AS article, q.article_id, q.id AS quote_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE ({_contains("q.speaker_name", "speaker")} OR {_contains("q.speaker_text", "speaker")})
          AND ($all OR {_ACT} = 'statement')
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq""", (SPEAKER, ALL_ATTRIBUTIONS)),
    Query("sources", "Sources", "Groups of sources behind the stories, anonymous first.", """
        SELECT s.descriptor, s.count, s.anonymous, s.affiliation, s.reason, a.headline AS article, s.article_id
        FROM source_groups s JOIN articles a ON a.id = s.article_id
        ORDER BY s.anonymous DESC, a.published DESC NULLS LAST, s.article_id, s.seq"""),
    Query("timeline", "Timeline", "Dated events across articles, newest first (or oldest first).", f"""
        SELECT t.label AS "when", t.value, t.mod, t.clause_text AS what, a.headline AS article, t.article_id
        FROM timeline t JOIN articles a ON a.id = t.article_id
        WHERE $entity IS NULL OR EXISTS (
            SELECT 1 FROM mentions m JOIN entities e ON e.article_id = m.article_id AND e.id = m.entity_id
            WHERE m.article_id = t.article_id AND m.start >= t.clause_start AND m."end" <= t.clause_end
              AND ({_contains("e.name", "entity")} OR {_contains("CAST(e.aliases AS VARCHAR)", "entity")}))
        ORDER BY CASE WHEN $order = 'oldest' THEN t.value END ASC, t.value DESC, t.article_id, t.seq""",
          (ENTITY, ORDER)),
    Query("places", "Places", "Places across articles, resolved where possible.", """
        SELECT any_value(name) AS name, country, admin1, any_value(lat) AS lat, any_value(lon) AS lon,
               geonames_id, count(DISTINCT article_id) AS articles, count(*) AS mentions
        FROM places GROUP BY coalesce(CAST(geonames_id AS VARCHAR), lower(name)), geonames_id, country, admin1
        ORDER BY articles DESC, mentions DESC, name"""),
    Query("due", "Commitments due", "Commitments falling due in the coming period, with their source and the "
          "status of their ledger entry.", LEDGER_STATUS_SQL + """
        SELECT c.due_date, c.due_date - $start AS days_left, c.actor, c.what, c.modality,
               c.source, c.source_anonymous,
               (SELECT any_value(l.status) FROM ledger_statements ls JOIN ledger l ON l.id = ls.entry_id
                WHERE ls.article_id = c.article_id AND ls.start = c.start) AS ledger,
               a.headline AS article, c.article_id
        FROM commitments c JOIN articles a ON a.id = c.article_id
        WHERE c.due_date BETWEEN $start AND $end
        ORDER BY c.due_date, c.article_id, c.seq""", (WITHIN, AS_OF),
          derive=lambda values: {**_due_window(values), "day": values.get("as_of") or date.today()}),
    Query("ledger", "Commitment ledger", "Commitments followed across articles: status as of a date, with the "
          "first and last statement.", LEDGER_STATUS_SQL + f"""
        SELECT id, status, actor, action, what, due AS deadline, first_said, last_said, statements, outcomes
        FROM ledger
        WHERE ($status IS NULL OR status = $status)
          AND ({_contains("actor", "entity")} OR {_contains("what", "entity")}
               OR {_contains("CAST(terms AS VARCHAR)", "entity")})
        ORDER BY last_said DESC NULLS LAST, id""", (STATUS, ACTOR, AS_OF), derive=_as_of, cli=False),
    Query("stories", "Stories", "Versions of one report across outlets: each member's role, outlet, date and URL, "
          "the original and why, and the independent reports of the same event.", f"""
        SELECT s.story_id, count(*) AS articles, min(s.published) AS first_published,
               arg_min(a.headline, a.id) FILTER (WHERE s.original) AS original,
               arg_min(s.reason, a.id) FILTER (WHERE s.original) AS why,
               string_agg(s.role || ': ' || {_OUTLET} || ' ' || coalesce(CAST(s.published AS VARCHAR), 'undated')
                          || coalesce(' ' || a.url, ''), ' | ' ORDER BY s.original DESC, s.published, s.article_id)
                   AS versions,
               (SELECT string_agg('same event: ' || {_OUTLET_T} || ' '
                                  || coalesce(CAST(t.published AS VARCHAR), 'undated') || coalesce(' ' || t.url, ''),
                                  ' | ' ORDER BY t.published, t.id)
                FROM event_threads e JOIN articles t ON t.id = e.article_id WHERE e.story_id = s.story_id)
                   AS same_event,
               (SELECT count(DISTINCT f.slot) FROM story_facts f WHERE f.story_id = s.story_id AND f.disagreement)
                   AS disagreements,
               (SELECT string_agg(DISTINCT l.kind, ', ' ORDER BY l.kind)
                FROM links l JOIN stories t ON t.article_id = l.a WHERE t.story_id = s.story_id) AS links,
               min(a.id) FILTER (WHERE s.original) AS article_id
        FROM stories s JOIN articles a ON a.id = s.article_id
        GROUP BY s.story_id ORDER BY articles DESC, first_published, s.story_id"""),
    Query("citations", "Citations", "Outlets the articles credit (wire datelines, \"told Reuters\", \"first reported "
          "by\"), optionally for one outlet.", f"""
        SELECT c.outlet, c.cue, c.first, c.context, a.headline AS article, {_OUTLET} AS credited_by, c.article_id
        FROM citations c JOIN articles a ON a.id = c.article_id
        WHERE {_contains("c.outlet", "outlet")}
        ORDER BY c.outlet, a.published NULLS LAST, c.article_id, c.seq""", (OUTLET,)),
)

BY_NAME: dict[str, Query] = {q.name: q for q in QUERIES}
