"""Statements apart from other attributions, valid speakers, descriptors, source groups and
no-response lines (issue #16), each rule on short invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.extract.attribution.quotes import extract_quotes
from newsgraph.extract.attribution.sources import extract_sources
from newsgraph.extract.attribution.speakers import is_speaker_phrase
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.nlp import load_model
from newsgraph.records import Quote, Sourcing


def run(text: str) -> tuple[list[Quote], Sourcing]:
    doc = load_model()(text)
    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    ctx.found.quotes = extract_quotes(doc, ctx)
    return ctx.found.quotes, extract_sources(doc, ctx)


def acts(text: str) -> dict[str, str]:
    """Cue words → act."""
    quotes, _ = run(text)
    return {q.cue.text: q.act for q in quotes if q.cue is not None}


def statements(text: str) -> list[Quote]:
    return [q for q in run(text)[0] if q.act == "statement"]


@pytest.mark.parametrize(("text", "cue", "act"), [
    ("The harbour master said the ferry would resume service on Friday.", "said", "statement"),
    ("The harbour master told the council that the pier was unsafe.", "told", "statement"),
    ("The company denied that it had dumped waste into the river.", "denied", "statement"),
    ("The harbour master believes the ferry will resume service soon.", "believes", "belief"),
    ("Court records show that the ferry missed two inspections.", "show", "evidence"),
    ("The study found that ferries were safer than buses.", "found", "evidence"),
    ("The harbour master wants the ferry company to hire more crew.", "wants", "intention"),
])
def test_act_of_the_cue_verb(text: str, cue: str, act: str) -> None:
    assert acts(text).get(cue) == act, acts(text)


def test_according_to_a_person_is_a_statement_and_to_data_is_evidence() -> None:
    said = statements("The ferry carried 400 passengers last year, according to the harbour master.")
    assert [q.speaker.text for q in said if q.speaker] == ["the harbour master"]
    assert statements("The ferry carried 400 passengers last year, according to data from the port.") == []


@pytest.mark.parametrize("text", [
    "The harbour master never said the ferry was unsafe.",  # negated
    "The harbour master testified about the ferry inspection.",  # a topic only
    "The harbour master told reporters on Tuesday.",  # the addressee only
    "Residents were urged to keep away from the pier.",  # agentless passive
    "The mayor welcomed the decision.",  # an evaluation of its target
    "The harbour master would announce the new timetable.",  # speech that has not happened
])
def test_not_statements(text: str) -> None:
    assert statements(text) == []


@pytest.mark.parametrize(("text", "who"), [
    ("The port authority did not respond to requests for comment.", "The port authority"),
    ("The ferry operator has not responded to inquiries.", "The ferry operator"),
    ("She did not provide details about the inspection.", "She"),
])
def test_no_response_lines_are_sourcing_only(text: str, who: str) -> None:
    quotes, sourcing = run(text)
    assert quotes == []
    assert [n.who for n in sourcing.no_response] == [who]


def test_no_response_beside_a_statement() -> None:
    quotes, sourcing = run('"The pier is safe," the harbour master said. The port authority did not respond to '
                           "requests for comment.")
    assert [(q.act, q.kind) for q in quotes] == [("statement", "direct")]
    assert [n.who for n in sourcing.no_response] == ["The port authority"]


def test_a_quantity_a_plan_or_the_content_is_no_speaker() -> None:
    doc = load_model()("Hundreds of troops and a plan to be implemented in stages were mentioned. "
                       "Dozens of residents complained.")
    troops = [t.i for t in doc if t.i <= 2]
    plan = [t.i for t in doc if 4 <= t.i <= 11]
    residents = [t.i for t in doc if doc[t.i].text in ("Dozens", "of", "residents") and t.i > 12]
    assert not is_speaker_phrase(doc, troops, [])
    assert not is_speaker_phrase(doc, plan, [])
    assert is_speaker_phrase(doc, residents, [])
    assert not is_speaker_phrase(doc, residents, [(doc[residents[0]].idx, doc[residents[-1]].idx + 5)])


def test_no_speaker_is_said_not_guessed() -> None:
    quotes, _ = run("The new timetable is being reported as final.")
    assert all(q.speaker is None for q in quotes)
    assert all(q.act != "statement" for q in quotes)


def test_descriptor_resolves_to_the_named_adviser() -> None:
    said = statements("Karim Haddad, an economic adviser to the Jordanian prime minister, arrived on Monday. "
                      "The Jordanian official said the talks on the water deal had ended.")
    assert said and said[0].speaker is not None
    assert said[0].speaker.name == "Karim Haddad"
    assert not said[0].speaker.anonymous
    assert said[0].speaker.resolved_from == "The Jordanian official"


def test_descriptor_of_an_unnamed_source_stays_anonymous() -> None:
    said = statements("A senior official said the talks had ended. The official added that a deal was close.")
    assert [q.speaker.anonymous for q in said if q.speaker] == [True, True]
    assert all(q.speaker is not None and q.speaker.entity_id is None for q in said)


def test_a_descriptor_with_no_fitting_person_is_not_resolved() -> None:
    said = statements("Maria Lopez, a painter, opened the show on Friday. The official said the museum would close.")
    assert said and said[0].speaker is not None and said[0].speaker.name is None


def test_source_group_keeps_its_affiliation() -> None:
    _, sourcing = run("The plan was described by three U.S. officials and two officials from other coalition "
                      "nations, who spoke on condition of anonymity.")
    groups = {(g.count, g.descriptor, g.affiliation) for g in sourcing.groups}
    assert (2, "officials from other coalition nations", "other coalition nations") in groups
    assert (3, "U.S. officials", "U.S.") in groups
    assert all(g.anonymous for g in sourcing.groups)


@pytest.mark.parametrize(("text", "name"), [
    ("Ferrovia Holdings announced on Monday that it would close two depots. The company said 300 jobs would go.",
     "Ferrovia Holdings"),
    ("The Lunar Exploration Office said the launch would slip to May. The space agency said the crew was ready.",
     "Lunar Exploration Office"),
])
def test_a_body_descriptor_resolves_to_the_body_that_spoke(text: str, name: str) -> None:
    said = statements(text)
    assert [q.speaker.name for q in said if q.speaker] == [name, name]
    assert said[-1].speaker is not None and not said[-1].speaker.anonymous


@pytest.mark.parametrize("text", [
    "'We have a deal, it is only a matter of time,' a senior official said.",
    "‘We have a deal, it is only a matter of time,’ the official told the paper.",
])
def test_a_quotation_in_single_marks_is_direct(text: str) -> None:
    said = statements(text)
    assert [(q.kind, q.text.rstrip(",")) for q in said] == [("direct", "We have a deal, it is only a matter of time")]


def test_apostrophes_are_no_quotation_marks() -> None:
    said = statements("The ministry's spokesman said the officials' plan wasn't final.")
    assert [q.kind for q in said] == ["indirect"]


def test_a_time_phrase_is_no_topic_and_a_study_that_says_is_a_source() -> None:
    said = statements("The harbour master announced on Wednesday the reopening of the northern pier.")
    assert [q.cue.text for q in said if q.cue] == ["announced"]
    said = statements("Ferry crossings fell by a third last year, according to a study by the port authority.")
    assert [q.act for q in said] == ["statement"]


def test_quoted_as_saying_names_the_speaker() -> None:
    said = statements('"We have a deal; it is only a question of time," a senior ferry official was quoted as saying.')
    assert [(q.kind, q.speaker.text if q.speaker else None) for q in said] == [("direct", "a senior ferry official")]


def test_the_one_an_outlet_quotes_is_the_speaker() -> None:
    found = statements("“We have an agreement; it’s now just a question of when to announce it,” Reuters quotes "
                       "a senior US official.")
    assert [(q.kind, q.speaker.text if q.speaker else None) for q in found] == [("direct", "a senior US official")]
