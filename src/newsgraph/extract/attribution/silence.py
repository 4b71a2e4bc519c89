"""No-response lines ("did not respond to requests for comment", "declined to comment", "could not be
reached"): the patterns of ``data/no_response_patterns.txt``, shared by the sourcing (which records
who stayed silent) and the quotes (which leave such lines out: silence is not a statement)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def no_response_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, pattern) rows: kind is no_response, declined or unavailable."""
    text = resources.files("newsgraph.data").joinpath("no_response_patterns.txt").read_text("utf-8")
    rows = [line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(kind, re.compile(pattern, re.I)) for kind, pattern in rows]


def no_response_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every no-response phrase in ``text``."""
    return sorted((m.start(), m.end()) for _, pattern in no_response_patterns() for m in pattern.finditer(text))
