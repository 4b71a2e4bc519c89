"""One article from the store: its full record, where it was read from, and its story."""

from __future__ import annotations

from typing import Any

from newsgraph.records import Article
from newsgraph.store.duckdb import Store


def article(store: Store, article_id: str) -> Article | None:
    """One stored article, rebuilt from its full record; None when there is no such id."""
    _, rows = store.query("SELECT record FROM articles WHERE id = $id", {"id": article_id})
    return Article.model_validate_json(rows[0][0]) if rows else None


def article_links(store: Store, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Where an article was read from, and the other articles of its story (with the link kind)."""
    _, copies = store.query("SELECT source, url, seen_at FROM copies WHERE article_id = $id ORDER BY seen_at",
                            {"id": article_id})
    _, story = store.query("""
        SELECT o.article_id, a.headline, o.original, o.published,
               (SELECT string_agg(DISTINCT l.kind, ', ') FROM links l
                WHERE (l.a, l.b) IN ((s.article_id, o.article_id), (o.article_id, s.article_id))) AS link
        FROM stories s JOIN stories o ON o.story_id = s.story_id AND o.article_id <> s.article_id
        JOIN articles a ON a.id = o.article_id
        WHERE s.article_id = $id ORDER BY o.published NULLS LAST, o.article_id""", {"id": article_id})
    return {
        "copies": [{"source": s, "url": u, "seen_at": t} for s, u, t in copies],
        "story": [{"article_id": i, "headline": h, "original": o, "published": p, "link": k}
                  for i, h, o, p, k in story],
    }
