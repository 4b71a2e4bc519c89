"""Commitments on small hand-made sentences, with hand-made Timex and Quote records."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.commitments.dates import due_date, status
from newsgraph.extract.commitments.find import extract_commitments
from newsgraph.extract.context import ExtractContext, MissingResult
from newsgraph.nlp import load_model
from newsgraph.options import default_model
from newsgraph.records import Commitment, Quote, Speaker, Timex


def _timex(text: str, phrase: str, value: str | None, mod: str | None = None) -> Timex:
    start = text.index(phrase)
    return Timex(id=f"t{start}", start=start, end=start + len(phrase), text=phrase, type="DATE", value=value, mod=mod)


@pytest.fixture(scope="module")
def run():
    nlp = load_model(default_model())

    def extract(text: str, timexes: list[Timex] = (), quotes: list[Quote] = (), reference: date | None = None,
                as_of: date = date(2025, 1, 1)) -> list[Commitment]:
        ctx = ExtractContext(body=text, reference_date=reference, as_of=as_of)
        ctx.found.entities, ctx.found.timexes, ctx.found.quotes = [], list(timexes), list(quotes)
        return extract_commitments(nlp(text), ctx)

    return extract


def test_deadline_end_of_period_and_status(run) -> None:
    text = "The company will close the plant by the end of 2026."
    (c,) = run(text, [_timex(text, "the end of 2026", "2026", "END")])
    assert (c.deadline, c.due_date, c.modality, c.action, c.actor) == ("2026", date(2026, 12, 31), "will", "close",
                                                                       "The company")
    assert c.status == "upcoming" and c.polarity == "positive"


def test_until_and_expected(run) -> None:
    text = "Troops are expected to remain in Erbil until September 2025."
    (c,) = run(text, [_timex(text, "September 2025", "2025-09")], as_of=date(2025, 8, 1))
    assert (c.until, c.deadline, c.due_date, c.modality, c.status) == ("2025-09", None, date(2025, 9, 30),
                                                                       "expected", "due_soon")


def test_plan_verbs_promises_and_negation(run) -> None:
    found = run("Pence plans to release his returns. Kuchma assured Yeltsin that Ukraine would not join NATO. "
                "RJR agreed to sell three candy businesses.")
    assert [(c.modality, c.polarity, c.action) for c in found] == [
        ("planned", "positive", "release"), ("will", "negative", "join"), ("promised", "positive", "sell")]
    assert all(c.status == "undated" for c in found)


def test_past_conditional_questions_and_states_are_not_commitments(run) -> None:
    text = ("The troops left the base in 2017. If elected, she would sign the bill. Will he resign? "
            "It will be a disaster. He had planned to visit Ohio.")
    assert run(text, [_timex(text, "2017", "2017")], reference=date(2020, 5, 1)) == []


def test_hedge_needs_a_date_and_is_kept(run) -> None:
    text = "The announcement could occur this month. The bill could hurt farmers."
    (c,) = run(text, [_timex(text, "this month", "2024-09")])
    assert (c.modality, c.hedge, c.deadline) == ("possible", "could", "2024-09")


def test_plan_context_by_date_without_a_modal(run) -> None:
    text = ("The plan awaits approval. It involves the departure of hundreds of troops by September 2025, "
            "with the remaining personnel leaving by the end of 2026.")
    found = run(text, [_timex(text, "September 2025", "2025-09"), _timex(text, "the end of 2026", "2026", "END")])
    assert [(c.deadline, c.modality) for c in found] == [("2025-09", "planned"), ("2026", "planned")]
    assert "departure of hundreds of troops" in found[0].what


def test_date_before_publication_is_not_a_deadline_ahead(run) -> None:
    text = "Under the agreement, the forces would leave by September 2015."
    assert run(text, [_timex(text, "September 2015", "2015-09")], reference=date(2016, 1, 1)) == []


def test_quote_link_and_speaker_as_actor(run) -> None:
    text = '"We will achieve justice in this case," the chief said.'
    quote = Quote(id="q1", start=1, end=37, text=text[1:37], kind="direct",
                  speaker=Speaker(start=43, end=52, text="the chief", name="Chuck Jordan"))
    (c,) = run(text, quotes=[quote])
    assert (c.quote_id, c.actor) == ("q1", "Chuck Jordan")
    assert (c.source, c.source_anonymous) == ("Chuck Jordan", False)


def test_source_of_commitment_outside_quotes_is_unknown(run) -> None:
    (c,) = run("The ministry will close the border crossing.")
    assert (c.quote_id, c.source, c.source_anonymous) == (None, None, None)


def test_due_dates_of_timex_values() -> None:
    assert due_date("2026") == date(2026, 12, 31)
    assert due_date("2025-09") == date(2025, 9, 30)
    assert due_date("2024-02") == date(2024, 2, 29)
    assert due_date("2024-W36") == date(2024, 9, 8)
    assert due_date("2024-Q3") == date(2024, 9, 30)
    assert due_date("2016-09-26TNI") == date(2016, 9, 26)
    assert due_date("FUTURE_REF") is None and due_date(None) is None


def test_status_window() -> None:
    as_of = date(2025, 1, 1)
    assert status(None, as_of) == "undated"
    assert status(date(2024, 12, 31), as_of) == "past_due"
    assert status(date(2025, 3, 1), as_of) == "due_soon"
    assert status(date(2025, 3, 3), as_of) == "upcoming"
    assert status(date(2025, 3, 3), as_of, soon_days=90) == "due_soon"


def test_present_tense_for_a_dated_future_event(run) -> None:
    text = "Trump and Clinton meet for the first debate Monday at Hofstra University."
    monday = _timex(text, "Monday", "2016-09-26")
    (c,) = run(text, [monday], reference=date(2016, 9, 23))
    assert (c.deadline, c.modality, c.action) == ("2016-09-26", "planned", "meet")
    assert run(text, [monday], reference=date(2016, 9, 27)) == []  # already past when written


def test_would_continuing_a_reported_future(run) -> None:
    found = run("Orkem said it would fund the acquisition. The takeover would be followed by a restructuring. "
                "A bigger company would be better.")
    assert [c.action for c in found] == ["fund", "follow"]


def test_statistics_purposes_and_running_periods_are_not_commitments(run) -> None:
    text = ("Voters there were more likely to move to the right. The 1933 law aimed to protect depositors. "
            "Applications are up again this year.")
    this_year = _timex(text, "this year", "2016")
    assert run(text, [this_year], reference=date(2016, 7, 26)) == []


def test_span_stays_in_its_paragraph(run) -> None:
    text = 'said Amy Pope."\n\nThe new plans will expand the program.'
    (c,) = run(text)
    assert c.text == "The new plans will expand the program" and "\n" not in c.what


def test_without_timexes_or_quotes_records_are_undated() -> None:
    nlp = load_model(default_model())
    text = "The company will close the plant by the end of 2026."
    ctx = ExtractContext(body=text, as_of=date(2025, 1, 1))
    ctx.found.entities = []
    with pytest.raises(MissingResult, match="'timexes' is needed"):  # the contract: needs are filled first
        extract_commitments(nlp(text), ctx)
    ctx.found.timexes, ctx.found.quotes = [], []
    (c,) = extract_commitments(nlp(text), ctx)
    assert (c.deadline, c.status, c.quote_id, c.action) == (None, "undated", None, "close")


def test_a_deadline_is_no_actor(run) -> None:
    text = "The \u201cend of 2026\u201d deadline set by Baghdad and Washington will be met by the end of 2026."
    found = run(text, [_timex(text, "the end of 2026", "2026", "END")])
    assert found and all(c.actor is None or "deadline" not in c.actor for c in found)
    text = "The company will close the plant by the end of 2026."
    assert run(text, [_timex(text, "the end of 2026", "2026", "END")])[0].actor == "The company"
