"""Do newsgraph's spaCy speed-ups leave every annotation as stock spaCy makes it? And what do they save?

Runs the same texts through ``spacy.load`` as it comes and through newsgraph's pipeline with the
speed-ups (``newsgraph.nlp.speedups``), in batches and one text at a time, and compares every
token's tag, POS, morphology, lemma, head, dependency, sentence start and entity annotation.

    python bench/nlp_equivalence.py [--source repo|aeb|polnear|wcxb|all] [--limit N] [--paragraphs]

``repo`` uses texts that ship with the project (the sample and the rewrite gold), so the check runs
anywhere; the others read ``../shared/data``. Prints the number of texts, differences and the time of
each pass (CPU seconds, best of ``--repeat``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]


def repo_texts() -> list[str]:
    """Texts that ship with the project: the sample and every article of the gold sets."""
    texts = [(ROOT / "examples" / "iraq-withdrawal.txt").read_text("utf-8")]
    for gold in sorted((ROOT / "bench" / "gold").rglob("*.jsonl")):
        for line in gold.read_text("utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def aeb_texts() -> list[str]:
    truth = json.loads((DATA / "aeb" / "ground-truth.json").read_text("utf-8"))
    return [item["articleBody"] for _, item in sorted(truth.items())]


def polnear_texts() -> list[str]:
    folders = [DATA / "polnear" / split for split in ("train", "dev")]
    return [p.read_text("utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]


def wcxb_texts() -> list[str]:
    with gzip.open(DATA / "wcxb" / "dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [t for t in (json.loads(line).get("ground_truth", {}).get("text") or "" for line in handle) if t]


SOURCES = {"repo": repo_texts, "aeb": aeb_texts, "polnear": polnear_texts, "wcxb": wcxb_texts}


def paragraphs(texts: Iterable[str], shortest: int = 40) -> list[str]:
    """Each text cut at blank lines (or lines): many short texts test batching and edges more than few long ones."""
    out = []
    for text in texts:
        out += [p.strip() for p in text.replace("\r", "").split("\n") if len(p.strip()) >= shortest]
    return out


def annotations(doc: Doc) -> tuple[list[list[int]], list[str], list[tuple[int, int, str]]]:
    """Everything the pipeline sets on a Doc, as plain values."""
    return (numpy.asarray(doc.to_array(ATTRS)).tolist(), [str(t.morph) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


def differences(ours: Language, stock: Language, texts: Sequence[str], batch_size: int = 16) -> list[str]:
    """The texts (first 60 characters) whose annotations differ, batched and one by one."""
    found = []
    batched = zip(texts, ours.pipe(texts, batch_size=batch_size), stock.pipe(texts, batch_size=batch_size))
    for text, a, b in batched:
        if annotations(a) != annotations(b):
            found.append(f"batched: {text[:60]!r}")
    for text in texts[: max(1, len(texts) // 4)]:  # a quarter one at a time: nlp(text) takes other paths
        if annotations(ours(text)) != annotations(stock(text)):
            found.append(f"single: {text[:60]!r}")
    return found


def cpu_seconds(nlp: Language, texts: Sequence[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    from newsgraph.nlp import load_stock_model
    from newsgraph.nlp.speedups import apply_speedups, version_mismatch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=[*SOURCES, "all"], default="repo")
    parser.add_argument("--limit", type=int, default=0, help="at most this many texts (0: all)")
    parser.add_argument("--paragraphs", action="store_true", help="cut each text into paragraphs first")
    parser.add_argument("--repeat", type=int, default=1, help="timing rounds (best kept)")
    args = parser.parse_args(argv)
    names = list(SOURCES) if args.source == "all" else [args.source]
    texts = [t for name in names for t in SOURCES[name]()]
    texts = paragraphs(texts) if args.paragraphs else texts
    texts = texts[: args.limit] if args.limit else texts
    stock, ours = load_stock_model(), load_stock_model()
    applied = apply_speedups(ours)
    print(f"speed-ups applied: {', '.join(applied) or 'none'} ({version_mismatch() or 'verified versions'})")
    diffs = differences(ours, stock, texts)
    print(f"{len(texts)} texts ({sum(map(len, texts)):,} characters): {len(diffs)} differ")
    for line in diffs[:20]:
        print("  " + line)
    stock_s, ours_s = cpu_seconds(stock, texts, args.repeat), cpu_seconds(ours, texts, args.repeat)
    print(f"CPU: stock {stock_s:.2f} s, newsgraph {ours_s:.2f} s ({ours_s / stock_s:.2f} of stock)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
