"""The commitment ledger against the gold chains in ``bench/gold/ledger`` (issue #18).

Builds the ledger over one split's articles (its chains' articles and its distractors), then scores:
- linking: statement-to-entry pairwise P/R/F1. A gold statement is found when a ledger statement
  overlaps its excerpt; gold pairs (same chain) are found when both land in one entry; a predicted
  pair is wrong when its two statements belong to different chains, or one to a chain and the other
  to a distractor article (pairs of two unannotated statements are not scored);
- outcomes: P/R/F1 over (article, chain, kind); a ledger outcome counts when its entry maps to a
  chain (the chain most of its found statements belong to) or when it sits in a chain's article;
- status accuracy as of each chain's ``status_as_of`` (the entry holding most of the chain's found
  statements; ties go to the one holding the earliest); outcome date accuracy over matched outcomes
  with a gold date (the ledger's date must start with the gold value);
- speed (``--speed``): update time after one more article on a store of ``--articles`` articles.

    python bench/ledger.py --split dev|test [--speed] [--articles 5000] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_corpus import chains, filler_articles, gold_articles, gold_rows  # noqa: E402

from newsgraph.ledger import build, status  # noqa: E402
from newsgraph.ledger.entries import Ledger  # noqa: E402
from newsgraph.records import Article  # noqa: E402


def _locate(article: Article, excerpt: str) -> tuple[int, int] | None:
    at = article.body.find(excerpt)
    if at < 0:
        at = article.body.find(excerpt[:60])
    return (at, at + len(excerpt)) if at >= 0 else None


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(split: str, verbose: bool = False) -> dict[str, float]:
    rows = {r["id"]: r for r in gold_rows()}
    extracted = gold_articles()
    gold_chains = [c for c in chains() if c["split"] == split]
    used = {r["id"] for r in rows.values() if r["split"] == split}
    for c in gold_chains:
        used |= {s["article_id"] for s in c["statements"]} | {o["article_id"] for o in c["outcomes"]}
    articles = {g: extracted[g] for g in used if g in extracted}
    gold_of = {a.id: g for g, a in articles.items()}
    ledger: Ledger = build(articles.values())
    where: dict[tuple[str, int], tuple[str, int]] = {}  # (article hash, start) → (entry, statement index)
    for entry in ledger.entries.values():
        for i, s in enumerate(entry.statements):
            where[(s.article_id, s.start)] = (entry.id, i)
    by_article: dict[str, list] = defaultdict(list)
    for entry in ledger.entries.values():
        for s in entry.statements:
            by_article[s.article_id].append((s, entry.id))
    # gold statement → (entry id, predicted statement key)
    found: dict[tuple[str, int], tuple[str, tuple[str, int]] | None] = {}
    label: dict[tuple[str, int], str] = {}
    for c in gold_chains:
        for k, s in enumerate(c["statements"]):
            article = articles.get(s["article_id"])
            span = _locate(article, s["excerpt"]) if article else None
            hit = None
            if span and article:
                overlaps = [(min(span[1], p.end) - max(span[0], p.start), p, e) for p, e in by_article[article.id]
                            if p.start < span[1] and p.end > span[0]]
                if overlaps:
                    _, p, e = max(overlaps, key=lambda x: x[0])
                    hit = (e, (p.article_id, p.start))
                    label.setdefault((p.article_id, p.start), c["id"])
            found[(c["id"], k)] = hit
    distractors = {articles[g].id for g in used if g in articles and rows[g]["chain"] is None}
    items: dict[tuple[str, int], tuple[str, str | None]] = {}  # predicted statement → (entry, chain or None)
    for key, (entry_id, _) in where.items():
        if key in label:
            items[key] = (entry_id, label[key])
        elif key[0] in distractors:
            items[key] = (entry_id, None)
    tp = fn = 0
    for c in gold_chains:
        ks = range(len(c["statements"]))
        for a, b in itertools.combinations(ks, 2):
            fa, fb = found[(c["id"], a)], found[(c["id"], b)]
            if fa and fb and fa[0] == fb[0]:
                tp += 1
            else:
                fn += 1
    fp = 0
    for (ka, (ea, ca)), (kb, (eb, cb)) in itertools.combinations(items.items(), 2):
        if ea == eb and ka != kb and (ca is not None or cb is not None) and ca != cb:
            fp += 1
    link = _prf(tp, fp, fn)
    # entry ↔ chain
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for entry_id, chain in items.values():
        if chain:
            votes[entry_id][chain] += 1
    chain_of = {e: v.most_common(1)[0][0] for e, v in votes.items()}
    entry_of: dict[str, str | None] = {}
    for c in gold_chains:  # the entry holding most of the chain's found statements (ties: the earliest one's)
        order = sorted(range(len(c["statements"])), key=lambda k: rows[c["statements"][k]["article_id"]]["published"])
        hits = [h[0] for k in order if (h := found[(c["id"], k)])]
        entry_of[c["id"]] = max(hits, key=lambda e: (hits.count(e), -hits.index(e))) if hits else None
    gold_out = {(o["article_id"], c["id"], o["kind"]): o for c in gold_chains for o in c["outcomes"]}
    chain_articles = {g for g in used if rows[g]["chain"] is not None}
    predicted = {}
    for entry in ledger.entries.values():
        chain = chain_of.get(entry.id)
        for o in entry.outcomes:
            g = gold_of[o.article_id]
            if chain is not None or g in chain_articles:
                predicted[(g, chain, o.kind)] = o
    otp = len(set(predicted) & set(gold_out))
    outcome = _prf(otp, len(predicted) - otp, len(gold_out) - otp)
    dated = [(gold_out[k]["date"], predicted[k].date) for k in set(predicted) & set(gold_out) if gold_out[k]["date"]]
    date_acc = sum(bool(p and p.startswith(g)) for g, p in dated) / len(dated) if dated else 0.0
    right = 0
    for c in gold_chains:
        entry_key = entry_of[c["id"]]
        got = status(ledger.entries[entry_key], date.fromisoformat(c["status_as_of"])) if entry_key else "missing"
        right += got == c["status"]
        if verbose:
            print(f"  {c['id']:<45} gold {c['status']:<13} got {got}")
    if verbose:
        for k in sorted(set(gold_out) - set(predicted)):
            print("  missed outcome", k, gold_out[k]["excerpt"][:90])
        for k in sorted(set(predicted) - set(gold_out), key=str):
            print("  extra outcome", k, predicted[k].text[:90])
        for c in gold_chains:
            for k, s in enumerate(c["statements"]):
                hit = found[(c["id"], k)]
                print(f"  {c['id'][:30]:<30} {s['article_id']:<24} {hit[0] if hit else 'NOT FOUND':<14} "
                      f"{s['excerpt'][:60]}")
    return {"link_p": link[0], "link_r": link[1], "link_f1": link[2], "outcome_p": outcome[0],
            "outcome_r": outcome[1], "outcome_f1": outcome[2], "status": right / len(gold_chains),
            "outcome_date": date_acc, "dated_outcomes": len(dated), "chains": len(gold_chains),
            "gold_outcomes": len(gold_out), "predicted_outcomes": len(predicted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--filler", type=int, default=1600, help="distinct filler articles (the rest are copies)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    scores = evaluate(args.split, args.verbose)
    print(f"split {args.split}: {scores['chains']} chains")
    print(f"linking   P {scores['link_p']:.3f}  R {scores['link_r']:.3f}  F1 {scores['link_f1']:.3f}")
    print(f"outcomes  P {scores['outcome_p']:.3f}  R {scores['outcome_r']:.3f}  F1 {scores['outcome_f1']:.3f}"
          f"  ({scores['predicted_outcomes']} predicted, {scores['gold_outcomes']} gold)")
    print(f"status accuracy {scores['status']:.3f}")
    print(f"outcome date accuracy {scores['outcome_date']:.3f} ({scores['dated_outcomes']} matched with a gold date)")
    if args.speed:
        from ledger_speed import speed

        speed(args.articles, filler_articles, args.filler)


if __name__ == "__main__":
    main()
