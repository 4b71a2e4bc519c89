"""Quotation marks: where each quoted stretch of the body starts and ends.

Written by hand because the field's tools (textacy, spaCy) pair marks within one sentence
only; news quotes run over several paragraphs (each paragraph reopens the mark and only the
last one closes it), mix straight and curly marks and sometimes lose the closing mark.
Nested single quotes stay inside the outer quote. Nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = frozenset('"“„«')
_CLOSERS = {'"': '"', "“": "”", "„": "“", "«": "»"}
_ANY_CLOSE = frozenset('"”»')
_MARK = re.compile(r"''|[\"“”„«»]")  # '' is the New York Times' straight double quote
_PARAGRAPH = re.compile(r"\n\s*")
# 'We have a deal,' he said / ‘We have a deal,’ he said: a single mark opening at a word start and
# closing right after a word or its punctuation, never inside a word (don't, Iraq's, '90s, officials')
_SINGLE = re.compile(r"(?<![\w'‘’])(['‘])(?=[A-Za-z])((?:[^'‘’\n]|(?<=\w)['’](?=\w))+?[\w.,!?;:—–-])(['’])(?![\w'’])")
_MIN_SINGLE_WORDS = 2


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch, marks included: ``text[start:end]``; ``closed`` False when the mark never closed."""

    start: int
    end: int
    closed: bool = True
    mark: int = 1  # length of each mark: 2 for ''

    @property
    def inner(self) -> tuple[int, int]:
        """The words without the marks."""
        return self.start + self.mark, self.end - self.mark if self.closed else self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _is_closing(text: str, pos: int, mark: str, opener: str) -> bool:
    """Whether ``mark`` at ``pos`` closes a quote opened with ``opener``."""
    if opener == "''" or mark == "''":
        return mark == opener
    if mark in _ANY_CLOSE and mark != "“":
        return True
    # a stray “ used as closer: followed by space, punctuation or the end
    nxt = text[pos + 1: pos + 2]
    return mark == _CLOSERS.get(opener) or not nxt or not nxt.isalnum()


def _scan_paragraph(text: str, start: int, end: int, open_at: int | None,
                    opener: str) -> tuple[list[Quoted], int | None, str]:
    """Quotes closed inside one paragraph, and where a still-open quote began (or None)."""
    found: list[Quoted] = []
    for m in _MARK.finditer(text, start, end):
        pos, mark = m.start(), m.group()
        if open_at is None:
            if mark in _OPENERS or mark == "''":
                open_at, opener = pos, mark
        elif pos > open_at and _is_closing(text, pos, mark, opener):
            found.append(Quoted(open_at, pos + len(mark), mark=len(mark)))
            open_at = None
    return found, open_at, opener


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch in body order; a quote left open at a paragraph's end goes on when
    the next paragraph reopens the mark, else it ends with its paragraph."""
    found: list[Quoted] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    opener = ""
    for index, (start, end) in enumerate(paragraphs):
        reopened = open_at is not None and text.startswith(opener, start) or (
            open_at is not None and text[start] in _OPENERS and opener != "''")
        scan_from = start + (len(opener) if text.startswith(opener, start) else 1) if reopened else start
        if open_at is not None and not reopened:
            found.append(Quoted(open_at, paragraphs[index - 1][1], closed=False, mark=len(opener)))
            open_at = None
        closed, open_at, opener = _scan_paragraph(text, scan_from, end, open_at, opener)
        found.extend(closed)
    if open_at is not None:
        found.append(Quoted(open_at, paragraphs[-1][1], closed=False, mark=len(opener)))
    return [q for q in found if _has_words(text, q)]


def _has_words(text: str, quoted: Quoted) -> bool:
    a, b = quoted.inner
    return any(ch.isalnum() for ch in text[a:b])


def find_single_quoted(text: str, doubles: list[Quoted]) -> list[Quoted]:
    """Quotations in single marks outside any double-quoted stretch, within one paragraph; a
    one-word stretch ('Gordon') is a scare quote or a name, not a quotation."""
    found = []
    for m in _SINGLE.finditer(text):
        start, end = m.start(), m.end()
        if any(q.start <= start < q.end or q.start < end <= q.end for q in doubles):
            continue
        if len(m.group(2).split()) >= _MIN_SINGLE_WORDS:
            found.append(Quoted(start, end))
    return found

