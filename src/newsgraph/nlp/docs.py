"""Per-Doc views read once and kept in ``doc.user_data``: spaCy rebuilds these on every access."""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span

_LINE_BREAK = re.compile("\n")


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds ``doc.text`` from the tokens on every access."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.user_data["newsgraph.text"] = doc.text
    return text  # type: ignore[no-any-return]


def lower_forms(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's lower-case form and lower-case lemma, read once per Doc as plain strings:
    ``doc[i]`` and ``for token in doc`` build a Token object each time, which adds up in
    extractors that look at every token."""
    forms = doc.user_data.get("newsgraph.lower_forms")
    if forms is None:
        rows = doc.to_array([LOWER, LEMMA]).T.tolist()
        strings = doc.vocab.strings
        forms = doc.user_data["newsgraph.lower_forms"] = (
            [strings[h] for h in rows[0]], [strings[h].lower() for h in rows[1]])
    return forms  # type: ignore[no-any-return]


def noun_chunk_at(doc: Doc, i: int) -> Span | None:
    """The noun chunk holding token ``i``. The chunks are found once per Doc: spaCy recomputes
    ``doc.noun_chunks`` from the parse on every access, which made per-token look-ups quadratic."""
    index = doc.user_data.get("newsgraph.noun_chunks")
    if index is None:
        index = doc.user_data["newsgraph.noun_chunks"] = {
            t: chunk for chunk in doc.noun_chunks for t in range(chunk.start, chunk.end)}
    return index.get(i)  # type: ignore[no-any-return]


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For every token, where its sentence starts and ends (token indices), found once per Doc:
    ``token.sent`` walks the sentence on every access, which made per-token look-ups quadratic in
    the sentence's length. ``doc[starts[i]:ends[i]]`` is ``doc[i].sent``."""
    bounds = doc.user_data.get("newsgraph.sentence_bounds")
    if bounds is None:
        n = len(doc)
        if n > 1 and not doc.has_annotation("SENT_START"):
            raise ValueError("sentence boundaries are not set on this Doc")
        flags = numpy.asarray(doc.to_array(SENT_START)).reshape(-1) == 1 if n else numpy.zeros(0, dtype=bool)
        flags[:1] = True
        firsts = numpy.flatnonzero(flags)  # the first token of each sentence
        which = numpy.cumsum(flags) - 1  # each token's sentence, counted from 0
        bounds = doc.user_data["newsgraph.sentence_bounds"] = (
            firsts[which].tolist(), numpy.append(firsts[1:], n)[which].tolist())
    return bounds  # type: ignore[no-any-return]


def sentence_of(doc: Doc, i: int) -> Span:
    """``doc[i].sent``, from the per-Doc index."""
    starts, ends = sentence_bounds(doc)
    return doc[starts[i]:ends[i]]


def line_bounds(doc: Doc, char: int) -> tuple[int, int]:
    """The line (``\\n`` to ``\\n``) holding character ``char``: its start and end offsets, found by
    bisecting the Doc's line breaks, kept once per Doc (``text.rfind("\\n", 0, char)`` walks back
    over the whole line on each call, which on a page without breaks is the whole page)."""
    breaks = doc.user_data.get("newsgraph.line_breaks")
    text = doc_text(doc)
    if breaks is None:
        breaks = doc.user_data["newsgraph.line_breaks"] = [m.start() for m in _LINE_BREAK.finditer(text)]
    i = bisect.bisect_left(breaks, char)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(text))
