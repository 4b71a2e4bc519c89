"""Page-furniture classifier for scraped article text, line by line.

Hand-written because no maintained library classifies *lines of plain text* (the extractors
work on the DOM). The patterns live in ``data/furniture_patterns.txt``; the logic here adds
context: a "Related Articles" heading starts a list of short headlines that goes with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
ZONE_REASONS = {"related", "comments"}


@dataclass(frozen=True)
class LineVerdict:
    furniture: bool
    reason: str | None = None


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("newsgraph.data").joinpath("furniture_patterns.txt").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reason, _, pattern = line.partition("\t")
        # patterns are lower-case and matched against the lower-cased line: case-sensitive
        # matching lets the regex engine skip ahead on literal text (IGNORECASE is ~3x slower here)
        rows.append((reason.strip(), re.compile(pattern.strip())))
    return tuple(rows)


@lru_cache(maxsize=65536)  # menus and footers repeat from page to page
def furniture_reason(line: str) -> str | None:
    """The furniture kind of one stripped line, or None when it may be article text."""
    text = line.strip().lower()
    if not text:
        return None
    long_line = len(text) > 300  # a long line is a paragraph unless it opens as a notice does
    for reason, pattern in furniture_patterns():
        if pattern.match(text) if long_line else pattern.search(text):
            return reason
    return None


def is_sentence_like(line: str) -> bool:
    """A line that reads like prose: several words and sentence punctuation."""
    words = line.split()
    return len(words) >= 8 and bool(_SENTENCE_END.search(line.strip())) or len(words) >= 25


def classify_lines(lines: list[str]) -> list[LineVerdict]:
    """Classify each line; lines after a related/comments heading that are not prose go too."""
    verdicts: list[LineVerdict] = []
    zone: str | None = None
    for line in lines:
        reason = furniture_reason(line)
        if reason:
            verdicts.append(LineVerdict(True, reason))
            if reason in ZONE_REASONS:
                zone = reason
            continue
        stripped = line.strip()
        if zone and stripped and not is_sentence_like(stripped):
            verdicts.append(LineVerdict(True, f"{zone} list"))
            continue
        if stripped and is_sentence_like(stripped):
            zone = None
        verdicts.append(LineVerdict(False))
    return _repeats(lines, _captions(lines, verdicts))


def _repeats(lines: list[str], verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """A line that appears again, word for word, is a headline, caption or teaser shown twice:
    article paragraphs are printed once. The last copy keeps its verdict."""
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        if len(line.strip()) >= 20:
            last[line.strip()] = i
    for i, line in enumerate(lines):
        if len(line.strip()) >= 20 and last[line.strip()] != i and not verdicts[i].furniture:
            verdicts[i] = LineVerdict(True, "repeated")
    return verdicts


def _captions(lines: list[str], verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """A line right above a photo credit is the photo's caption, even when it reads as prose."""
    previous: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if verdicts[i].reason == "credit" and previous is not None and not verdicts[previous].furniture \
                and len(lines[previous].strip()) <= 300:
            verdicts[previous] = LineVerdict(True, "caption")
        previous = i
    return verdicts
