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
