"""The canonical sample: every commitment the careful reader lists, with its date and modality.

Needs the timex extractor (branch ``timex``, merged here) for the deadlines.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.options import Options
from newsgraph.pipeline import Pipeline
from newsgraph.records import Article, Commitment

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
REFERENCE = date(2024, 9, 6)  # the day the report first ran (see the expected file's _about)


def _run(published: date | None) -> Article:
    if not (SAMPLES / "iraq-withdrawal.txt").exists():
        pytest.skip("../shared/samples not present")
    return Pipeline(Options(published=published, as_of=date(2025, 8, 15))).run(SAMPLES / "iraq-withdrawal.txt")


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {"plain": _run(None), "with_reference": _run(REFERENCE)}


def _expected() -> list[dict]:
    return json.loads((SAMPLES / "iraq-withdrawal.expected.json").read_text("utf-8"))["commitments"]


def _words(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in text.split() if len(w) > 3}


def _matches(c: Commitment, expected: dict, key: str) -> bool:
    """Same date (TIMEX3 value or last day), same modality, a main word of "what" (the expected is a paraphrase)."""
    wanted = expected[key]
    field = "until" if key == "until" else "deadline"
    dated = wanted in (getattr(c, field), str(c.due_date))
    shared = _words(expected["what"]) & _words(c.what)
    return dated and c.modality == expected["modality"] and bool(shared)


@pytest.mark.parametrize("index", range(5))
def test_sample_commitment(articles: dict[str, Article], index: int) -> None:
    expected = _expected()[index]
    key = next(k for k in ("deadline", "until", "deadline_with_reference") if k in expected)
    article = articles["with_reference" if key.endswith("_with_reference") else "plain"]
    assert any(_matches(c, expected, key) for c in article.commitments), (expected, article.commitments)


def test_sample_status_against_as_of(articles: dict[str, Article]) -> None:
    by_what = {c.what: c for c in articles["plain"].commitments}
    departure = next(c for w, c in by_what.items() if "departure" in w)
    remaining = next(c for w, c in by_what.items() if "remaining personnel" in w)
    assert departure.status == "due_soon" and remaining.status == "upcoming"


def test_sample_announcement_undated_without_reference(articles: dict[str, Article]) -> None:
    announcement = next(c for c in articles["plain"].commitments if "announcement" in c.what)
    assert announcement.deadline is None and announcement.status == "undated" and announcement.hedge == "could"
    assert announcement.quote_id is not None
    assert (announcement.source, announcement.source_anonymous) == ("Some sources", True)
