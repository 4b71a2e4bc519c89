"""Commitments that survive rewording (issue #16), through the whole pipeline on invented sentences:
coordinated deadlines, deadline phrases, headlines, undated copies."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.records import Article, Commitment, Metadata

REFERENCE = date(2031, 3, 2)


@pytest.fixture(scope="module")
def run():
    pipeline = Pipeline()

    def extract(text: str) -> list[Commitment]:
        article = Article(id="t", source="t", body=text, metadata=Metadata(published=REFERENCE))
        return pipeline.annotate(article, pipeline.nlp(text)).commitments

    return extract


@pytest.mark.parametrize("text", [
    "The accord would see thousands of workers leave the mine by June 2032, with the remainder departing by "
    "the end of 2033, union leaders said.",
    "Under the accord, thousands of workers will leave the mine by June 2032, with the rest leaving by the close "
    "of 2033.",
])
def test_coordinated_deadlines_give_one_commitment_each(run, text: str) -> None:
    found = sorted((c.deadline, c.actor) for c in run(text))
    assert len(found) == 2, found
    (first, first_actor), (second, second_actor) = found
    assert (first, second) == ("2032-06", "2033")
    assert first_actor == "thousands of workers"
    assert second_actor in ("the remainder", "the rest")


def test_no_undated_copy_of_a_dated_commitment(run) -> None:
    found = run("The accord would see thousands of workers leave the mine by June 2032, union leaders said.")
    assert [c.deadline for c in found] == ["2032-06"]


@pytest.mark.parametrize(("text", "due"), [
    ("The city will finish the tram line by the close of 2032, the mayor said.", date(2032, 12, 31)),
    ("The city will finish the tram line by late 2032, the mayor said.", date(2032, 12, 31)),
    ("The city will finish the tram line by the end of next year, the mayor said.", date(2032, 12, 31)),
])
def test_deadline_phrases_are_read(run, text: str, due: date) -> None:
    (c,) = run(text)
    assert c.due_date == due and c.actor == "The city"


def test_a_headline_is_not_a_commitment_sentence(run) -> None:
    found = run("Miners Expected to Leave Valley Pits by 2033\n\n"
                "Thousands of miners will leave the valley pits by 2033, the company said on Monday.")
    assert len(found) == 1
    assert found[0].text.startswith("Thousands of miners")
