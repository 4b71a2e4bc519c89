"""The article's timeline: each calendar-dated expression tied to the clause it dates, with its
value in words ("14th century", "late 1990s", "summer 2019", "around 2014"), sorted.

Left off the timeline (they stay time expressions): a bare number that is a street number
("1909 K Street") or a score or count ("1999 to 2001 points"), and a decade in words after "high",
"low" or "mid" ("in the high forties" in a poll), which is a range of numbers, not of years."""

from __future__ import annotations

import re
from calendar import month_name

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.timex.syntax import clause_bounds
from newsgraph.nlp import doc_text
from newsgraph.records import Span, TimelineEntry, Timex

_MOD_ORDER = {"START": 0, "EARLY": 0, "MID": 1, None: 2, "END": 3, "LATE": 3}
_STREET = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w.'’-]*\s+){0,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|"
    r"Lane|Ln|Way|Place|Pl|Court|Ct|Highway|Hwy|Parkway|Pkwy|Terrace|Square|Sq|Circle|Route|Pike|Broadway)\b\.?")
_COUNTED = re.compile(r"\s*(?:(?:-|–|to|and)\s*[\d,]+\s*)?(?:%|percent|per cent|points?|votes?|people|yards?|"
                      r"runs?|goals?|km|miles?|meters?|metres?|feet|pounds|tons?|units|shares|"
                      r"residents|students|jobs|homes|cases|deaths|words|pages)\b", re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"\b(?:high|low|mid|upper|lower)[\s-]+$", re.IGNORECASE)


def _datable(timex: Timex) -> bool:
    """Calendar values only: PRESENT_REF or P6M have no place on a timeline."""
    return timex.type in ("DATE", "TIME") and bool(timex.value) and timex.value[:1].isdigit()  # type: ignore[index]


def _not_a_date(body: str, timex: Timex) -> bool:
    """A street number, a score or count, or a range of numbers read as a year or decade."""
    after = body[timex.end:timex.end + 40]
    if timex.text.isdigit():
        return bool(_STREET.match(after) or _COUNTED.match(after))
    words = timex.text.lower().split()
    if words and words[-1].rstrip("s") in _DECADE_WORDS:
        lead = body[max(0, timex.start - 12):timex.start] + " ".join(timex.text.split()[:-1])
        return bool(_NUMBER_RANGE.search(lead + (" " if len(words) > 1 else "")))
    return False


_DECADE_WORDS = {"twentie", "thirtie", "fortie", "fiftie", "sixtie", "seventie", "eightie", "ninetie"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_MODS = {"START": "early {}", "EARLY": "early {}", "MID": "mid-{}", "END": "late {}", "LATE": "late {}",
         "APPROX": "around {}", "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "by {}",
         "ON_OR_AFTER": "from {}", "LESS_THAN": "less than {}", "MORE_THAN": "more than {}",
         "EQUAL_OR_LESS": "up to {}", "EQUAL_OR_MORE": "at least {}"}


def _day(year: str, month: str, day: str) -> str:
    return f"{month_name[int(month)]} {int(day)}, {year}"


def _plain_label(value: str) -> str:
    """A TIMEX3 DATE or TIME value in words; the value itself when it has no known form."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(.+))?", value):
        day = _day(*m.groups()[:3])
        time = m.group(4)
        if time is None:
            return day
        if time in _PARTS_OF_DAY:
            return f"{day}, {_PARTS_OF_DAY[time]}"
        return f"{day}, {time[:5]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{month_name[int(m.group(2))]} {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return f"{_QUARTERS[m.group(2)]} quarter of {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return f"{'first' if m.group(2) == '1' else 'second'} half of {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        return f"{'weekend of ' if m.group(3) else ''}week {int(m.group(2))} of {m.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"{_ordinal(int(value) + 1)} century"
    if re.fullmatch(r"\d", value):
        return f"{_ordinal(int(value) + 1)} millennium"
    return value


def label(value: str, mod: str | None = None) -> str:
    """ "13" -> "14th century", ("199", "END") -> "late 1990s", ("2014", "APPROX") -> "around 2014"."""
    text = _plain_label(value)
    return _MODS[mod].format(text) if mod in _MODS else text


def extract_timeline(doc: Doc, ctx: ExtractContext) -> list[TimelineEntry]:
    entries = []
    body = doc_text(doc)
    for timex in ctx.timexes:
        if not _datable(timex) or _not_a_date(body, timex):
            continue
        start, end = clause_bounds(doc, timex.start, timex.end)
        start, end = min(start, timex.start), max(end, timex.end)
        while start < timex.start and body[start].isspace():
            start += 1
        while end > timex.end and body[end - 1].isspace():
            end -= 1
        clause = Span(start=start, end=end, text=body[start:end])
        value = timex.value or ""
        entries.append(TimelineEntry(timex_id=timex.id, value=value, mod=timex.mod, label=label(value, timex.mod),
                                     clause=clause))
    return sorted(entries, key=lambda e: (e.value, _MOD_ORDER.get(e.mod, 2), e.clause.start))
