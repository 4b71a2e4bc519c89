"""Exact and near-duplicate articles.

Exact copies share ``Article.id`` (a hash of the normalized body), so the store keeps them as one
article with several sources. Near-duplicates (other page furniture, paragraphs dropped or
reordered, house style such as "U.S." for "US" or curly quotes) are found with MinHash LSH
(datasketch) on word shingles of the normalized text, then confirmed with the exact overlap of the
two shingle sets: the share of the shorter text found in the longer one, so a copy with paragraphs
dropped still scores high while reordering changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.link import text as tx

SHINGLE = 5  # words per shingle
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # Jaccard for candidates: low, so shortened copies are still proposed
NEAR_DUPLICATE = 0.5  # overlap of the shorter text's shingles that makes a near-duplicate (set on the dev half)
COPY = 0.9  # overlap that makes a copy: the shorter text is (almost) all in the longer one


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    kind: str  # "copy", "near_duplicate" or "rewrite"
    score: float

    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a < self.b else (self.b, self.a)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    return tx.shingles(text, size)


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one (1.0 for a copy with paragraphs dropped)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def kind_of(score: float) -> str:
    return "copy" if score >= COPY else "near_duplicate"


def _minhash(features: set[str]):  # type: ignore[no-untyped-def]
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM)
    sketch.update_batch([f.encode("utf-8") for f in features])
    return sketch


def near_duplicates(ids: Sequence[str], bodies: Sequence[str], threshold: float = NEAR_DUPLICATE) -> list[Link]:
    """Near-duplicate links among the given articles (ids distinct, so exact copies are already merged)."""
    from datasketch import MinHashLSH

    sets = [shingles(body) for body in bodies]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    links: list[Link] = []
    for index, (article_id, features) in enumerate(zip(ids, sets, strict=True)):
        if not features:
            continue
        sketch = _minhash(features)
        for other in lsh.query(sketch):
            score = overlap(features, sets[other])
            if score >= threshold:
                links.append(Link(ids[other], article_id, "near_duplicate", round(score, 4)))
        lsh.insert(index, sketch)
    return links
