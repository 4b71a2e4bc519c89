"""Counts on small hand-made sentences."""

from __future__ import annotations

import pytest

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.extract.quantities.counts import extract_quantities
from newsgraph.nlp import load_model
from newsgraph.options import default_model
from newsgraph.records import Quantity


@pytest.fixture(scope="module")
def counts():
    nlp = load_model(default_model())

    def run(text: str) -> list[Quantity]:
        doc = nlp(text)
        ctx = ExtractContext(body=text)
        ctx.found.entities = extract_entities(doc, ctx)
        return extract_quantities(doc, ctx)

    return run


def test_digits_with_qualifier_what_and_where(counts) -> None:
    (q,) = counts("Currently, approximately 2,500 U.S. troops are stationed in Iraq.")
    assert (q.value, q.what, q.where, q.approximate, q.qualifier) == (2500, "U.S. troops", "Iraq", True, "approximate")
    assert q.text == "approximately 2,500 U.S. troops"


def test_ellipsis_carries_what_and_finds_own_place(counts) -> None:
    found = counts("About 2,500 U.S. troops are stationed in Iraq, alongside 900 in neighboring Syria.")
    assert [(q.value, q.what, q.where) for q in found] == [(2500, "U.S. troops", "Iraq"), (900, "U.S. troops", "Syria")]


def test_word_numbers_and_events(counts) -> None:
    found = counts("Police said twelve people were killed and more than 40 wounded; rebels arrested twenty-five "
                   "journalists.")
    assert [(q.value or q.value_min, q.what, q.event) for q in found] == [
        (12, "people", "killed"), (40, "people", "wounded"), (25, "journalists", "arrested")]
    assert found[1].qualifier == "at_least" and found[1].value_min == 40


def test_vague_plurals_are_ranges(counts) -> None:
    found = counts("Hundreds of troops will leave, and tens of thousands of refugees fled the city.")
    assert [(q.value_min, q.value_max, q.what) for q in found] == [(200, 999, "troops"), (20000, 99999, "refugees")]
    assert found[1].event == "displaced"


def test_explicit_range(counts) -> None:
    (q,) = counts("Between 20 and 30 protesters gathered outside.")
    assert (q.value, q.value_min, q.value_max, q.qualifier) == (None, 20, 30, "range")


def test_not_counts(counts) -> None:
    text = ("In 2003, John Smith, 45, paid $5 million for 40 percent of the firm, which he ran for six years; "
            "call 555-123-4567 at 3 p.m. He finished third and walked 5 miles.")
    assert counts(text) == []


def test_one_is_a_count_only_with_an_event(counts) -> None:
    assert counts("One of the candidates spoke on one day.") == []
    (q,) = counts("One soldier was killed.")
    assert (q.value, q.event) == (1, "killed")


def test_fraction_kept_apart(counts) -> None:
    (q,) = counts("The group once controlled roughly a third of Iraq.")
    assert q.kind == "fraction" and abs(q.value - 1 / 3) < 1e-9 and q.approximate


def test_multipliers_and_years_before_nouns_are_not_counts(counts) -> None:
    assert counts("The plant is 10 times the size of the old one, built for the 1992 protests.") == []


def test_currencies_by_name_and_event_nouns(counts) -> None:
    found = counts("Creditors will get 200 million markkaa and 5 billion rupees. There are ten thousand gas "
                   "stations and 300 refugees.")
    assert [(q.value, q.what, q.event) for q in found] == [(10000, "gas stations", None),
                                                           (300, "refugees", "displaced")]
