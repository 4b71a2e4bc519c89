"""Citations: every outlet an article credits, and how ("BAGHDAD (Reuters) -", "told Reuters",
"according to a report by the AP", "first reported by TMZ", "Tasnim news agency reported").

An outlet is a name from ``data/news_outlets.tsv`` or a capitalized name ending in a newsroom word
("news agency", "Times", "Post", "TV", ...). Cues are read from the text alone, so the records of a
copy are the records of its original.
"""

from __future__ import annotations

import re
from typing import cast

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext
from newsgraph.lexicon import alias_table
from newsgraph.records import Citation, Cue

_NAME = r"(?:[Tt]he\s+)?(?:[A-Z][\w&.'-]*)(?:\s+(?:of\s+|de\s+)?[A-Z][\w&.'-]*){0,4}"
_HEADS = ("news agency", "agency", "news", "times", "post", "journal", "herald", "tribune", "press", "tv",
          "television", "radio", "channel", "daily", "gazette", "telegraph", "guardian", "review", "wire", "media",
          "magazine", "insider", "chronicle", "network", "broadcaster", "newspaper", "outlet", "reporter")
_AGENCY_TAIL = r"(?:\s+(?:news\s+agency|newspaper|broadcaster|TV|television|website|outlet))?"
# (pattern, cue, the outlet is the first to report, needs a known outlet or a newsroom head word)
_PATTERNS: tuple[tuple[re.Pattern[str], Cue, bool], ...] = tuple(
    (re.compile(p), cast(Cue, cue), first) for p, cue, first in (
        (r"\((?P<o>[A-Z][\w .&-]{0,30})\)\s*[-\u2013\u2014]", "dateline", False),
        (r",\s+(?:reports|reported|according\s+to|confirmed|says|writes)\s+(?P<o>" + _NAME + ")", "reported", False),
        (r"\b(?:was\s+)?first\s+(?:reported|revealed|broke|broken)\s+(?:by|in|on)\s+(?P<o>" + _NAME + ")",
         "first reported", True),
        (r"(?P<o>" + _NAME + ")" + _AGENCY_TAIL
         + r"\s+(?:was\s+the\s+first\s+to\s+report|first\s+reported|broke\s+the\s+news)",
         "first reported", True),
        (r"\b[Aa]ccording\s+to\s+(?:an?\s+|the\s+)?(?:(?:exclusive\s+|new\s+|earlier\s+)?(?:report|story|article|"
         r"reporting|investigation)s?\s+(?:by|from|in|on)\s+)?(?P<o>" + _NAME + ")", "according to", False),
        (r"\b(?:[Tt]old|[Ss]aid\s+to|[Cc]onfirmed\s+to|(?:[Ss]poke|[Ss]peaking|[Tt]alked|[Tt]alking)\s+(?:to|with)|"
         r"in\s+an\s+interview\s+with)\s+(?P<o>" + _NAME + ")", "told", False),
        (r"\b(?:[Cc]iting|[Cc]ited\s+by|[Rr]eported\s+by|[Aa]s\s+reported\s+by|[Pp]er|[Vv]ia|[Ss]ource:)\s+(?:an?\s+|the\s+)?"
         r"(?:report\s+(?:by|from|in)\s+)?(?P<o>" + _NAME + ")", "citing", False),
        (r"(?P<o>" + _NAME + ")" + _AGENCY_TAIL + r"\s+(?:reported|reports|has\s+reported|said\s+in\s+a\s+report|"
         r"has\s+learned|learned|revealed|quoted|quotes|quoting|has\s+confirmed|confirmed|first\s+reported)",
         "reported", False),
    ))


def outlet_names() -> dict[str, str]:
    """{lower-case name or alias: canonical outlet name}."""
    return alias_table("news_outlets.tsv")


def canonical_outlet(name: str) -> str | None:
    """The outlet a name stands for: a known outlet, or a name ending in a newsroom word; else None."""
    cleaned = re.sub(r"['\u2019]s$", "", name.strip(" .,"))
    lowered = cleaned.lower()
    table = outlet_names()
    bare = re.sub(r"\s+(news agency|agency|newspaper)$", "", lowered)
    for candidate in (lowered, lowered.removeprefix("the "), bare):
        if candidate in table:
            return table[candidate]
    words = lowered.split()
    if len(words) >= 2 and any(lowered.endswith(" " + head) for head in _HEADS):
        return cleaned.removeprefix("the ").removeprefix("The ")
    return None


def _longest_known(name: str) -> tuple[str, str] | None:
    """The longest leading run of words of ``name`` that is an outlet ("Reuters on Friday" → Reuters)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        text = " ".join(words[:n])
        outlet = canonical_outlet(text)
        if outlet is not None:
            return text, outlet
    return None


def find_citations(body: str, dateline_source: str | None = None, dateline: str | None = None) -> list[Citation]:
    """Citation records in text order; one per outlet and cue at one place. A dateline the cleaner took
    off the body ("BAGHDAD (Reuters) -", kept in the metadata) gives a record with an empty span at 0."""
    found: dict[tuple[int, int], Citation] = {}
    agency = canonical_outlet(dateline_source) if dateline_source else None
    if agency is not None:
        context = f"{dateline} ({dateline_source})" if dateline else f"({dateline_source})"
        found[(0, 0)] = Citation(start=0, end=0, text="", extractor="citations", outlet=agency, cue="dateline",
                                 context=context)
    for pattern, cue, first in _PATTERNS:
        for match in pattern.finditer(body):
            known = _longest_known(match.group("o"))
            if known is None:
                continue
            text, outlet = known
            start = match.start("o")
            end = start + len(text)
            if (start, end) in found and not first:
                continue
            found[(start, end)] = Citation(start=start, end=end, text=body[start:end], extractor="citations",
                                           outlet=outlet, cue=cue, first=first,
                                           context=body[match.start():match.end()])
    return sorted(found.values(), key=lambda c: (c.start, c.end))


def extract_citations(doc: Doc, ctx: ExtractContext) -> list[Citation]:
    return find_citations(doc.text, ctx.metadata.dateline_source, ctx.metadata.dateline)
