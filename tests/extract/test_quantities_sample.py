"""The canonical sample: every count the careful reader lists, with the values given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.pipeline import Pipeline

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"


@pytest.fixture(scope="module")
def article():
    if not (SAMPLES / "iraq-withdrawal.txt").exists():
        pytest.skip("../shared/samples not present")
    return Pipeline().run(SAMPLES / "iraq-withdrawal.txt")


def _expected() -> list[dict]:
    return json.loads((SAMPLES / "iraq-withdrawal.expected.json").read_text("utf-8"))["quantities"]


@pytest.mark.parametrize("index", range(4))
def test_sample_quantity(article, index: int) -> None:
    expected = _expected()[index]
    matches = [q for q in article.quantities if expected["text"] in q.text or q.text in expected["text"]]
    assert matches, f"no quantity for {expected['text']!r}"
    q = matches[0]
    for key in ("value", "value_min", "approximate", "what", "where", "event"):
        if key in expected:
            assert getattr(q, key) == expected[key], (key, q)
