"""CI floor: body extraction F1 on all 181 aeb pages, HTML path and text path (about 10 s)."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from aeb_score import evaluate  # noqa: E402
from extraction import DEFAULT_DATA, load_pages, newsgraph_html, newsgraph_text  # noqa: E402

# measured with bench/extraction.py (bench/reports/extraction.md), minus 0.01
HTML_F1_FLOOR = 0.963
HTML_ACCURACY_FLOOR = 0.43
TEXT_F1_FLOOR = 0.91


@pytest.fixture(scope="module")
def pages():
    if not (DEFAULT_DATA / "ground-truth.json").exists():
        pytest.skip(f"aeb data not found at {DEFAULT_DATA} (../shared/data is absent)")
    return load_pages(DEFAULT_DATA)


def _score(pages, system):
    return evaluate({p.id: p.truth for p in pages}, {p.id: system(p) for p in pages}, n_bootstrap=0)


def test_html_path_floor(pages):
    summary = _score(pages, newsgraph_html)
    assert summary.f1 >= HTML_F1_FLOOR, summary
    assert summary.accuracy >= HTML_ACCURACY_FLOOR, summary


def test_text_path_floor(pages):
    summary = _score(pages, newsgraph_text)
    assert summary.f1 >= TEXT_F1_FLOOR, summary
