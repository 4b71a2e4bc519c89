"""The article's timeline: each calendar-dated expression tied to the clause it dates, sorted."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.timex.syntax import clause_bounds
from newsgraph.nlp import doc_text
from newsgraph.records import Span, TimelineEntry, Timex

_MOD_ORDER = {"START": 0, "EARLY": 0, "MID": 1, None: 2, "END": 3, "LATE": 3}


def _datable(timex: Timex) -> bool:
    """Calendar values only: PRESENT_REF or P6M have no place on a timeline."""
    return timex.type in ("DATE", "TIME") and bool(timex.value) and timex.value[:1].isdigit()  # type: ignore[index]


def extract_timeline(doc: Doc, ctx: ExtractContext) -> list[TimelineEntry]:
    entries = []
    for timex in ctx.timexes:
        if not _datable(timex):
            continue
        start, end = clause_bounds(doc, timex.start, timex.end)
        start, end = min(start, timex.start), max(end, timex.end)
        body = doc_text(doc)
        while start < timex.start and body[start].isspace():
            start += 1
        while end > timex.end and body[end - 1].isspace():
            end -= 1
        clause = Span(start=start, end=end, text=body[start:end])
        entries.append(TimelineEntry(timex_id=timex.id, value=timex.value or "", mod=timex.mod, clause=clause))
    return sorted(entries, key=lambda e: (e.value, _MOD_ORDER.get(e.mod, 2), e.clause.start))
