"""Train the cue detector shipped in ``newsgraph/data/attribution_cue_model.json``.

    python bench/train_attribution_cues.py [--data ../shared/data/polnear] [--limit N] [--parsed DIR]

PolNeAR *train* only: a verb is a positive example when it lies inside a gold Cue span.
Logistic regression (scikit-learn, a bench-only dependency) over ``cue_features``; the
threshold is chosen on a held-out fifth of the training articles (cue-token F1), then the
model is refit on all of them. Verbs inside quotation marks are left out, as the extractor
ignores them. ``--parsed`` reuses spaCy DocBin files (``*.spacy``, in article order).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution as bench  # noqa: E402

F1_SLACK = 0.005
MIN_WEIGHT = 0.05  # smaller weights barely move a score: left out to keep the shipped table small


def examples(docs, parsed):  # type: ignore[no-untyped-def]
    """(features, label) for every candidate verb, grouped per article."""
    from newsgraph.extract.attribution.cue_model import cue_features
    from newsgraph.extract.attribution.cues import cue_lexicon
    from newsgraph.extract.attribution.marks import find_quoted

    lexicon = cue_lexicon()
    per_doc = []
    for document, doc in zip(docs, parsed, strict=False):
        cues = [frag for a in document.gold if a.cue for frag in a.cue]
        quoted = [(q.start, q.end) for q in find_quoted(document.text)]
        rows = []
        for token in doc:
            if token.pos_ != "VERB" or any(a <= token.idx < b for a, b in quoted):
                continue
            label = any(a <= token.idx < b for a, b in cues)
            rows.append((cue_features(token, lexicon.speech, lexicon.belief), label))
        per_doc.append(rows)
    return per_doc


def fit(rows):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in feats} for feats, _ in rows])
    model = LogisticRegression(C=0.5, max_iter=2000)
    model.fit(x, [label for _, label in rows])
    return vectorizer, model


def best_threshold(vectorizer, model, rows) -> float:  # type: ignore[no-untyped-def]
    probs = model.predict_proba(vectorizer.transform([{f: 1 for f in feats} for feats, _ in rows]))[:, 1]
    labels = [label for _, label in rows]
    curve = {}
    for step in range(10, 80, 2):
        t = step / 100
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
        fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and not y)
        fn = sum(1 for p, y in zip(probs, labels, strict=True) if p < t and y)
        curve[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    best_f1 = max(curve.values())
    # the F1 curve is flat near its top: take the highest threshold there (fewer false cues)
    best = max(t for t, f1 in curve.items() if f1 >= best_f1 - F1_SLACK)
    print(f"held-out cue-token F1 {best_f1:.3f} (max), {curve[best]:.3f} at threshold {best:.2f}")
    return best


def export(vectorizer, model, threshold: float, path: Path) -> None:  # type: ignore[no-untyped-def]
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= MIN_WEIGHT}
    data = {"bias": round(float(model.intercept_[0]), 4), "threshold": threshold, "trained_on": "PolNeAR train",
            "features": len(weights), "weights": dict(sorted(weights.items()))}
    path.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", "utf-8")
    print(f"wrote {path} ({len(weights)} weights)")


def load_parsed(directory: Path | None, docs):  # type: ignore[no-untyped-def]
    from spacy.tokens import DocBin

    from newsgraph.nlp import load_model

    nlp = load_model()
    if directory is None:
        return list(nlp.pipe(d.text for d in docs))
    parsed = []
    for path in sorted(directory.glob("*.spacy")):
        parsed.extend(DocBin().from_disk(path).get_docs(nlp.vocab))
    return parsed[: len(docs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--parsed", type=Path, default=None)
    parser.add_argument("--holdout", type=int, default=0, help="leave the last N articles out (for evaluation)")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "src/newsgraph/data/attribution_cue_model.json")
    args = parser.parse_args(argv)
    docs = bench.load_split(Path(args.data) / "train", args.limit)
    parsed = load_parsed(args.parsed, docs)
    docs = docs[: len(parsed) - args.holdout]
    per_doc = examples(docs, parsed)
    held = [row for i, rows in enumerate(per_doc) if i % 5 == 0 for row in rows]
    rest = [row for i, rows in enumerate(per_doc) if i % 5 != 0 for row in rows]
    print(f"{len(docs)} train articles, {len(rest) + len(held)} candidate verbs")
    threshold = best_threshold(*fit(rest), held)
    export(*fit(rest + held), threshold, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
