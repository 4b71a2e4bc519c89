"""Temporal expressions as TIMEX3 records: DATE, TIME, DURATION and SET with value and mod.

Candidates come from the patterns in ``data/timex_patterns.tsv``; values from
``timex_resolve`` (relative ones against ``ctx.reference_date``, with the clause's tense
choosing past or future). Ids are "t1", "t2", ... in body order, stable for other extractors.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Literal, cast

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.timex.resolve import Resolver
from newsgraph.extract.timex.rules import Candidate, _alternation, candidates, lexicon
from newsgraph.extract.timex.syntax import clause_tense, span_of
from newsgraph.extract.timex.values import valid_date
from newsgraph.nlp import doc_text
from newsgraph.records import Timex

NAME = "timexes"
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# Rules whose value is a point that a position word can narrow: "the end of 2026", "early next year".
_POSITIONED = {"DATE"}
_QUANTIFIED = {"DURATION", "TIME"}
_AGO_RULES = {"ago", "vague_ago"}
_PERIOD_NOUNS = {"decade", "decade_word", "century"}  # "the mid-1990s" keeps its article
_DATE_APPROX = {"around", "approximately"}  # "around Nov. 1"; "about Friday" is rarely an approximation


@lru_cache(maxsize=1)
def _prefixes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Position words before a date ("the end of") and quantity words before a duration ("nearly")."""
    position = lexicon()["position"]
    approx = lexicon()["approx"]
    words = _alternation([w for w in position if not w.endswith("-")])
    pos = re.compile(r"(?<![\w-])(?:the\s+)?(" + words + r")(?:\s+|-)$"
                     + r"|(?<![\w-])(?:the\s+)?(mid)-$", re.I)
    quant = re.compile(r"(?<![\w-])(" + _alternation(list(approx)) + r")\s+$", re.I)
    return pos, quant


_OR_SO = re.compile(r"^\s+or\s+so\b", re.I)


def _extend(text: str, cand: Candidate, kind: str) -> tuple[int, str | None, int]:
    """Start, mod and end after taking in a leading position or quantity word and a trailing "or so"."""
    position, quantity = _prefixes()
    before = text[max(0, cand.start - 30):cand.start]
    start, mod, end = cand.start, None, cand.end
    if kind in _POSITIONED and cand.rule.name not in _AGO_RULES:
        m = position.search(before)
        if m:
            word = (m.group(1) or m.group(2)).lower()
            taken = m.group(0)
            if taken.endswith("-") and taken.lower().startswith("the") and cand.rule.name not in _PERIOD_NOUNS:
                taken = taken[3:].lstrip()  # "the late-November trip": "the" belongs to "trip"
            elif word.startswith("the ") and re.match(r"the\s+the\s", taken, re.I):
                taken = taken[3:].lstrip()  # "at the the end of November": a doubled word in the text
            start, mod = cand.start - len(taken), lexicon()["position"].get(" ".join(word.split()), "MID")
    if kind in _QUANTIFIED or cand.rule.name in _AGO_RULES or kind == "DATE":
        m = quantity.search(before)
        if m and (kind != "DATE" or cand.rule.name in _AGO_RULES or m.group(1).lower() in _DATE_APPROX):
            start, mod = cand.start - len(m.group(0)), lexicon()["approx"][" ".join(m.group(1).lower().split())] or None
    tail = _OR_SO.match(text[end:end + 10])
    if tail and (kind == "DURATION" or cand.rule.name in _AGO_RULES or cand.rule.name == "rel_unit"):
        end, mod = end + tail.end(), "APPROX"
    return start, mod, end


def _is_count(doc: Doc, cand: Candidate) -> bool:
    """'2003' followed by a counted noun ("2003 people") is a number, not a year."""
    if cand.rule.name not in ("year", "spoken_year") or (cand.match.groupdict().get("fiscal")):
        return False
    span = span_of(doc, cand.start, cand.end)
    if span is None or span.end >= len(doc):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_upper and len(before) > 1 and before.text not in ("FY", "AD", "BC"):
        return True  # "GTX 1660", "ISO 9001": a model number
    if before is not None and (before.tag_ in ("PRP$", "POS") or before.lower_ in ("the", "this", "that")):
        return False  # "its 1990 invasion", "the 1987 crash"
    return doc[span.end].tag_ == "NNS"


def _is_adjective(doc: Doc, cand: Candidate) -> bool:
    """'daily volume', 'annual report': a set word used as a bare adjective names no time."""
    if cand.rule.name != "set_word":
        return False
    span = span_of(doc, cand.start, cand.end)
    if span is None or span.root.pos_ != "ADJ":
        return False
    # "his weekly radio address", "the daily tally", "on a daily basis": a routine that recurs (SET)
    return not (span.start > 0 and doc[span.start - 1].tag_ in ("DT", "PRP$", "POS"))


_NAME_AFTER_MONTH = re.compile(r"\s+(?:for|on|against|to)\s+(?-i:[A-Z])")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|an?)\s+(?:[a-z]+\s+)?$", re.I)
_CAPITALIZED_BEFORE = re.compile(r"(?<![\w.])[A-Z][A-Za-z]*\s+$")
_TITLE_UNIT = re.compile(r"\b(?:Week|Month|Year|Weekend)\b")
_POSSESSIVE_NOUN = re.compile(r"'s\s+(\w+)")


def _era(text: str, cand: Candidate) -> bool:
    """"today's world", "today's youth": the present age, not the day (TimeBank and AQUAINT leave it)."""
    if cand.rule.name != "deictic" or (cand.match.group("word") or "").lower() not in ("today", "tomorrow"):
        return False
    m = _POSSESSIVE_NOUN.match(text, cand.end)
    return bool(m and m.group(1).lower() in lexicon()["era"])


def _in_name(doc: Doc, cand: Candidate) -> bool:
    """Temporal words inside a proper name are not temporal expressions (TimeML, like TIDES, leaves
    names unmarked): "the March for Life", ABC's "This Week", "VOA Today", "Orion 1980"."""
    name, text = cand.rule.name, doc_text(doc)
    if name == "month":  # "the annual March for Life": a march named with an article
        return bool(_NAME_AFTER_MONTH.match(text, cand.end)
                    and _ARTICLE_BEFORE.search(text[max(0, cand.start - 30):cand.start]))
    if name in ("rel_unit", "the_unit"):
        return bool(_TITLE_UNIT.search(cand.match.group(0)))
    if name not in ("deictic", "year") or (name == "deictic" and not cand.match.group(0)[:1].isupper()):
        return False
    if not _CAPITALIZED_BEFORE.search(text, max(0, cand.start - 40), cand.start):
        return False  # (cheap test first: most years follow a lower-case word)
    span = span_of(doc, cand.start, cand.end)
    if span is None or span.start < 2:
        return False
    before = doc[span.start - 1]  # a capitalized word inside the sentence: "VOA Today", "Orion 1980"
    return not before.is_sent_start and before.is_alpha and not _temporal_word(before.lower_)


def _temporal_word(word: str) -> bool:
    lex = lexicon()
    return any(word in lex[kind] for kind in ("month", "weekday", "season", "holiday")) or word in ("fy", "fiscal")


def _detached(doc: Doc, start: int, cand: Candidate) -> bool:
    """A one-word prefix ("around") that the parse ties to neither the expression nor its head."""
    prefix, span = span_of(doc, start, cand.start), span_of(doc, cand.start, cand.end)
    if prefix is None or span is None or len(prefix) != 1 or len(span) == 0 or prefix.end > span.start:
        return False
    word = prefix[0]
    return not (span.start <= word.head.i < span.end or span.root.head == word)


_DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\(|--|_|\u2014)")
_DATELINE_LAG_DAYS = 3
# "April 24 and 25", "May 5, 6 and 7": the days after the first one, not followed by a counted noun.
_MORE_DAYS = re.compile(r"(?:,\s*(?P<day>[12]\d|3[01]|0?[1-9])(?!\d))*,?\s+(?:and|or)\s+"
                        r"(?P<last>[12]\d|3[01]|0?[1-9])(?![\d%])(?!\s*(?:percent|[a-z]+s\b))")
_DAY_NUMBER = re.compile(r"[12]\d|3[01]|0?[1-9]")


def _reference(text: str, cands: list[Candidate], reference: date | None) -> date | None:
    """The dateline date of a wire story ("WASHINGTON, March 12 (Xinhua) --") when it lies a day or
    so before the publication date: the story was filed then, so "Friday" and "today" count from it."""
    if reference is None or not cands or cands[0].rule.name != "date_md":
        return reference
    first = cands[0]
    if not (_DATELINE_BEFORE.match(text[:first.start]) and _DATELINE_AFTER.match(text[first.end:first.end + 6])):
        return reference
    resolved = Resolver(reference).resolve(first, None)
    filed = date.fromisoformat(resolved.value) if resolved and resolved.value else None
    return filed if filed and 0 < (reference - filed).days <= _DATELINE_LAG_DAYS else reference


def _more_days(text: str, cand: Candidate, value: str | None, cands: list[Candidate]) -> list[tuple[int, int, str]]:
    """Spans and values of the further days in "April 24 and 25" (same month and year as the first),
    leaving out a number that another candidate covers ("May 5 and 6 p.m.")."""
    if cand.rule.name != "date_md" or not value or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return []
    m = _MORE_DAYS.match(text, cand.end)
    if not m:
        return []
    days = _DAY_NUMBER.finditer(text, m.start(), m.end())
    return [(d.start(), d.end(), f"{value[:8]}{int(d.group()):02d}") for d in days
            if valid_date(int(value[:4]), int(value[5:7]), int(d.group()))
            and all(d.end() <= c.start or d.start() >= c.end for c in cands)]


def _adjectival_start(cand: Candidate, start: int) -> int:
    """'the two day rally': a count with a singular unit modifies the noun, which "the" belongs to."""
    m = cand.match
    if cand.rule.name != "duration" or start != cand.start or m.group("num") is None:
        return start
    only_the = re.fullmatch(r"the\s+", m.string[m.start():m.start("num")], re.I)
    singular = m.end("unit") == m.end() and m.group("num").lower() not in ("a", "an", "one", "1")
    return m.start("num") if only_the and singular else start


def extract_timexes(doc: Doc, ctx: ExtractContext) -> list[Timex]:
    """Every temporal expression in the body, with its TIMEX3 type, value and mod."""
    text = doc_text(doc)
    cands = candidates(text)
    resolver = Resolver(_reference(text, cands, ctx.reference_date))
    found: list[Timex] = []
    for cand in cands:
        if _is_count(doc, cand) or _is_adjective(doc, cand) or _in_name(doc, cand) or _era(text, cand):
            continue
        resolved = resolver.resolve(cand, clause_tense(doc, cand.start, cand.end))
        if resolved is None:
            continue
        start, mod, end = _extend(text, cand, resolved.type)
        start = _adjectival_start(cand, start)
        end = resolved.end or end
        if start < cand.start and _detached(doc, start, cand):
            start, mod = cand.start, None  # "get around Wednesday's ruling": "around" goes with "ruling"
        found.append(Timex(
            id=f"t{len(found) + 1}", start=start, end=end, text=text[start:end], extractor=NAME,
            type=cast(TimexType, resolved.type), value=resolved.value, mod=mod or resolved.mod,
            resolved=resolved.value is not None, relative=resolved.relative))
        for day_start, day_end, value in _more_days(text, cand, resolved.value, cands):
            found.append(Timex(
                id=f"t{len(found) + 1}", start=day_start, end=day_end, text=text[day_start:day_end], extractor=NAME,
                type="DATE", value=value, resolved=True, relative=resolved.relative))
    return found
