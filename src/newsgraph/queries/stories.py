"""One story from the store: its versions (role, outlet, date, URL), the original and why, the
outlets the versions credit, the event thread, and the versions' facts side by side with the
disagreements first."""

from __future__ import annotations

from typing import Any

from newsgraph.queries.catalog import _OUTLET
from newsgraph.store.duckdb import Store


def _dicts(names: list[str], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(names, r, strict=True)) for r in rows]


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Everything stored about one story; None when there is no such story."""
    params = {"id": story_id}
    names, rows = store.query(f"""
        SELECT s.article_id, s.role, s.original, s.tie, s.reason, s.published, {_OUTLET} AS outlet, a.url,
               a.headline, a.dateline, a.dateline_source
        FROM stories s JOIN articles a ON a.id = s.article_id WHERE s.story_id = $id
        ORDER BY s.original DESC, s.published NULLS LAST, s.article_id""", params)
    if not rows:
        return None
    versions = _dicts(names, rows)
    original = [v for v in versions if v["original"]]
    names, rows = store.query("""
        SELECT c.article_id, c.outlet, c.cue, c.first, c.context, c.start, c."end"
        FROM citations c JOIN stories s ON s.article_id = c.article_id WHERE s.story_id = $id
        ORDER BY c.outlet, c.article_id, c.seq""", params)
    citations = _dicts(names, rows)
    names, rows = store.query(f"""
        SELECT e.article_id, e.score, a.published, {_OUTLET} AS outlet, a.url, a.headline
        FROM event_threads e JOIN articles a ON a.id = e.article_id WHERE e.story_id = $id
        ORDER BY e.score DESC, e.article_id""", params)
    thread = _dicts(names, rows)
    names, rows = store.query("""
        SELECT slot, kind, topic, article_id, value, text, start, "end", disagreement
        FROM story_facts WHERE story_id = $id ORDER BY disagreement DESC, slot, article_id""", params)
    slots: dict[int, dict[str, Any]] = {}
    for fact in _dicts(names, rows):
        slot = slots.setdefault(fact["slot"], {"slot": fact["slot"], "kind": fact["kind"], "topic": fact["topic"],
                                               "disagreement": False, "values": []})
        slot["disagreement"] = slot["disagreement"] or bool(fact["disagreement"])
        slot["values"].append({k: fact[k] for k in ("article_id", "value", "text", "start", "end")})
    facts = sorted(slots.values(), key=lambda s: (not s["disagreement"], s["slot"]))
    return {"story_id": story_id,
            "original": {"article_ids": [v["article_id"] for v in original],
                         "reason": original[0]["reason"] if original else None,
                         "tie": len(original) > 1},
            "versions": versions, "citations": citations, "event_thread": thread,
            "disagreements": [f for f in facts if f["disagreement"]],
            "facts": [f for f in facts if not f["disagreement"]]}
