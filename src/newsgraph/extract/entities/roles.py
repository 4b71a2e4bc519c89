"""Roles and titles of people: "Iraqi Prime Minister X" (title) and "X, a foreign adviser," (apposition).

Shared by the entity extractor and the quote/source extractors (speaker descriptions).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.lexicon import word_list
from newsgraph.records import Span

_MAX_APPOSITION = 16
_CLAUSE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_DETERMINERS = {"a", "an", "the"}


@dataclass(frozen=True)
class RoleFound:
    kind: str  # "title" or "apposition"
    span: Span


def _span(doc: Doc, first: Token, last: Token) -> Span:
    start, end = first.idx, last.idx + len(last.text)
    return Span(start=start, end=end, text=doc[first.i : last.i + 1].text)  # doc.text is rebuilt per call


def _is_title_word(token: Token) -> bool:
    return token.lower_ in word_list("titles.txt")


def _is_title_part(token: Token) -> bool:
    lower = token.lower_
    return (
        lower in word_list("titles.txt")
        or lower in word_list("title_modifiers.txt")
        or token.ent_type_ in ("GPE", "NORP")
        or (lower == "affairs")
    )


def title_before(doc: Doc, first: int) -> Span | None:
    """A title directly before token ``first``: "U.S. President", "dictator", "Prime Minister"."""
    i = first - 1
    if i < 0 or not _is_title_word(doc[i]):
        return None
    start = i
    while start - 1 >= 0 and _is_title_part(doc[start - 1]) and doc[start - 1].sent == doc[i].sent:
        start -= 1
    while start < i and doc[start].ent_type_ in ("GPE", "NORP") and doc[start].ent_iob_ == "I":
        start += 1  # don't start in the middle of a place name
    return _span(doc, doc[start], doc[i])


def apposition_after(doc: Doc, last: int) -> Span | None:
    """An apposition after token ``last``: ", a foreign affairs adviser to the prime minister,"."""
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return None
    first = last + 2
    end = first
    while end < len(doc) and end - first <= _MAX_APPOSITION and doc[end].text not in {",", ";", "—", "–", "(", ")"}:
        if doc[end].is_sent_end and doc[end].is_punct:
            break
        end += 1
    tokens = doc[first:end]
    if not tokens or end - first > _MAX_APPOSITION or end >= len(doc):
        return None
    if doc[end].text not in {",", ";", "—", "–", ".", ")"} and not doc[end].is_punct:
        return None
    if any(t.tag_ in _CLAUSE_TAGS for t in tokens) or tokens[0].lower_ in {"who", "which", "that", "said", "and"}:
        return None
    if tokens[0].ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL") or not any(t.pos_ == "NOUN" for t in tokens):
        return None
    if tokens[0].lower_ in _DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return None
    return _span(doc, tokens[0], tokens[-1])


def find_role(doc: Doc, start_char: int, end_char: int) -> RoleFound | None:
    """The title before or the apposition after a person mention at [start_char, end_char)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    title = title_before(doc, span.start)
    if title is not None:
        return RoleFound("title", title)
    apposition = apposition_after(doc, span.end - 1)
    if apposition is not None:
        return RoleFound("apposition", apposition)
    return None
