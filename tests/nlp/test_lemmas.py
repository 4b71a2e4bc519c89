"""The remembering lemmatizer gives exactly spaCy's lemmas."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp import load_model
from newsgraph.nlp.speedups import lemmas as nlp_lemmas
from newsgraph.options import default_model

TEXTS = [
    "The officials said the troops were leaving; the leaving troops said nothing.",
    "She didn't see him. They'd been told. Geese flew over the better, best and worst houses.",
    "Iraq's ministers are meeting. He meets them; they met; meetings ended. ain't nothin'",
    "",
    "   ",
]


def test_same_lemmas_as_spacy(stock: spacy.language.Language) -> None:
    fast = load_model()
    assert isinstance(fast.get_pipe("lemmatizer"), nlp_lemmas.RememberingLemmatizer)
    fast("warm up")  # spaCy validates its tables on first use
    ours = list(fast.pipe(TEXTS * 2))  # twice: the second pass reads remembered lemmas
    theirs = list(stock.pipe(TEXTS * 2))
    assert [[t.lemma_ for t in d] for d in ours] == [[t.lemma_ for t in d] for d in theirs]
    assert {"official", "say", "troop", "be"} <= {t.lemma_ for t in ours[0]}


def test_full_memo_is_cleared_with_the_same_lemmas(stock: spacy.language.Language,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_lemmas, "_MEMO_SIZE", 2)
    nlp = spacy.load(default_model())
    assert nlp_lemmas.remember_lemmas(nlp)
    nlp("warm up")
    assert [[t.lemma_ for t in d] for d in nlp.pipe(TEXTS)] == [[t.lemma_ for t in d] for d in stock.pipe(TEXTS)]


def test_pipelines_without_a_rule_lemmatizer_are_left_alone() -> None:
    assert not nlp_lemmas.remember_lemmas(spacy.blank("en"))
