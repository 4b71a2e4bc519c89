"""Integration: the canonical sample article through the text cleaner."""

from pathlib import Path

import pytest

from newsgraph.clean.content import clean_plain_text

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "iraq-withdrawal.txt"


@pytest.fixture(scope="module")
def cleaned():
    if not SAMPLE.exists():
        pytest.skip(f"sample article not found at {SAMPLE} (../shared is absent)")
    return clean_plain_text(SAMPLE.read_text("utf-8"))


def test_body_bounds(cleaned):
    assert cleaned.body.startswith("The United States and Iraq have come to an understanding")
    assert cleaned.body.endswith("The U.S. Embassy in Baghdad has not responded to requests for comment.")
    assert "\n\n" in cleaned.body and "Related Articles" not in cleaned.body


def test_header(cleaned):
    meta = cleaned.metadata
    assert meta.section == "World"
    assert meta.headline.startswith("Exclusive US-Iraq Deal Expected to Result in Troop Withdrawals")
    assert meta.authors == ["Timour Azhari", "Ahmed Rasheed"]
    assert meta.dateline == "BAGHDAD"
    assert meta.exclusive


def test_removed_furniture(cleaned):
    removed = {r.text: r.reason for r in cleaned.removed}
    for line in ("Related Articles", "Leave a Reply", "Back to top button", "Adblock Detected",
                 "Please consider supporting us by disabling your ad blocker"):
        assert line in removed
