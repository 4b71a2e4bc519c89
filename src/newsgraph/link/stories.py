"""Stories: versions of one report joined by links (copy, near-duplicate, rewrite), the original of
each with the reason it was chosen, the event thread of independent reports around it, and the
versions' facts side by side with their disagreements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.link import facts as fa
from newsgraph.link import rewrites as rw
from newsgraph.link.dedup import NEAR_DUPLICATE, Link, kind_of
from newsgraph.link.original import choose
from newsgraph.records import Article

# An event thread: another outlet's report of the same happening that shares no text with the story
# (set on the dev events): similar words and names, dated within a few days when both are dated.
THREAD_COSINE = 0.3
THREAD_ENTITIES = 0.25
THREAD_DAYS = 3
SURE_REWRITE = 0.9  # a rewrite link this sure needs no third version to support it (set on the dev events)
_KIND_RANK = {"copy": 0, "near_duplicate": 1, "rewrite": 2}


@dataclass
class Linked:
    links: list[Link] = field(default_factory=list)
    stories: list[tuple[Any, ...]] = field(default_factory=list)  # (story, article, original, published, role,
    # reason, tie)
    threads: list[tuple[str, str, float]] = field(default_factory=list)  # (story, article, score)
    facts: list[tuple[Any, ...]] = field(default_factory=list)  # (story, slot, kind, topic, article, value, ...)


PAIR_COSINE = min(rw.CANDIDATE_COSINE, THREAD_COSINE)  # the cosine a pair needs to be compared at all
Pair = tuple[int, int, float]  # (i, j, cosine): indices into the articles, i < j


def features(articles: Sequence[Article]) -> list[rw.Features]:
    """The articles' features, with one vocabulary."""
    vocab = rw.Vocabulary()
    return [rw.features(a, vocab) for a in articles]


def judge(articles: Sequence[Article], feats: Sequence[rw.Features],
          candidates: Iterable[Pair]) -> tuple[list[Link], list[tuple[int, int, float, float]]]:
    """Links among candidate pairs (i < j, in order), and the candidate pairs left unlinked (i, j, cosine,
    names shared) for the threads. Both linkers (this module's and link/sql.py) judge pairs here."""
    outlets = [rw.outlet(a) for a in articles]
    links, pairs = [], []
    for i, j, cos in candidates:
        same_outlet = outlets[i] is not None and outlets[i] == outlets[j]
        evidence = rw.parts(cos, feats[i], feats[j], rw.gap(articles[i], articles[j]), same_outlet)
        value = rw.probability(evidence)
        a, b = articles[i].id, articles[j].id
        if evidence["shingles"] >= NEAR_DUPLICATE:
            links.append(Link(a, b, kind_of(evidence["shingles"]), round(evidence["shingles"], 4)))
        elif not same_outlet and cos >= rw.CANDIDATE_COSINE and value >= rw.REWRITE:
            links.append(Link(a, b, "rewrite", round(value, 4)))
        if not links or links[-1].pair() != (min(a, b), max(a, b)):
            pairs.append((i, j, cos, rw.jaccard(feats[i].names, feats[j].names)))
    return links, pairs


def compare(articles: Sequence[Article]) -> tuple[list[Link], list[tuple[int, int, float, float]]]:
    """Links between the articles, and the candidate pairs left unlinked (i, j, cosine, names shared)
    for the threads."""
    feats = features(articles)
    return judge(articles, feats, rw.Index(feats).pairs(PAIR_COSINE))


def find_links(articles: Sequence[Article]) -> list[Link]:
    return compare(articles)[0]


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


def _role(article_id: str, originals: set[str], kinds: dict[tuple[str, str], str]) -> str:
    if article_id in originals:
        return "original"
    direct = [kinds[(min(article_id, o), max(article_id, o))] for o in originals
              if (min(article_id, o), max(article_id, o)) in kinds]
    own = direct or [k for (a, b), k in kinds.items() if article_id in (a, b)]
    return min(own, key=_KIND_RANK.__getitem__) if own else "rewrite"


def supported(links: Sequence[Link]) -> list[Link]:
    """Links that hold a story together: copies and near-duplicates, sure rewrites, and rewrites that
    a third version links to both ends of (one doubtful link does not merge two reports)."""
    neighbours: dict[str, set[str]] = {}
    for link in links:
        neighbours.setdefault(link.a, set()).add(link.b)
        neighbours.setdefault(link.b, set()).add(link.a)
    return [x for x in links if x.kind != "rewrite" or x.score >= SURE_REWRITE
            or neighbours[x.a] & neighbours[x.b]]


def link_articles(articles: Sequence[Article]) -> Linked:
    """Everything linking computes, from the articles alone (no store)."""
    return assemble(articles, *compare(articles))


def assemble(articles: Sequence[Article], links: Sequence[Link],
             pairs: Sequence[tuple[int, int, float, float]]) -> Linked:
    """Stories, their facts and event threads from the judged links and unlinked pairs (from ``judge``)."""
    links = supported(links)
    by_id = {a.id: a for a in articles}
    kinds = {link.pair(): link.kind for link in links}
    out = Linked(links=links)
    story_of: dict[str, str] = {}
    for group in connected_groups(list(by_id), [(x.a, x.b) for x in links]):
        members = sorted((by_id[i] for i in group), key=lambda a: a.id)
        original = choose(members)
        story_id = "s" + original.ids[0]
        originals = set(original.ids)
        for article in members:
            story_of[article.id] = story_id
            out.stories.append((story_id, article.id, article.id in originals, article.metadata.published,
                                _role(article.id, originals, kinds), original.reason if article.id in originals
                                else None, original.tie))
        out.facts += [(story_id, f.slot, f.kind, f.topic, f.article_id, f.value, f.text, f.start, f.end,
                       f.disagreement) for f in fa.align(members)]
    out.threads = _threads(articles, pairs, story_of)
    return out


def store_order(article: Article) -> tuple[bool, date, str]:
    """The order the store gives the articles in (``ORDER BY published NULLS LAST, id``): the order
    pairs are judged in, so which end of a link is ``a`` and which thread wins a tie."""
    published = article.metadata.published
    return published is None, published or date.min, article.id


def _threads(articles: Sequence[Article], pairs: Sequence[tuple[int, int, float, float]],
             story_of: dict[str, str]) -> list[tuple[str, str, float]]:
    """Articles outside a story that report the same happening: each joins the story it is closest to."""
    best: dict[str, tuple[float, str]] = {}
    for i, j, cos, shared_names in pairs:
        a, b = articles[i], articles[j]
        if cos < THREAD_COSINE:
            continue
        days = rw.gap(a, b)
        if days is not None and days > THREAD_DAYS:
            continue
        if shared_names < THREAD_ENTITIES:
            continue
        for inside, outside in ((a, b), (b, a)):
            story = story_of.get(inside.id)
            if story is None or story_of.get(outside.id) == story:
                continue
            if story_of.get(outside.id) is not None and len(story) > 0:
                continue  # a version of another story is not an independent report of this one
            if cos > best.get(outside.id, (0.0, ""))[0]:
                best[outside.id] = (cos, story)
    return sorted((story, article, round(score, 4)) for article, (score, story) in best.items())


def link_store(db: str) -> tuple[int, int]:
    """Recompute links, stories, threads and facts over the whole store; returns (links, stories). The
    store is held for writing (readers wait) only while the records are read and the results swapped in,
    not while the articles are rebuilt and linked."""
    from newsgraph.store.duckdb import open_for_writing

    with open_for_writing(db, migrate=True) as store:  # a store made before the thread and fact tables gets them
        records = store.article_records()
    articles = [Article.model_validate_json(record) for record in records]
    linked = link_articles(articles)
    with open_for_writing(db) as store:
        store.replace_links([(x.a, x.b, x.kind, x.score) for x in linked.links], linked.stories,
                            linked.threads, linked.facts)
    return len(linked.links), len({r[0] for r in linked.stories})


def link_if_stale(db: str) -> bool:
    """Link the store when articles were stored since the last linking; True when it did."""
    from newsgraph.store.duckdb import open_for_writing

    with open_for_writing(db) as store:
        stale = store.links_stale()
    if stale:
        link_store(db)
    return stale
