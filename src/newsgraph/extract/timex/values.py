"""TIMEX3 values: calendar arithmetic for each rule in ``data/timex_patterns.tsv``.

The normalization rules are ours (TimeML 1.2 value formats); dateutil does the calendar
arithmetic. A value that needs the reference date is left None when there is none.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from newsgraph.extract.timex.rules import Candidate, lexicon

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
_BACK = {"last", "past", "previous", "this past", "the latest", "the most recent", "the past", "the last",
         "the previous", "the prior", "the preceding"}
_AHEAD = {"next", "coming", "this coming", "the next", "the coming", "the following"}
_SAME = {"this", "current", "the current", "the full", "the present", "the", "the current fiscal", "the fiscal"}
_ANAPHORIC = {"that", "the same"}
_GRANULARITY = ("D", "W", "M", "Q", "Y", "DE", "CE")
_TIME_UNITS = {"S": "S", "TM": "M", "H": "H"}
_TENSE_WINDOW_DAYS = 45  # a past-tense clause may still name a date a few weeks ahead ("extended to Nov. 16")
_PLURAL_FACTORS = {"DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "2W": (2, "W")}


_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)


class Unresolved(Exception):
    """The value needs a reference date the article does not have."""


@dataclass
class Resolved:
    value: str | None
    type: str
    mod: str | None = None
    relative: bool = False
    end: int | None = None  # where the expression ends when that is before the pattern's end


def lexicon_value(category: str, text: str) -> str:
    key = " ".join(text.lower().rstrip(".").replace("-", " ").split())
    table = lexicon()[category]
    return table.get(key) or table.get(key.rstrip("s")) or table[key.replace(" ", "-")]


def month_number(text: str) -> int:
    return int(lexicon_value("month", text))


def format_at(day: date, granularity: str) -> str:
    """A date written at a TIMEX3 granularity: Y 2024, M 2024-09, Q 2024-Q3, W 2024-W36, D 2024-09-06."""
    if granularity == "Y":
        return f"{day.year:04d}"
    if granularity == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity in ("W", "WE"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "WE" else "")
    if granularity == "DE":
        return f"{day.year:04d}"[:3]
    if granularity == "CE":
        return f"{day.year:04d}"[:2]
    return day.isoformat()


def shift(day: date, unit: str, count: float) -> date:
    """``day`` moved by ``count`` units (Y, Q, M, W, D, DE, CE)."""
    n = int(count)
    steps = {"Y": relativedelta(years=n), "Q": relativedelta(months=3 * n), "M": relativedelta(months=n),
             "W": relativedelta(weeks=n), "D": relativedelta(days=n), "DE": relativedelta(years=10 * n),
             "CE": relativedelta(years=100 * n), "WE": relativedelta(weeks=n)}
    return day + steps.get(unit, relativedelta(days=n))


def parse_value(value: str) -> tuple[date, str] | None:
    """The first day and granularity of a calendar value, for anaphora ("a year earlier")."""
    patterns = ((r"(\d{4})-(\d\d)-(\d\d)", "D"), (r"(\d{4})-W(\d\d)", "W"), (r"(\d{4})-Q(\d)", "Q"),
                (r"(\d{4})-(\d\d)", "M"), (r"(\d{4})", "Y"))
    for pattern, granularity in patterns:
        m = re.fullmatch(pattern, value)
        if not m:
            continue
        year = int(m.group(1))
        if granularity == "D":
            return date(year, int(m.group(2)), int(m.group(3))), "D"
        if granularity == "W":
            return date.fromisocalendar(year, int(m.group(2)), 1), "W"
        if granularity == "Q":
            return date(year, 3 * int(m.group(2)) - 2, 1), "Q"
        if granularity == "M":
            return date(year, int(m.group(2)), 1), "M"
        return date(year, 1, 1), "Y"
    return None


def year_for(ref: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month and day named without one: the nearest occurrence, unless the tense
    points the other way and that occurrence is more than a few weeks off."""
    before, after = _occurrences(ref, month, day or 1, day or monthrange(ref.year, month)[1])
    return pick_date(ref, before, after, tense).year


def month_year_for(ref: date, month: int, tense: str | None) -> int:
    return year_for(ref, month, None, tense)


def _occurrences(ref: date, month: int, first: int, last: int) -> tuple[date, date]:
    """The latest occurrence ending on or before ``ref`` (by its last day) and the next one after."""
    year = ref.year if (month, first) <= (ref.month, ref.day) else ref.year - 1
    before = date(year, month, min(last, monthrange(year, month)[1]))
    after_year = year + 1
    after = date(after_year, month, min(first, monthrange(after_year, month)[1]))
    if before > ref:  # ref falls inside the named month: it is both
        before = after = ref
    return before, after


def pick_date(ref: date, before: date, after: date, tense: str | None) -> date:
    back, ahead = (ref - before).days, (after - ref).days
    if tense == PAST:
        return after if ahead < _TENSE_WINDOW_DAYS and back > ahead else before
    if tense == FUTURE:
        return before if back < _TENSE_WINDOW_DAYS / 2 and ahead > back else after
    return before if back <= ahead else after


def holiday_date(rule: str, year: int) -> date:
    """The date of a holiday rule from the lexicon in a year: '12-25', '4:4:11' (4th Thursday of
    November), '-1:1:5' (last Monday of May), 'easter', 'election' (US: Tuesday after Nov. 1)."""
    moved = re.fullmatch(r"(easter|election|-?\d+:\d+:\d+)([+-]\d+)", rule)
    if moved:
        return holiday_date(moved.group(1), year) + timedelta(days=int(moved.group(2)))
    if rule == "easter":
        return easter(year)
    if rule == "election":
        first = date(year, 11, 2)
        return first + timedelta(days=(2 - first.isoweekday()) % 7)
    parts = rule.split(":")
    if len(parts) == 1:
        fixed_month, fixed_day = rule.split("-")
        return date(year, int(fixed_month), int(fixed_day))
    nth, weekday, nth_month = (int(p) for p in parts)
    last = {"day": 31} if nth < 0 else {}
    return date(year, nth_month, 1) + relativedelta(weekday=_WEEKDAYS[weekday - 1](nth), **last)


def weekday_date(ref: date, weekday: int, tense: str | None, rel: str | None = None) -> date:
    """The date of a weekday named near ``ref``; "last"/"next" exclude the reference day itself."""
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if rel in ("last", "this past", "the previous"):
        return ref - timedelta(days=back or 7)
    if rel in ("next", "this coming", "the next", "the following"):
        return ref + timedelta(days=ahead or 7)
    if tense == FUTURE:
        return ref + timedelta(days=ahead or 7)
    if tense == PAST or back <= ahead:
        return ref - timedelta(days=back)
    return ref + timedelta(days=ahead)


def duration_value(count: float | None, unit: str) -> str:
    """P6M, PT2H, P20Y (two decades), PXY (a vague count)."""
    if unit in _PLURAL_FACTORS and count is not None:
        factor, unit = _PLURAL_FACTORS[unit]
        count *= factor
    if count is not None and count != int(count):
        mixed = _mixed(count, unit)
        if mixed:
            return mixed
        count, unit = _smaller(count, unit)
    amount = "X" if count is None else str(int(count))
    if unit in _TIME_UNITS:
        return f"PT{amount}{_TIME_UNITS[unit]}"
    if count is None and unit in ("DE", "CE"):
        return "PX" + unit[0]
    return f"P{amount}{unit}"


def _mixed(count: float, unit: str) -> str | None:
    """2.5 years -> P2Y6M, 1.5 minutes -> PT1M30S (TIMEX3 writes a whole and a part)."""
    whole, part = int(count), count - int(count)
    if whole == 0:
        return None
    if unit == "Y":
        return f"P{whole}Y{round(part * 12)}M"
    if unit == "TM":
        return f"PT{whole}M{round(part * 60)}S"
    if unit == "H":
        return f"PT{whole}H{round(part * 60)}M"
    return None


def _smaller(count: float, unit: str) -> tuple[float, str]:
    """1.5 years -> 18 months; keeps the value a whole number where TIMEX3 expects one."""
    steps = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "TM"), "TM": (60, "S")}
    if unit in steps:
        factor, smaller = steps[unit]
        return count * factor, smaller
    return count, unit


def offset_of(rel: str) -> int | None:
    rel = " ".join(rel.lower().split())
    if rel in _BACK:
        return -1
    if rel in _AHEAD:
        return 1
    if rel in _SAME:
        return 0
    return None


def unit_code(text: str) -> str:
    return lexicon_value("unit", text)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def two_digit_year(year: int, ref: date | None) -> int:
    """'89 -> 1989; the century nearest the reference date."""
    base = (ref.year if ref else 2000) // 100 * 100
    best = min((base - 100 + year, base + year, base + 100 + year), key=lambda y: abs(y - (ref.year if ref else 1970)))
    return best


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


def group(cand: Candidate, name: str) -> str | None:
    try:
        return cand.match.group(name)
    except IndexError:
        return None
