"""Dates for commitments: the last day of a TIMEX3 period and the status against a date."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

DUE_SOON_DAYS = 60
"""A commitment is "due_soon" when its due date is at most this many days after the as-of date."""

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON_END = {"SP": (5, 31), "SU": (8, 31), "FA": (11, 30), "WI": (2, 28)}
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def due_date(value: str | None) -> date | None:
    """Last day of the period a TIMEX3 value names: "2026" → 2026-12-31, "2025-09" → 2025-09-30."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(value):
            return _month_end(int(m[1]), int(m[2]))
        if m := _YEAR.match(value):
            return date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 7)
        if m := _QUARTER.match(value):
            return _month_end(int(m[1]), int(m[2]) * 3)
        if m := _HALF.match(value):
            return _month_end(int(m[1]), int(m[2]) * 6)
        if m := _SEASON.match(value):
            month, day = _SEASON_END[m[2]]
            return date(int(m[1]) + (m[2] == "WI"), month, day)
    except ValueError:
        return None
    return None


def start_date(value: str | None) -> date | None:
    """First day of the period a TIMEX3 value names: "2026" → 2026-01-01, "2025-09" → 2025-09-01."""
    due = due_date(value)
    if due is None or value is None:
        return None
    if _DAY.match(value):
        return due
    if _MONTH.match(value):
        return due.replace(day=1)
    if _YEAR.match(value):
        return date(due.year, 1, 1)
    if _WEEK.match(value):
        return due - timedelta(days=6)
    return None  # quarters, halves, seasons: not needed to tell a future period


def is_before(value: str | None, reference: date | None) -> bool:
    """Whether the whole period ends before the reference date (so it cannot be a deadline ahead)."""
    due = due_date(value)
    return due is not None and reference is not None and due < reference


def status(due: date | None, as_of: date, soon_days: int = DUE_SOON_DAYS) -> str:
    """undated, past_due, due_soon (within ``soon_days``) or upcoming."""
    if due is None:
        return "undated"
    if due < as_of:
        return "past_due"
    return "due_soon" if due - as_of <= timedelta(days=soon_days) else "upcoming"
