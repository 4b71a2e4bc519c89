"""The facts of a story's versions side by side, with the disagreements flagged.

Three kinds of fact are aligned across versions:

- **deadline**: a resolved date ("the remainder departing by the end of 2026"), aligned by the words
  just before it in its sentence; versions that give another date for the same clause
  disagree ("until September 2026" against "by the end of 2026"), and a date stated at a coarser grain
  ("2026" against "2026-12") is compatible, not a disagreement;
- **count**: a counted quantity, aligned by what is counted ("troops"); figures further apart than a
  rounding disagree;
- **speaker**: a direct quote, aligned by its words; the same words credited to other speakers
  disagree, and the same quote with its wording changed is flagged as such.

Each fact keeps its characters in its version (start, end), so every value can be shown in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.link import text as tx
from newsgraph.records import Article

SAME_CLAUSE = 0.34  # Jaccard of the words before two dates that aligns them
CONTEXT_CHARS = 100
CONTEXT_WORDS = 6
SAME_QUOTE = 0.5  # Jaccard of quote words that aligns two quotes
COUNT_TOLERANCE = 0.1
_RELATIVE_YEAR = re.compile(r"\b(next|this|last)\s+year\b", re.I)
_DATE_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "end", "year", "month", "week", "next", "following",
                         "early", "late", "mid", "sept", "oct", "nov", "dec", "jan", "feb", "aug"})


@dataclass(frozen=True)
class Fact:
    slot: int  # facts of one slot say the same thing in different versions
    kind: str  # "deadline", "count", "speaker", "quote-wording"
    topic: str
    article_id: str
    value: str
    text: str
    start: int
    end: int
    disagreement: bool


@dataclass
class _Item:
    article_id: str
    words: frozenset[str]
    value: str
    text: str
    start: int
    end: int
    topic: str


def _clause_words(text: str) -> frozenset[str]:
    return frozenset(w for w in tx.content_words(text) if w not in _DATE_WORDS)


def _relative_year(text: str, year: int | None) -> str | None:
    """"(the end of) next year" against the story's year, for a version that has no date of its own."""
    match = _RELATIVE_YEAR.search(text)
    if match is None or year is None:
        return None
    return str(year + {"next": 1, "this": 0, "last": -1}[match.group(1).lower()])


def _deadlines(article: Article, story_year: int | None = None) -> list[_Item]:
    """Each resolved date with the words just before it in its sentence ("the remainder departing by").
    An undated version's "next year" is read against the year of the story's dated versions."""
    body = article.body
    items = []
    for t in article.timexes:
        value = t.value
        if not value and article.metadata.published is None:
            value = _relative_year(t.text, story_year)
        if t.type != "DATE" or not value or not value[:1].isdigit():
            continue
        start = max(body.rfind(". ", 0, t.start) + 1, t.start - CONTEXT_CHARS, 0)
        before = [w for w in tx.tokens(body[start:t.start]) if w not in tx.stop_words() and w not in _DATE_WORDS
                  and len(w) > 2][-CONTEXT_WORDS:]
        if len(before) < 2:
            continue
        value += f" ({t.mod.lower()})" if t.mod else ""
        items.append(_Item(article.id, frozenset(before), value, body[start:t.end].strip(), t.start, t.end,
                           " ".join(before)))
    return items


def _counts(article: Article) -> list[_Item]:
    items = []
    for q in article.quantities:
        if q.value is None or q.kind != "count" or not q.what:
            continue
        head = tx.content_words(q.what)
        if head:
            value = f"{q.value:g}"
            key = frozenset(head) | ({f"event:{q.event}"} if q.event else set())
            items.append(_Item(article.id, key, value, q.text, q.start, q.end,
                               " ".join(sorted(head)) + (f" {q.event}" if q.event else "")))
    return items


def _quotes(article: Article) -> list[_Item]:
    items = []
    for q in article.quotes:
        if q.kind == "indirect":
            continue
        speaker = (q.speaker.name or q.speaker.text) if q.speaker and not q.speaker.anonymous else ""
        items.append(_Item(article.id, frozenset(tx.tokens(q.text)), speaker, q.text, q.start, q.end, q.text[:80]))
    return items


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _group(items: list[_Item], threshold: float) -> list[list[_Item]]:
    """Greedy alignment: each item joins the first slot whose first item it matches, one per version."""
    slots: list[list[_Item]] = []
    for item in items:
        for slot in slots:
            if _jaccard(slot[0].words, item.words) >= threshold and all(i.article_id != item.article_id for i in slot):
                slot.append(item)
                break
        else:
            slots.append([item])
    return [s for s in slots if len({i.article_id for i in s}) >= 2]


def _dates_differ(a: str, b: str) -> bool:
    """"2026" and "2026-12" are compatible (one is coarser); "2025-09" and "2026" are not."""
    a, b = a.split(" ")[0], b.split(" ")[0]
    n = min(len(a), len(b))
    return a[:n] != b[:n]


def _counts_differ(a: str, b: str) -> bool:
    x, y = float(a), float(b)
    return abs(x - y) > COUNT_TOLERANCE * max(abs(x), abs(y))


def align(members: Sequence[Article]) -> list[Fact]:
    """Facts stated by two or more versions, slot by slot; disagreeing values flagged."""
    ordered = sorted(members, key=lambda a: a.id)
    facts: list[Fact] = []
    slot_id = 0
    years = [a.metadata.published.year for a in ordered if a.metadata.published is not None]
    story_year = min(years) if years else None
    kinds = (("deadline", lambda a: _deadlines(a, story_year), SAME_CLAUSE, _dates_differ),
             ("count", _counts, 1.0, _counts_differ))
    for kind, read, threshold, differ in kinds:
        items = [i for a in ordered for i in read(a)]
        for slot in _group(items, threshold):
            values = [i.value for i in slot]
            for item in slot:
                clash = any(differ(item.value, v) for v in values)
                facts.append(Fact(slot_id, kind, slot[0].topic, item.article_id, item.value, item.text,
                                  item.start, item.end, clash))
            slot_id += 1
    quotes = [i for a in ordered for i in _quotes(a)]
    for slot in _group(quotes, SAME_QUOTE):
        speakers = {tx.normalize(i.value).lower() for i in slot if i.value}
        wordings = {" ".join(tx.tokens(i.text)).replace("'", "") for i in slot}
        for kind, clash in (("speaker", len(speakers) > 1), ("quote-wording", len(wordings) > 1)):
            if kind == "quote-wording" and not clash:
                continue
            for item in slot:
                value = item.value if kind == "speaker" else item.text
                facts.append(Fact(slot_id, kind, slot[0].topic, item.article_id, value, item.text, item.start,
                                  item.end, clash))
            slot_id += 1
    return facts
