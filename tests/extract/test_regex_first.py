import re

import pytest

from newsgraph.extract.timex.regex_first import first_char_class
from newsgraph.extract.timex.rules import _first_classes, candidates, rules


def _class(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    return first_char_class(re.compile(pattern, flags))


def test_literal_alternatives_and_optional_prefix():
    first = _class(r"(?:the\s+)?(?:last|next)\s+week")
    assert first is not None
    assert all(first.match(c) for c in "tln")
    assert not any(first.match(c) for c in "Tawx1 ")  # case counts without re.I


def test_ignore_case_and_scoped_case_sensitive_names():
    first = _class(r"(?<!\w)(?:(?-i:May|June)\s+\d+|last\s+year)", re.I)
    assert first is not None
    assert first.match("M") and first.match("J") and first.match("l") and first.match("L")
    assert not first.match("m") and not first.match("j")  # month names only capitalized


def test_categories_ranges_and_repeats():
    first = _class(r"[1-3]?\d{2}|x*y")
    assert first is not None
    assert first.match("7") and first.match("x") and first.match("y")
    assert not first.match("z")


@pytest.mark.parametrize("pattern", [r".ago", r"[^a]b", r"(a)?\1b"])
def test_any_character_or_unanalysed_gives_none(pattern):
    assert _class(pattern) is None


def test_every_timex_rule_match_starts_inside_its_class():
    text = ("On Sept. 30, 2025, two years ago, the troops left; by the end of 2026, last week, "
            "this morning, every Friday, the 1990s, nineteen ninety-six, mid-March and 3:45 p.m. "
            "In March officials met; the first quarter, six months, Thanksgiving Day, a decade ago.")
    classes = dict((rule.order, first) for rule, first in _first_classes())
    seen = 0
    for rule in rules():
        for match in rule.regex.finditer(text):
            if match.end() > match.start():
                first = classes[rule.order]
                assert first is None or first.match(text[match.start()]), (rule.name, match.group())
                seen += 1
    assert seen > 20
    assert [text[c.start:c.end] for c in candidates(text)][:2] == ["Sept. 30, 2025", "two years ago"]


def test_combined_pattern_finds_the_same_candidates(monkeypatch):
    """Once a character is common its rules are tried through one combined pattern: same result."""
    from newsgraph.extract.timex import rules as timex_rules

    text = "Last week, on Sept. 30, 2025, and two years ago, officials met; this morning they left. " * 3
    expected = [(c.start, c.end, c.rule.order) for c in candidates(text)]
    monkeypatch.setattr(timex_rules, "_COMBINE_AFTER", 1)
    timex_rules._bucket.cache_clear()
    try:
        assert [(c.start, c.end, c.rule.order) for c in candidates(text)] == expected
        assert timex_rules._bucket("t").combined is not None
    finally:
        timex_rules._bucket.cache_clear()
