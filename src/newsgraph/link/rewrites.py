"""Rewrites: the same report retold by another outlet, in other words.

Shingles miss them, so the evidence is what a rewrite keeps: the content words (TF-IDF cosine over
the corpus), the named entities, the numbers and the quoted words. Candidates come from a sparse
matrix product of the TF-IDF rows, computed in blocks so memory stays flat as the corpus grows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from newsgraph.link.dedup import Link
from newsgraph.records import Article

REWRITE = 0.39  # combined score that makes a rewrite (threshold chosen on the dev split of the gold set)
CANDIDATE_COSINE = 0.15
# Entity names already count in the cosine, so their overlap weighs little on its own: local news on
# one town shares its mayor and streets across unrelated stories. Numbers and quotes are what a
# rewrite must keep.
WEIGHTS = {"cosine": 0.6, "numbers": 0.2, "entities": 0.1, "quotes": 0.1}
BLOCK = 512

_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)(?:\s*(million|billion|trillion|bn)\b)?", re.I)
_SCALE = {"million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
# Two figures are the same fact when they differ by at most this share: a retelling rounds "2,950" to
# "nearly 3,000" and "412,318" to "more than 412,000"; two whole numbers under 20 match only when equal.
NUMBER_TOLERANCE = 0.05
_QUOTED = re.compile(r"[\"“]([^\"”]{20,}?)[\"”]")
_ENTITY_TYPES = {"PERSON", "ORG", "PLACE", "EVENT", "NORP"}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass
class Features:
    words: Counter[str]
    entities: set[str] = field(default_factory=set)
    numbers: set[float] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)


def features(article: Article) -> Features:
    body = article.body
    stop = _stop_words()
    words = Counter(w for w in (m.lower() for m in _WORD.findall(body)) if w not in stop)
    entities = {e.name.lower() for e in article.entities if e.type in _ENTITY_TYPES}
    numbers = _figures(body) | {q.value for q in article.quantities if q.value is not None and q.kind == "count"}
    quoted = [q.text for q in article.quotes if q.kind != "indirect"] or _QUOTED.findall(body)
    quotes = {" ".join(_WORD.findall(q.lower())[:6]) for q in quoted}
    return Features(words, entities, numbers, {q for q in quotes if q})


def _figures(body: str) -> set[float]:
    """Figures written in digits, with their scale word ("1.1 billion"); years are dates, not figures."""
    out = set()
    for digits, scale in _NUMBER.findall(body):
        if not scale and len(digits) == 4 and digits.startswith(("19", "20")):
            continue
        try:
            value = float(digits.replace(",", ""))
        except ValueError:  # "1.2.3": a version or a list, not a figure
            continue
        out.add(value * _SCALE[scale.lower()] if scale else value)
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def close_jaccard(a: set[float], b: set[float], tolerance: float = NUMBER_TOLERANCE) -> float:
    """Jaccard where a figure matches a figure of the other set within `tolerance` (each used once)."""
    if not a or not b:
        return 0.0
    unused = sorted(b)
    matched = 0
    for x in sorted(a):
        hit = next((y for y in unused if abs(x - y) <= tolerance * max(abs(x), abs(y))), None)
        if hit is not None:
            unused.remove(hit)
            matched += 1
    return matched / (len(a) + len(b) - matched)


def _tfidf(all_features: Sequence[Features]):  # type: ignore[no-untyped-def]
    """L2-normalized TF-IDF rows (sublinear tf, smoothed idf + 1 so small corpora still count shared words)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    df: Counter[str] = Counter()
    for f in all_features:
        df.update(f.words.keys())
    vocab = {w: i for i, w in enumerate(df)}
    n = len(all_features)
    rows, cols, vals = [], [], []
    for r, f in enumerate(all_features):
        weights = {w: (1 + math.log(c)) * (1 + math.log((1 + n) / (1 + df[w]))) for w, c in f.words.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for w, v in weights.items():
            rows.append(r)
            cols.append(vocab[w])
            vals.append(v / norm)
    return csr_matrix((np.array(vals), (np.array(rows), np.array(cols))), shape=(n, len(vocab)))


def parts(cosine: float, a: Features, b: Features) -> dict[str, float]:
    """The evidence of one pair, each in [0, 1]: content-word cosine and the overlaps."""
    return {"cosine": cosine, "entities": jaccard(a.entities, b.entities),
            "numbers": close_jaccard(a.numbers, b.numbers), "quotes": jaccard(a.quotes, b.quotes)}


def score(cosine: float, a: Features, b: Features) -> float:
    return sum(WEIGHTS[k] * v for k, v in parts(cosine, a, b).items())


def candidate_pairs(matrix, threshold: float = CANDIDATE_COSINE) -> list[tuple[int, int, float]]:  # type: ignore[no-untyped-def]
    """Pairs (i < j) whose TF-IDF cosine reaches the threshold, computed block by block."""
    pairs: list[tuple[int, int, float]] = []
    for start in range(0, matrix.shape[0], BLOCK):
        block = (matrix[start:start + BLOCK] @ matrix.T).tocoo()
        for i, j, value in zip(block.row, block.col, block.data, strict=True):
            row = start + int(i)
            if row < int(j) and value >= threshold:
                pairs.append((row, int(j), float(value)))
    return pairs


def outlet(article: Article) -> str | None:
    """Who published it: the web domain of its URL, else the publisher's name; None when unknown."""
    url = article.metadata.url or (article.source if article.source.startswith(("http://", "https://")) else None)
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return article.metadata.publisher.lower() if article.metadata.publisher else None


def rewrites(articles: Sequence[Article], threshold: float = REWRITE) -> list[Link]:
    """Rewrite links (score ≥ threshold) among distinct articles of different outlets.

    A rewrite is another outlet's retelling; two pieces of one site on one subject are follow-ups
    (and copies of them are near-duplicates, found separately).
    """
    if len(articles) < 2:
        return []
    feats = [features(a) for a in articles]
    outlets = [outlet(a) for a in articles]
    links = []
    for i, j, cosine in candidate_pairs(_tfidf(feats)):
        if outlets[i] is not None and outlets[i] == outlets[j]:
            continue
        value = score(cosine, feats[i], feats[j])
        if value >= threshold:
            links.append(Link(articles[i].id, articles[j].id, "rewrite", round(value, 4)))
    return links
