"""One TIMEX3 value per candidate: a method per rule of ``data/timex_patterns.tsv``.

Relative expressions are resolved against the reference date (the publication date) with the
tense of the clause choosing past or future; anaphoric ones ("a year earlier", "that year")
against the last date the text mentioned. Without a reference date they stay unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsgraph.extract.timex.rules import Candidate, number_value, year_value
from newsgraph.extract.timex.values import (
    FUTURE,
    PAST,
    PRESENT,
    Resolved,
    Unresolved,
    duration_value,
    format_at,
    group,
    holiday_date,
    lexicon_value,
    month_number,
    month_year_for,
    offset_of,
    parse_value,
    pick_date,
    quarter_of,
    shift,
    two_digit_year,
    unit_code,
    valid_date,
    weekday_date,
    year_for,
)

_DEICTIC = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2}
_SEASONS = ("WI", "SP", "SU", "FA")
_GRANULARITY = ("D", "W", "M", "Q", "Y", "DE", "CE")
_COARSE = {"WE": "W"}
_ANAPHORA_REACH = 600  # characters: how far back "a year earlier" looks for the period it compares with
_PER_UNIT = re.compile(r"(?:\d|\$|million|billion|thousand|hundred|percent|%|times|once|twice|seats|flights|hours|days|"
                       r"shares|dollars|cents|people)\s*$", re.I)
_SOMEDAY = re.compile(r"\b(?:will|would|could|might|may|can|shall|to|'ll)\s+$", re.I)
_DISCOURSE_NOW = re.compile(r"(?-i:Now)(?:,|\s+for\b)")
_CLOCK = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}


def _before_direction(cand: Candidate) -> int:
    """The end of "three days" in "three days later"."""
    text = cand.match.string
    return len(text[:cand.match.start("dir")].rstrip())


class Resolver:
    """Turns candidates into TIMEX3 values, in body order (it remembers the last date for anaphora)."""

    def __init__(self, reference: date | None) -> None:
        self.ref = reference
        self.anchor: str | None = None
        self.anchor_at = -10_000
        self._compared = False

    def resolve(self, cand: Candidate, tense: str | None) -> Resolved | None:
        """The value, or None when the candidate turns out not to be a temporal expression."""
        method: Callable[[Candidate, str | None], Resolved | None] = getattr(self, "_" + cand.rule.name)
        try:
            result = method(cand, tense)
        except Unresolved:
            return Resolved(None, cand.rule.type, relative=True)
        except (KeyError, ValueError, OverflowError):
            return None
        if self._compared:  # "a year earlier" names the comparison, not a new point of the story
            self._compared = False
        elif result and result.value and result.value[:1].isdigit() and result.type in ("DATE", "TIME"):
            self.anchor, self.anchor_at = result.value.split("T")[0], cand.end
        return result

    # -- helpers -------------------------------------------------------------------------------
    def _reference(self) -> date:
        if self.ref is None:
            raise Unresolved
        return self.ref

    def _anchor_date(self) -> tuple[date, str]:
        parsed = parse_value(self.anchor) if self.anchor else None
        return parsed or (self._reference(), "D")

    def _recent_period(self, cand: Candidate) -> tuple[date, str] | None:
        """The quarter or month the text just spoke of: "$5 million a year earlier" compares with it."""
        parsed = parse_value(self.anchor) if self.anchor and cand.start - self.anchor_at < _ANAPHORA_REACH else None
        if parsed and self.ref and parsed[0] > self.ref:
            return None  # a forecast ("losses through the third quarter of 1990") is no reported period
        return parsed if parsed and parsed[1] == "Q" else None

    def _year_of(self, cand: Candidate) -> int:
        return year_value(group(cand, "year") or "")

    @staticmethod
    def _date(value: str, relative: bool = False, mod: str | None = None) -> Resolved:
        return Resolved(value, "DATE", mod, relative)

    # -- absolute dates ------------------------------------------------------------------------
    def _full(self, cand: Candidate) -> Resolved | None:
        year = int(group(cand, "year") or 0)
        if year < 100:
            year = two_digit_year(year, self.ref)
        month = group(cand, "month") or ""
        month_n = int(month) if month.isdigit() else month_number(month)
        day = int(group(cand, "day") or 0)
        if not valid_date(year, month_n, day):
            return None
        return self._date(f"{year:04d}-{month_n:02d}-{day:02d}")

    def _date_mdy(self, cand: Candidate, tense: str | None) -> Resolved | None:
        return self._full(cand)

    _date_dmy = _date_iso = _date_slash = _date_mdy

    def _date_md(self, cand: Candidate, tense: str | None) -> Resolved | None:
        if group(cand, "dword"):
            return self._date_md_word(cand, tense)
        month, day = month_number(group(cand, "month") or ""), int(group(cand, "day") or 0)
        if not valid_date(2000, month, day):
            return None
        ref = self._reference()
        return self._date(f"{year_for(ref, month, day, tense):04d}-{month:02d}-{day:02d}", True)

    _date_dm = _date_md

    def _date_md_word(self, cand: Candidate, tense: str | None) -> Resolved | None:
        """'March eighth', 'the first of May': the day written as an ordinal word."""
        month = month_number(group(cand, "month") or "")
        day = int(lexicon_value("ordinal", group(cand, "dword") or ""))
        if not valid_date(2000, month, day):
            return None
        if group(cand, "year"):
            year = int(group(cand, "year") or 0)
            return self._date(f"{year:04d}-{month:02d}-{day:02d}") if valid_date(year, month, day) else None
        return self._date(f"{year_for(self._reference(), month, day, tense):04d}-{month:02d}-{day:02d}", True)

    _date_dm_word = _date_md_word

    def _month_year(self, cand: Candidate, tense: str | None) -> Resolved:
        return self._date(f"{self._year_of(cand):04d}-{month_number(group(cand, 'month') or ''):02d}")

    def _month_rel(self, cand: Candidate, tense: str | None) -> Resolved:
        offset = {"this": 0, "last": -1, "next": 1}[(group(cand, "rel") or "").lower()]
        year = self._reference().year + offset
        return self._date(f"{year:04d}-{month_number(group(cand, 'month') or ''):02d}", True)

    def _rel_month(self, cand: Candidate, tense: str | None) -> Resolved:
        ref, month = self._reference(), month_number(group(cand, "month") or "")
        offset = offset_of(group(cand, "rel") or "")
        if offset == -1:
            year = ref.year if month < ref.month else ref.year - 1
        elif offset == 1:
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        return self._date(f"{year:04d}-{month:02d}", True)

    def _month(self, cand: Candidate, tense: str | None) -> Resolved:
        ref, month = self._reference(), month_number(group(cand, "month") or "")
        return self._date(f"{month_year_for(ref, month, tense):04d}-{month:02d}", True)

    def _season_year(self, cand: Candidate, tense: str | None) -> Resolved:
        return self._date(f"{self._year_of(cand):04d}-{lexicon_value('season', group(cand, 'season') or '')}")

    def _rel_season(self, cand: Candidate, tense: str | None) -> Resolved:
        ref, season = self._reference(), lexicon_value("season", group(cand, "season") or "")
        offset = offset_of(group(cand, "rel") or "")
        now = _SEASONS.index(("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[ref.month - 1])
        year, index = ref.year, _SEASONS.index(season)
        if offset == -1:
            year -= 1 if index >= now else 0
        elif offset == 1:
            year += 1 if index <= now else 0
        elif tense == PAST and index > now:  # "the summer" said in April of a past time: last year's
            year -= 1
        elif tense == FUTURE and index < now:
            year += 1
        return self._date(f"{year:04d}-{season}", True)

    def _season_part(self, cand: Candidate, tense: str | None) -> Resolved:
        """'the early summer', 'late last fall' is read as 'last fall': the season with a mod."""
        season = self._rel_season(cand, tense)
        mod = {"mid": "MID", "late": "END", "early": "START"}[(group(cand, "part") or "").lower()]
        return Resolved(season.value, "DATE", mod, True)

    def _year(self, cand: Candidate, tense: str | None) -> Resolved:
        return self._date(f"{self._year_of(cand):04d}")

    _spoken_year = _year

    def _year_period(self, cand: Candidate, tense: str | None) -> Resolved:
        """'the 1988 quarter' (or 'period') after "the third quarter": that quarter of 1988."""
        recent = self._recent_period(cand)
        noun = cand.match.group(0).split()[-1].lower()
        if recent and noun in ("quarter", "period"):
            self._compared = True
            return self._date(f"{self._year_of(cand):04d}-Q{quarter_of(recent[0])}")
        return self._year(cand, tense)

    def _year_rel(self, cand: Candidate, tense: str | None) -> Resolved:
        later = (group(cand, "dir") or group(cand, "dir2") or "").lower() in ("later", "beyond", "after")
        month = f"-{month_number(group(cand, 'month') or ''):02d}" if group(cand, "month") else ""
        return self._date(f"{self._year_of(cand):04d}{month}", mod="ON_OR_AFTER" if later else "ON_OR_BEFORE")

    def _decade(self, cand: Candidate, tense: str | None) -> Resolved:
        century = group(cand, "century")
        if century:
            return self._date(century + (group(cand, "decade") or ""))
        digit = int(group(cand, "decade2") or 0)
        now = self.ref.year if self.ref else 1999
        base = now // 100 if digit <= now % 100 // 10 else now // 100 - 1
        return self._date(f"{base}{digit}")

    def _decade_word(self, cand: Candidate, tense: str | None) -> Resolved:
        text = cand.match.group(0).lower()
        century = "18" if "eighteen" in text else "19"
        return self._date(century + lexicon_value("decadeword", group(cand, "dword") or ""))

    def _century(self, cand: Candidate, tense: str | None) -> Resolved | None:
        ordinal = (group(cand, "ord") or "").lower()
        n = int(ordinal[:-2]) if ordinal[:1].isdigit() else int(lexicon_value("ordinal", ordinal))
        return self._date(f"{n - 1:02d}") if 1 <= n <= 21 else None

    # -- quarters and halves -------------------------------------------------------------------
    def _ordinal(self, cand: Candidate) -> int:
        ordinal = (group(cand, "ord") or "").lower()
        return int(ordinal[0]) if ordinal[:1].isdigit() else int(lexicon_value("ordinal", ordinal))

    def _quarter(self, cand: Candidate, tense: str | None) -> Resolved | None:
        n = self._ordinal(cand)
        if not 1 <= n <= 4:
            return None
        if group(cand, "year"):
            return self._date(f"{group(cand, 'year')}-Q{n}")
        ref = self._reference()
        qrel = " ".join((group(cand, "qrel") or "").lower().split())
        if qrel.startswith(("last year", "the year", "year", "the comparable")):
            year = ref.year - 1
        elif qrel.startswith("next year"):
            year = ref.year + 1
        elif qrel.startswith("this year"):
            year = ref.year
        else:  # a quarter still ahead in the year is last year's unless the clause speaks of the future
            year = ref.year - 1 if n > quarter_of(ref) and tense != FUTURE else ref.year
        return self._date(f"{year:04d}-Q{n}", True)

    _quarter_adj = _quarter

    def _quarter_year(self, cand: Candidate, tense: str | None) -> Resolved | None:
        n = self._ordinal(cand)
        return self._date(f"{group(cand, 'year')}-Q{n}") if 1 <= n <= 4 else None

    def _half(self, cand: Candidate, tense: str | None) -> Resolved | None:
        last = (group(cand, "ord") or "").lower() in ("last", "latter")
        if last and not (group(cand, "year") or group(cand, "rel")):
            return None  # "the last half of the '80s": a position word for what follows
        n = 2 if last else self._ordinal(cand)
        if group(cand, "year"):
            return self._date(f"{group(cand, 'year')}-H{n}")
        ref = self._reference()
        offset = {"this": 0, "last": -1, "next": 1}.get((group(cand, "rel") or "").lower())
        if offset is None:
            half = 1 if ref.month <= 6 else 2
            offset = -1 if n > half and tense != FUTURE else 0
        return self._date(f"{ref.year + offset:04d}-H{n}", True)

    # -- this/last/next week, month, year ... -------------------------------------------------
    def _rel_unit(self, cand: Candidate, tense: str | None) -> Resolved | None:
        rel = " ".join((group(cand, "rel") or "").lower().split())
        unit = " ".join((group(cand, "unit") or "").lower().split())
        after = cand.match.string[cand.end:cand.end + 8].lower()
        if unit in ("year", "fiscal year") and rel.startswith("the") and after.startswith((" ended", " ending")):
            return Resolved("P1Y", "DURATION")  # "the year ended March 31": a fiscal year's length
        if unit in ("period", "day") and rel not in ("the latest", "the most recent", "that", "the same",
                                                     "the next", "the following", "the previous", "the prior",
                                                     "the preceding"):
            return None
        if rel in ("that", "the same", "the following", "the previous", "the preceding", "the prior") or (
                unit == "day" and rel != "the latest"):
            return self._anaphoric(unit, rel)
        ref = self._reference()
        if unit in ("quarter", "period"):
            offset = offset_of(rel)
            if offset is None or (offset == 0 and rel == "the" and tense == PAST):
                offset = -1  # "the latest quarter": the last one reported
            return self._date(format_at(shift(ref, "Q", offset), "Q"), True)
        if unit == "weekend":
            return self._weekend(ref, offset_of(rel) or 0, tense)
        code = {"week": "W", "month": "M", "year": "Y", "fiscal year": "Y", "decade": "DE", "century": "CE"}[unit]
        offset = offset_of(rel)
        if offset is None:
            return None
        return self._date(format_at(shift(ref, code, offset), code), True)

    def _the_unit(self, cand: Candidate, tense: str | None) -> Resolved | None:
        return self._rel_unit(cand, tense)

    def _anaphoric(self, unit: str, rel: str) -> Resolved:
        anchor, granularity = self._anchor_date()
        code = {"week": "W", "month": "M", "year": "Y", "fiscal year": "Y", "quarter": "Q", "day": "D",
                "decade": "DE", "century": "CE", "weekend": "WE", "period": "Q"}[unit]
        offset = 1 if rel in ("the next", "the following") else -1 if rel in (
            "the previous", "the prior", "the preceding") else 0
        if _GRANULARITY.index(granularity) > _GRANULARITY.index(_COARSE.get(code, code)):
            code = granularity  # "that day" after "in 1987": no finer than what the text said
        return self._date(format_at(shift(anchor, code, offset), code), True)

    @staticmethod
    def _weekend(ref: date, offset: int, tense: str | None) -> Resolved:
        day = ref
        if offset == 0 and ref.isoweekday() < 6 and (tense == PAST or (tense is None and ref.isoweekday() <= 2)):
            day = ref - timedelta(days=7)
        return Resolved(format_at(shift(day, "W", offset), "WE"), "DATE", None, True)

    def _year_ago(self, cand: Candidate, tense: str | None) -> Resolved:
        """'year-earlier profit': the year before the period just discussed, else before the reference."""
        recent = self._recent_period(cand)
        span = (group(cand, "span") or "").lower()
        self._compared = True
        if recent and span == "year":
            return self._date(format_at(shift(recent[0], "Y", -1), recent[1]), True)
        return self._year_ago_what(cand, tense)

    def _year_ago_what(self, cand: Candidate, tense: str | None) -> Resolved:
        self._compared = True
        ref = self._reference()
        span = (group(cand, "span") or "").lower()
        what = (group(cand, "what") or "").lower()
        if what.endswith("months"):  # "the year-earlier nine months": a length, as "the first nine months" is
            return Resolved(duration_value(number_value(what.split()[0]), "M"), "DURATION")
        recent = self._recent_period(cand)
        if what == "period" and span == "year":  # "the year-earlier period": the quarter just reported
            base = recent[0] if recent else shift(ref, "Q", -1)
            return self._date(format_at(shift(base, "Y", -1), "Q"), True)
        if "quarter" in what or span == "quarter":
            ordinal = what.split()[0] if what and what.split()[0] != "quarter" else ""
            n = int(lexicon_value("ordinal", ordinal)) if ordinal else quarter_of(shift(ref, "Q", -1))
            year = ref.year - 1 if span == "year" else shift(ref, "Q", -1).year
            return self._date(f"{year:04d}-Q{n}", True)
        if span == "month":
            return self._date(format_at(shift(ref, "M", -1), "M"), True)
        return self._date(f"{ref.year - 1:04d}", True)

    def _period_ago(self, cand: Candidate, tense: str | None) -> Resolved:
        """'the corresponding period last year', 'the quarter a year ago': the period just reported, a year back."""
        self._compared = True
        recent = self._recent_period(cand)
        code = "M" if (group(cand, "what") or "").lower() == "month" else "Q"
        base = recent[0] if recent else shift(self._reference(), code, -1)
        return self._date(format_at(shift(base, "Y", -1), code), True)

    def _ordinal_day(self, cand: Candidate, tense: str | None) -> Resolved:
        """'(today is) the eighth day of the blockade': said in the present, the reference day; else a
        day the text does not date."""
        if tense == PRESENT:
            return self._date(self._reference().isoformat(), True)
        return Resolved(None, "DATE", relative=True)

    def _period_before(self, cand: Candidate, tense: str | None) -> Resolved:
        """'in the weeks before the shooting': a stretch of time (DATE) dated by an event, whose date
        the text rarely gives next to it; it stays unresolved rather than take a guessed value."""
        return Resolved(None, "DATE", relative=True)

    def _year_end(self, cand: Candidate, tense: str | None) -> Resolved:
        ref = self._reference()
        offset = {"this": 0, "last": -1, "next": 1}.get((group(cand, "rel") or "").lower(), 0)
        code = {"year": "Y", "month": "M", "quarter": "Q"}[(group(cand, "unit") or "year").lower()]
        return self._date(format_at(shift(ref, code, offset), code), True, "END")

    # -- weekdays and days ---------------------------------------------------------------------
    def _weekday_value(self, cand: Candidate, tense: str | None) -> str:
        weekday = int(lexicon_value("weekday", group(cand, "wd") or ""))
        rel = (group(cand, "rel") or "").lower() or None
        return weekday_date(self._reference(), weekday, tense, rel).isoformat()

    def _weekday(self, cand: Candidate, tense: str | None) -> Resolved:
        return self._date(self._weekday_value(cand, tense), True)

    def _rel_weekday(self, cand: Candidate, tense: str | None) -> Resolved:
        """'the previous Friday', 'the following Monday': counted from the day the text is telling of."""
        rel = " ".join((group(cand, "rel") or "").lower().split())
        recent = parse_value(self.anchor) if self.anchor and cand.start - self.anchor_at < _ANAPHORA_REACH else None
        if rel in ("the previous", "the following") and recent and recent[1] == "D":
            weekday = int(lexicon_value("weekday", group(cand, "wd") or ""))
            return self._date(weekday_date(recent[0], weekday, None, rel).isoformat(), True)
        return self._weekday(cand, tense)

    def _weekday_pod(self, cand: Candidate, tense: str | None) -> Resolved:
        pod = lexicon_value("partofday", group(cand, "pod") or "")
        return Resolved(f"{self._weekday_value(cand, tense)}T{pod}", "TIME", None, True)

    def _deictic(self, cand: Candidate, tense: str | None) -> Resolved:
        word = " ".join((group(cand, "word") or "").lower().split())
        day = self._reference() + timedelta(days=_DEICTIC[word])
        if word == "tonight":
            return Resolved(f"{day.isoformat()}TNI", "TIME", None, True)
        return self._date(day.isoformat(), True)

    def _deictic_pod(self, cand: Candidate, tense: str | None) -> Resolved | None:
        word = (group(cand, "word") or "").lower()
        pod = lexicon_value("partofday", group(cand, "pod") or "")
        if word == "last" and pod != "NI":
            return None
        day = self._reference() + timedelta(days=_DEICTIC[word])
        return Resolved(f"{day.isoformat()}T{pod}", "TIME", None, True)

    def _ref(self, cand: Candidate, tense: str | None) -> Resolved | None:
        if _DISCOURSE_NOW.match(cand.match.string, cand.start):
            return None  # "Now, he says, ...": a discourse marker that turns to a new point
        return self._date(lexicon_value("ref", group(cand, "word") or ""), True)

    # -- "two years ago", "a year earlier" -----------------------------------------------------
    def _ago(self, cand: Candidate, tense: str | None) -> Resolved | None:
        count = number_value(group(cand, "num") or "")
        unit = unit_code(group(cand, "unit") or "")
        direction = " ".join((group(cand, "dir") or "").lower().split())
        if count is None or count != int(count) or unit in ("S", "TM", "H", "2W"):
            return self._vague_ago(cand, tense) if count is not None else None
        if direction in ("later", "earlier", "after that", "before that") and unit in ("D", "W"):
            # "three days later": a span from a point; the direction word is a signal, not part of it
            mod = "APPROX" if " or so" in " ".join(cand.match.group(0).lower().split()) else None
            return Resolved(duration_value(count, unit), "DURATION", mod, end=_before_direction(cand))
        sign = -1 if direction in ("ago", "earlier", "before that") else 1
        recent = self._recent_period(cand) if unit in ("Y", "Q") and direction in ("ago", "earlier") else None
        if recent:  # "profit of $5 million a year ago" compares with the quarter just named
            base, granularity = recent
            self._compared = True
        elif direction in ("ago", "from now", "hence"):
            base, granularity = self._reference(), unit
        else:
            base, granularity = self._anchor_date()
            granularity = granularity if granularity in ("Q", "M") and unit in ("Y", "Q", "M") else unit
        return self._date(format_at(shift(base, unit, sign * count), granularity), True)

    def _vague_ago(self, cand: Candidate, tense: str | None) -> Resolved:
        direction = (group(cand, "dir") or "").lower()
        if direction in ("later", "earlier"):
            unit = unit_code(group(cand, "unit") or "")
            return Resolved(duration_value(None, unit), "DURATION", end=_before_direction(cand))
        return self._date("PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF", True)

    # -- durations and sets --------------------------------------------------------------------
    def _duration(self, cand: Candidate, tense: str | None) -> Resolved | None:
        count = number_value(group(cand, "num") or "")
        unit_text = group(cand, "unit") or ""
        after = cand.match.string[cand.end:cand.end + 4].lower()
        if count is None or (unit_text.lower() == "quarter" and after.startswith(" of")) or after.startswith(" old"):
            return None  # "a quarter of the vote"; ages ("52 years old") are not temporal expressions
        if _PER_UNIT.search(cand.match.string[max(0, cand.start - 12):cand.start]) and count == 1:
            return None  # "$2 million a year", "four flights a week": a rate, not a duration
        if unit_text.lower() == "second" and (group(cand, "num") or "").lower() in ("a", "one"):
            return None  # "a second group"
        if group(cand, "half"):
            count += 0.5
        before = cand.match.string[max(0, cand.start - 8):cand.start]
        if cand.match.group(0).lower() == "one day" and _SOMEDAY.search(before):
            return self._date("FUTURE_REF", True)  # "will one day be": some day ahead, not a day long
        return Resolved(duration_value(count, unit_code(unit_text)), "DURATION")

    _duration_adj = _duration_period = _duration

    def _duration_long(self, cand: Candidate, tense: str | None) -> Resolved | None:
        """'a day-long meeting', 'a two-year-long war': the length of what the noun names."""
        count = number_value(group(cand, "num") or "one")
        if count is None:
            return None
        return Resolved(duration_value(count, unit_code(group(cand, "unit") or "")), "DURATION")

    def _duration_vague(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(duration_value(None, unit_code(group(cand, "unit") or "")), "DURATION")

    _duration_plural = _duration_vague_adj = _duration_vague

    def _duration_half(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(duration_value(0.5, unit_code(group(cand, "unit") or "")), "DURATION")

    def _set_every(self, cand: Candidate, tense: str | None) -> Resolved | None:
        count = number_value(group(cand, "num") or "1")
        if "other" in cand.match.group(0).lower():
            count = 2
        return Resolved(duration_value(count, unit_code(group(cand, "unit") or "")), "SET")

    def _set_weekday(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(f"XXXX-WXX-{lexicon_value('weekday', group(cand, 'wd') or '')}", "SET")

    def _set_weekdays(self, cand: Candidate, tense: str | None) -> Resolved:
        """'Mondays', 'Tuesday nights': every such day (or part of it)."""
        pod = group(cand, "pod")
        suffix = "T" + lexicon_value("partofday", pod) if pod else ""
        return Resolved(f"XXXX-WXX-{lexicon_value('weekday', group(cand, 'wd') or '')}{suffix}", "SET")

    _set_weekday_pods = _set_weekdays

    def _set_month(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(f"XXXX-{month_number(group(cand, 'month') or ''):02d}", "SET")

    def _set_season(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(f"XXXX-{lexicon_value('season', group(cand, 'season') or '')}", "SET")

    def _set_word(self, cand: Candidate, tense: str | None) -> Resolved:
        return Resolved(lexicon_value("setword", group(cand, "word") or ""), "SET")

    def _holiday(self, cand: Candidate, tense: str | None) -> Resolved:
        rule = lexicon_value("holiday", group(cand, "holiday") or "")
        granularity = "W" if group(cand, "week") else "D"  # "Easter week": the week of the holiday
        if group(cand, "year"):
            return self._date(format_at(holiday_date(rule, self._year_of(cand)), granularity))
        ref = self._reference()
        days = [holiday_date(rule, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
        before = max(d for d in days if d <= ref)
        after = min(d for d in days if d > ref)
        return self._date(format_at(pick_date(ref, before, after, tense), granularity), True)

    # -- clock times ---------------------------------------------------------------------------
    def _time_day(self, cand: Candidate, tense: str | None) -> str:
        if group(cand, "wd"):
            return self._weekday_value(cand, tense)
        if group(cand, "month"):
            return self._date_md(cand, tense).value or ""  # type: ignore[union-attr]
        if not group(cand, "word"):  # "at 10 p.m.": the day the text was just speaking of
            recent = parse_value(self.anchor) if self.anchor and cand.start - self.anchor_at < _ANAPHORA_REACH else None
            if recent and recent[1] == "D":
                return recent[0].isoformat()
        word = (group(cand, "word") or "today").lower()
        return (self._reference() + timedelta(days=_DEICTIC[word])).isoformat()

    def _time(self, cand: Candidate, tense: str | None) -> Resolved | None:
        hour, minute = int(group(cand, "hour") or 0), int(group(cand, "min") or 0)
        if not 1 <= hour <= 12:
            return None
        pm = (group(cand, "ampm") or "").lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
        return Resolved(f"{self._time_day(cand, tense)}T{hour:02d}:{minute:02d}", "TIME", None, True)

    def _pod_part(self, cand: Candidate, tense: str | None) -> Resolved:
        """'mid-afternoon yesterday', 'early morning': a part of the day named or spoken of."""
        pod = lexicon_value("partofday", group(cand, "pod") or "")
        mod = {"mid": "MID", "late": "END", "early": "START"}[(group(cand, "part") or "").lower()]
        return Resolved(f"{self._time_day(cand, tense)}T{pod}", "TIME", mod, True)

    def _time_word(self, cand: Candidate, tense: str | None) -> Resolved:
        clock = _CLOCK[(group(cand, "clock") or "").lower()]
        return Resolved(f"{self._time_day(cand, tense)}T{clock}", "TIME", None, True)
