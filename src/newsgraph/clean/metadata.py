"""Article metadata from text: header lines, dateline, labels, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.clean.byline import is_byline, parse_byline

LABELS = (
    "Exclusive", "Analysis", "Opinion", "Editorial", "Commentary", "Explainer", "Breaking",
    "Live", "Fact Check", "Factbox", "Review", "Interview", "Obituary", "Special Report",
    "Investigation", "Sponsored", "Perspective", "Insight", "Update",
)
_LABEL_AT_START = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in LABELS) + r")\b\s*(?:[:|\-–—]\s*)?(?=[A-Z0-9\"'‘“])",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[–—-]{1,2}|:)\s+(?=\S)"
)
_DATE_LINE = re.compile(
    r"^(published|updated|posted|last updated)?\s*:?\s*"
    r"(\w+day,?\s+)?((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"[\s,]*(at\s+)?(\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*\w{0,4})?\s*$",
    re.IGNORECASE,
)


@dataclass
class Header:
    """What the lines above the body say."""

    section: str | None = None
    headline: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    date_text: str | None = None
    other: list[str] = field(default_factory=list)


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(line.strip()))


def _headline_score(line: str) -> float:
    words = line.split()
    if len(words) < 3 or line.rstrip().endswith((".", ",")) and len(words) > 25:
        return 0.0
    capitalized = sum(1 for w in words if w[:1].isupper()) / len(words)
    return len(words) * (1.0 + capitalized)


def parse_header(lines: list[str]) -> Header:
    """Split header lines into section/kicker, headline, byline and date."""
    header = Header()
    rest: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if header.byline is None and is_byline(line):
            header.byline, header.authors = line, parse_byline(line)
        elif header.date_text is None and is_date_line(line):
            header.date_text = line
        else:
            rest.append(line)
    if rest:
        best = max(rest, key=_headline_score)
        if _headline_score(best) > 0:
            header.headline = best
            before = rest[: rest.index(best)]
            kicker = [line for line in before if len(line.split()) <= 4]
            header.section = kicker[-1] if kicker else None
    header.other = [line for line in rest if line not in (header.headline, header.section)]
    return header


def split_dateline(paragraph: str) -> tuple[str | None, str | None, int]:
    """(place, agency, offset where the sentence starts) for a dateline opening a paragraph."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, None, 0
    place = match.group("place").strip()
    first_word = place.split()[0].strip(",.")
    if len(first_word) < 2 or not first_word.replace("-", "").replace(".", "").replace("'", "").isupper():
        return None, None, 0
    return place.rstrip(","), match.group("agency"), match.end()


def labels_from(headline: str | None, section: str | None) -> list[str]:
    """Editorial labels (Exclusive, Analysis, ...) given in the headline or the kicker."""
    found: list[str] = []
    for text in (headline, section):
        if not text:
            continue
        match = _LABEL_AT_START.match(text.strip())
        label = match.group("label") if match else None
        if label is None and text.strip().lower() in {lab.lower() for lab in LABELS}:
            label = text.strip()
        if label:
            canonical = next(lab for lab in LABELS if lab.lower() == label.lower())
            if canonical not in found:
                found.append(canonical)
    return found


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


MIN_LANGUAGE_LETTERS = 20
"""Fewer letters than this (punctuation, digits, a few short words) tell no language."""


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability, from the first 2,000 characters (as accurate as 5,000 on
    the aeb pages, at half the cost); None for text with too few words or letters to tell."""
    sample = text[:2000]
    if len(sample.split()) < 5 or sum(ch.isalpha() for ch in sample) < MIN_LANGUAGE_LETTERS:
        return None, None
    lang, prob = _language_identifier().classify(sample)
    return str(lang), round(float(prob), 3)
