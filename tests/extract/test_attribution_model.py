"""The shipped cue detector: loads offline, finds cues the word lists lack, skips plain actions."""

from __future__ import annotations

from newsgraph.extract.attribution.cue_model import cue_features, load_cue_model
from newsgraph.extract.attribution.cues import cue_lexicon, find_cues
from newsgraph.nlp import load_model


def test_model_ships_with_the_package() -> None:
    model = load_cue_model()
    assert model is not None and 0 < model.threshold < 1 and len(model.weights) > 1000


def test_learned_cue_outside_the_word_lists() -> None:
    lexicon = cue_lexicon()
    assert "blast" not in lexicon.speech | lexicon.belief
    doc = load_model()("Senator Jane Doe blasted the plan as reckless.")
    cues = find_cues(doc, mode="model")
    assert [doc[i].text for c in cues for i in c.cue] == ["blasted"]
    assert [doc[i].text for i in cues[0].source] == ["Senator", "Jane", "Doe"]
    assert cues[0].learned


def test_plain_actions_are_not_cues() -> None:
    doc = load_model()("The team won the race. The company built a factory.")
    assert find_cues(doc, mode="model") == []
    model = load_cue_model()
    assert model is not None
    lexicon = cue_lexicon()
    won = next(t for t in doc if t.text == "won")
    assert model.probability(cue_features(won, lexicon.speech, lexicon.belief)) < model.threshold


def test_rules_mode_uses_word_lists_only() -> None:
    doc = load_model()("Senator Jane Doe blasted the plan. She said the vote was close.")
    assert [doc[c.cue[-1]].text for c in find_cues(doc, mode="rules")] == ["said"]
