"""The sentence cap (``nlp/sentences.py``): where it cuts, and that news prose is left alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy

from newsgraph.nlp import load_model
from newsgraph.nlp.sentences import MAX_TOKENS, SentenceCap, cut_points

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "iraq-withdrawal.txt"


def test_news_prose_gets_no_cut() -> None:
    doc = load_model().make_doc(SAMPLE.read_text("utf-8"))
    assert len(doc) > MAX_TOKENS
    assert cut_points(doc, MAX_TOKENS) == []


def test_a_long_stretch_is_cut_at_its_best_break() -> None:
    nlp = load_model()
    words = " ".join(["troops"] * 10)
    doc = nlp.make_doc(f"{words}, {words}; {words}, {words}, {words}.")  # 55 tokens, ";" the 22nd
    assert cut_points(doc, 30) == [22, 44]  # after the semicolon, then after the last comma that fits
    assert [doc[i - 1].text for i in cut_points(doc, 30)] == [";", ","]
    doc = nlp.make_doc(" ".join(["troops"] * 70))  # no punctuation: every 30 tokens
    assert cut_points(doc, 30) == [30, 60]
    doc = nlp.make_doc("al-Sudani " * 8 + "troops, " + "al-Sudani " * 12)  # a hyphen inside a word is no break
    assert [doc[i - 1].text for i in cut_points(doc, 40)] == [","]


def test_stretches_between_sentence_ends_are_left_alone() -> None:
    nlp = load_model()
    doc = nlp.make_doc(" ".join(["troops"] * 25 + ["."] + ["troops"] * 25 + ["\n"] + ["troops"] * 25))
    assert cut_points(doc, 30) == []
    doc = SentenceCap(30)(nlp.make_doc(" ".join(["troops"] * 100)))
    assert [t.i for t in doc if t.is_sent_start] == [0, 30, 60, 90]


def test_the_cap_needs_a_sensible_length() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        SentenceCap(1)


@pytest.mark.slow
def test_long_texts_under_spawn_multiprocessing(tmp_path: Path) -> None:
    script = tmp_path / "spawn_long.py"
    script.write_text(textwrap.dedent(f"""
        import multiprocessing, sys
        sys.path.insert(0, {str(ROOT / "bench")!r})
        from long_sentences import long_sentence
        from newsgraph.nlp import load_model
        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn", force=True)
            texts = [long_sentence(5000, seed=n) for n in range(4)]
            nlp = load_model()
            ours = [d.to_json() for d in nlp.pipe(texts, n_process=2, batch_size=1)]
            assert ours == [nlp(t).to_json() for t in texts]
            print("same", len(ours), max(len(s) for t in texts for s in nlp(t).sents))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    count, longest = done.stdout.split()[1:]
    assert count == "4" and int(longest) <= 500


def test_stock_spacy_is_not_changed(stock: spacy.language.Language) -> None:
    assert "newsgraph_sentence_cap" not in stock.pipe_names
