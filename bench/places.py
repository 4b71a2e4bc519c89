"""Places benchmark on LGL (Local-Global Lexicon, 588 local news articles, 5,088 gold toponyms).

Recognition: toponym spans found by ``find_toponyms`` against gold spans, exact match
(P/R/F1), also overlap match. Resolution: every gold span that has gold coordinates is
resolved by ``resolve`` (so resolution is measured apart from recognition); the error is
the great-circle distance in km between the chosen and the gold point; a toponym that gets
no candidate counts as the maximum error, 20,039 km. Reported: accuracy@161 km, mean and
median error, and AUC of the error curve (Gritta et al. 2018):

    AUC = trapz(ln(1 + e_sorted)) / (ln(20039) * (n - 1))

with e_sorted the n errors in ascending order (0 is perfect, 1 is all at the antipode).
The peer in the same run is the population baseline on the same gazetteer and the same
candidates: the candidate with the largest population. "no fallback" is newsgraph without
placing names the gazetteer lacks at the article's main local place (they count 20,039 km).

Articles are split into halves by position (even: A, odd: B); weights were tuned on A only
(``--tune``), so B is the held-out figure.

    python bench/places.py [--lgl ../shared/data/geo/lgl.xml] [--limit N] [--tune]
"""

from __future__ import annotations

import argparse
import itertools
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.extract.places.gazetteer import Gazetteer, distance_km, load
from newsgraph.extract.places.geoparse import Context, Toponym, Weights, candidate_ids, find_toponyms, resolve
from newsgraph.nlp import load_model

DEFAULT_LGL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "geo" / "lgl.xml"
MAX_ERROR_KM = 20039.0


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass
class LGLArticle:
    docid: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def load_lgl(path: Path, limit: int | None = None) -> list[LGLArticle]:
    """Articles with their gold toponyms (character offsets into the text)."""
    articles = []
    for node in ET.parse(path).getroot().findall("article")[:limit]:
        article = LGLArticle(node.get("docid", ""), node.findtext("text") or "")
        for top in node.find("toponyms") or []:
            tag = top.find("gaztag")
            lat = lon = None
            if tag is not None and tag.findtext("lat"):
                lat, lon = float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0)
            article.gold.append(Gold(int(top.findtext("start") or 0), int(top.findtext("end") or 0),
                                     top.findtext("phrase") or "", lat, lon))
        articles.append(article)
    return articles


# ---------------------------------------------------------------- recognition

def recognize(articles: list[LGLArticle], gazetteer: Gazetteer) -> list[list[tuple[int, int]]]:
    nlp = load_model()
    spans = []
    for doc in nlp.pipe(a.text for a in articles):
        entities = extract_entities(doc, ExtractContext(body=doc.text))
        spans.append([(t.start, t.end) for t in find_toponyms(doc, entities, gazetteer)])
    return spans


def recognition_scores(articles: list[LGLArticle], predicted: list[list[tuple[int, int]]]) -> dict[str, float]:
    tp = fp = fn = overlap_tp = overlap_gold = 0
    for article, spans in zip(articles, predicted, strict=True):
        gold = {(g.start, g.end) for g in article.gold}
        pred = set(spans)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        overlap_tp += sum(1 for s, e in pred if any(gs < e and s < ge for gs, ge in gold))
        overlap_gold += sum(1 for gs, ge in gold if any(gs < e and s < ge for s, e in pred))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    op = overlap_tp / len([s for spans in predicted for s in spans] or [0])
    orr = overlap_gold / sum(len(a.gold) for a in articles)
    return {"precision": p, "recall": r, "f1": _f1(p, r), "overlap_precision": op, "overlap_recall": orr,
            "overlap_f1": _f1(op, orr)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- resolution

def gold_toponyms(article: LGLArticle, gazetteer: Gazetteer) -> list[Toponym]:
    """Gold spans as toponyms; a span that is only a country adjective ("Russian") is a demonym."""
    from newsgraph.extract.places.geoparse import _hint_after

    result = []
    for g in article.gold:
        demonym = gazetteer.demonym(g.phrase) is not None and not gazetteer.lookup(g.phrase)
        toponym = Toponym(g.start, g.end, g.phrase, demonym=demonym)
        toponym.hint = _hint_after(article.text, toponym)
        result.append(toponym)
    return result


def resolution_errors(articles: list[LGLArticle], gazetteer: Gazetteer, weights: Weights | None,
                      ) -> list[float]:
    """Error (km) for every gold toponym with gold coordinates; weights None = population baseline."""
    errors = []
    for article in articles:
        toponyms = gold_toponyms(article, gazetteer)
        if weights is None:
            chosen = [_most_populous(gazetteer, t) for t in toponyms]
        else:
            chosen = [r.entry for r in resolve(toponyms, article.text, gazetteer, Context(weights=weights))]
        for g, entry in zip(article.gold, chosen, strict=True):
            if g.lat is None or g.lon is None:
                continue
            errors.append(MAX_ERROR_KM if entry is None else distance_km(entry.lat, entry.lon, g.lat, g.lon))
    return errors


def _most_populous(gazetteer: Gazetteer, toponym: Toponym):  # type: ignore[no-untyped-def]
    ids = candidate_ids(gazetteer, toponym)
    return max((gazetteer.entries[i] for i in ids), key=lambda e: e.population, default=None)


def error_scores(errors: list[float]) -> dict[str, float]:
    ordered = sorted(errors)
    n = len(ordered)
    logs = [math.log(1 + e) for e in ordered]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))  # trapezoid rule, unit spacing
    return {
        "n": n,
        "acc161": sum(1 for e in ordered if e <= 161) / n,
        "mean_km": statistics.fmean(ordered),
        "median_km": statistics.median(ordered),
        "auc": area / (math.log(MAX_ERROR_KM) * (n - 1)),
    }


# ---------------------------------------------------------------- tuning

GRID = {
    "admin1": (0.3, 0.8, 1.3),
    "capital": (1.5, 2.0),  # below 1.5 a lone "Washington said" goes to the state (a unit test)
    "container": (2.0, 4.0, 6.0),
    "seat": (0.5, 1.0, 2.0),
    "passes": (1, 2, 3, 4),
    "exact": (0.0, 1.0, 2.0),
    "near_areas": (False, True),
    "alias": (0.5, 1.5, 2.5),
    "focus_admin1": (1.5, 2.5, 3.5),
    "focus_country": (1.0, 2.0, 3.0),
    "near": (0.5, 1.5, 2.5),
    "support": (0.0, 1.0, 2.0),
    "neighbours": (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0),
}


def tune(articles: list[LGLArticle], gazetteer: Gazetteer) -> Weights:
    """Coordinate ascent over GRID on the given articles (half A), by accuracy@161 then AUC."""
    best = Weights()
    best_key = _objective(articles, gazetteer, best)
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                trial = replace(best, **{name: value})
                key = _objective(articles, gazetteer, trial)
                if key > best_key:
                    best, best_key = trial, key
                    print(f"  {name}={value}: acc161 {key[0]:.4f} auc {-key[1]:.4f}", file=sys.stderr)
    return best


def _objective(articles: list[LGLArticle], gazetteer: Gazetteer, weights: Weights) -> tuple[float, float]:
    scores = error_scores(resolution_errors(articles, gazetteer, weights))
    return scores["acc161"], -scores["auc"]


# ---------------------------------------------------------------- report

def halves(articles: list[LGLArticle]) -> dict[str, list[LGLArticle]]:
    return {"all": articles, "A (tuning)": articles[0::2], "B (held out)": articles[1::2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lgl", type=Path, default=DEFAULT_LGL)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--tune", action="store_true", help="tune weights on half A and print them")
    parser.add_argument("--no-recognition", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gazetteer = load()
    articles = load_lgl(args.lgl, args.limit)
    print(f"LGL: {len(articles)} articles, {sum(len(a.gold) for a in articles)} gold toponyms; "
          f"gazetteer {len(gazetteer.entries)} entries ({time.perf_counter() - started:.1f} s)")
    weights = tune(articles[0::2], gazetteer) if args.tune else Weights()
    if args.tune:
        print(f"tuned on A: {weights}")
    print("\nResolution over gold toponyms with coordinates\n")
    print("| split | method | n | acc@161 | mean km | median km | AUC |")
    print("|---|---|---|---|---|---|---|")
    for split, subset in halves(articles).items():
        methods = (("newsgraph", weights), ("newsgraph, no fallback", replace(weights, fallback=False)),
                   ("population baseline", None))
        for method, w in methods:
            s = error_scores(resolution_errors(subset, gazetteer, w))
            print(f"| {split} | {method} | {s['n']} | {s['acc161']:.3f} | {s['mean_km']:.0f} | "
                  f"{s['median_km']:.1f} | {s['auc']:.4f} |")
    if not args.no_recognition:
        predicted = recognize(articles, gazetteer)
        print("\nRecognition (toponym spans)\n")
        print("| split | P | R | F1 | overlap P | overlap R | overlap F1 |")
        print("|---|---|---|---|---|---|---|")
        splits = (("all", slice(None)), ("A (tuning)", slice(0, None, 2)), ("B (held out)", slice(1, None, 2)))
        for split, idx in splits:
            r = recognition_scores(articles[idx], predicted[idx])
            print(f"| {split} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                  f"{r['overlap_precision']:.3f} | {r['overlap_recall']:.3f} | {r['overlap_f1']:.3f} |")
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
