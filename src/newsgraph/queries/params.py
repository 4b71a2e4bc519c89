"""Parameters of the named queries, parsed and bounded once, whatever surface they come from.

The CLI, the API and the web UI hand every parameter over as text; ``Param.parse`` turns it into
the value the SQL gets or raises ``InputError`` (a one-line error, 422 over HTTP). Nothing
unbounded reaches DuckDB: text has a length limit and no NUL, periods and offsets have a ceiling,
and date windows are clamped to the calendar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsgraph.errors import InputError

MAX_TEXT = 200
"""Longest search text accepted (a name or a few words)."""
MAX_LIMIT = 500
"""Most rows one API or web page returns."""
MAX_OFFSET = 1_000_000_000
"""Largest offset accepted: beyond any store, far below DuckDB's 64-bit limit."""
MAX_PERIOD_DAYS = 100 * 366
"""Longest look-ahead window (a century)."""

_PERIOD = re.compile(r"^\s*(\d{1,9})\s*([dwmy])\s*$", re.IGNORECASE)
_PERIOD_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True)
class Param:
    """One filter of a named query: its name in the SQL (``$name``), help, parser and default."""

    name: str
    help: str
    parse: Callable[[str, str], Any]
    default: str | None = None
    alias: str | None = None  # the API's and web form's name when it differs (``q`` for ``search``)
    flags: tuple[str, ...] = ()  # CLI flags (default: --name with dashes)
    switch: bool = False  # a yes/no flag: ``--all`` on the CLI, ``all=true`` over HTTP

    @property
    def key(self) -> str:
        """The name over HTTP."""
        return self.alias or self.name

    @property
    def cli_flags(self) -> tuple[str, ...]:
        return self.flags or ("--" + self.name.replace("_", "-"),)

    def value(self, raw: str | None) -> Any:
        """The parsed value; an empty or absent one is the default's."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raw = self.default
        return None if raw is None else self.parse(raw, self.key)


def text(raw: str, name: str) -> str | None:
    """Free text for a search: at most MAX_TEXT characters, no NUL; matched literally (no wildcards)."""
    if "\x00" in raw:
        raise InputError(name, "contains a NUL character")
    if len(raw) > MAX_TEXT:
        raise InputError(name, f"longer than {MAX_TEXT} characters")
    return raw.strip() or None


def choice(*values: str) -> Callable[[str, str], str]:
    allowed = {v.lower(): v for v in values}

    def parse(raw: str, name: str) -> str:
        found = allowed.get(raw.strip().lower())
        if found is None:
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            raise InputError(name, f"expected one of {', '.join(values)}, not {shown!r}")
        return found

    return parse


def day(raw: str, name: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InputError(name, f"expected a date as YYYY-MM-DD, not {shown!r}") from None


def period(raw: str, name: str) -> timedelta:
    """``60d``, ``8w``, ``3m`` (30 days each), ``1y``; at most a century."""
    match = _PERIOD.match(raw)
    if not match:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InputError(name, f"expected a period such as 60d, 8w, 3m or 1y, not {shown!r}")
    days = int(match.group(1)) * _PERIOD_DAYS[match.group(2).lower()]
    if days > MAX_PERIOD_DAYS:
        raise InputError(name, f"at most {MAX_PERIOD_DAYS} days (a century), not {raw.strip()!r}")
    return timedelta(days=days)


def switch(raw: str, name: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise InputError(name, f"expected true or false, not {raw[:40]!r}")


def add_days(start: date, span: timedelta) -> date:
    """``start + span``, clamped to the last day of the calendar instead of overflowing."""
    try:
        return start + span
    except OverflowError:
        return date.max


def bounded(value: int, name: str, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InputError(name, f"must be between {low} and {high:,}, not {value}")
    return value
