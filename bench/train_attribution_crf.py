"""Train the CRF cue tagger shipped in ``newsgraph/data/attribution_cue.crfsuite``.

    python bench/train_attribution_crf.py [--data ../shared/data/polnear] [--parsed DIR] [--holdout N]

PolNeAR *train* only. Each sentence is a sequence; a token is B/I when it lies in a gold Cue
fragment (B at the fragment's first token), else O. The L1/L2 weights are chosen on a held-out
fifth of the training articles (exact cue-span F1), then the model is refit on all of them.
``--parsed`` reuses spaCy DocBin files (``*.spacy``, in article order); ``--holdout N`` leaves
the last N articles out entirely (to evaluate the whole extractor on them); ``--every-annotation``
also trains on the other annotators' versions of the articles several annotators did;
``--leave-out-shared`` trains without those articles, for the agreement check of
``bench/attribution.py --agreement``.
Needs python-crfsuite (a runtime dependency: the tagger uses it too).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as bench  # noqa: E402
from train_attribution_cues import load_parsed  # noqa: E402

GRID = ((0.5, 0.05), (0.2, 0.05), (1.0, 0.05))
MAX_ITERATIONS = 150


def sequences(document, doc):  # type: ignore[no-untyped-def]
    """(features, labels, sentence start) per sentence of one article."""
    from newsgraph.extract.attribution.crf import Columns, sentence_features
    from newsgraph.extract.attribution.cues import cue_lexicon
    from newsgraph.extract.attribution.marks import find_quoted

    lexicon = cue_lexicon()
    lists = (lexicon.speech, lexicon.belief)
    quoted = [(q.start, q.end) for q in find_quoted(document.text)]
    frags = [frag for a in document.gold if a.cue for frag in a.cue]
    rows = []
    cols = Columns.of(doc)
    for sent in doc.sents:
        labels = []
        for token in sent:
            hit = next(((a, b) for a, b in frags if a <= token.idx < b), None)
            labels.append("O" if hit is None or token.is_space else "B" if token.idx == hit[0] else "I")
        feats = sentence_features(sent, lists, lambda pos: any(a <= pos < b for a, b in quoted), cols)
        rows.append((feats, labels, sent.start))
    return rows


def train(rows, c1: float, c2: float, path: Path) -> None:  # type: ignore[no-untyped-def]
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels, _ in rows:
        trainer.append(feats, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def span_f1(path: Path, held) -> float:  # type: ignore[no-untyped-def]
    """Exact F1 of cue spans (character offsets) on held-out articles."""
    import pycrfsuite

    from newsgraph.extract.attribution.crf import spans_from_labels

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    tp = fp = fn = 0
    for document, doc, rows in held:
        gold = {a.cue for a in document.gold if a.cue}
        pred = set()
        for feats, _, start in rows:
            for run in spans_from_labels(tagger.tag(feats), start):
                pred.add(((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)),))
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _add_other_annotations(root: Path, docs, parsed, per_doc) -> None:  # type: ignore[no-untyped-def]
    """The other annotators' versions of the kept articles join their article's training rows."""
    index = {d.name: i for i, d in enumerate(docs)}
    seen: set[str] = set()
    for document in bench.load_split(root, None, every_annotation=True):
        if document.name in seen and document.name in index:
            per_doc[index[document.name]] += sequences(document, parsed[index[document.name]])
        seen.add(document.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--parsed", type=Path, default=None)
    parser.add_argument("--holdout", type=int, default=0, help="leave the last N articles out (for evaluation)")
    parser.add_argument("--every-annotation", action="store_true",
                        help="also train on the other annotators' versions of an article")
    parser.add_argument("--leave-out-shared", action="store_true",
                        help="leave out the articles every annotator did (for bench/attribution.py --agreement)")
    parser.add_argument("--grid", action="store_true", help="try every (c1, c2) in GRID; else --c1/--c2")
    parser.add_argument("--c1", type=float, default=GRID[0][0])
    parser.add_argument("--c2", type=float, default=GRID[0][1])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "src/newsgraph/data/attribution_cue.crfsuite")
    args = parser.parse_args(argv)
    docs = bench.load_split(Path(args.data) / "train", args.limit)
    parsed = load_parsed(args.parsed, docs)
    docs = docs[: len(parsed) - args.holdout]
    if args.leave_out_shared:
        shared = bench.shared_articles(Path(args.data) / "train")
        kept = [(d, p) for d, p in zip(docs, parsed) if d.name not in shared]
        docs, parsed = [d for d, _ in kept], [p for _, p in kept]
    per_doc = [sequences(d, p) for d, p in zip(docs, parsed)]
    if args.every_annotation:
        _add_other_annotations(Path(args.data) / "train", docs, parsed, per_doc)
    rest = [row for i, rows in enumerate(per_doc) if i % 5 for row in rows]
    held = [(d, p, rows) for i, (d, p, rows) in enumerate(zip(docs, parsed, per_doc)) if i % 5 == 0]
    print(f"{len(docs)} train articles, {len(rest)} sentences to fit, {len(held)} articles held out", flush=True)
    best = (args.c1, args.c2)
    if args.grid:
        scores = {}
        with tempfile.TemporaryDirectory() as tmp:
            for c1, c2 in GRID:
                train(rest, c1, c2, Path(tmp) / "m.crfsuite")
                scores[(c1, c2)] = span_f1(Path(tmp) / "m.crfsuite", held)
                print(f"c1={c1} c2={c2}: held-out exact cue F1 {scores[(c1, c2)]:.3f}", flush=True)
        best = max(scores, key=lambda k: scores[k])
    train([row for rows in per_doc for row in rows], *best, args.out)
    print(f"wrote {args.out} (c1={best[0]}, c2={best[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
