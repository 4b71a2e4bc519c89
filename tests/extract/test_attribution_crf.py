"""The shipped CRF cue tagger: loads offline, tags cue spans, and cues need a plausible source or clause."""

from __future__ import annotations

from newsgraph.extract.attribution.crf import load_tagger, spans_from_labels
from newsgraph.extract.attribution.cues import find_cues
from newsgraph.extract.attribution.quotes import find_attributions
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
    (cue,) = find_cues(doc)  # the tagger, and the word lists for what it leaves out
    assert [doc[i].text for i in cue.cue] == ["According", "to"]
    assert [doc[i].text for i in cue.source] == ["two", "officials"]


def test_cue_outside_the_word_lists() -> None:
    doc = load_model()("Senator Jane Doe blasted the plan as reckless.")
    (cue,) = find_cues(doc, mode="crf")
    assert doc[cue.head].text == "blasted" and cue.learned
    assert [doc[i].text for i in cue.source] == ["Senator", "Jane", "Doe"]


def test_non_news_prose_does_not_fire() -> None:
    """Instructions and generic 'you' prose: no source holds a view, no clause is reported."""
    text = ("You could think of it as a kind of map of the city. Think of it as a ledger.\n\n"
            "Ingredients: flour, sugar and two eggs.\n\nStir the sauce and let it rest. The team won the race. "
            'The so-called "reform" passed the chamber on Monday.')
    for mode in ("crf", "crf+rules", "rules"):
        found, _ = find_attributions(load_model()(text), mode=mode)
        assert found == [], mode
    assert find_cues(load_model()("You could think of it as a kind of map of the city.")) == []


def test_passive_cue_and_noun_cue() -> None:
    doc = load_model()("The senator's involvement was first reported by the New York Times.")
    (cue,) = find_cues(doc, mode="crf")
    assert [doc[i].text for i in cue.source] == ["the", "New", "York", "Times"]
    assert [doc[i].text for i in cue.content] == ["The", "senator", "'s", "involvement"]
    doc = load_model()("Trump's remarks about the judge drew criticism.")
    (cue,) = find_cues(doc, mode="crf")
    assert [doc[i].text for i in cue.cue] == ["remarks", "about"]
    assert [doc[i].text for i in cue.content] == ["the", "judge"]


def test_headline_colon_names_the_speaker() -> None:
    doc = load_model()("Bernie Sanders: Clinton Email Story Has Moved\n\nThe senator spoke in Iowa on Friday.")
    (cue,) = find_cues(doc, mode="crf")
    assert [doc[i].text for i in cue.cue] == [":"]
    assert [doc[i].text for i in cue.source] == ["Bernie", "Sanders"]
    assert [doc[i].text for i in cue.content] == ["Clinton", "Email", "Story", "Has", "Moved"]


def test_source_leaves_out_a_relative_clause_set_off_by_commas() -> None:
    doc = load_model()("Reid, who endorsed Clinton in February, said the race was over.")
    (cue,) = [c for c in find_cues(doc) if doc[c.head].text == "said"]
    assert [doc[i].text for i in cue.source] == ["Reid"]
    doc = load_model()("Voters who backed Sanders said the race was not over.")
    (cue,) = [c for c in find_cues(doc) if doc[c.head].text == "said"]
    assert [doc[i].text for i in cue.source] == ["Voters", "who", "backed", "Sanders"]


def test_raised_subject_belongs_to_the_content() -> None:
    """PolNeAR: "X seems to ...", "X is expected to ..." name no source; X is part of the content."""
    for text, first in (("The committee is expected to release its report this summer.", "The committee"),
                        ("The senator seemed to accept the deal.", "The senator")):
        doc = load_model()(text)
        (cue,) = find_cues(doc)
        assert cue.source == []
        assert " ".join(doc[i].text for i in cue.content).startswith(first)


def _span(text: str, words: list[str]):  # type: ignore[no-untyped-def]
    """The Doc and the cue run (token indices) of the given words, as the tagger would pass them."""
    from newsgraph.extract.attribution.cues import cue_lexicon, span_cue

    doc = load_model()(text)
    run = [t.i for t in doc if t.text in words]
    return doc, span_cue(doc, run, cue_lexicon())


def test_tagged_verb_keeps_its_object_and_complement_as_content() -> None:
    doc, cue = _span("Limbaugh accused the Democrats of scheduling the debates at odd hours.", ["accused"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Limbaugh"]
    assert " ".join(doc[i].text for i in cue.content).startswith("the Democrats of scheduling")
    doc, cue = _span("John Smith said on Tuesday.", ["said"])  # a speech verb: its content is a quotation
    assert cue is None or cue.content == []


def test_bare_participle_names_no_source() -> None:
    doc, cue = _span("Asked whether he would run again, Sanders said he had not decided.", ["Asked"])
    assert cue is not None and cue.source == []
    doc, cue = _span("Sanders, who was asked about it, said he had not decided.", ["said"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Sanders"]


def test_copula_cue_takes_its_subject_as_source() -> None:
    doc, cue = _span("Conservative voters were upset that he never apologized.", ["were", "upset"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Conservative", "voters"]
    assert [doc[i].text for i in cue.content][-2:] == ["never", "apologized"]


def test_preposition_closing_the_cue_with_a_clause_as_object() -> None:
    doc, cue = _span("Johnson talks about what can be achieved when partisans cross the aisle.", ["talks", "about"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Johnson"]
    assert " ".join(doc[i].text for i in cue.content) == "what can be achieved when partisans cross the aisle"


def test_content_of_the_last_verb_of_the_cue() -> None:
    doc, cue = _span("Groberg then went on to explain what he likes about Clinton.", ["went", "on", "to", "explain"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Groberg"]
    assert " ".join(doc[i].text for i in cue.content) == "what he likes about Clinton"


def test_called_for_a_clause() -> None:
    doc, cue = _span("In the wake of the remarks, Trump called for the president to resign.", ["called", "for"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Trump"]
    assert " ".join(doc[i].text for i in cue.content) == "the president to resign"


def test_plural_or_sure_noun_subject_can_hold_a_view() -> None:
    from newsgraph.extract.attribution.cues import cue_lexicon, span_cue

    doc, cue = _span("While liberals dismissed him as a Hollywood actor, he was a governor.", ["dismissed"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["liberals"]
    doc = load_model()("The reform shaped the debate over the budget.")
    run = [t.i for t in doc if t.text == "shaped"]
    assert span_cue(doc, run, cue_lexicon()) is None  # a singular noun: only when the tagger is sure
    sure = span_cue(doc, run, cue_lexicon(), sure=True)
    assert sure is not None and [doc[i].text for i in sure.source] == ["The", "reform"]


def test_tagged_runs_carry_the_taggers_confidence() -> None:
    from newsgraph.extract.attribution.crf import tag_cues
    from newsgraph.extract.attribution.cues import cue_lexicon

    lexicon = cue_lexicon()
    runs = tag_cues(load_model()("The senator said the bill would pass."), (lexicon.speech, lexicon.belief),
                    lambda pos: False)
    assert runs is not None and len(runs) == 1
    assert 0.75 < runs[0].confidence <= 1.0


def test_relative_clause_cue_is_about_its_relative_pronoun_or_noun() -> None:
    doc, cue = _span("He told a story about a knife, something that Trump mocked.", ["mocked"])
    assert cue is not None and [doc[i].text for i in cue.content] == ["that"]
    doc, cue = _span("He could be deported to a country he does not remember.", ["remember"])
    assert cue is not None and [doc[i].text for i in cue.content] == ["a", "country"]


def test_participle_with_an_agent_names_the_agent_as_source() -> None:
    doc, cue = _span("A judge blocked the GOP-sponsored law, opposed by Democrats, because it would slow voting.",
                     ["opposed"])
    assert cue is not None and [doc[i].text for i in cue.source] == ["Democrats"]
    assert " ".join(doc[i].text for i in cue.content) == "the GOP - sponsored law"
