"""Stories: articles joined by any link (copy, near-duplicate, rewrite); the earliest is the likely original."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from newsgraph.link.dedup import Link, near_duplicates
from newsgraph.link.rewrites import rewrites
from newsgraph.records import Article

_LATE = datetime.max.replace(tzinfo=UTC)


def find_links(articles: Sequence[Article]) -> list[Link]:
    """Near-duplicate links first; a pair already near-duplicate is not also a rewrite."""
    near = near_duplicates([a.id for a in articles], [a.body for a in articles])
    seen = {link.pair() for link in near}
    return near + [link for link in rewrites(articles) if link.pair() not in seen]


def _components(ids: Sequence[str], links: Sequence[Link]) -> list[list[str]]:
    return connected_groups(ids, [(link.a, link.b) for link in links])


def connected_groups(ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Groups of two or more ids joined by the pairs, transitively (union-find)."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _when(article: Article) -> tuple[date, datetime, str]:
    """Sort key: publication date, then when it was fetched, then id (so the order is stable)."""
    published = article.metadata.published or date.max
    return published, article.fetched_at or _LATE, article.id


def stories(articles: Sequence[Article], links: Sequence[Link]) -> list[tuple[str, str, bool, date | None]]:
    """Rows (story id, article id, is original, published) for every story of two or more articles."""
    by_id = {a.id: a for a in articles}
    rows = []
    for group in _components(list(by_id), links):
        members = sorted((by_id[i] for i in group), key=_when)
        story_id = "s" + members[0].id
        rows += [(story_id, a.id, index == 0, a.metadata.published) for index, a in enumerate(members)]
    return rows


def link_store(db: str) -> tuple[int, int]:
    """Recompute links and stories over the whole store; returns (links, stories). The store is held
    only to read the articles and to swap the new links in, not while they are computed."""
    from newsgraph.store.duckdb import open_for_writing

    with open_for_writing(db) as store:
        articles = store.articles()
    links = find_links(articles)
    rows = stories(articles, links)
    with open_for_writing(db) as store:
        store.replace_links([(x.a, x.b, x.kind, x.score) for x in links], rows)
    return len(links), len({r[0] for r in rows})


def link_if_stale(db: str) -> bool:
    """Link the store when articles were stored since the last linking; True when it did."""
    from newsgraph.store.duckdb import open_for_writing

    with open_for_writing(db) as store:
        stale = store.links_stale()
    if stale:
        link_store(db)
    return stale
