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

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
                         "`": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "})
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
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.replace("\u2019", "'") for w in STOP_WORDS)


def tokens(text: str) -> list[str]:
    """Lower-cased words of the normalized text ("US" and "U.S." both become "us")."""
    return [w.lower() for w in _WORD.findall(normalize(text))]


def content_words(text: str) -> Counter[str]:
    """Words of three letters or more that are not stop words, with their counts (possessives folded)."""
    stop = stop_words()
    out: Counter[str] = Counter()
    for word in tokens(text):
        word = word.removesuffix("'s")
        if len(word) >= 3 and word not in stop and "'" not in word:
            out[word] += 1
    return out


def shingles(text: str, size: int = 5) -> set[str]:
    words = tokens(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def names(text: str) -> set[str]:
    """Capitalized words that are not sentence-initial stop words: the actors and places a text names."""
    stop = stop_words()
    return {w.lower() for w in _CAPITALIZED.findall(normalize(text))
            if w.lower() not in stop and len(w) > 1}


def figures(text: str) -> set[float]:
    """Figures written in digits, with their scale word ("1.1 billion"); years are dates, not figures."""
    out = set()
    for digits, scale in _NUMBER.findall(normalize(text)):
        if not scale and len(digits) == 4 and digits.startswith(("19", "20")):
            continue
        try:
            value = float(digits.replace(",", ""))
        except ValueError:  # "1.2.3": a version or a list, not a figure
            continue
        out.add(value * _SCALE[scale.lower()] if scale else value)
    return out


def quoted(text: str) -> set[str]:
    """The first six words of each quotation of twenty characters or more."""
    out = set()
    for quote in _QUOTED.findall(normalize(text)):
        words = tokens(quote)[:6]
        if words:
            out.add(" ".join(words))
    return out


def phrases(text: str) -> set[str]:
    """Adjacent pairs of content words ("advisory relationship", "hundreds troops")."""
    stop = stop_words()
    words = [w for w in tokens(text) if len(w) > 2 and w not in stop]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
