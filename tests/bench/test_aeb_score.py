"""The aeb scorer on hand-made strings."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from aeb_score import evaluate, score_document, shingles, summarize, tokens  # noqa: E402


def test_tokens_are_word_runs():
    assert tokens("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]


def test_shingles_are_a_multiset_of_4grams():
    s = shingles("a b c d a b c d")
    assert s[("a", "b", "c", "d")] == 2
    assert sum(s.values()) == 5


def test_short_text_is_one_shingle_and_empty_has_none():
    assert shingles("just two") == {("just", "two"): 1}
    assert not shingles("  ... ")


def test_identical_texts_score_perfectly_and_match_exactly():
    doc = score_document("One two three four five.", "One, two; three four five")
    assert (doc.tp, doc.fp, doc.fn, doc.exact) == (1.0, 0.0, 0.0, True)


def test_partial_overlap_is_normalized():
    # true: 1 2 3 4 5 6 -> 3 shingles; pred: 1 2 3 4 5 x -> 3 shingles, 2 shared
    doc = score_document("w1 w2 w3 w4 w5 w6", "w1 w2 w3 w4 w5 x")
    assert doc.tp == pytest.approx(2 / 4)
    assert doc.fp == pytest.approx(1 / 4)
    assert doc.fn == pytest.approx(1 / 4)
    assert not doc.exact


def test_empty_prediction_is_skipped_for_precision_but_counts_for_recall():
    summary = evaluate({"a": "w1 w2 w3 w4 w5", "b": "v1 v2 v3 v4 v5"},
                       {"a": "w1 w2 w3 w4 w5", "b": ""}, n_bootstrap=0)
    assert summary.precision == pytest.approx(1.0)
    assert summary.recall == pytest.approx(0.5)
    assert summary.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert summary.accuracy == pytest.approx(0.5)


def test_bootstrap_std_is_zero_when_all_documents_agree_and_positive_otherwise():
    same = [score_document("w1 w2 w3 w4 w5", "w1 w2 w3 w4 w5")] * 20
    assert summarize(same, n_bootstrap=50).f1_std == 0.0
    mixed = same[:10] + [score_document("w1 w2 w3 w4 w5", "z1 z2 z3 z4 z5")] * 10
    assert summarize(mixed, n_bootstrap=200).f1_std > 0.0
