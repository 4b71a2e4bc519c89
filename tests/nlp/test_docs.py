"""Per-Doc indexes (``nlp/docs.py``) give what spaCy's own look-ups give."""

from __future__ import annotations

from pathlib import Path

from newsgraph.nlp import load_model
from newsgraph.nlp.docs import doc_text, line_bounds, sentence_bounds, sentence_of

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-withdrawal.txt"


def test_sentence_bounds_are_each_tokens_sentence() -> None:
    for text in (SAMPLE.read_text("utf-8"), "One.", "Hi there. Bye now.\n\nAnd then", ""):
        doc = load_model()(text)
        assert [(sentence_of(doc, t.i).start, sentence_of(doc, t.i).end) for t in doc] == \
            [(t.sent.start, t.sent.end) for t in doc]
    assert sentence_bounds(load_model()("")) == ([], [])


def test_line_bounds_are_the_line_around_a_character() -> None:
    doc = load_model()("First line.\nSecond line.\n\n\nLast one, no break after")
    text = doc_text(doc)
    for char in range(len(text) + 1):
        start, end = text.rfind("\n", 0, char) + 1, text.find("\n", char)
        assert line_bounds(doc, char) == (start, len(text) if end < 0 else end), char
