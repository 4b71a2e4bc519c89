"""CI floor for link quality: bench/links.py on a small fixed subset (a few aeb pages, the rewrite gold set)."""

from __future__ import annotations

import importlib.util
import random
from itertools import combinations
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AEB = ROOT.parent / "shared" / "data" / "aeb" / "html"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_links", ROOT / "bench" / "links.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return _bench()


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from newsgraph import Pipeline

    return Pipeline()


def test_near_duplicate_floor(bench, pipeline) -> None:  # type: ignore[no-untyped-def]
    if not AEB.exists():
        pytest.skip(f"{AEB} is not available (the shared data sits beside the project in CI)")
    pages = sorted(AEB.glob("*.html.gz"))[:4]
    docs = bench._documents(pipeline, pages, random.Random(13))
    result = bench._near_eval(docs, bench.NEAR_DUPLICATE)
    assert result["documents"] >= 15
    assert result["links"]["precision"] >= 0.95 and result["links"]["recall"] >= 0.9


def _rewrite_gold(bench, pipeline):  # type: ignore[no-untyped-def]
    gold = bench.gold_articles(pipeline)
    truth = {bench._pair(a.id, b.id) for (ra, a), (rb, b) in combinations(gold, 2) if ra["story"] == rb["story"]}
    negatives = bench.hard_negative_pairs(gold)
    assert len(truth) >= 30 and len(negatives) >= 40
    return [a for _, a in gold], truth, negatives


@pytest.mark.slow  # minutes on a busy machine: the full suite (.ci/run) runs it
def test_rewrite_floor(bench, pipeline) -> None:  # type: ignore[no-untyped-def]
    """The stories a user sees on the older rewrite gold set (bench/gold/rewrites): same-story pairs."""
    from newsgraph.link.stories import link_articles

    articles, truth, negatives = _rewrite_gold(bench, pipeline)
    members: dict[str, list[str]] = {}
    for story_id, article_id, *_ in link_articles(articles).stories:
        members.setdefault(story_id, []).append(article_id)
    predicted = {bench._pair(a, b) for group in members.values() for a, b in combinations(group, 2)}
    scores = bench.prf(predicted, truth)
    # 2026-12-03, the pair model fitted on the real multi-outlet dev events: P 1.00, R 0.58, no hard
    # negative linked. The scorer before it gave P 0.97 / R 0.91 here (2026-11-29): a known regression
    # of recall on this set (issue #17), guarded here so that it gets no worse.
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.55, scores
    assert len(predicted & negatives) <= 2


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="issue #17: the dev-fitted pair model links 8 wrong pairs here at 0.5")
def test_rewrite_links_target(bench, pipeline) -> None:  # type: ignore[no-untyped-def]
    """The floor the older scorer met on direct rewrite links (P 0.97, R 0.91, 2026-11-29)."""
    from newsgraph.link.rewrites import rewrites

    articles, truth, negatives = _rewrite_gold(bench, pipeline)
    predicted = {link.pair() for link in rewrites(articles)}
    scores = bench.prf(predicted, truth)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.85, scores
    assert len(predicted & negatives) <= 2
