"""One very long sentence (no full stop for thousands of words) goes through the whole pipeline:
it is parsed as sentences of at most ``MAX_TOKENS`` tokens, and every record it gives still points
at its exact characters. (How the run time grows with the text is measured in
``bench/long_sentences.py``, not asserted here.)"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest import RawDocument
from newsgraph.nlp import load_model
from newsgraph.nlp.sentences import MAX_TOKENS, NAME, SentenceCap
from newsgraph.options import Options
from newsgraph.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from long_sentences import long_sentence  # noqa: E402


def spans(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record or part of one that points into the body (has start, end and text)."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield path, value
        for key, item in value.items():
            yield from spans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from spans(item, f"{path}[{i}]")


def test_a_long_single_sentence_completes_with_exact_offsets() -> None:
    text = long_sentence(16_000)
    assert text.count(".") == 1 and "\n" not in text
    article = Pipeline(Options(time_budget=0)).run(RawDocument(uri="long.txt", text=text, content_type="text/plain"))
    found = list(spans(article.model_dump(mode="json")))
    assert article.quotes and article.timexes and article.commitments and article.places
    assert len(found) > 500
    wrong = [(path, s["text"]) for path, s in found if article.body[s["start"]:s["end"]] != s["text"]]
    assert wrong == []


def test_no_sentence_is_longer_than_the_cap() -> None:
    for kind in ("clauses", "words"):
        doc = load_model()(long_sentence(12_000, kind))
        lengths = [len(sent) for sent in doc.sents]
        assert len(doc) > 3 * MAX_TOKENS
        assert max(lengths) <= MAX_TOKENS, kind
        assert all(t.head.sent.start == t.sent.start for t in doc)  # no arc between the pieces


def test_the_cap_pickles_alone_and_in_the_pipeline() -> None:
    back = pickle.loads(pickle.dumps(SentenceCap(300)))
    assert isinstance(back, SentenceCap) and back.max_tokens == 300
    nlp = load_model()
    assert NAME in nlp.pipe_names and nlp.pipe_names.index(NAME) < nlp.pipe_names.index("parser")
    text = long_sentence(6_000)
    again = pickle.loads(pickle.dumps(nlp))
    assert again(text).to_json() == nlp(text).to_json()
