"""Cleaning scraped plain text: header, body and furniture, line by line."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.clean.furniture import LineVerdict, classify_lines, is_sentence_like
from newsgraph.clean.metadata import Header, is_date_line, parse_header
from newsgraph.records import RemovedLine


@dataclass
class CleanText:
    """Body paragraphs, the header above them and everything removed."""

    paragraphs: list[str]
    header: Header
    removed: list[RemovedLine] = field(default_factory=list)


def _body_bounds(lines: list[str], verdicts: list[LineVerdict]) -> tuple[int, int]:
    """First and last line index of the body: prose lines that are not furniture."""
    prose = [i for i, (line, v) in enumerate(zip(lines, verdicts)) if not v.furniture and is_sentence_like(line)]
    if not prose:
        kept = [i for i, (line, v) in enumerate(zip(lines, verdicts)) if not v.furniture and line.strip()]
        return (kept[0], kept[-1]) if kept else (0, -1)
    return prose[0], prose[-1]


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; blank lines separate paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
            if is_sentence_like(line) or len(line.strip()) < 60:
                # scraped text usually has a paragraph per line; wrapped text has long unfinished lines
                paragraphs.append(" ".join(current))
                current = []
        elif current:
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
    for i, (line, verdict) in enumerate(zip(lines, verdicts)):
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
