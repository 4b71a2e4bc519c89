"""Text as the linkers compare it: one spelling for what outlets write in several ways.

"U.S." and "US", curly and straight quotes, the apostrophes, the dashes and runs of white space are
house style, not content: two copies of one wire story that differ only there must look the same.
Every function here reads only the text it is given, so a pair's evidence never depends on the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_FOLD = tuple({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
                         "`": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "}.items())
# A dotted abbreviation: two or more single letters each followed by a dot ("U.S.", "U.N.", "a.m.").
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z'-]*[A-Za-z]\b")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)(?:\s*(million|billion|trillion|bn)\b)?", re.I)
_SCALE = {"million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_QUOTED = re.compile(r'"([^"]{20,}?)"')


def normalize(text: str) -> str:
    """NFKC; one kind of quote mark, apostrophe and dash; "U.S." → "US"; single spaces."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in _FOLD:  # str.replace per character: far faster than translate() with a dict table
        if old in text:
            text = text.replace(old, new)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.replace("\u2019", "'") for w in STOP_WORDS)


def tokens(text: str, normalized: bool = False) -> list[str]:
    """Lower-cased words of the normalized text ("US" and "U.S." both become "us")."""
    return [w.lower() for w in _WORD.findall(text if normalized else normalize(text))]


def content_words(text: str, normalized: bool = False) -> Counter[str]:
    """Words of three letters or more that are not stop words, with their counts (possessives folded)."""
    return content_of(tokens(text, normalized))


def content_of(words: list[str]) -> Counter[str]:
    stop = stop_words()
    out: Counter[str] = Counter()
    for word in words:
        word = word.removesuffix("'s")
        if len(word) >= 3 and word not in stop and "'" not in word:
            out[word] += 1
    return out


def shingles(text: str, size: int = 5, normalized: bool = False) -> set[str]:
    return shingles_of(tokens(text, normalized), size)


def shingles_of(words: list[str], size: int = 5) -> set[str]:
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def names(text: str, normalized: bool = False) -> set[str]:
    """Capitalized words that are not stop words: the actors and places a text names."""
    stop = stop_words()
    return {w.lower() for w in _CAPITALIZED.findall(text if normalized else normalize(text))
            if w.lower() not in stop and len(w) > 1}


def figures(text: str, normalized: bool = False) -> set[float]:
    """Figures written in digits, with their scale word ("1.1 billion"); years are dates, not figures."""
    out = set()
    for digits, scale in _NUMBER.findall(text if normalized else normalize(text)):
        if not scale and len(digits) == 4 and digits.startswith(("19", "20")):
            continue
        try:
            value = float(digits.replace(",", ""))
        except ValueError:  # "1.2.3": a version or a list, not a figure
            continue
        out.add(value * _SCALE[scale.lower()] if scale else value)
    return out


def quoted(text: str, normalized: bool = False) -> set[str]:
    """The first six words of each quotation of twenty characters or more."""
    out = set()
    for quote in _QUOTED.findall(text if normalized else normalize(text)):
        words = tokens(quote, True)[:6]
        if words:
            out.add(" ".join(words))
    return out


def phrases(text: str, normalized: bool = False) -> set[str]:
    """Adjacent pairs of content words ("advisory relationship", "hundreds troops")."""
    return phrases_of(tokens(text, normalized))


def phrases_of(all_words: list[str]) -> set[str]:
    stop = stop_words()
    words = [w for w in all_words if len(w) > 2 and w not in stop]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
