"""Cleaning scraped plain text: header, body and furniture, line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.clean.byline import is_byline
from newsgraph.clean.furniture import LineVerdict, classify_lines, is_sentence_like
from newsgraph.clean.metadata import Header, is_date_line, parse_header
from newsgraph.records import RemovedLine

_ENDS_BLOCK = re.compile(r"[.!?…:;][\"'”’)\]]*$")


@dataclass
class CleanText:
    """Body paragraphs, the header above them and everything removed."""

    paragraphs: list[str]
    header: Header
    removed: list[RemovedLine] = field(default_factory=list)


# Weights of the main-prose search: a prose line counts its words, any other line a fixed cost.
SHORT_LINE_COST = 9.0  # two-fold fit on aeb: bench/aeb_fit_text.py
FURNITURE_COST = 12.0


# A date standing alone on its line marks a listing (teaser, comment) far more often than body text.
DATE_LINE_COST = 24.0


def _line_weight(line: str, verdict: LineVerdict) -> float:
    if verdict.furniture:
        return -FURNITURE_COST
    if is_sentence_like(line):
        return float(len(line.split()))
    if is_date_line(line):
        return -DATE_LINE_COST
    return -SHORT_LINE_COST


def _best_run(weights: list[float]) -> tuple[int, int]:
    """The run of lines with the largest total weight (Kadane): the article's main prose."""
    best, best_bounds = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_bounds = total, (start, i)
    return best_bounds


def _wrapped_prose(lines: list[str]) -> set[int]:
    """Indexes of lines that are pieces of a wrapped prose paragraph (each piece alone is not prose)."""
    if not _hard_wrapped(lines):  # a page's text has a line per block: lone lines are judged alone
        return set()
    stripped = [line.strip() for line in lines]
    found: set[int] = set()
    group: list[int] = []
    for i, line in enumerate(stripped):
        if not line:
            continue
        group.append(i)
        following = stripped[i + 1] if i + 1 < len(stripped) else ""
        if not _continues(line, following, True):
            if len(group) > 1 and is_sentence_like(" ".join(stripped[j] for j in group)):
                found.update(group)
            group = []
    return found


def _cut_at_comments(first: int, last: int, verdicts: list[LineVerdict]) -> int:
    """Readers' comments are prose too: the body ends where a comments section starts."""
    for i in range(first + 1, last + 1):
        if verdicts[i].reason == "comments":
            return i - 1
    return last


HEAD_WINDOW = 8  # lines at the top of the prose run that may still be headline, standfirst or byline


def _after_header(first: int, last: int, lines: list[str], verdicts: list[LineVerdict]) -> int:
    """A byline, date or photo credit near the top of the run closes the header: the body starts after it.

    What comes before such a line is the headline, the standfirst or a photo caption."""
    start, seen = first, 0
    for i in range(first, last + 1):
        line = lines[i].strip()
        if not line:
            continue
        seen += 1
        if seen > HEAD_WINDOW:
            break
        if verdicts[i].reason in ("credit", "byline") or is_byline(line) or is_date_line(line):
            start = i + 1
    return start if start <= last else first


def _body_bounds(lines: list[str], verdicts: list[LineVerdict]) -> tuple[int, int]:
    """First and last line index of the body: the densest run of prose that is not furniture."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    prose = _wrapped_prose(lines)
    weights = [float(len(lines[i].split())) if i in prose and not verdicts[i].furniture
               else _line_weight(lines[i].strip(), verdicts[i]) for i in nonblank]
    first, last = _best_run(weights)
    if last >= first:
        start, end = nonblank[first], _cut_at_comments(nonblank[first], nonblank[last], verdicts)
        return _after_header(start, end, lines, verdicts), end
    kept = [i for i in nonblank if not verdicts[i].furniture]
    return (kept[0], kept[-1]) if kept else (0, -1)


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (e-mail, terminals, some feeds) rather than a line per paragraph."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < 5:
        return False
    mid = sum(1 for n in lengths if 40 <= n <= 100)
    return mid >= 0.6 * len(lengths) and sum(1 for n in lengths if n > 120) <= 0.05 * len(lengths)


def _continues(line: str, following: str, wrapped: bool) -> bool:
    """Does ``following`` carry on the paragraph of ``line`` (a wrapped line, not a new block)?"""
    if not following or _ENDS_BLOCK.search(line):
        return False
    return following[0].islower() or (wrapped and len(line) >= 40)


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; a line per paragraph stays as it is."""
    wrapped = _hard_wrapped(lines)
    stripped = [line.strip() for line in lines]
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(stripped):
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        following = stripped[i + 1] if i + 1 < len(stripped) else ""
        if not _continues(line, following, wrapped):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def clean_text(text: str) -> CleanText:
    """Split scraped page text into header, body paragraphs and removed furniture."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    verdicts = classify_lines(lines)
    first, last = _body_bounds(lines, verdicts)
    removed: list[RemovedLine] = []
    header_lines: list[str] = []
    body_lines: list[str] = []
    for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if not line.strip():
            if first <= i <= last:
                body_lines.append("")
            continue
        if verdict.furniture:
            removed.append(RemovedLine(text=line.strip(), reason=verdict.reason or "furniture"))
        elif i < first:
            header_lines.append(line)
        elif i > last:
            removed.append(RemovedLine(text=line.strip(), reason="after the article"))
        elif not body_lines and is_date_line(line):
            header_lines.append(line)
        else:
            body_lines.append(line)
    header = parse_header(header_lines)
    removed = [RemovedLine(text=line, reason="header") for line in header.other] + removed
    return CleanText(paragraphs=_paragraphs(body_lines), header=header, removed=removed)
