"""Rewrites: the same report retold by another outlet, in other words.

Shingles miss them, so the evidence is what a rewrite keeps: the content words (a TF-IDF cosine whose
word weights come from a fixed background corpus shipped with the package, ``data/background_df.tsv.gz``,
built by ``bench/build_background.py``), the names, the figures and the quoted words. Every part is
read from the two texts alone, so a pair scores the same whatever else the store holds.

Missing evidence is neutral: a part counts only when both texts have something to compare (a text
with no figures is scored on its words, names and quotes, not marked down on figures).

Candidates come from an inverted index over each article's most telling words (plain dicts, no
matrix library): two articles are compared only when they share some of them, so the cost
grows with the number of articles, not with its square.
"""

from __future__ import annotations

import gzip
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import numpy as np

from newsgraph.link import text as tx
from newsgraph.link.dedup import Link
from newsgraph.records import Article

REWRITE = 0.5  # probability that makes a rewrite link (chosen on the dev events of bench/gold/stories)
CANDIDATE_COSINE = 0.15
# A logistic model fitted on the dev events' labelled pairs (bench/stories.py --fit): same story or not.
# "numbers" and "quotes" count only when both texts have some; otherwise their "_missing" term stands
# in. Missing figures are neither for nor against: their term is set to the middle of the range of
# present figures (half agreeing), not fitted. The quotes term is as fitted (its fit is near 0).
WEIGHTS = {"cosine": 5.099, "entities": 3.269, "numbers": 0.463, "numbers_missing": 0.463 / 2, "quotes": 4.006,
           "quotes_missing": 0.019, "shingles": 1.205, "phrases": 5.763, "shared_phrases": 0.613,
           "far_apart": -0.977, "same_outlet": -0.842}
INTERCEPT = -5.853
FAR_APART_DAYS = 7  # both dated and further apart than this: rarely one report
# Two figures are the same fact when they differ by at most this share: a retelling rounds "2,950" to
# "nearly 3,000" and "412,318" to "more than 412,000"; two whole numbers under 20 match only when equal.
NUMBER_TOLERANCE = 0.05
TOP_WORDS = 24  # the words of an article that propose candidates
MIN_SHARED_TOP = 2  # top words two articles must share to be compared
# A word among the top words of more articles than this proposes no pairs (both linkers): it says little
# about any one pair, and it bounds the work per article (at most TOP_WORDS x MAX_POSTING co-occurrences),
# so candidates grow linearly with the store. It was 5,000: 10k look-alike documents then gave 26.9M pairs.
MAX_POSTING = 500
_ENTITY_TYPES = {"PERSON", "ORG", "PLACE", "EVENT", "NORP"}


@lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    """(documents, document frequency by word) of the shipped background corpus."""
    raw = resources.files("newsgraph.data").joinpath("background_df.tsv.gz").read_bytes()
    docs, table = 1, {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        if word == "#documents":
            docs = int(count)
        elif not word.startswith("#"):
            table[word] = int(count)
    return docs, table


def idf(word: str) -> float:
    """Smoothed inverse document frequency over the background corpus; an unseen word counts as rare."""
    docs, table = background()
    return 1.0 + math.log((1 + docs) / (1 + table.get(word, 0)))


@dataclass
class Features:
    """What a pair is scored on; the TF-IDF vector is two numpy arrays (word ids sorted, weights)."""

    ids: np.ndarray
    weights: np.ndarray
    top: tuple[int, ...]  # ids of the TOP_WORDS heaviest words
    phrases: np.ndarray  # hashes of adjacent content-word pairs ("advisory relationship")
    shingles: np.ndarray  # hashes of five-word shingles of the normalized text
    entities: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    quotes: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # capitalized words of the text (the entities may come from records)


class Vocabulary(dict[str, int]):
    """Word → id, shared by the articles of one linking."""

    def id(self, word: str) -> int:
        return self.setdefault(word, len(self))


_SHARED = Vocabulary()  # for callers that pass none: ids then agree across calls in one process


def features(article: Article, vocab: Vocabulary | None = None) -> Features:
    vocab = vocab if vocab is not None else _SHARED
    body = tx.normalize(article.body)
    all_words = tx.tokens(body, normalized=True)
    words = tx.content_of(all_words)
    entities = {tx.normalize(e.name).lower() for e in article.entities if e.type in _ENTITY_TYPES}
    counted = {q.value for q in article.quantities if q.value is not None and q.kind == "count"}
    numbers = tx.figures(body, normalized=True) | counted
    quoted = [q.text for q in article.quotes if q.kind != "indirect"]
    quotes = {" ".join(tx.tokens(q)[:6]) for q in quoted} or tx.quoted(body, normalized=True)
    raw = {vocab.id(w): (1 + math.log(c)) * idf(w) for w, c in words.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    ids = np.array(sorted(raw), dtype=np.int32)
    weights = np.array([raw[i] / norm for i in ids.tolist()], dtype=np.float32)
    top = tuple(sorted(raw, key=lambda i: -raw[i])[:TOP_WORDS])
    names = frozenset(tx.names(body, normalized=True))
    return Features(ids, weights, top, _hashes(tx.phrases_of(all_words)), _hashes(tx.shingles_of(all_words)),
                    frozenset(entities) or names, frozenset(numbers),
                    frozenset(q for q in quotes if q), names)


def _hashes(items: set[str]) -> np.ndarray:
    return np.unique(np.array([hash(x) for x in items], dtype=np.int64))


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    return len(np.intersect1d(a, b, assume_unique=True))


def jaccard(a: Set[str], b: Set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def close_jaccard(a: Set[float], b: Set[float], tolerance: float = NUMBER_TOLERANCE) -> float:
    """Jaccard where a figure matches a figure of the other set within `tolerance` (each used once)."""
    if not a or not b:
        return 0.0
    return (matched := _matched(a, b, tolerance)) / (len(a) + len(b) - matched)


def close_overlap(a: Set[float], b: Set[float], tolerance: float = NUMBER_TOLERANCE) -> float:
    """Share of the shorter list's figures found in the other (a summary keeps only some figures)."""
    if not a or not b:
        return 0.0
    return _matched(a, b, tolerance) / min(len(a), len(b))


def _matched(a: Set[float], b: Set[float], tolerance: float) -> int:
    """Figures of ``a`` matched to distinct figures of ``b`` within the tolerance (greedy, in order)."""
    unused = sorted(b)
    matched = 0
    for x in sorted(a):
        at = bisect_left(unused, x)
        best = None
        for k in (at - 1, at):  # the nearest figures below and above
            if 0 <= k < len(unused) and abs(x - unused[k]) <= tolerance * max(abs(x), abs(unused[k])):
                if best is None or abs(x - unused[k]) < abs(x - unused[best]):
                    best = k
        if best is not None:
            del unused[best]
            matched += 1
    return matched


def cosine(a: Features, b: Features) -> float:
    """The dot product, summed exactly (the products of float32 weights are exact in float64, and fsum
    rounds once): the same value whatever ids the vocabulary gave the words, so a linking over a subset
    of the articles (link/sql.py) gets the cosines the whole-store linking gets."""
    _, left, right = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return math.fsum((a.weights[left].astype(np.float64) * b.weights[right].astype(np.float64)).tolist())


def parts(cosine_value: float, a: Features, b: Features, gap_days: int | None = None,
          same_outlet: bool = False) -> dict[str, float]:
    """The evidence of one pair; "numbers" and "quotes" only when both texts have some."""
    shared_phrases = _shared(a.phrases, b.phrases)
    out = {"cosine": cosine_value, "entities": jaccard(a.entities, b.entities),
           "shingles": _shared(a.shingles, b.shingles) / max(1, min(len(a.shingles), len(b.shingles))),
           "phrases": shared_phrases / max(1, min(len(a.phrases), len(b.phrases))),
           "shared_phrases": math.log1p(shared_phrases),
           "far_apart": float(gap_days is not None and gap_days > FAR_APART_DAYS), "same_outlet": float(same_outlet)}
    if a.numbers and b.numbers:
        out["numbers"] = close_overlap(a.numbers, b.numbers)
    else:
        out["numbers_missing"] = 1.0
    if a.quotes and b.quotes:
        out["quotes"] = jaccard(a.quotes, b.quotes)
    else:
        out["quotes_missing"] = 1.0
    return out


def score(cosine_value: float, a: Features, b: Features, gap_days: int | None = None,
          same_outlet: bool = False) -> float:
    """Probability that the two texts are versions of one report."""
    return probability(parts(cosine_value, a, b, gap_days, same_outlet))


def probability(evidence: dict[str, float]) -> float:
    z = INTERCEPT + sum(WEIGHTS[k] * v for k, v in evidence.items())
    return 1.0 / (1.0 + math.exp(-z))


def gap(a: Article, b: Article) -> int | None:
    """Days between two publication dates; None when either is undated."""
    first, second = a.metadata.published, b.metadata.published
    return abs((first - second).days) if first and second else None


class Index:
    """Articles' features, an inverted index of their top words, and the pairs worth comparing."""

    def __init__(self, feats: Sequence[Features]) -> None:
        self.feats = list(feats)
        self.tops = [f.top for f in self.feats]
        self.postings: dict[int, list[int]] = {}
        for i, top in enumerate(self.tops):
            for word in top:
                self.postings.setdefault(word, []).append(i)

    def pairs(self, threshold: float = CANDIDATE_COSINE) -> list[tuple[int, int, float]]:
        """(i, j, cosine) for i < j sharing at least MIN_SHARED_TOP top words, cosine ≥ threshold.

        Each article counts its shared top words with the later ones (one small counter at a time),
        so memory stays flat; a word in the top words of more than MAX_POSTING articles says nothing
        about any pair and proposes none."""
        out = []
        for i, top in enumerate(self.tops):
            shared: Counter[int] = Counter()
            for word in top:
                posting = self.postings[word]
                if len(posting) > MAX_POSTING:
                    continue
                shared.update(j for j in posting[bisect_right(posting, i):])
            for j in sorted(j for j, n in shared.items() if n >= MIN_SHARED_TOP):
                value = cosine(self.feats[i], self.feats[j])
                if value >= threshold:
                    out.append((i, j, value))
        return out


def candidate_pairs(feats: Sequence[Features], threshold: float = CANDIDATE_COSINE) -> list[tuple[int, int, float]]:
    return Index(feats).pairs(threshold)


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
    vocab = Vocabulary()
    feats = [features(a, vocab) for a in articles]
    outlets = [outlet(a) for a in articles]
    links = []
    for i, j, cos in candidate_pairs(feats):
        if outlets[i] is not None and outlets[i] == outlets[j]:
            continue
        value = score(cos, feats[i], feats[j], gap(articles[i], articles[j]))
        if value >= threshold:
            links.append(Link(articles[i].id, articles[j].id, "rewrite", round(value, 4)))
    return links
