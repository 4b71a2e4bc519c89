"""An exact, indexed stand-in for the pattern matching inside spaCy's ``attribute_ruler``.

The English pipelines' attribute ruler holds about 180 patterns from the tag map and morph rules,
each a plain equality test on one or two tokens (``{"TAG": "DT", "LOWER": "this"}``). spaCy's
Matcher tries every pattern at every token, which made the ruler cost as much as the parser: about
27 of the 170 ms a news article takes in ``en_core_web_sm``. Looked up by the token's lower-case
form, tag or dependency instead, the same matches take about a millisecond. The attributes are
set by spaCy's own setter, so the annotations are spaCy's own.

Patterns may test the attributes in ``_COLUMNS`` for a value, ``IN``, ``NOT_IN`` or ``REGEX``; a
pipeline whose ruler holds anything else (operators such as ``OP``, other attributes) keeps
spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.speedups.standin import StandIn, replace_component

# Attributes a pattern may test, and the column of ``Doc.to_array`` holding each.
_COLUMNS = {"ORTH": 0, "LOWER": 1, "NORM": 2, "TAG": 3, "POS": 4, "DEP": 5, "IS_SPACE": 6}
_ARRAY_ATTRS = [ORTH, LOWER, NORM, TAG, POS, DEP, IS_SPACE]
_FLAGS = {"IS_SPACE"}
_MEMO_SIZE = 200_000  # distinct token rows remembered; cleared when full
_INDEX_ORDER = ("LOWER", "ORTH", "NORM", "TAG", "DEP", "POS", "IS_SPACE")  # most selective first


@dataclass(frozen=True)
class Test:
    """One condition on one attribute of a token, as the Matcher reads it: equal to a value, in
    or not in a set of values (``IN``, ``NOT_IN``), or matching a regular expression (``REGEX``)."""

    column: int
    values: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None
    seen: dict[int, bool] = field(default_factory=dict, compare=False, hash=False)  # regex result per value


def _passes(tests: tuple[Test, ...], row: list[int], strings: Any) -> bool:
    for test in tests:
        value = row[test.column]
        if test.regex is None:
            if (value in test.values) == test.negated:
                return False
            continue
        hit = test.seen.get(value)
        if hit is None:
            hit = test.seen[value] = bool(test.regex.search(strings[value]))
        if not hit:
            return False
    return True


@dataclass(frozen=True)
class _Pattern:
    attr_id: int  # the ruler's rule number: later rules win, so matches are applied in this order
    match_id: int  # the Matcher's key for the rule (hash of the rule number as a string)
    tokens: tuple[tuple[Test, ...], ...]  # tests per token of the pattern


def _value(name: str, value: object, strings: Any) -> int | None:
    if name in _FLAGS:
        return int(value) if isinstance(value, bool) else None
    return strings.add(value) if isinstance(value, str) else None


def _test(name: str, spec: object, strings: Any) -> Test | None:
    """The Test for ``{name: spec}``, or None for what is not indexed here."""
    column = _COLUMNS[name]
    if not isinstance(spec, dict):
        value = _value(name, spec, strings)
        return None if value is None else Test(column, frozenset({value}))
    if len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list):
        values = [_value(name, v, strings) for v in arg]
        if any(v is None for v in values):
            return None
        return Test(column, frozenset(v for v in values if v is not None), negated=op == "NOT_IN")
    if op == "REGEX" and isinstance(arg, str) and name not in _FLAGS:
        return Test(column, regex=re.compile(arg))
    return None


def _tests(token: dict[str, Any], strings: Any) -> tuple[Test, ...] | None:
    """A pattern token's tests, or None when any of them is not indexed here."""
    tests = []
    for attr, spec in token.items():
        name = attr.upper() if isinstance(attr, str) else None
        test = _test(name, spec, strings) if name in _COLUMNS else None
        if test is None:
            return None
        tests.append(test)
    return tuple(tests)


def _patterns(ruler: Any) -> list[_Pattern] | None:
    """Every rule of the ruler as indexed patterns, or None if any cannot be."""
    strings = ruler.vocab.strings
    found: list[_Pattern] = []
    for attr_id, rule in enumerate(ruler.patterns):
        for pattern in rule["patterns"]:
            tokens = [_tests(token, strings) for token in pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            found.append(_Pattern(attr_id, strings[str(attr_id)], tuple(t for t in tokens if t is not None)))
    return found


def _index_key(tests: tuple[Test, ...]) -> Test | None:
    """The first token's test to look the pattern up by: a plain value set on the most selective column."""
    plain = {t.column: t for t in tests if t.regex is None and not t.negated}
    return next((plain[_COLUMNS[n]] for n in _INDEX_ORDER if _COLUMNS[n] in plain), None)


class IndexedMatcher:
    """Finds the ruler's matches by looking each token up in an index of first-token tests."""

    def __init__(self, patterns: list[_Pattern], strings: Any) -> None:
        self.size = len({p.attr_id for p in patterns})
        self.strings = strings
        # (column, value) -> the patterns whose first token needs that value, with its other tests
        self.index: dict[tuple[int, int], list[tuple[_Pattern, tuple[Test, ...]]]] = {}
        self.always: list[tuple[_Pattern, tuple[Test, ...]]] = []  # nothing to look up: tried everywhere
        for pattern in patterns:
            first = pattern.tokens[0]
            key = _index_key(first)
            if key is None:
                self.always.append((pattern, first))
                continue
            rest = tuple(t for t in first if t is not key)
            for value in key.values:
                self.index.setdefault((key.column, value), []).append((pattern, rest))
        self.columns = sorted({column for column, _ in self.index})
        # A token's attributes -> the patterns its token can start: words and tags repeat, so most
        # tokens of an article are looked up here, not tested again.
        self.starting: dict[tuple[int, ...], tuple[_Pattern, ...]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``AttributeRuler.match``: (rule number, match id, start, end), in rule order."""
        rows = doc.to_array(_ARRAY_ATTRS).tolist()
        strings, starting = self.strings, self.starting
        matches = []
        for i, row in enumerate(rows):
            key = tuple(row)
            patterns = starting.get(key)
            if patterns is None:
                if len(starting) >= _MEMO_SIZE:
                    starting.clear()
                patterns = starting[key] = self._starting(row)
            for pattern in patterns:
                end = i + len(pattern.tokens)
                if end == i + 1 or end <= len(rows) and all(
                        _passes(tests, rows[i + k], strings) for k, tests in enumerate(pattern.tokens[1:], 1)):
                    matches.append((pattern.attr_id, pattern.match_id, i, end))
        matches.sort()
        return matches

    def _starting(self, row: list[int]) -> tuple[_Pattern, ...]:
        """The patterns whose first token this token passes (it depends on the row's values only)."""
        candidates = list(self.always)
        for column in self.columns:
            candidates += self.index.get((column, row[column]), ())
        return tuple(pattern for pattern, first in candidates if not first or _passes(first, row, self.strings))


class IndexedAttributeRuler(StandIn):
    """The attribute ruler with the indexed matcher and a Span-free annotation setter."""

    def __init__(self, ruler: Any, patterns: list[_Pattern] | None = None) -> None:
        super().__init__(ruler)
        self.matcher = IndexedMatcher(patterns if patterns is not None else _patterns(ruler) or [], ruler.vocab.strings)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        # rules added after indexing are unknown to the index: spaCy's own matcher then
        if len(self.component.attrs) == self.matcher.size:
            return self.matcher(doc)
        return self.component.match(doc)  # type: ignore[no-any-return]

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """``AttributeRuler.set_annotations`` without a Span built per match (two per token of an
        article): the same attributes set on the same tokens, in the same order, by spaCy's own setter."""
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self.component
        attrs, indices = ruler.attrs, ruler.indices
        for attr_id, match_id, start, end in matches:
            index = indices[attr_id]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:  # spaCy raises its own error for a pattern's bad index
                ruler.set_annotations(doc, [(attr_id, match_id, start, end)])
            set_token_attrs(doc[position], attrs[attr_id])

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.set_annotations(doc, self.match(doc))
            return doc
        except Exception as error:  # noqa: BLE001 - spaCy's own error handling, as in AttributeRuler.__call__
            return self.component.get_error_handler()(self.component.name, self.component, [doc], error)  # type: ignore[no-any-return]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


def index_attribute_ruler(nlp: Language) -> bool:
    """Stand the indexed ruler in for the pipeline's attribute ruler; False when it keeps spaCy's."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, StandIn):
        return False
    patterns = _patterns(ruler)
    if not patterns:
        return False
    return replace_component(nlp, "attribute_ruler", IndexedAttributeRuler(ruler, patterns))
