"""CI floor for places on a fixed LGL subset (held-out half B, first 40 articles): seconds, not minutes.

Measured (bench/reports/places.md), first set / after the neighbours rule (branch places2):
resolution acc@161 0.825 / 0.846, AUC 0.207 / 0.197 over these articles' gold toponyms;
recognition F1 0.793 / 0.802 on the first 20 of them (population baseline acc@161 0.69).
"""

from __future__ import annotations

import pytest

from tests.conftest import DATA, require

LGL = DATA / "geo" / "lgl.xml"


@pytest.fixture(scope="module")
def subset():
    from bench.places import load_lgl

    return load_lgl(require(LGL))[1::2][:40]


def test_resolution_floor(subset):
    from bench.places import error_scores, resolution_errors

    from newsgraph.extract.places.gazetteer import load
    from newsgraph.extract.places.geoparse import Weights

    gazetteer = load()
    ours = error_scores(resolution_errors(subset, gazetteer, Weights()))
    baseline = error_scores(resolution_errors(subset, gazetteer, None))
    assert ours["acc161"] >= FLOOR_ACC161, ours
    assert ours["auc"] <= CEILING_AUC, ours
    assert ours["acc161"] > baseline["acc161"], (ours, baseline)


def test_recognition_floor(subset, nlp):
    from bench.places import recognition_scores, recognize

    from newsgraph.extract.places.gazetteer import load

    articles = subset[:20]
    scores = recognition_scores(articles, recognize(articles, load()))
    assert scores["f1"] >= FLOOR_F1, scores


FLOOR_ACC161 = 0.82
CEILING_AUC = 0.22
FLOOR_F1 = 0.78
