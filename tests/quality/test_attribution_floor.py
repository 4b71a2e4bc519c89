"""CI floor for attribution quality on a fixed slice of PolNeAR dev (runs in seconds)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
ARTICLES = 12  # the first twelve dev articles in file-name order (304 gold attributions)

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"PolNeAR not found at {DEV}")


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_attribution", ROOT / "bench" / "attribution.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_attribution_floor() -> None:
    bench = _bench()
    docs = bench.load_split(DEV, ARTICLES)
    report = bench.run(docs, {"newsgraph": bench.newsgraph_system})
    scores = report["results"]["newsgraph"]["all"]
    f1 = {label: scores.exact[label].prf()[2] for label in bench.LABELS}
    overlap = {label: scores.overlap[label].prf()[2] for label in bench.LABELS}
    accuracy = scores.attributed / scores.gold_with_source
    assert f1["Source"] >= FLOORS["source"], f1
    assert f1["Cue"] >= FLOORS["cue"], f1
    assert f1["Content"] >= FLOORS["content"], f1
    assert overlap["Content"] >= FLOORS["content_overlap"], overlap
    assert accuracy >= FLOORS["accuracy"], accuracy


# measured on this slice at commit 9f0d773 (CRF cue tagger): exact F1 source 0.79, cue 0.75, content 0.55; content
# overlap F1 0.77; attribution accuracy 0.66 (before the tagger, commit 5b48f11: 0.78 / 0.71 / 0.54, 0.78, 0.63).
# With the tagger retrained on every annotation and the span rules of branch attr3: 0.785 / 0.744 / 0.543, 0.772,
# 0.662 (the whole of dev rose slightly: cue 0.699 -> 0.704; this slice did not), so the floors stay.
# Sixth session (commits dfb1ea3, b464f5d, parse and quotation rules): 0.783 / 0.739 / 0.583, 0.784, 0.686 (dev
# as a whole: content 0.536 -> 0.567, accuracy 0.619 -> 0.642); the content and accuracy floors move up with them.
# Floors sit a few points below.
FLOORS = {"source": 0.76, "cue": 0.72, "content": 0.56, "content_overlap": 0.75, "accuracy": 0.65}
