"""Byline parsing: "By X and Y", "X, Y and Z", "By X | Reuters", "X, Staff Writer".

Hand-written: the extractors give the raw author string at best, and name parsers (e.g.
nameparser) split one name, not a byline full of roles, agencies and link text.
"""

from __future__ import annotations

import re

_BY = re.compile(r"^\s*(by|written by|words by|reporting by|story by)\s*[:\-]?\s+", re.IGNORECASE)
_JUNK = re.compile(
    r"\b(e-?mail the author|email|follow( me| him| her| them)? on \w+|contact( the)? (author|reporter)"
    r"|view author archive|read more|more articles|updated|published|posted)\b.*$",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"\b(staff|senior|chief|contributing|special|political|foreign|national|white house|washington|"
    r"investigative|freelance|associate|managing|deputy|executive)?\s*"
    r"(writer|reporter|correspondent|editor|columnist|contributor|journalist|photographer|"
    r"analyst|producer|bureau chief|news service|staff)s?\b",
    re.IGNORECASE,
)
_AGENCIES = re.compile(
    r"\b(reuters|associated press|the associated press|ap|afp|agence france-presse|bloomberg|"
    r"upi|dpa|xinhua|efe|ansa|kyodo|pa media|cnn|bbc|npr|tass|anadolu)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.\-]*|[a-z]{1,3}|de|van|von|al-\w+|el-\w+|bin|ibn)$")
_DATEISH = re.compile(
    r"\d{1,2}:\d{2}|\b(19|20)\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I
)


def is_byline(line: str) -> bool:
    """Whether a short header line reads as a byline."""
    text = line.strip()
    if not text or len(text) > 160:
        return False
    if _BY.match(text):
        return bool(parse_byline(text))
    if _ROLE_WORDS.search(text) and len(text.split()) <= 8:
        return bool(parse_byline(text))
    return False


def _clean_part(part: str) -> str | None:
    part = _JUNK.sub("", part).strip(" -–—:|.,")
    if not part or _AGENCIES.fullmatch(part) or _ROLE_WORDS.fullmatch(part):
        return None
    part = _AGENCIES.sub("", _ROLE_WORDS.sub("", part)).strip(" -–—:|.,")
    if part.isupper():  # "JOHN SMITH" in shouting bylines
        part = part.title()
    tokens = part.split()
    if not 2 <= len(tokens) <= 5 or _DATEISH.search(part):
        return None
    if not all(_NAME_TOKEN.match(t) for t in tokens) or not tokens[0][0].isupper():
        return None
    return " ".join(tokens)


def parse_byline(text: str) -> list[str]:
    """Author names in a byline, in order, without roles, agencies or link text."""
    text = _BY.sub("", text.strip())
    text = re.sub(r"\s+(?:for|of|at)\s+(the\s+)?[A-Z][\w ]+$", "", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = _clean_part(part) if part else None
        if name and name not in names:
            names.append(name)
    return names


def parse_author_field(value: str | None) -> list[str]:
    """Authors from an HTML metadata author string (semicolon or comma separated)."""
    if not value:
        return []
    names: list[str] = []
    for chunk in re.split(r"\s*;\s*", value):
        plain = [chunk.strip()] if 1 <= len(chunk.split()) <= 4 and "@" not in chunk else []
        for name in parse_byline(chunk) or plain:
            if name and name not in names:
                names.append(name)
    return names
