"""Status, changes and the evidence trail of hand-made entries (no model needed)."""

from __future__ import annotations

from datetime import date

from newsgraph.ledger.entries import refresh, status
from newsgraph.ledger.model import LedgerEntry, LedgerOutcome, LedgerStatement
from newsgraph.ledger.trail import entry_json


def _said(article: str, published: date, deadline: str, due: date, modality: str = "scheduled") -> LedgerStatement:
    return LedgerStatement(article_id=article, published=published, start=0, end=4, text="said", deadline=deadline,
                           due_date=due, modality=modality)  # type: ignore[arg-type]


def _entry(*statements: LedgerStatement, outcomes: tuple[LedgerOutcome, ...] = ()) -> LedgerEntry:
    return refresh(LedgerEntry(id="L1", action="election", what="hold elections", statements=list(statements),
                               outcomes=list(outcomes)))


def _done(article: str, published: date, when: str | None) -> LedgerOutcome:
    return LedgerOutcome(article_id=article, published=published, kind="done", date=when or published.isoformat(),
                         date_stated=when is not None, start=0, end=4, text="held")


def test_open_due_soon_overdue_by_the_day() -> None:
    entry = _entry(_said("a", date(2025, 1, 1), "2025-10", date(2025, 10, 31)))
    assert status(entry, date(2025, 2, 1)) == "open"
    assert status(entry, date(2025, 10, 10)) == "due_soon"
    assert status(entry, date(2025, 11, 5)) == "overdue"


def test_a_later_date_is_a_move_and_the_vote_after_the_first_month_is_late() -> None:
    entry = _entry(_said("a", date(2024, 9, 6), "2025-10", date(2025, 10, 31)),
                   _said("b", date(2025, 4, 9), "2025-11-11", date(2025, 11, 11)),
                   outcomes=(_done("c", date(2025, 11, 12), "2025-11-11"),))
    assert [c.kind for c in entry.changes] == ["moved_later"]
    assert entry.deadline == "2025-11-11" and entry.first_deadline == "2025-10"
    assert status(entry, date(2025, 5, 1)) == "moved"
    assert status(entry, date(2025, 11, 12)) == "kept_late"
    assert status(entry, date(2025, 11, 11)) == "moved"  # the report of the vote is not out yet


def test_done_within_the_month_is_on_time_and_an_undated_report_counts_the_day_before() -> None:
    entry = _entry(_said("a", date(2025, 4, 8), "2025-06-03", date(2025, 6, 3)),
                   outcomes=(_done("b", date(2025, 6, 4), None),))
    assert status(entry, date(2025, 6, 4)) == "kept_on_time"


def test_two_dates_at_the_same_time_contradict_and_a_hedge_is_a_change() -> None:
    entry = _entry(_said("a", date(2024, 11, 29), "2024-12-08", date(2024, 12, 8)),
                   _said("b", date(2024, 11, 30), "2024-12-07", date(2024, 12, 7), modality="possible"))
    kinds = {c.kind for c in entry.changes}
    assert kinds == {"contradicted", "hedge_added"}
    assert status(entry, date(2024, 12, 1)) == "contradicted"


def test_cancelled_is_broken_and_the_trail_is_in_time_order() -> None:
    cancelled = LedgerOutcome(article_id="c", published=date(2025, 10, 22), kind="cancelled", date="2025-10-21",
                              start=5, end=9, text="cancelled")
    entry = _entry(_said("a", date(2025, 10, 16), "2025-10-30", date(2025, 10, 30)), outcomes=(cancelled,))
    assert status(entry, date(2025, 11, 1)) == "broken"
    data = entry_json(entry, date(2025, 11, 1))
    assert [e["event"] for e in data["trail"]] == ["statement", "outcome: cancelled"]
    assert data["outcomes"][0]["start"] == 5 and data["status"] == "broken"
