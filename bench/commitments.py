"""Commitments and counts against the hand-made gold in ``bench/gold/commitments.jsonl``.

Commitments: detection P/R/F1 (span overlap, one-to-one) and deadline-value accuracy over the
matched pairs. Counts: P/R/F1 over (value, what) pairs, and over values alone, for newsgraph and,
in the same run, quantulum3. See ``bench/gold/COMMITMENTS.md`` for the rules.

    python bench/commitments.py [--split all|tune|heldout] [--report bench/reports/commitments.md]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commitments_corpus import DATA, load_text  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "commitments.jsonl"
SPLITS = ("all", "tune", "heldout")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated_right: int = 0
    dated_total: int = 0
    matched_right: int = 0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(split: str = "all", path: Path = GOLD) -> list[dict]:
    """Gold rows; "tune" and "heldout" are the even and odd rows (each half mixes both corpora)."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if split == "tune":
        return rows[::2]
    if split == "heldout":
        return rows[1::2]
    return rows


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold: list[dict], system: list[dict], same: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans that ``same`` accepts, largest overlap first."""
    pairs = sorted(((g, s) for g in gold for s in system if _overlap(g, s) and same(g, s)),
                   key=lambda p: -_overlap(*p))
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched = []
    for g, s in pairs:
        if id(g) not in used_g and id(s) not in used_s:
            used_g.add(id(g))
            used_s.add(id(s))
            matched.append((g, s))
    return matched


def day_value(value: str | None) -> str | None:
    """TIMEX3 value at day granularity: "2016-09-26TNI" → "2016-09-26"."""
    return value.split("T", 1)[0] if value else None


def score_commitments(gold: list[dict], system: list[dict], score: Score) -> None:
    pairs = match(gold, system, lambda g, s: True)
    score.tp += len(pairs)
    score.fp += len(system) - len(pairs)
    score.fn += len(gold) - len(pairs)
    for g, s in pairs:
        want = day_value(g["deadline"] or g["until"])
        got = day_value(s.get("deadline") or s.get("until"))
        score.matched_right += want == got
        if want:
            score.dated_total += 1
            score.dated_right += want == got


def head(what: str | None) -> str:
    """Head noun for matching: last word, lowercased, without a plural "s"."""
    words = (what or "").lower().replace("’", "'").split()
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _same_value(g: dict, s: dict) -> bool:
    return s["value"] is not None and abs(float(g["value"]) - float(s["value"])) < 1e-6


def score_counts(gold: list[dict], system: list[dict], pairs_score: Score, values_score: Score) -> None:
    for score, same in ((pairs_score, lambda g, s: _same_value(g, s) and head(g["what"]) == head(s["what"])),
                        (values_score, _same_value)):
        pairs = match(gold, system, same)
        score.tp += len(pairs)
        score.fp += len(system) - len(pairs)
        score.fn += len(gold) - len(pairs)


def _newsgraph_runner() -> Callable[[str, date | None], dict]:
    """Runs the newsgraph extractors on a raw text (no cleaning, so offsets stay the gold's)."""
    from newsgraph.pipeline import Pipeline
    from newsgraph.records import Article, Metadata

    pipeline = Pipeline()

    def run(text: str, reference: date | None) -> dict:
        article = Article(id="bench", source="bench", body=text, metadata=Metadata(published=reference))
        article = pipeline.annotate(article, pipeline.nlp(text))
        counts = [{"start": q.start, "end": q.end, "value": q.value if q.value is not None else q.value_min,
                   "what": q.what} for q in article.quantities if q.kind == "count"]
        commitments = [c.model_dump(include={"start", "end", "deadline", "until"}) for c in article.commitments]
        return {"counts": counts, "commitments": commitments, "doc": pipeline.nlp(text)}

    return run


def quantulum_counts(text: str, doc) -> list[dict]:  # type: ignore[no-untyped-def]
    """quantulum3's dimensionless quantities; "what" is the noun run after the number (spaCy POS)."""
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # the optional classifier extra is not installed (its pickle needs another sklearn)
    counts = []
    for q in parser.parse(text):
        if q.unit.entity.name != "dimensionless":
            continue
        start, end = q.span
        after = [t for t in doc if t.idx >= end][:6]
        nouns: list[str] = []
        for tok in after:
            if tok.pos_ in ("NOUN", "PROPN"):
                nouns.append(tok.text)
            elif nouns or tok.pos_ not in ("ADJ", "NUM"):
                break
        counts.append({"start": start, "end": end, "value": q.value, "what": nouns[-1] if nouns else None})
    return counts


def evaluate(rows: Iterable[dict], peer: bool = True, data: Path = DATA) -> dict[str, Score]:
    """All scores over the given gold rows."""
    run = _newsgraph_runner()
    scores = {name: Score() for name in ("commitments", "counts", "count_values", "peer_counts", "peer_values")}
    started = time.perf_counter()
    docs = 0
    for row in rows:
        doc = load_text(row["corpus"], row["id"], data)
        reference = date.fromisoformat(row["reference"]) if row["reference"] not in (None, "None") else None
        out = run(doc.text, reference)
        docs += 1
        score_commitments(row["commitments"], out["commitments"], scores["commitments"])
        score_counts(row["counts"], out["counts"], scores["counts"], scores["count_values"])
        if peer:
            score_counts(row["counts"], quantulum_counts(doc.text, out["doc"]), scores["peer_counts"],
                         scores["peer_values"])
    scores["commitments"].extra["docs"] = docs
    scores["commitments"].extra["seconds"] = time.perf_counter() - started
    return scores


def _row(name: str, s: Score) -> str:
    return f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |"


def render(scores: dict[str, Score], split: str, commit: str) -> str:
    c = scores["commitments"]
    share = c.matched_right / c.tp if c.tp else 0.0
    dated = c.dated_right / c.dated_total if c.dated_total else 0.0
    return "\n".join([
        f"# Commitments and counts ({split} split)", "",
        f"Date: {date.today()} · commit `{commit}` · {int(c.extra['docs'])} articles · "
        f"{c.extra['seconds']:.1f} s (newsgraph + quantulum3)",
        f"Command: `PYTHONPATH=src python bench/commitments.py --split {split}`", "",
        "| what | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|",
        _row("commitments (detection)", c),
        _row("counts (value, what): newsgraph", scores["counts"]),
        _row("counts (value, what): quantulum3 0.10.0", scores["peer_counts"]),
        _row("counts (value only): newsgraph", scores["count_values"]),
        _row("counts (value only): quantulum3 0.10.0", scores["peer_values"]), "",
        f"Deadline accuracy over matched commitments: {share:.3f} ({c.matched_right}/{c.tp}; "
        "a null date on both sides counts as right)",
        f"Deadline accuracy over matched commitments whose gold has a date: {dated:.3f} "
        f"({c.dated_right}/{c.dated_total})", "",
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    parser.add_argument("--report", type=Path, help="also write the markdown table here")
    args = parser.parse_args(argv)
    scores = evaluate(load_gold(args.split), peer=not args.no_peer)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    text = render(scores, args.split, commit)
    print(text)
    if args.report:
        args.report.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
