"""``extract/spans.py`` answers as the scans it replaced did, in the same order."""

from __future__ import annotations

import random

from newsgraph.extract.spans import DisjointSpans, SpanIndex


def random_spans(rng: random.Random) -> list[tuple[int, int]]:
    starts = [rng.randint(0, 3000) for _ in range(rng.randint(0, 60))]
    return [(a, a + rng.choice([0, 1, 5, 50, 600, 2000])) for a in starts]


def test_holding_and_within_equal_a_scan() -> None:
    rng = random.Random(1)
    for _ in range(100):
        spans = random_spans(rng)
        index: SpanIndex[int] = SpanIndex()
        for n, (a, b) in enumerate(spans):
            index.add(a, b, n)
        for _ in range(30):
            pos = rng.randint(0, 5200)
            assert index.holding(pos) == [n for n, (a, b) in enumerate(spans) if a <= pos < b]
            ranges = [(x, x + rng.choice([0, 3, 100, 1000])) for x in (rng.randint(0, 5000) for _ in range(2))]
            assert index.within(*ranges) == [n for n, (a, b) in enumerate(spans)
                                             if any(x <= a and b <= y for x, y in ranges)]


def test_disjoint_spans_overlap_as_a_scan_says() -> None:
    rng = random.Random(2)
    for _ in range(200):
        taken, kept = DisjointSpans(), []
        for _ in range(rng.randint(0, 80)):
            a = rng.randint(0, 300)
            b = a + rng.choice([0, 1, 3, 10, 40])
            overlap = any(a < e and s < b for s, e in kept)
            assert taken.overlaps(a, b) == overlap
            if not overlap:
                kept.append((a, b))
                taken.add(a, b)
