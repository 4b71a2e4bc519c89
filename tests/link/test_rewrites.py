"""Rewrite evidence: figures read from text and matched when a retelling rounds them."""

from __future__ import annotations

from newsgraph.link.rewrites import close_jaccard, features
from newsgraph.pipeline import article_id
from newsgraph.records import Article, Metadata, Quantity


def test_figures_keep_scale_and_skip_years() -> None:
    text = "Ploverpay raised $1.1 billion in 2025, sold 45,800,000 shares and grew 41% since 2019."
    article = Article(id=article_id(text), source="x", body=text, metadata=Metadata())
    assert features(article).numbers == {1.1e9, 45_800_000.0, 41.0}


def test_spelled_out_counts_come_from_the_quantity_records() -> None:
    text = "Nearly three thousand residents left their homes, and eleven schools closed."
    quantities = [Quantity(text="Nearly three thousand residents", start=0, end=31, extractor="t", value=3000.0),
                  Quantity(text="a third of Iraq", start=0, end=15, extractor="t", value=1 / 3, kind="fraction")]
    article = Article(id=article_id(text), source="x", body=text, metadata=Metadata(), quantities=quantities)
    assert features(article).numbers == {3000.0}  # fractions are shares, not figures to match


def test_rounded_figures_match_and_small_numbers_only_exactly() -> None:
    assert close_jaccard({2950.0, 17.0}, {3000.0, 17.0}) == 1.0  # "2,950" retold as "nearly 3,000"
    assert close_jaccard({412_318.0}, {412_000.0}) == 1.0
    assert close_jaccard({12.0}, {13.0}) == 0.0  # a different count, not a rounding
    assert close_jaccard({2950.0, 620.0}, {3000.0, 1.0}) == 1 / 3
    assert close_jaccard(set(), {1.0}) == 0.0


def test_each_figure_matches_once() -> None:
    assert close_jaccard({100.0, 101.0}, {100.0}) == 0.5
