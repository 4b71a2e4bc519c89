"""Per-Doc views read once and kept in ``doc.user_data``: spaCy rebuilds these on every access."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span


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
