"""The speed-ups as a whole: the same annotations as stock spaCy on a few hundred texts, guarded by
version and switch, picklable, and usable by spaCy's own multiprocessing under ``spawn``."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy

from newsgraph.nlp import load_model, load_stock_model, speedups
from newsgraph.nlp.speedups.standin import StandIn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from nlp_equivalence import differences, paragraphs, repo_texts  # noqa: E402


@pytest.mark.slow  # minutes on a busy machine: the full suite (.ci/run) runs it
def test_same_annotations_as_stock_spacy_on_the_projects_texts(stock: spacy.language.Language) -> None:
    texts = paragraphs(repo_texts())
    assert len(texts) >= 300
    assert differences(load_model(), stock, texts) == []


def test_every_speedup_is_applied_on_the_verified_versions() -> None:
    assert speedups.version_mismatch() is None  # the project pins the verified spaCy and thinc
    kinds = {name: type(component).__name__ for name, component in load_model().pipeline}
    assert kinds["attribute_ruler"] == "IndexedAttributeRuler"
    assert kinds["lemmatizer"] == "RememberingLemmatizer"
    assert kinds["ner"] == "SteppedParser"


def test_other_versions_run_the_stock_pipeline_with_one_notice(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(speedups.VERIFIED, "spacy", "0.0.1")
    monkeypatch.setattr(speedups, "_noticed", False)
    nlp = load_stock_model()
    assert speedups.apply_speedups(nlp) == []
    assert speedups.apply_speedups(load_stock_model()) == []
    assert not any(isinstance(c, StandIn) for _, c in nlp.pipeline)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "spacy 3.8.18 (checked on 0.0.1)" in err and "stock pipeline" in err


def test_the_switch_turns_them_off(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(speedups.SWITCH_ENV, "0")
    nlp = load_stock_model()
    assert speedups.apply_speedups(nlp) == []
    assert not any(isinstance(c, StandIn) for _, c in nlp.pipeline)
    assert capsys.readouterr().err == ""  # the user chose it: nothing to report


def test_the_pipeline_pickles_with_its_stand_ins(stock: spacy.language.Language) -> None:
    back = pickle.loads(pickle.dumps(load_model()))
    assert [type(c).__name__ for _, c in back.pipeline] == [type(c).__name__ for _, c in load_model().pipeline]
    text = "Farhad Alaaldin told Reuters on Friday that hundreds of troops would leave Baghdad by September 2025."
    assert back(text).to_json() == stock(text).to_json()


@pytest.mark.slow
def test_spacy_multiprocessing_works_under_spawn(tmp_path: Path) -> None:
    script = tmp_path / "spawn.py"
    script.write_text(textwrap.dedent("""
        import multiprocessing
        from newsgraph.nlp import load_model, load_stock_model
        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn", force=True)
            texts = ["Farhad Alaaldin told Reuters on Friday that the troops would leave by 2025.",
                     "The U.S. Embassy in Baghdad has not responded to requests for comment."] * 4
            ours = [d.to_json() for d in load_model().pipe(texts, n_process=2, batch_size=2)]
            assert ours == [d.to_json() for d in load_stock_model().pipe(texts)]
            print("same", len(ours))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "same 8"
