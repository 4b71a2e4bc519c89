"""The facts of a story's versions side by side, with the disagreements flagged.

Three kinds of fact are aligned across versions:

- **deadline**: a dated commitment or timeline entry ("the remainder departing by the end of 2026"),
  aligned by the content words of its clause; versions that give another date for the same clause
  disagree ("until September 2026" against "by the end of 2026"), and a date stated at a coarser grain
  ("2026" against "2026-12") is compatible, not a disagreement;
- **count**: a counted quantity, aligned by what is counted ("troops"); figures further apart than a
  rounding disagree;
- **speaker**: a direct quote, aligned by its words; the same words credited to other speakers
  disagree, and the same quote with its wording changed is flagged as such.

Each fact keeps its characters in its version (start, end), so every value can be shown in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.link import text as tx
from newsgraph.records import Article

SAME_CLAUSE = 0.34  # Jaccard of clause content words that aligns two dated facts
SAME_QUOTE = 0.5  # Jaccard of quote words that aligns two quotes
COUNT_TOLERANCE = 0.1
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


def _deadlines(article: Article) -> list[_Item]:
    items = []
    for c in article.commitments:
        value = c.deadline or c.until
        if value:
            items.append(_Item(article.id, _clause_words(c.what), value, c.text, c.start, c.end, c.what))
    seen = {(i.start, i.end) for i in items}
    for t in article.timeline:
        clause = t.clause
        if (clause.start, clause.end) not in seen and t.value[:1].isdigit():
            items.append(_Item(article.id, _clause_words(clause.text), t.value, clause.text, clause.start, clause.end,
                               clause.text))
    return [i for i in items if len(i.words) >= 2]


def _counts(article: Article) -> list[_Item]:
    items = []
    for q in article.quantities:
        if q.value is None or q.kind != "count" or not q.what:
            continue
        head = tx.content_words(q.what)
        if head:
            value = f"{q.value:g}"
            items.append(_Item(article.id, frozenset(head), value, q.text, q.start, q.end,
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
    kinds = (("deadline", _deadlines, SAME_CLAUSE, _dates_differ), ("count", _counts, 0.5, _counts_differ))
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
        wordings = {" ".join(tx.tokens(i.text)) for i in slot}
        for kind, clash in (("speaker", len(speakers) > 1), ("quote-wording", len(wordings) > 1)):
            if kind == "quote-wording" and not clash:
                continue
            for item in slot:
                value = item.value if kind == "speaker" else item.text
                facts.append(Fact(slot_id, kind, slot[0].topic, item.article_id, value, item.text, item.start,
                                  item.end, clash))
            slot_id += 1
    return facts
