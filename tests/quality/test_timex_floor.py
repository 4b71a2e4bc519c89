"""Quality gate: TempEval-3 Task A figures of the timex extractor on a fixed subset stay above a floor."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import pytest

from tests.conftest import DATA, ROOT, require

# Documents by position in each corpus (sorted by name): AQUAINT's last ones are Xinhua stories with datelines.
SUBSET = {"TimeBank": (slice(0, 30),), "AQUAINT": (slice(0, 10), slice(-10, None))}
# A little below what the subset measured when the floor was set (see bench/reports/timex.md).
FLOORS = {
    "TimeBank": {"relaxed_f1": 0.95, "strict_f1": 0.93, "value_f1": 0.855, "type_acc": 0.96},
    "AQUAINT": {"relaxed_f1": 0.95, "strict_f1": 0.865, "value_f1": 0.865, "type_acc": 0.945},
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
    every = bench.read_corpus(folder)
    docs = [doc for part in SUBSET[corpus] for doc in every[part]]
    score, _ = bench.evaluate(docs, ["newsgraph"])["newsgraph"]
    figures = score.figures()
    for name, floor in FLOORS[corpus].items():
        assert figures[name] >= floor, f"{corpus} {name} {figures[name]:.3f} < floor {floor}"


def test_scoring_on_a_hand_made_document(tmp_path):
    """The reader keeps gold offsets into the plain text; relaxed, strict and value are counted apart."""
    tml = tmp_path / "doc.tml"
    tml.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13">19980213</TIMEX3></DCT>'
                   '<TEXT>Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-12">'
                   'Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; '
                   '<TIMEX3 tid="t3" type="DATE" value="1997">last year</TIMEX3>.</TEXT></TimeML>', "utf-8")
    bench = _bench()
    doc = bench.parse_tml(tml)
    assert str(doc.dct) == "1998-02-13" and doc.text == "Talks ended Thursday after three days & last year."
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["Thursday", "three days", "last year"]
    found = [bench.Found(12, 20, "DATE", "1998-02-12"), bench.Found(27, 32, "DURATION", "P3"),
             bench.Found(49, 51, "DATE", "x")]
    confusion = Counter()
    score = bench.score_doc(doc, found, confusion=confusion)
    assert (score.gold, score.system, score.relaxed, score.strict, score.value_ok) == (3, 3, 2, 1, 1)
    assert confusion == Counter({("?", "DURATION P9D", "DURATION P9"): 1})
    assert round(score.figures()["value_f1"], 3) == round(2 / 3 * 1 / 2, 3)
