"""Which characters can a regular expression's match begin with?

Trying dozens of patterns at every word start of an article is slow when nearly all of them fail
on the first letter. Reading each pattern's possible first characters once, from Python's own
parse of it, lets a scanner try only the patterns that can begin with the character at hand.
The class is a superset (assertions are skipped), never a subset: a pattern is
never skipped where it could match. No library exposes this, hence the few lines here.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


class _AnyCharacter(Exception):
    """The pattern can begin with (nearly) any character, or with a construct not analysed."""


def first_char_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character pattern matching every character a non-empty match of ``pattern`` can start
    with, or None when that is any character (or the pattern is beyond this analysis)."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        pieces, _ = _sequence(P.parse(pattern.pattern, pattern.flags), ignore_case)
    except (_AnyCharacter, re.error, TypeError, ValueError):
        return None
    if not pieces:
        return None
    # Each piece keeps the case rule of the part of the pattern it comes from: month names are
    # matched capitalized ("(?-i:May)") inside an otherwise case-blind pattern.
    by_case = {case: "".join(sorted({piece for piece, c in pieces if c == case})) for case in (True, False)}
    parts = [f"(?{'i' if case else '-i'}:[{chars}])" for case, chars in by_case.items() if chars]
    return re.compile("|".join(parts))


Piece = tuple[str, bool]  # a character-class element, and whether case is ignored where it applies


def _sequence(items: Any, ignore_case: bool) -> tuple[list[Piece], bool]:
    """Class pieces of a sequence's first characters, and whether the sequence can match empty."""
    pieces: list[Piece] = []
    for op, av in items:
        first, nullable = _item(op, av, ignore_case)
        pieces += first
        if not nullable:
            return pieces, False
    return pieces, True


def _item(op: Any, av: Any, ignore_case: bool) -> tuple[list[Piece], bool]:
    if op is C.LITERAL:
        return [(re.escape(chr(av)), ignore_case)], False
    if op is C.IN:
        return [(piece, ignore_case) for piece in _char_set(av)], False
    if op is C.SUBPATTERN:  # (group, flags added, flags removed, pattern)
        if av[1] & re.IGNORECASE:
            ignore_case = True
        if av[2] & re.IGNORECASE:
            ignore_case = False
        return _sequence(av[3], ignore_case)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, ignore_case)
    if op is C.BRANCH:
        pieces: list[Piece] = []
        nullable = False
        for alternative in av[1]:
            first, empty = _sequence(alternative, ignore_case)
            pieces += first
            nullable = nullable or empty
        return pieces, nullable
    if op in _REPEATS:
        first, nullable = _sequence(av[2], ignore_case)
        return first, nullable or av[0] == 0
    if op in _ZERO_WIDTH:  # lookarounds and anchors consume nothing
        return [], True
    raise _AnyCharacter(op)


def _char_set(members: Any) -> list[str]:
    pieces = []
    for op, av in members:
        if op is C.LITERAL:
            pieces.append(re.escape(chr(av)))
        elif op is C.RANGE:
            pieces.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is C.CATEGORY and av in _CATEGORIES:
            pieces.append(_CATEGORIES[av])
        else:  # a negated set, or something rarer
            raise _AnyCharacter(op)
    return pieces
