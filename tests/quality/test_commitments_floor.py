"""CI gate: commitments and counts on a fixed subset of the hand-made gold (seconds).

The subset is eight gold articles (four PolNeAR, four TempEval-3); floors sit a little below
what the extractors reach there, so a regression fails here before it reaches the benchmark.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data"

pytestmark = pytest.mark.skipif(not (DATA / "polnear").exists() or not (DATA / "tempeval3").exists(),
                                reason="../shared/data (PolNeAR, TempEval-3) is not present")


@pytest.fixture(scope="module")
def scores():
    sys.path.insert(0, str(ROOT / "bench"))
    from commitments import evaluate, load_gold

    rows = load_gold()
    return evaluate(rows[12:16] + rows[24:28], peer=False)


def test_commitment_detection_floor(scores) -> None:
    c = scores["commitments"]
    assert c.tp >= 10
    assert c.f1 >= 0.80, (c.precision, c.recall)


def test_deadline_accuracy_floor(scores) -> None:
    c = scores["commitments"]
    assert c.matched_right / c.tp >= 0.87


def test_counts_floor(scores) -> None:
    counts = scores["counts"]
    assert counts.tp >= 5
    assert counts.f1 >= 0.85, (counts.precision, counts.recall)
