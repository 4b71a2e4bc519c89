"""Quality gate: TempEval-3 Task A figures of the timex extractor on a fixed subset stay above a floor."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import DATA, ROOT, require

SUBSET = {"TimeBank": 30, "AQUAINT": 15}  # the first N documents (sorted by name) of each corpus
# A little below what the subset measured when the floor was set (see bench/reports/timex.md).
FLOORS = {
    "TimeBank": {"relaxed_f1": 0.93, "strict_f1": 0.89, "value_f1": 0.82, "type_acc": 0.93},
    "AQUAINT": {"relaxed_f1": 0.90, "strict_f1": 0.81, "value_f1": 0.69, "type_acc": 0.87},
}


def _bench():
    path = ROOT / "bench" / "timex.py"
    spec = importlib.util.spec_from_file_location("bench_timex", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_timex"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(SUBSET))
def test_timex_floor(corpus):
    folder = require(DATA / "tempeval3" / corpus)
    bench = _bench()
    docs = bench.read_corpus(folder)[: SUBSET[corpus]]
    score, _ = bench.evaluate(docs, ["newsgraph"])["newsgraph"]
    figures = score.figures()
    for name, floor in FLOORS[corpus].items():
        assert figures[name] >= floor, f"{corpus} {name} {figures[name]:.3f} < floor {floor}"
