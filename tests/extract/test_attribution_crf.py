"""The shipped CRF cue tagger: loads offline, tags cue spans, and cues need a plausible source or clause."""

from __future__ import annotations

from newsgraph.extract.attribution_crf import load_tagger, spans_from_labels
from newsgraph.extract.attribution_cues import find_cues
from newsgraph.extract.quotes import find_attributions
from newsgraph.nlp import load_model


def cue_texts(text: str, mode: str = "crf") -> list[str]:
    doc = load_model()(text)
    return [" ".join(doc[i].text for i in c.cue) for c in find_cues(doc, mode=mode)]


def test_model_ships_with_the_package() -> None:
    tagger = load_tagger()
    assert tagger is not None and set(tagger.labels()) == {"B", "I", "O"}


def test_runs_from_labels() -> None:
    assert spans_from_labels(["O", "B", "I", "O", "I", "B", "B"], 10) == [[11, 12], [14], [15], [16]]


def test_speech_verb_and_according_to() -> None:
    assert cue_texts("The senator said on Monday that the bill would pass.") == ["said"]
    doc = load_model()("According to two officials, the talks collapsed on Friday.")
    (cue,) = find_cues(doc, mode="crf")
    assert [doc[i].text for i in cue.cue] == ["According", "to"]
    assert [doc[i].text for i in cue.source] == ["two", "officials"]


def test_cue_outside_the_word_lists() -> None:
    doc = load_model()("Senator Jane Doe blasted the plan as reckless.")
    (cue,) = find_cues(doc, mode="crf")
    assert doc[cue.head].text == "blasted" and cue.learned
    assert [doc[i].text for i in cue.source] == ["Senator", "Jane", "Doe"]


def test_non_news_prose_does_not_fire() -> None:
    """Instructions and generic 'you' prose: no source holds a view, no clause is reported."""
    text = ("You could think of it as a kind of map of the city. Think of it as a ledger. "
            "Stir the sauce and let it rest. The team won the race.")
    found, _ = find_attributions(load_model()(text), mode="crf")
    assert found == []
