"""The entity recognizer (and parser) stepped from Python give exactly spaCy's entities and parses."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START
from spacy.pipeline import DependencyParser, EntityRecognizer
from spacy.tokens import Doc

from newsgraph.nlp import load_model
from newsgraph.nlp.speedups import parsers as nlp_parsers
from newsgraph.options import default_model

TEXTS = [
    "Farhad Alaaldin, foreign affairs adviser to Iraqi Prime Minister Mohammed Shia al-Sudani, told "
    "Reuters on Friday that the coalition would leave Baghdad by September 2025.",
    '"We are not leaving," a senior U.S. official said. The Pentagon did not respond to inquiries.',
    "",
    "   ",
    "x",
    "Apple Inc. hired 2,500 people in Austin, Texas, last year, the company said in a statement. " * 12,
    "Sources include five U.S. officials and three Iraqi officials, all of whom spoke on condition of anonymity.",
]
ATTRS = [HEAD, DEP, ENT_IOB, ENT_TYPE, SENT_START]


def _rows(docs: list[Doc]) -> list[list[list[int]]]:
    return [numpy.asarray(d.to_array(ATTRS)).tolist() for d in docs]


def test_the_entity_recognizer_is_stepped_in_python() -> None:
    nlp = load_model()
    assert isinstance(nlp.get_pipe("ner"), nlp_parsers.SteppedParser)
    assert not isinstance(nlp.get_pipe("parser"), nlp_parsers.SteppedParser)  # slower stepped
    assert "PERSON" in nlp.get_pipe("ner").labels  # everything else is the wrapped component's


def test_a_stepped_dependency_parser_parses_as_spacy_does(stock: spacy.language.Language) -> None:
    nlp = spacy.load(default_model())
    assert nlp_parsers.step_parsers_in_python(nlp, (DependencyParser, EntityRecognizer)) == ["parser", "ner"]
    assert _rows(list(nlp.pipe(TEXTS, batch_size=4))) == _rows(list(stock.pipe(TEXTS, batch_size=4)))


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_same_parses_and_entities_as_spacy(stock: spacy.language.Language, batch_size: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_parsers, "_SUB_BATCH", 2)  # several sub-batches per batch
    ours = list(load_model().pipe(TEXTS, batch_size=batch_size))
    theirs = list(stock.pipe(TEXTS, batch_size=batch_size))
    assert _rows(ours) == _rows(theirs)
    assert ("Mohammed Shia al-Sudani", "PERSON") in {(e.text, e.label_) for e in ours[0].ents}


def test_one_text_at_a_time_matches_too(stock: spacy.language.Language) -> None:
    nlp = load_model()
    assert _rows([nlp(t) for t in TEXTS]) == _rows([stock(t) for t in TEXTS])


def test_pipelines_without_a_greedy_parser_are_left_alone() -> None:
    assert nlp_parsers.step_parsers_in_python(spacy.blank("en")) == []
