"""Scorer of the article extraction benchmark (aeb), written from its description.

Tokens are ``\\w+`` runs; each text becomes the multiset of its word 4-grams (shingles; a
text of 1-3 tokens is one shorter shingle, an empty text has none). Per document the
shingle-count overlaps TP/FP/FN are normalized to sum to 1; precision and recall are
averaged over documents (a document without predicted shingles is skipped for the
precision mean, one without true shingles for the recall mean) and F1 comes from the two
means. Accuracy is the share of documents whose token sequence matches exactly. The
standard deviation comes from bootstrap resamples of the documents.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
NGRAM = 4


@dataclass(frozen=True)
class DocScore:
    """One document: normalized tp/fp/fn and whether the token sequences match."""

    tp: float
    fp: float
    fn: float
    exact: bool
    has_pred: bool
    has_true: bool


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float
    f1_std: float
    precision_std: float
    recall_std: float
    accuracy_std: float
    n: int


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def score_document(true: str, pred: str) -> DocScore:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocScore(tp, fp, fn, tokens(true) == tokens(pred), bool(p), bool(t))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _means(docs: Sequence[DocScore]) -> tuple[float, float, float, float]:
    precisions = [d.tp / (d.tp + d.fp) for d in docs if d.has_pred and d.tp + d.fp > 0]
    recalls = [d.tp / (d.tp + d.fn) for d in docs if d.has_true and d.tp + d.fn > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    acc = statistics.fmean(d.exact for d in docs) if docs else 0.0
    return p, r, _f1(p, r), acc


def summarize(docs: Sequence[DocScore], n_bootstrap: int = 1000, seed: int = 0) -> Summary:
    """Means over documents and their bootstrap standard deviations."""
    p, r, f1, acc = _means(docs)
    rng = random.Random(seed)
    samples = [_means(rng.choices(docs, k=len(docs))) for _ in range(n_bootstrap)] if docs and n_bootstrap else []
    stds = [statistics.pstdev(col) if len(samples) > 1 else 0.0 for col in zip(*samples, strict=True)] or [0.0] * 4
    return Summary(p, r, f1, acc, f1_std=stds[2], precision_std=stds[0], recall_std=stds[1],
                   accuracy_std=stds[3], n=len(docs))


def evaluate(truths: dict[str, str], predictions: dict[str, str], n_bootstrap: int = 1000) -> Summary:
    """Score predictions (a missing one counts as empty) against every true document."""
    docs = [score_document(true, predictions.get(key, "")) for key, true in truths.items()]
    return summarize(docs, n_bootstrap)
