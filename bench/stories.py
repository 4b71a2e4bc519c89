"""Stories across outlets on the multi-outlet gold set (bench/gold/stories): linking, originals,
event threads and disagreements, scored on the held-out (test) events; invariance to 5,000 extra
articles; linking time and memory at 2k, 8k and 32k articles.

The 229 gold articles go through the full pipeline once (cached: --cache, default in /tmp); the
publication date is given only where the page shows it (``date_source`` "page text" or "url"), so
inferred dates are not handed to the linker. Everything is linked together (as one store would be)
and pairs are scored within the split. Extra and scale articles are bare texts from ../shared/data
(aeb, WCXB, PolNeAR, CoNLL-2003, LGL, TempEval-3), perturbed copies where more are needed.

    python bench/stories.py [--split test] [--extra 5000] [--sizes 2000,8000,32000] [--json out.json]
    python bench/stories.py --fit   # refit the pair model on the dev events and print its weights
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import pickle
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "stories"
DATA = ROOT.parent / "shared" / "data"
POSITIVE = {"copy", "near-duplicate", "rewrite"}


def gold_rows() -> dict[str, dict[str, Any]]:
    lines = (GOLD / "articles.jsonl").read_text("utf-8").splitlines()
    return {r["id"]: r for r in (json.loads(line) for line in lines)}


def labels() -> dict[tuple[str, str], str]:
    out = {}
    for line in (GOLD / "pairs.jsonl").read_text("utf-8").splitlines():
        p = json.loads(line)
        out[_pair(p["a"], p["b"])] = p["label"]
    return out


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def load_articles(cache: Path) -> dict[str, Any]:
    """Gold id → Article through the full pipeline (or the error), cached by the gold file's hash."""
    from newsgraph.ingest.raw import RawDocument
    from newsgraph.options import Options
    from newsgraph.pipeline import Pipeline

    digest = hashlib.sha1((GOLD / "articles.jsonl").read_bytes()).hexdigest()[:12]
    path = cache.with_name(f"{cache.stem}-{digest}{cache.suffix}")
    if path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    rows = gold_rows()
    raws = []
    for r in rows.values():
        text = r["text"] if r["text"] is not None else (ROOT / r["path"]).read_text("utf-8")
        dated = r["date_source"].startswith(("page text", "url"))
        raws.append(RawDocument(uri=r["url"] or r["id"], text=text, content_type="text/plain", url=r["url"],
                                published=r["published"][:10] if dated else None))
    pipeline = Pipeline(replace(Options(), allow_non_english=True))
    out = dict(zip(rows, pipeline.run_many(raws), strict=True))
    path.write_bytes(pickle.dumps(out))
    return out


def prf(predicted: set[Any], gold: set[Any]) -> dict[str, float]:
    tp = len(predicted & gold)
    return {"precision": round(tp / len(predicted), 4) if predicted else 1.0,
            "recall": round(tp / len(gold), 4) if gold else 1.0, "tp": tp, "predicted": len(predicted),
            "gold": len(gold)}


def evaluate(split: str, articles: dict[str, Any], linked: Any) -> dict[str, Any]:
    rows, labelled = gold_rows(), labels()
    ids = [k for k, r in rows.items() if r["split"] == split and not isinstance(articles[k], Exception)]
    aid = {k: articles[k].id for k in ids}
    story_of = {r[1]: r[0] for r in linked.stories}
    original_of = {r[1]: bool(r[2]) for r in linked.stories}
    tie_of = {r[1]: bool(r[6]) for r in linked.stories}
    all_pairs = [_pair(a, b) for a, b in combinations(ids, 2)]
    gold_same = {p for p in all_pairs if labelled.get(p) in POSITIVE
                 or (p not in labelled and rows[p[0]]["story"] == rows[p[1]]["story"])}
    predicted = {p for p in all_pairs if aid[p[0]] == aid[p[1]]
                 or (story_of.get(aid[p[0]]) is not None and story_of.get(aid[p[0]]) == story_of.get(aid[p[1]]))}
    result: dict[str, Any] = {"articles": len(ids), "pipeline_errors": sum(
        1 for k, r in rows.items() if r["split"] == split and isinstance(articles[k], Exception))}
    result["pairwise_same_story"] = prf(predicted, gold_same)
    # story recall: for each gold report with 2+ versions, the share in the predicted story holding most of them
    by_story: dict[str, list[str]] = {}
    for k in ids:
        if rows[k]["relation"] != "distractor":
            by_story.setdefault(rows[k]["story"], []).append(k)
    found = total = 0
    for members in by_story.values():
        if len(members) < 2:
            continue
        counts = Counter(story_of.get(aid[k], "single:" + aid[k]) for k in members)
        found += counts.most_common(1)[0][1] if not counts.most_common(1)[0][0].startswith("single:") else 1
        total += len(members)
    result["story_recall"] = round(found / total, 4) if total else None
    # originals: the gold original must be the (untied) original of its predicted story
    originals = [k for k in ids if rows[k]["relation"] == "original"]
    right = sum(1 for k in originals if original_of.get(aid[k]) and not tie_of.get(aid[k]))
    result["original"] = {"events_with_original": len(originals), "correct": right,
                          "accuracy": round(right / len(originals), 4) if originals else None}
    # event threads: predicted same-event pairs (a thread article with the story's members and other thread articles)
    thread_of = {t[1]: t[0] for t in linked.threads}
    members_of: dict[str, set[str]] = {}
    for s, a in story_of.items():
        members_of.setdefault(a, set()).add(s)
    pred_event = set()
    for p in all_pairs:
        a, b = aid[p[0]], aid[p[1]]
        ta, tb = thread_of.get(a), thread_of.get(b)
        if (ta and (ta == story_of.get(b) or ta == tb)) or (tb and tb == story_of.get(a)):
            pred_event.add(p)
    gold_event = {p for p in all_pairs if labelled.get(p) == "same-event"}
    result["event_threads"] = prf(pred_event, gold_event)
    result["disagreements"] = _disagreements(split, ids, aid, linked)
    return result


def _disagreements(split: str, ids: list[str], aid: dict[str, str], linked: Any) -> dict[str, Any]:
    """A gold disagreement is found when a flagged slot gives two of its versions different values; a
    flagged slot is right when it matches a gold disagreement of its story."""
    rows = gold_rows()
    gid = {v: k for k, v in aid.items()}
    gold = []
    for line in (GOLD / "disagreements.jsonl").read_text("utf-8").splitlines():
        d = json.loads(line)
        if rows[d["values"][0]["article_id"]]["split"] != split:
            continue
        values = {v["article_id"]: v["value"] for v in d["values"] if v["article_id"] in aid}
        clashes = {_pair(a, b) for a, b in combinations(values, 2) if values[a] != values[b]}
        if clashes:
            gold.append({"kind": d["kind"], "clashes": clashes})
    slots: dict[tuple[str, int], dict[str, str]] = {}
    for story, slot, _kind, _topic, article, value, *_rest, flag in linked.facts:
        if flag and article in gid:
            slots.setdefault((story, slot), {})[gid[article]] = value
    flagged = []
    for values in slots.values():
        flagged.append({_pair(a, b) for a, b in combinations(values, 2) if values[a] != values[b]})
    found = sum(1 for g in gold if any(g["clashes"] & f for f in flagged))
    right = sum(1 for f in flagged if any(g["clashes"] & f for g in gold))
    return {"gold": len(gold), "found": found, "recall": round(found / len(gold), 4) if gold else None,
            "flagged_slots": len(flagged), "right": right,
            "precision": round(right / len(flagged), 4) if flagged else None,
            "by_kind": dict(Counter(g["kind"] for g in gold))}


# --- extra and scale articles ---------------------------------------------------------------------
def background_texts() -> Iterable[str]:
    """Article texts from ../shared/data, in a fixed order."""
    truth = json.loads((DATA / "aeb" / "ground-truth.json").read_text("utf-8"))
    for key in sorted(truth):
        yield truth[key]["articleBody"]
    with gzip.open(DATA / "wcxb" / "dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("truth"):
                yield record["truth"]
    for path in sorted((DATA / "polnear").glob("*/text/*.txt")):
        yield path.read_text("utf-8", errors="replace")
    for path in sorted((DATA / "tempeval3").rglob("*.tml")):
        yield re.sub(r"<[^>]+>", "", path.read_text("utf-8", errors="replace"))


def perturb(text: str, rng: random.Random) -> str:
    """Drop a sentence and swap two words: a near copy with its own id."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 2:
        del sentences[rng.randrange(len(sentences))]
    words = " ".join(sentences).split(" ")
    if len(words) > 3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def bare_articles(n: int, seed: int = 7) -> list[Any]:
    from newsgraph.pipeline import article_id
    from newsgraph.records import Article, Metadata

    base = [t for t in background_texts() if len(t) > 200]
    rng = random.Random(seed)
    out, seen = [], set()
    index = 0
    while len(out) < n:
        text = base[index % len(base)]
        if index >= len(base):
            text = perturb(text, rng)
        index += 1
        body = text[:20000]
        key = article_id(body)
        if key in seen:
            continue
        seen.add(key)
        out.append(Article(id=key, source=f"extra:{len(out)}", body=body,
                           metadata=Metadata(url=f"https://site{len(out) % 97}.example/{len(out)}")))
    return out


def scale_one(n: int) -> dict[str, Any]:
    from newsgraph.link.stories import link_articles

    articles = bare_articles(n)
    start, cpu = time.perf_counter(), time.process_time()
    linked = link_articles(articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(peak),
            "links": len(linked.links),
            "stories": len({r[0] for r in linked.stories})}


def scale(sizes: list[int]) -> list[dict[str, Any]]:
    """Each size in a fresh process, so the peak memory is its own."""
    out = []
    for n in sizes:
        done = subprocess.run([sys.executable, __file__, "--scale-one", str(n)], capture_output=True, text=True,
                              check=True)
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(out[-1]), file=sys.stderr)
    if len(out) > 1:
        first, last = out[0], out[-1]
        growth = math.log(last["cpu_seconds"] / max(first["cpu_seconds"], 0.1)) / math.log(
            last["articles"] / first["articles"])
        out.append({"cpu_time_growth_exponent": round(growth, 2)})
    return out


def fit(articles: dict[str, Any]) -> None:
    """Fit the pair model (newsgraph.link.rewrites.WEIGHTS) on the dev events' pairs; prints the weights."""
    import numpy as np

    from newsgraph.link import rewrites as rw

    rows, labelled = gold_rows(), labels()
    ids = [k for k, r in rows.items() if r["split"] == "dev" and not isinstance(articles[k], Exception)]
    vocab = rw.Vocabulary()
    feats = {k: rw.features(articles[k], vocab) for k in ids}
    names = list(rw.WEIGHTS)
    xs, ys = [], []
    for a, b in combinations(ids, 2):
        p = _pair(a, b)
        same = labelled.get(p) in POSITIVE or (p not in labelled and rows[a]["story"] == rows[b]["story"])
        cos = rw.cosine(feats[a], feats[b])
        parts = rw.parts(cos, feats[a], feats[b], rw.gap(articles[a], articles[b]),
                         rw.outlet(articles[a]) == rw.outlet(articles[b]))
        xs.append([parts.get(n, 0.0) for n in names])
        ys.append(float(same))
    x, y = np.array(xs), np.array(ys)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mu) / sd
    w, b0 = np.zeros(z.shape[1]), 0.0
    for _ in range(5000):
        q = 1 / (1 + np.exp(-(z @ w + b0)))
        g = q - y
        w -= 0.1 * (z.T @ g / len(y) + 0.01 * w)
        b0 -= 0.1 * g.mean()
    weights = w / sd
    print(json.dumps({"WEIGHTS": dict(zip(names, np.round(weights, 3).tolist(), strict=True)),
                      "INTERCEPT": round(float(b0 - (mu * w / sd).sum()), 3)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-stories.pkl"))
    parser.add_argument("--extra", type=int, default=5000, help="extra articles for the invariance check (0: skip)")
    parser.add_argument("--sizes", default="2000,8000,32000", help="scale sizes ('' to skip)")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.scale_one:
        print(json.dumps(scale_one(args.scale_one)))
        return
    from newsgraph.link.stories import link_articles

    articles = load_articles(args.cache)
    if args.fit:
        fit(articles)
        return
    good = [a for a in articles.values() if not isinstance(a, Exception)]
    unique = list({a.id: a for a in good}.values())
    start = time.perf_counter()
    linked = link_articles(unique)
    result: dict[str, Any] = {"split": args.split, "link_seconds": round(time.perf_counter() - start, 2)}
    result.update(evaluate(args.split, articles, linked))
    print(json.dumps(result, indent=2))
    if args.extra:
        extra = bare_articles(args.extra)
        with_extra = link_articles(unique + extra)
        gold_ids = {a.id for a in unique}
        mine = {(x.a, x.b, x.kind, x.score) for x in linked.links}
        theirs = {(x.a, x.b, x.kind, x.score) for x in with_extra.links if x.a in gold_ids and x.b in gold_ids}
        stories_alone = {(r[0], r[1], r[2], r[4]) for r in linked.stories}
        stories_extra = {(r[0], r[1], r[2], r[4]) for r in with_extra.stories if r[1] in gold_ids}
        result["extra"] = {"extra_articles": len(extra), "gold_links": len(mine), "identical_links": mine == theirs,
                           "only_alone": len(mine - theirs), "only_with_extra": len(theirs - mine),
                           "identical_stories": stories_alone == stories_extra,
                           "links_gold_to_extra": sum(1 for x in with_extra.links
                                                      if (x.a in gold_ids) != (x.b in gold_ids))}
        print(json.dumps(result["extra"], indent=2))
    if args.sizes:
        result["scale"] = scale([int(n) for n in args.sizes.split(",")])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
