"""Which version of a story the others derive from, and why.

Evidence, strongest first: the version published by the outlet the versions credit ("BAGHDAD
(Reuters) -", "told Reuters", "first reported by TMZ"); then, among the earliest dated versions (an
undated version is not assumed late: it stays in the running), the one carrying the credited
outlet's own dateline, then the most complete text. Versions that nothing tells apart are a tie, and
the tie is shown as such (every tied version is marked), never settled by the order of ingest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsgraph.extract.citations import canonical_outlet
from newsgraph.extract.citations.credits import outlet_names
from newsgraph.records import Article

COMPLETE_MARGIN = 0.9  # a text shorter than this share of the longest is less complete


@dataclass(frozen=True)
class Original:
    ids: tuple[str, ...]  # one id, or every tied version
    reason: str
    credited: str | None  # the outlet the versions credit most, when any

    @property
    def tie(self) -> bool:
        return len(self.ids) > 1


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def publisher_outlet(article: Article) -> str | None:
    """The canonical outlet that published an article, from its web domain or publisher name."""
    url = article.metadata.url or (article.source if article.source.startswith(("http://", "https://")) else None)
    labels = []
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        labels = [part for part in host.split(".")[:-1] if part]
    keys = {_key(alias): canonical for alias, canonical in outlet_names().items()}
    for label in labels:
        if _key(label) in keys:
            return keys[_key(label)]
    if article.metadata.publisher:
        return canonical_outlet(article.metadata.publisher)
    return None


def credited(members: Sequence[Article]) -> tuple[str | None, int]:
    """The outlet most versions credit (each version counted once) and how many credit it."""
    counts: Counter[str] = Counter()
    for article in members:
        counts.update({c.outlet for c in article.citations})
    if not counts:
        return None, 0
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))  # alphabetical on equal counts: stable
    return best


def choose(members: Sequence[Article]) -> Original:
    source, n = credited(members)
    if source is not None:
        own = [a for a in members if publisher_outlet(a) == source]
        if own:
            ids = tuple(sorted(a.id for a in _most_complete(own)))
            return Original(ids, f"published by {source}, which {n} of {len(members)} versions credit", source)
    first = {c.outlet for a in members for c in a.citations if c.first}
    named_first = [a for a in members if publisher_outlet(a) in first]
    if named_first:
        return Original(tuple(sorted(a.id for a in named_first)), "published by the outlet named as first to report it",
                        source)
    dated = [a for a in members if a.metadata.published is not None]
    earliest = min((a.metadata.published for a in dated), default=None)  # type: ignore[type-var]
    pool = [a for a in members if a.metadata.published is None or a.metadata.published == earliest]
    why = []
    if earliest is not None:
        why.append(f"earliest date {earliest.isoformat()}" if len(pool) == 1 or all(
            a.metadata.published for a in pool) else f"earliest date {earliest.isoformat()} or undated")
    if source is not None:
        with_dateline = [a for a in pool if any(c.cue == "dateline" and c.outlet == source for c in a.citations)]
        if with_dateline:
            pool = with_dateline
            why.append(f"carries the {source} dateline")
    complete = _most_complete(pool)
    if len(complete) < len(pool):
        why.append("the most complete text")
    pool = complete
    reason = "; ".join(why) or "no dates or credits to go by"
    if len(pool) > 1:
        reason = f"tie between {len(pool)} versions: {reason}"
    return Original(tuple(sorted(a.id for a in pool)), reason, source)


def _most_complete(pool: Sequence[Article]) -> list[Article]:
    longest = max(len(a.body) for a in pool)
    return [a for a in pool if len(a.body) >= COMPLETE_MARGIN * longest]
