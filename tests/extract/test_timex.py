"""TIMEX3 extraction on hand-made sentences: extents, values, mods, tense and the reference date."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.timex.find import extract_timexes
from newsgraph.records import Timex

REF = date(2024, 9, 6)  # a Friday


@pytest.fixture(scope="module")
def timexes(nlp):
    def run(text: str, reference: date | None = REF) -> list[Timex]:
        return extract_timexes(nlp(text), ExtractContext(body=text, reference_date=reference))

    return run


def one(found: list[Timex], text: str) -> Timex:
    matches = [t for t in found if t.text == text]
    assert len(matches) == 1, f"{text!r} not found once in {[t.text for t in found]}"
    return matches[0]


def test_absolute_dates_and_positions(timexes):
    found = timexes("Troops will leave by September 2025, and the rest by the end of 2026.")
    assert (one(found, "September 2025").type, one(found, "September 2025").value) == ("DATE", "2025-09")
    end = one(found, "the end of 2026")
    assert (end.value, end.mod, end.relative) == ("2026", "END", False)


def test_durations(timexes):
    found = timexes("The talks followed over six months of negotiations on a two-year timeline.")
    assert (one(found, "six months").type, one(found, "six months").value) == ("DURATION", "P6M")
    assert one(found, "two-year").value == "P2Y"
    found = timexes("He served for nearly 2 1/2 years and then a few weeks.")
    assert (one(found, "nearly 2 1/2 years").value, one(found, "nearly 2 1/2 years").mod) == ("P2Y6M", "EQUAL_OR_LESS")
    assert one(found, "a few weeks").value == "PXW"


def test_year_not_count(timexes):
    found = timexes("The U.S. invaded Iraq in 2003. Some 2003 people attended the rally.")
    assert [t.text for t in found] == ["2003"]
    assert found[0].start == 25 and found[0].value == "2003"


def test_relative_needs_reference(timexes):
    text = "The announcement could occur this month, officials said last year."
    with_ref = timexes(text)
    assert one(with_ref, "this month").value == "2024-09"
    assert one(with_ref, "last year").value == "2023"
    without = timexes(text, None)
    month = one(without, "this month")
    assert (month.value, month.resolved, month.relative) == (None, False, True)


def test_tense_decides_month_direction(timexes):
    past = timexes("The leaders had expressed their intent in a joint statement in April.")
    assert one(past, "April").value == "2024-04"
    future = timexes("The leaders will meet again in April.")
    assert one(future, "April").value == "2025-04"
    assert one(timexes("The vote is set for next September."), "next September").value == "2025-09"


def test_weekdays_follow_tense(timexes):
    text_past = "The minister resigned Tuesday."
    text_future = "The minister will resign Tuesday."
    assert one(timexes(text_past), "Tuesday").value == "2024-09-03"
    assert one(timexes(text_future), "Tuesday").value == "2024-09-10"


def test_ago_and_refs(timexes):
    found = timexes("It was scheduled for weeks ago, but two years ago it was different. Currently it waits.")
    assert one(found, "weeks ago").value == "PAST_REF"
    assert one(found, "two years ago").value == "2022"
    assert one(found, "Currently").value == "PRESENT_REF"


def test_times_and_sets(timexes):
    found = timexes("The vote starts at 3 p.m. Tuesday and is held every week, daily flights aside.")
    time = one(found, "3 p.m. Tuesday")
    assert (time.type, time.value) == ("TIME", "2024-09-03T15:00")
    assert (one(found, "every week").type, one(found, "every week").value) == ("SET", "P1W")
    assert all(t.text != "daily" for t in found)  # an adjective ("daily flights") names no time


def test_quarters_and_spoken_years(timexes):
    found = timexes("Profit rose in the third quarter. In nineteen ninety-six the plant closed.")
    assert one(found, "the third quarter").value == "2024-Q3"
    assert one(found, "nineteen ninety-six").value == "1996"


def test_rates_and_ages_are_not_durations(timexes):
    found = timexes("It costs $2 million a year. Mr. Smith, 52 years old, agreed.")
    assert found == []


def test_ids_offsets_and_order(timexes):
    text = "On Monday, a year after the 2019 vote, the board met for three hours."
    found = timexes(text)
    assert [t.id for t in found] == [f"t{i}" for i in range(1, len(found) + 1)]
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert one(found, "three hours").value == "PT3H"


def test_holidays_and_model_numbers(timexes):
    found = timexes("Shoppers lined up on Black Friday for a GTX 1660 card, as they did last Thanksgiving Day.")
    assert one(found, "Black Friday").value == "2023-11-24"
    assert all(t.text != "1660" for t in found)
    assert one(timexes("He hopes to one day run."), "one day").value == "FUTURE_REF"


def test_dateline_date_is_a_timex(timexes):
    """TimeML marks every date in the text, the dateline's included."""
    found = timexes("WASHINGTON, August 8 (Xinhua) -- The president spoke on Saturday.", date(1998, 8, 8))
    assert one(found, "August 8").value == "1998-08-08"


def test_the_year_ended_is_a_fiscal_year(timexes):
    found = timexes("Revenue was $76 million for the year ended March 31.", date(1989, 10, 26))
    assert (one(found, "the year").type, one(found, "the year").value) == ("DURATION", "P1Y")
    assert one(found, "March 31").value == "1989-03-31"


def test_long_adjectives_are_durations(timexes):
    found = timexes("After a day-long meeting and a two-year-long war, they rested for a long day.")
    assert one(found, "day-long").value == "P1D" and one(found, "two-year-long").value == "P2Y"
    assert [t.text for t in found] == ["day-long", "two-year-long"]


def test_recurring_days_months_and_seasons_are_sets(timexes):
    found = timexes("Flights leave on Mondays and Tuesday nights; they march each July and every summer.")
    assert [(t.text, t.type, t.value) for t in found] == [
        ("Mondays", "SET", "XXXX-WXX-1"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("each July", "SET", "XXXX-07"), ("every summer", "SET", "XXXX-SU")]


def test_parts_of_day_with_a_position(timexes):
    found = timexes("Shares rose at mid-afternoon yesterday, and talks resumed late morning Tuesday.")
    mid = one(found, "mid-afternoon yesterday")
    assert (mid.type, mid.value, mid.mod) == ("TIME", "2024-09-05TAF", "MID")
    assert one(found, "late morning Tuesday").value == "2024-09-03TMO"


def test_prefix_word_of_another_phrase_stays_out(timexes):
    found = timexes("They looked for ways to get around Wednesday's ruling. The vote came around Nov. 1.")
    assert one(found, "Wednesday").mod is None
    assert one(found, "around Nov. 1").mod == "APPROX"


def test_span_before_later_is_a_duration_without_the_signal(timexes):
    found = timexes("Three days later, shares fell. Two weeks or so later it ended. A year earlier, profit was lower.")
    assert (one(found, "Three days").type, one(found, "Three days").value) == ("DURATION", "P3D")
    assert one(found, "Two weeks or so").mod == "APPROX"
    assert one(found, "A year earlier").value == "2023"


def test_fiscal_year_ended(timexes):
    found = timexes("In the fiscal year ended Jan. 31, the company earned $5 million.", date(1989, 10, 26))
    assert (one(found, "the fiscal year").type, one(found, "the fiscal year").value) == ("DURATION", "P1Y")


def test_coordinated_days_share_the_month(timexes):
    found = timexes("The summit will be held on April 24 and 25. Prices fell on June 3 and 40 people died.")
    assert one(found, "25").value == "2025-04-25"
    assert one(found, "April 24").value == "2025-04-24"
    assert "40" not in [t.text for t in found]
    found = timexes("The talks ran on May 5 and 6 p.m. was the deadline.")
    assert [t.text for t in found] == ["May 5", "6 p.m."]


def test_day_as_ordinal_word(timexes):
    found = timexes("Women's Day is this coming Sunday, September eighth. It began on the first of May, 1990.")
    assert one(found, "this coming Sunday, September eighth").value == "2024-09-08"
    assert one(found, "the first of May, 1990").value == "1990-05-01"


def test_dateline_date_anchors_the_story(timexes):
    text = "WASHINGTON, Sept. 5 (Xinhua) -- Officials said today that the plan is final."
    assert one(timexes(text), "today").value == "2024-09-05"  # filed the day before publication
    assert one(timexes("Officials said today that the plan is final."), "today").value == "2024-09-06"


def test_year_quarter_after_a_named_quarter(timexes):
    found = timexes("Profit rose in the second quarter. In the 2023 quarter, it earned $5 million.")
    assert one(found, "the 2023 quarter").value == "2023-Q2"
    assert one(timexes("In the 2023 period, it earned $5 million."), "the 2023 period").value == "2023"


def test_adjectival_duration_leaves_the_article(timexes):
    found = timexes("They came for the two day rally and stayed for the four days of talks.")
    assert one(found, "two day").value == "P2D"
    assert one(found, "the four days").value == "P4D"


def test_holiday_week_and_season_part(timexes):
    found = timexes("Orders rose from the low levels of the early summer, and Easter week began. An early fall in "
                    "prices hurt.", date(2000, 4, 17))
    summer = one(found, "the early summer")
    assert (summer.value, summer.mod) == ("1999-SU", "START")  # a past summer, said in April
    assert one(found, "Easter week").value == "2000-W16"
    assert "early fall" not in [t.text for t in found]


def test_discourse_now_is_no_time(timexes):
    found = timexes("Now, he says, it looks bad. Now officials are investigating.")
    assert [(t.text, t.value) for t in found] == [("Now", "PRESENT_REF")]
    assert found[0].start > 20


def test_vague_durations_joined_by_or(timexes):
    found = timexes("He died within weeks or months of capture; funds sold in recent weeks and months.")
    assert one(found, "weeks or months").value == "PXW"
    assert one(found, "recent weeks and months").type == "DURATION"


def test_thousands_in_number_words(timexes):
    found = timexes("Families kept the secret for more than two thousand years.")
    span = one(found, "more than two thousand years")
    assert (span.value, span.mod) == ("P2000Y", "MORE_THAN")


def test_comparison_periods_of_financial_reports(timexes):
    found = timexes("Net for the fiscal second-quarter rose. For the corresponding period last year it fell, and "
                    "for the quarter a year ago it was flat.", date(1989, 10, 30))
    assert one(found, "fiscal second-quarter").value == "1989-Q2"
    assert one(found, "the corresponding period last year").value == "1988-Q2"
    assert one(found, "the quarter a year ago").value == "1988-Q2"


def test_temporal_words_inside_names(timexes):
    found = timexes('They joined the annual March for Life. Baker said on ABC\'s "This Week" that it works. '
                    "This is VOA Today. A venture called Orion 1980 builds parts. In March on Capitol Hill, "
                    "he spoke. In 1980 it grew.")
    assert [(t.text, t.value) for t in found] == [("March", "2024-03"), ("1980", "1980")]


def test_stretch_before_an_event_is_an_unresolved_date(timexes):
    found = timexes("His car was seen in the neighborhood in the days before the shooting. He stayed for weeks.")
    days = one(found, "days")
    assert (days.type, days.value, days.resolved, days.relative) == ("DATE", None, False, True)
    assert one(found, "weeks").type == "DURATION"


def test_set_word_after_a_determiner_is_a_set(timexes):
    found = timexes("Clinton spoke in his weekly radio address. The fund reported average daily volume.")
    weekly = one(found, "weekly")
    assert (weekly.type, weekly.value) == ("SET", "P1W")
    assert "daily" not in [t.text for t in found]


def test_or_so_and_doubled_article(timexes):
    found = timexes("The plants will be closed over the next year or so. The offer expires at the the end of November.",
                    date(1989, 10, 26))
    approx = one(found, "the next year or so")
    assert (approx.value, approx.mod) == ("1990", "APPROX")
    assert one(found, "the end of November").value == "1989-11"


def test_year_ago_compares_with_a_reported_period_not_a_forecast(timexes):
    found = timexes("He expects losses through the third quarter of 1990. In the year-ago period, Bethlehem "
                    "earned $101 million.", date(1989, 10, 26))
    assert one(found, "the year-ago period").value == "1988-Q3"


def test_last_half_nine_months_and_the_previous_weekday(timexes):
    found = timexes("Earnings fell for the last half of 2023 and the last half of the '80s. Net for the year-earlier "
                    "nine months rose. On Aug. 30, stocks fell 4.5% from the previous Friday.")
    assert one(found, "the last half of 2023").value == "2023-H2"
    eighties = one(found, "the last half of the '80s")
    assert (eighties.value, eighties.mod) == ("198", "END")
    nine = one(found, "the year-earlier nine months")
    assert (nine.type, nine.value) == ("DURATION", "P9M")
    assert one(found, "the previous Friday").value == "2024-08-23"  # before Aug. 30, not before the DCT


def test_needs_words_only_skip_rules_that_cannot_match(monkeypatch):
    """The cheap word test in front of each pattern changes no candidate."""
    from newsgraph.extract.timex import rules as timex_rules

    text = ("In the third quarter of 1990, two years ago, late Tuesday night, every Monday, the sixties, "
            "the 20th century, by year-end, a day-long talk, the year-ago period, the corresponding period "
            "last year, at noon, in the early summer, a 30-day period, half an hour, 1999 or later, the 1980s.")
    gated = timex_rules.candidates(text)
    assert any(rule.needs for rule in timex_rules.rules())
    plain = tuple(timex_rules.Rule(r.name, r.type, r.regex, r.order) for r in timex_rules.rules())
    monkeypatch.setattr(timex_rules, "rules", lambda: plain)
    assert [(c.start, c.end, c.rule.name) for c in timex_rules.candidates(text)] == \
        [(c.start, c.end, c.rule.name) for c in gated]


def test_today_of_the_present_age(timexes):
    found = timexes("It is the chip of choice in today's computers, and today's vote was close.")
    assert [(t.text, t.value) for t in found] == [("today", "2024-09-06")]
    assert found[0].start > 40


def test_ordinal_day_of_an_event(timexes):
    found = timexes("It's the second day of the offensive. On the first day of the trial, he cried.")
    assert one(found, "the second day").value == "2024-09-06"  # said in the present: the reference day
    first = one(found, "the first day")
    assert (first.type, first.value, first.resolved) == ("DATE", None, False)
