"""The timeline: calendar-dated expressions tied to their clause, sorted by value."""

from __future__ import annotations

from datetime import date

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.timex.find import extract_timexes
from newsgraph.extract.timex.timeline import extract_timeline


def _timeline(nlp, text: str, reference: date | None = date(2024, 9, 6)):
    doc = nlp(text)
    ctx = ExtractContext(body=text, reference_date=reference)
    ctx.found.timexes = extract_timexes(doc, ctx)
    return extract_timeline(doc, ctx)


def test_sorted_with_clauses(nlp):
    text = ("The plant will close by the end of 2026. It opened in 1998, before the owners sold it in 2011. "
            "Workers have been idle for six months.")
    timeline = _timeline(nlp, text)
    assert [e.value for e in timeline] == ["1998", "2011", "2026"]
    assert timeline[0].clause.text == "It opened in 1998"
    assert timeline[1].clause.text.endswith("sold it in 2011")
    assert timeline[2].mod == "END" and timeline[2].clause.text.startswith("The plant will close")


def test_unresolved_and_durations_stay_off(nlp):
    timeline = _timeline(nlp, "The vote happened last week and lasted two days. Now it is over.", None)
    assert timeline == []


def test_every_value_has_a_label(nlp):
    text = ("The church was built in the 14th century and rebuilt in the late 19th century. Sales rose in the "
            "third quarter of 2023, in the early 2000s and in the 1990s, and again in the summer of 2019. "
            "The firm was founded around 2014 and moved in March.")
    labels = {e.label for e in _timeline(nlp, text)}
    assert {"14th century", "late 19th century", "third quarter of 2023", "early 2000s", "1990s", "summer 2019",
            "around 2014", "March 2024"} <= labels
    assert all(e.label and e.label != e.value or e.value.isdigit() and len(e.value) == 4
               for e in _timeline(nlp, text))


def test_numbers_that_are_not_dates_stay_off(nlp):
    text = ("Her approval rating is in the high forties, the poll found. The group meets at its office at "
            "1909 K Street NW in Washington. The final score was 1999 to 2001 points. It opened in 1961.")
    assert [e.value for e in _timeline(nlp, text)] == ["1961"]


def test_labels_of_values():
    from newsgraph.extract.timex.timeline import label

    assert label("13") == "14th century"
    assert label("199", "END") == "late 1990s"
    assert label("2024-09-06") == "September 6, 2024"
    assert label("2024-W36-WE") == "weekend of week 36 of 2024"
    assert label("2024-H1") == "first half of 2024"
