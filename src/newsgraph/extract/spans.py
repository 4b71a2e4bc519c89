"""Character spans found by position, for extractors that ask "which records hold this character?"
or "which lie inside this stretch?" once per token, quote or candidate.

Scanning every record for each question made those passes grow with the square of the body:
a long page has both more questions and more records. ``SpanIndex`` answers from fixed-width
buckets (which spans hold a character) and from the spans sorted by start (which lie in a
stretch), in the order the spans were added, so that a caller that took the first or the smallest
of a scan gets the same one.
"""

from __future__ import annotations

import bisect
import sys
from collections import defaultdict
from typing import Generic, TypeVar

T = TypeVar("T")

_BUCKET = 512  # characters per bucket: a few quotes or timexes each in news text


class SpanIndex(Generic[T]):
    """Spans ``[start, end)`` of characters, each with a value; spans may nest and overlap."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int, T]] = []
        self._buckets: defaultdict[int, list[int]] = defaultdict(list)
        self._by_start: list[tuple[int, int]] | None = None  # (start, order), built on first use

    def add(self, start: int, end: int, value: T) -> None:
        order = len(self._spans)
        self._spans.append((start, end, value))
        for bucket in range(start // _BUCKET, max(start, end - 1) // _BUCKET + 1):
            self._buckets[bucket].append(order)
        self._by_start = None

    def holding(self, pos: int) -> list[T]:
        """The values of the spans with ``start <= pos < end``, in the order they were added."""
        spans = self._spans
        orders = [o for o in self._buckets.get(pos // _BUCKET, ()) if spans[o][0] <= pos < spans[o][1]]
        return [spans[o][2] for o in orders]  # each bucket lists its spans in the order added

    def within(self, *ranges: tuple[int, int]) -> list[T]:
        """The values of the spans that lie inside one of ``ranges`` (``start <= span start`` and
        ``span end <= end``), each once, in the order they were added."""
        if self._by_start is None:
            self._by_start = sorted((s, o) for o, (s, _, _) in enumerate(self._spans))
        by_start, spans = self._by_start, self._spans
        orders: set[int] = set()
        for start, end in ranges:
            for i in range(bisect.bisect_left(by_start, (start, -1)), len(by_start)):
                s, order = by_start[i]
                if s > end:
                    break
                if spans[order][1] <= end:
                    orders.add(order)
        return [spans[o][2] for o in sorted(orders)]


class DisjointSpans:
    """Spans that do not overlap one another, kept sorted: whether a new span would overlap one of
    them is a bisection, where a scan of all of them made choosing among candidates quadratic."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []  # sorted; ends rise with starts, as the spans are disjoint

    def overlaps(self, start: int, end: int) -> bool:
        """``any(start < e and s < end for s, e in spans)``."""
        i = bisect.bisect_left(self._spans, (end, -sys.maxsize))  # the spans that start before ``end``
        return i > 0 and self._spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        """Keep a span; the caller checked that it overlaps none."""
        bisect.insort(self._spans, (start, end))
