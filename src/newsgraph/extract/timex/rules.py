"""TIMEX3 candidate finding: the lexicon and patterns in ``data/timex_*.tsv``, compiled once.

Patterns are written with placeholders (``{MONTH}``, ``{NUM}`` ...) filled from the lexicon, so
the word lists live in data files and the regular expressions stay readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.extract.spans import DisjointSpans
from newsgraph.extract.timex.regex_first import first_char_class

# Month and weekday names match only capitalized (or upper case): "may", "march" and "sun" are words.
_CASED = {"MONTH", "MONTHFULL", "WEEKDAY"}
_NUMBER_TAIL = r"(?:[\s-]+(?:and\s+)?(?:{words}))*"


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern[str]
    order: int
    needs: tuple[str, ...] = ()  # lower-case words one of which every match contains


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def _data(name: str) -> list[list[str]]:
    text = resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, str]]:
    """{category: {word: value}} from ``timex_lexicon.tsv``."""
    table: dict[str, dict[str, str]] = {}
    for row in _data("timex_lexicon.tsv"):
        category, word = row[0], row[1]
        table.setdefault(category, {})[word] = row[2] if len(row) > 2 else ""
    return table


def _trie(words: list[str]) -> str:
    """One regular expression for a word list, with common prefixes shared ("sep(?:tember|t)").

    A flat alternation of a hundred words is tried branch by branch at every word start; the
    prefix tree rejects most positions on the first letter, which makes candidate finding several
    times faster. Longer words are still preferred: each optional tail is greedy."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a word
    return _trie_regex(tree)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def _alternation(words: list[str], cased: bool = False) -> str:
    words = sorted(set(words))
    if not cased:
        return "(?:" + _trie(words) + ")"
    forms = [form for w in words for form in (w.capitalize(), w.upper())]
    return "(?-i:" + _trie(forms) + ")"


def _proper(names: list[str]) -> str:
    """Names as written in running text: 'Thanksgiving Day', 'New Year's Eve'."""
    forms = sorted({" ".join(p[:1].upper() + p[1:] for p in n.split()) for n in names}, key=len, reverse=True)
    return "(?-i:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")"


def _months(full_only: bool) -> str:
    words = [w for w, v in lexicon()["month"].items() if not full_only or len(w) > 4 or w in ("may", "june", "july")]
    if full_only:
        return _alternation(words, cased=True)
    full = [w for w in words if len(w) > 4 or w in ("may", "june", "july")]
    short = [w for w in words if w not in full]
    # Abbreviations take an optional dot: "Sept. 30", "Oct 1".
    return "(?:" + _alternation(full, cased=True) + "|" + _alternation(short, cased=True) + r"\.?)"


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    lex = lexicon()
    plain = [w for w in lex["number"] if " " not in w and w not in ("a", "an")]
    words = _alternation(plain)
    number = (r"(?:\d+(?:\s+|-)1/2|\d[\d,]*(?:\.\d+)?|" + _alternation([w for w in lex["number"] if " " in w]) + "|"
              + words + _NUMBER_TAIL.format(words=words) + r"|an?)")
    return {
        "MONTH": _months(False), "MONTHFULL": _months(True),
        "WEEKDAY": _alternation(list(lex["weekday"]), cased=True),
        "NUM": number, "ORD": _alternation(list(lex["ordinal"])),
        "UNIT": _alternation(list(lex["unit"])), "VAGUE": _alternation(list(lex["vague"])),
        "SEASON": _alternation(list(lex["season"])), "POD": _alternation(list(lex["partofday"])),
        "DECADEWORD": _alternation(list(lex["decadeword"])), "REF": _alternation(list(lex["ref"])),
        "SETWORD": _alternation(list(lex["setword"])), "HOLIDAY": _proper(list(lex["holiday"])),
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)(?![\d,]\d|\.\d)", "SPOKENYEAR": _spoken_year(),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?!\d)",
    }


def _spoken_year() -> str:
    """'nineteen ninety-six', 'two thousand and one': years as broadcast transcripts write them."""
    numbers = {w: int(v) for w, v in lexicon()["number"].items() if " " not in w and w not in ("a", "an")}
    ones = _alternation([w for w, v in numbers.items() if 1 <= v <= 9])
    teens = _alternation([w for w, v in numbers.items() if 10 <= v <= 19])
    tens = _alternation([w for w, v in numbers.items() if v in range(20, 100, 10)])
    rest = rf"(?:{tens}(?:[\s-]+{ones})?|{teens}|hundred|oh[\s-]+{ones})"
    return rf"(?:(?:nineteen|eighteen)[\s-]+{rest}|two\s+thousand(?:\s+(?:and\s+)?(?:{ones}|{teens}))?)"


def year_value(text: str) -> int:
    """The year a YEAR or SPOKENYEAR match stands for."""
    text = " ".join(text.lower().replace("-", " ").split())
    if text.isdigit():
        return int(text)
    if text.startswith("two thousand"):
        return 2000 + int(number_value(text[len("two thousand"):].replace(" and ", " ").strip() or "0") or 0)
    century, _, rest = text.partition(" ")
    rest = rest.replace("oh ", "")
    return int((number_value(century) or 0) * 100 + (0 if rest == "hundred" else number_value(rest) or 0))


# A match starts at a word start: not after a letter, digit, currency sign or apostrophe.
_WORD_START = r"(?<![\w$£€#'])"


def _body(pattern: str) -> str:
    filled = re.sub(r"\{([A-Z]+)\}", lambda m: placeholders()[m.group(1)], pattern)
    # Whole words only; "two-year-old" is an age, not a duration.
    return r"(?:" + filled + r")(?![\w%])(?!-[A-Za-z])"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(row[0], row[1], re.compile(_WORD_START + _body(row[2]), re.I), order,
                      tuple(row[3].split(",")) if len(row) > 3 else ())
                 for order, row in enumerate(_data("timex_patterns.tsv")))


_POSITIONS = re.compile(_WORD_START)
# A character's combined pattern is compiled once the character has started this many words: the
# compile costs ~30 ms, worth it over a corpus, not for one article (which then tries the rules one by one).
_COMBINE_AFTER = 500


@dataclass
class _Bucket:
    """The rules whose match can begin with one character (each rule's possible first characters
    are read from its pattern once), and, once the character is common, one pattern that matches
    where any of them does: at a word start only those rules are tried, through that pattern."""

    rules: tuple[Rule, ...]
    uses: int = 0
    combined: re.Pattern[str] | None = None

    def may_match(self, text: str, start: int) -> bool:
        if self.combined is not None:
            return self.combined.match(text, start) is not None
        self.uses += 1
        if self.uses >= _COMBINE_AFTER:  # group names dropped: they repeat across rules
            bodies = [re.sub(r"\(\?P<\w+>", "(?:", rule.regex.pattern) for rule in self.rules]
            self.combined = re.compile("|".join(bodies), re.I)
        return True


@lru_cache(maxsize=4096)
def _bucket(char: str) -> _Bucket:
    return _Bucket(tuple(rule for rule, first in _first_classes() if first is None or first.match(char)))


@lru_cache(maxsize=1)
def _first_classes() -> tuple[tuple[Rule, re.Pattern[str] | None], ...]:
    return tuple((rule, first_char_class(rule.regex)) for rule in rules())


def _matches(active: frozenset[int], text: str) -> list[Candidate]:
    """What ``rule.regex.finditer(text)`` gives for every active rule (trying every rule at every
    word start cost most of the time of finding candidates)."""
    found: list[Candidate] = []
    ends: dict[int, int] = {}  # per rule, where its last match ended: a rule's matches do not overlap
    for position in _POSITIONS.finditer(text):
        start = position.start()
        if start == len(text):
            break
        bucket = _bucket(text[start])
        if not bucket.rules or not bucket.may_match(text, start):
            continue
        for rule in bucket.rules:
            if rule.order in active and start >= ends.get(rule.order, 0):
                match = rule.regex.match(text, start)
                if match and match.end() > start:
                    found.append(Candidate(start, match.end(), rule, match))
                    ends[rule.order] = match.end()
    return found


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping pattern matches: the longest wins, then the rule listed first."""
    lower = text.lower()
    active = frozenset(rule.order for rule in rules() if not rule.needs or any(word in lower for word in rule.needs))
    if not active:
        return []
    found = _matches(active, text)
    found.sort(key=lambda c: (-(c.end - c.start), c.rule.order, c.start))
    chosen: list[Candidate] = []
    taken = DisjointSpans()
    for cand in found:
        if not taken.overlaps(cand.start, cand.end):
            chosen.append(cand)
            taken.add(cand.start, cand.end)
    return sorted(chosen, key=lambda c: c.start)


def number_value(text: str) -> float | None:
    """'twenty-four' -> 24, 'a couple of' -> 2, '1,500' -> 1500; None when not a number."""
    text = " ".join(text.lower().replace("-", " ").split())
    if not text:
        return 0.0
    table = lexicon()["number"]
    if text in table:
        return float(table[text])
    if re.fullmatch(r"\d+ 1/2", text):
        return float(text.split()[0]) + 0.5
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    result, current = 0.0, 0.0  # thousands already counted, and the part below a thousand
    for word in text.split():
        if word == "and":
            continue
        if word not in table:
            return None
        value = float(table[word])
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            result, current = result + (current or 1) * 1000, 0.0
        else:
            current += value
    return result + current
