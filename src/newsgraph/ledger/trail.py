"""One entry's evidence trail: statements, changes and outcomes in time order, each pointing at its
article and characters, and the entry as JSON with its status as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsgraph.ledger.entries import status
from newsgraph.ledger.model import LedgerEntry


def entry_json(entry: LedgerEntry, as_of: date | None = None) -> dict[str, Any]:
    day = as_of or date.today()
    data = entry.model_dump(mode="json")
    data["as_of"] = day.isoformat()
    data["status"] = status(entry, day)
    for change in data["changes"]:
        change["from_article"] = entry.statements[change["from_statement"]].article_id
        change["to_article"] = entry.statements[change["to_statement"]].article_id
    data["trail"] = trail(entry)
    return data


def trail(entry: LedgerEntry) -> list[dict[str, Any]]:
    """Every event of the entry in time order (statements, changes, outcomes)."""
    events: list[tuple[Any, int, dict[str, Any]]] = []
    for i, s in enumerate(entry.statements):
        events.append((s.published or date.max, 0, {
            "on": s.published, "event": "statement", "detail": f"{s.modality}, by {s.deadline or 'no date'}"
            + (f", source: {s.source}" if s.source else "") + (" (anonymous)" if s.anonymous else ""),
            "text": s.text, "article_id": s.article_id, "start": s.start, "end": s.end, "index": i}))
    for c in entry.changes:
        to = entry.statements[c.to_statement]
        events.append((c.on or date.max, 1, {
            "on": c.on, "event": c.kind, "detail": c.note, "text": to.text, "article_id": to.article_id,
            "start": to.start, "end": to.end, "index": c.to_statement}))
    for i, o in enumerate(entry.outcomes):
        when = o.date or o.new_deadline
        events.append((o.published or date.max, 2, {
            "on": o.published, "event": f"outcome: {o.kind}", "detail": f"{'on' if o.date else 'to'} {when}"
            if when else "", "text": o.text, "article_id": o.article_id, "start": o.start, "end": o.end,
            "index": i}))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]
