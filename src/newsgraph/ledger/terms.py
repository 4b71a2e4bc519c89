"""Words that identify a commitment: its action class and the names around it (actor, object,
place), normalized so "Iraqi", "Iraq's" and "Iraq" agree. Plain string work, no model: the ledger
runs on stored records and must update in well under a second."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F'’.-]*")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n+")
_GENERIC = frozenset("""
the a an this that these those it its he she they we i you his her their our mr mrs ms dr
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
president prime minister ministry government officials official spokesman spokesperson sources source
says said will would could should also but and or if as in on at by for of to from with after before
new news reuters ap afp report reported according update updated read more breaking live photo video
u.s us american washington state states united
""".split())
_DEMONYMS = {"iraqi": "iraq", "iraqis": "iraq", "israeli": "israel", "israelis": "israel", "lebanese": "lebanon",
             "german": "germany", "germans": "germany", "french": "france", "egyptian": "egypt",
             "russian": "russia", "ukrainian": "ukraine", "korean": "korea", "canadian": "canada",
             "mexican": "mexico", "chinese": "china", "syrian": "syria", "polish": "poland", "chilean": "chile",
             "bangladeshi": "bangladesh", "senegalese": "senegal", "palestinian": "palestine",
             "iranian": "iran", "turkish": "turkey", "japanese": "japan", "british": "britain",
             "kurdish": "kurdistan", "myanmar's": "myanmar", "assad": "asad", "al-assad": "al-asad"}
QUALIFIERS = {"parliamentary": "parliament", "legislative": "parliament", "general": "parliament",
              "bundestag": "parliament", "presidential": "president", "provincial": "local", "municipal": "local",
              "local": "local", "regional": "region", "runoff": "runoff", "run-off": "runoff", "senate": "senate",
              "midterm": "midterm", "primary": "primary", "by-election": "by"}


_ABBREVIATIONS = frozenset("jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. mr. mrs. ms. dr. st. "
                           "gen. gov. sen. rep. no. u.s. u.k. u.n. vs.".split())


@dataclass(frozen=True)
class ActionClass:
    name: str
    kind: str  # "event" or "process"
    words: frozenset[str]


@cache
def action_classes() -> tuple[ActionClass, ...]:
    text = resources.files("newsgraph.data").joinpath("ledger_actions.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(ActionClass(r[0], r[1], frozenset(r[2].split())) for r in rows)


@cache
def _word_class() -> dict[str, ActionClass]:
    return {word: c for c in action_classes() for word in c.words}


def class_words(name: str) -> frozenset[str]:
    return next((c.words for c in action_classes() if c.name == name), frozenset())


def class_kind(name: str) -> str:
    return next((c.kind for c in action_classes() if c.name == name), "process")


def words(text: str) -> list[str]:
    return [w.rstrip(".'’").lower() for w in _WORD.findall(text)]


def normalize(word: str) -> str:
    word = word.lower().rstrip(".'’")
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return _DEMONYMS.get(word, word)


def actions_in(text: str) -> list[str]:
    """Action classes named in the text, in order of first mention."""
    found = [_word_class()[w].name for w in words(text) if w in _word_class()]
    return list(dict.fromkeys(found))


def nearest_action(text: str, offset: int) -> str | None:
    """The action class whose word is closest to ``offset`` in the text."""
    best: tuple[int, str] | None = None
    for match in _WORD.finditer(text):
        found = _word_class().get(match.group().rstrip(".'’").lower())
        if found:
            distance = min(abs(match.start() - offset), abs(match.end() - offset))
            if best is None or distance < best[0]:
                best = (distance, found.name)
    return best[1] if best else None


def core_names(text: str, offset: int | None = None, reach: int = 70) -> set[str]:
    """Names close to the action word nearest ``offset`` (or to any action word): what the action is about."""
    spots = []
    for match in _WORD.finditer(text):
        if match.group().rstrip(".'’").lower() in _word_class():
            spots.append(match.start())
    if not spots:
        return names(text)
    if offset is not None:
        spots = [min(spots, key=lambda at: abs(at - offset))]
    found: set[str] = set()
    for at in spots:
        found |= names(text[max(0, at - reach):at + reach])
    return found


def names(text: str) -> set[str]:
    """Normalized capitalized words (names of actors, objects, places), generic words left out."""
    found = set()
    for raw in _WORD.findall(text):
        if not raw[0].isupper() and not raw.isupper():
            continue
        for part in re.split(r"[-‐]", raw) if "-" in raw and not raw.lower().startswith("al-") else [raw]:
            word = normalize(part)
            if len(word) > 1 and word not in _GENERIC and word not in _word_class():
                found.add(word)
    return found


def qualifiers(text: str) -> set[str]:
    return {QUALIFIERS[w] for w in words(text) if w in QUALIFIERS}


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the body."""
    spans = []
    start = 0
    for match in _SENTENCE.finditer(body):
        before = body[max(0, match.start() - 6):match.start()].split()
        if before and before[-1].lower() in _ABBREVIATIONS:
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(body):
        spans.append((start, len(body)))
    return [(s, e) for s, e in spans if body[s:e].strip()]


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return offset, offset
