"""Sourcing on small hand-made texts: groups, reasons, no-response, summary."""

from __future__ import annotations

from newsgraph.extract.attribution.quotes import extract_quotes
from newsgraph.extract.attribution.sources import extract_sources
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.nlp import load_model
from newsgraph.records import Sourcing


def sourcing_of(text: str) -> Sourcing:
    doc = load_model()(text)
    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    ctx.found.quotes = extract_quotes(doc, ctx)
    return extract_sources(doc, ctx)


def test_counted_groups_with_reason() -> None:
    s = sourcing_of("Sources for this story include four French diplomats and 2 company executives, "
                    "who spoke on condition of anonymity.")
    assert [(g.count, g.descriptor) for g in s.groups] == [(4, "French diplomats"), (2, "company executives")]
    assert all(g.anonymous and g.reason == "spoke on condition of anonymity" for g in s.groups)
    assert s.groups[0].affiliation == "French"


def test_numbers_outside_source_sentences_are_not_groups() -> None:
    assert sourcing_of("Five officials were injured in the blast on Monday.").groups == []


def test_no_response_kinds_and_who() -> None:
    s = sourcing_of("The ministry did not respond to requests for comment. Acme Corp declined to comment. "
                    "A lawyer for the family could not be reached.")
    assert [(n.who, n.kind) for n in s.no_response] == [
        ("The ministry", "no_response"), ("Acme Corp", "declined"), ("A lawyer for the family", "unavailable")]
    assert s.no_response[0].text.startswith("The ministry did not respond")


def test_summary_named_anonymous_and_share() -> None:
    s = sourcing_of('"We will not accept this deal under any terms," John Smith said. '
                    'A senior official said, "The deal is done."')
    assert s.summary.named_sources == ["John Smith"]
    assert s.summary.named_count == 1 and s.summary.anonymous_count == 1
    assert s.summary.quoted_words == 13  # 9 words + 4 words
    assert abs(s.summary.anonymous_quoted_share - 4 / 13) < 0.01


def test_nested_speakers_are_not_story_sources() -> None:
    s = sourcing_of("A spokesman noted that President Joe Biden had expressed in a statement their intent to leave.")
    assert "Joe Biden" not in s.summary.named_sources


def test_who_did_not_respond_is_not_a_named_source() -> None:
    s = sourcing_of("Microsoft did not respond to requests for comment. Satya Nadella said the deal was fair.")
    assert [n.who for n in s.no_response] == ["Microsoft"]
    assert s.summary.named_sources == ["Satya Nadella"]
