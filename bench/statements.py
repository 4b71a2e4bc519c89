"""Statements on real news against the hand-made gold in ``bench/gold/statements`` (issue #16).

    python bench/statements.py [--split dev|test|all] [--all-attributions] [--parsed DIR] [--show N]

Statements: newsgraph's quotes whose ``act`` is "statement" (``--all-attributions``: every quote,
beliefs and evidence included). A system statement and a gold one are paired one-to-one, largest
overlap first, when their contents overlap on at least half of the longer of the two (letters and
digits only, so quotation marks and spacing do not count). A pair is a true positive when the
speakers are the same too (below). Speaker accuracy: the share of content pairs whose speakers are
the same. Direct-quote recall: the share of gold direct statements with a true positive.

Same speaker: the gold canonical name (or, for an anonymous speaker, its mention) and the system's
speaker (the linked or resolved name, else the words of the mention; an unresolved pronoun or no
speaker names nobody) agree when the words of one, titles, articles and possessives left out, are
all among the words of the other ("Carlineo" and "Patrick W. Carlineo Jr.", "a senior U.S.
official" and "senior U.S. official").

Commitments: on ``commitments.jsonl`` (wire copy), detection P/R/F1 by span overlap (one-to-one)
and deadline accuracy over matched pairs (deadline or until at day granularity, both null right).

Cost: seconds per article of the quotes and sourcing extractors and of the whole pass (spaCy
included), medians over the articles. Texts are run as stored (no cleaning), so offsets are the
gold's; the aeb texts are read from ``../shared/data/aeb/ground-truth.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "statements"
AEB = HERE.parents[1] / "shared" / "data" / "aeb" / "ground-truth.json"
_WORD = re.compile(r"[^\W_]+")
_DROP = frozenset({"the", "a", "an", "'s", "s", "mr", "mrs", "ms", "dr", "jr", "sr", "of", "for", "and"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who", "which", "that", "him", "her", "them", "you"})


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    content_pairs: int = 0
    same_speaker: int = 0
    direct_total: int = 0
    direct_found: int = 0
    deadline_right: int = 0
    errors: list[str] = field(default_factory=list)

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


def load_articles(split: str) -> list[dict[str, Any]]:
    """Gold articles of one half (or all), with ``text`` filled in for the aeb pages."""
    rows = [json.loads(line) for line in (GOLD / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if split == "all" or r["split"] == split]
    if any(r["text"] is None for r in rows):
        bodies = _aeb()
        for row in rows:
            if row["text"] is None:
                row["text"] = bodies[row["aeb_id"]]["articleBody"]
    return rows


def _aeb() -> dict[str, dict[str, Any]]:
    if not AEB.exists():
        sys.exit(f"statements: {AEB}: not found (the aeb data set lives in ../shared/data/aeb)")
    data = json.loads(AEB.read_text("utf-8"))
    return data if isinstance(data, dict) else {item["id"]: item for item in data}


def load_commitments(split: str) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in (GOLD / "commitments.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows if split == "all" or r["split"] == split}


def letters(spans: list[tuple[int, int]], text: str) -> set[int]:
    """Offsets of letters and digits inside the spans."""
    return {i for a, b in spans for i in range(a, b) if text[i].isalnum()}


def words(name: str | None) -> frozenset[str]:
    table = str.maketrans({"’": "'", "‘": "'"})
    found = _WORD.findall((name or "").translate(table).lower().replace("'s", ""))
    return frozenset(w for w in found if w not in _DROP)


def gold_speaker(statement: dict[str, Any]) -> frozenset[str]:
    speaker = statement["speaker"]
    return words(speaker["name"])


def system_speaker(quote: Any) -> frozenset[str]:
    speaker = quote.speaker
    if speaker is None:
        return frozenset()
    if speaker.name:
        return words(speaker.name)
    if speaker.text.strip().lower() in _PRONOUNS:
        return frozenset()  # an unresolved pronoun names nobody
    return words(speaker.text)


def same_speaker(gold: frozenset[str], system: frozenset[str]) -> bool:
    return bool(gold) and bool(system) and (gold <= system or system <= gold)


def pair_contents(gold: list[tuple[dict[str, Any], set[int]]], system: list[tuple[Any, set[int]]]
                  ) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) whose contents overlap on half the longer: pairs
    with the same speaker first (a nested statement and its outer layer often share their words),
    then the largest overlap first."""
    pairs = []
    for gi, (g_statement, g) in enumerate(gold):
        for si, (quote, s) in enumerate(system):
            shared = len(g & s)
            if shared and shared * 2 >= max(len(g), len(s)):
                same = same_speaker(gold_speaker(g_statement), system_speaker(quote))
                pairs.append((same, shared, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, _, gi, si in sorted(pairs, reverse=True):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def score_statements(article: dict[str, Any], quotes: list[Any], score: Score, show: bool) -> None:
    text = article["text"]
    gold = [(g, letters([(c["start"], c["end"]) for c in g["content"]], text)) for g in article["statements"]]
    system = [(q, letters([(c.start, c.end) for c in q.content] or [(q.start, q.end)], text)) for q in quotes]
    pairs = pair_contents(gold, system)
    hit_g: set[int] = set()
    hit_s: set[int] = set()
    for gi, si in pairs:
        g, q = gold[gi][0], system[si][0]
        score.content_pairs += 1
        if same_speaker(gold_speaker(g), system_speaker(q)):
            score.same_speaker += 1
            hit_g.add(gi)
            hit_s.add(si)
        elif show:
            who = q.speaker.name or q.speaker.text if q.speaker else None
            score.errors.append(f"{article['id']} SPEAKER gold={g['speaker']['name']!r} system={who!r} "
                                f"| {text[q.start:q.end][:80]!r}")
    score.tp += len(hit_g)
    score.fn += len(gold) - len(hit_g)
    score.fp += len(system) - len(hit_s)
    for gi, (g, _) in enumerate(gold):
        if g["kind"] == "direct":
            score.direct_total += 1
            score.direct_found += gi in hit_g
    if show:
        paired_s = {si for _, si in pairs}
        paired_g = {gi for gi, _ in pairs}
        for si, (q, _) in enumerate(system):
            if si not in paired_s:
                who = (q.speaker.name or q.speaker.text) if q.speaker else None
                cue = q.cue.text if q.cue else None
                content = " / ".join(c.text for c in q.content)[:100]
                score.errors.append(f"{article['id']} FP cue={cue!r} speaker={who!r} | {content!r}")
        for gi, (g, _) in enumerate(gold):
            if gi not in paired_g:
                cue = g["cue"]["text"] if g["cue"] else None
                content = " / ".join(c["text"] for c in g["content"])[:100]
                score.errors.append(f"{article['id']} FN {g['kind']} cue={cue!r} speaker={g['speaker']['name']!r} "
                                    f"| {content!r}")


def _day(value: str | None) -> str | None:
    return value.split("T", 1)[0] if value else None


def score_commitments(gold: list[dict[str, Any]], system: list[Any], score: Score, name: str, show: bool) -> None:
    def overlap(g: dict[str, Any], s: Any) -> int:
        return max(0, min(g["end"], s.end) - max(g["start"], s.start))

    pairs = sorted(((overlap(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)
                    if overlap(g, s)), reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = gold[gi], system[si]
        right = _day(g["deadline"] or g["until"]) == _day(s.deadline or s.until)
        score.deadline_right += right
        if show and not right:
            score.errors.append(f"{name} DEADLINE gold={g['deadline'] or g['until']} "
                                f"system={s.deadline or s.until} | {g['excerpt'][:70]!r}")
    score.tp += len(used_g)
    score.fp += len(system) - len(used_s)
    score.fn += len(gold) - len(used_g)
    if show:
        score.errors += [f"{name} FP {s.text[:90]!r} actor={s.actor!r} deadline={s.deadline or s.until}"
                         for si, s in enumerate(system) if si not in used_s]
        score.errors += [f"{name} FN {g['excerpt'][:90]!r} deadline={g['deadline'] or g['until']}"
                         for gi, g in enumerate(gold) if gi not in used_g]


def _parse(texts: list[str], cache: Path | None) -> tuple[list[Any], list[float]]:
    """spaCy Docs of the texts (read from ``cache`` when parsed before) and the seconds each took."""
    from spacy.tokens import DocBin

    from newsgraph.nlp import load_model

    nlp = load_model()
    docs, seconds = [], []
    for text in texts:
        path = cache / (hashlib.sha1(text.encode()).hexdigest()[:16] + ".spacy") if cache else None
        if path is not None and path.exists():
            docs.append(next(DocBin().from_disk(path).get_docs(nlp.vocab)))
            seconds.append(float("nan"))
            continue
        started = time.perf_counter()
        doc = nlp(text)
        seconds.append(time.perf_counter() - started)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=[doc]).to_disk(path)
        docs.append(doc)
    return docs, seconds


def _timed_annotate() -> Callable[[Any, Any], tuple[Any, dict[str, float]]]:
    """Pipeline.annotate with the seconds of each extractor."""
    from newsgraph.extract.context import ExtractContext
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline()

    def run(article: Any, doc: Any) -> tuple[Any, dict[str, float]]:
        ctx = ExtractContext(body=article.body, metadata=article.metadata, reference_date=article.metadata.published)
        seconds: dict[str, float] = {}
        for extractor in pipeline.extractors:
            started = time.perf_counter()
            result = extractor.run(doc, ctx)
            seconds[extractor.fills] = seconds.get(extractor.fills, 0.0) + time.perf_counter() - started
            setattr(ctx.found, extractor.fills, result)
            setattr(article, extractor.fills, result)
        return article, seconds

    return run


def is_statement(quote: Any) -> bool:
    act = getattr(quote, "act", None)
    return act == "statement" if act is not None else True  # before `act` existed every quote was listed


def evaluate(split: str, all_attributions: bool, cache: Path | None, show: bool) -> dict[str, Any]:
    from newsgraph.records import Article, Metadata

    articles = load_articles(split)
    wire = load_commitments(split)
    docs, parse_seconds = _parse([a["text"] for a in articles], cache)
    annotate = _timed_annotate()
    statements, commitments = Score(), Score()
    attribution_s, total_s = [], []
    for article, doc, parsed in zip(articles, docs, parse_seconds):
        row = wire.get(article["id"])
        reference = row["reference"] if row else article.get("published")
        published = date.fromisoformat(reference) if reference else None
        record = Article(id=article["id"], source=article["id"], body=article["text"],
                         metadata=Metadata(published=published))
        record, seconds = annotate(record, doc)
        attribution_s.append(seconds.get("quotes", 0.0) + seconds.get("sourcing", 0.0))
        total_s.append(sum(seconds.values()) + (parsed if parsed == parsed else 0.0))
        quotes = record.quotes if all_attributions else [q for q in record.quotes if is_statement(q)]
        score_statements(article, quotes, statements, show)
        if row is not None:
            score_commitments(row["commitments"], record.commitments, commitments, article["id"], show)
    return {"articles": len(articles), "wire": len(wire), "statements": statements, "commitments": commitments,
            "attribution_s": statistics.median(attribution_s), "total_s": statistics.median(total_s),
            "parsed_here": sum(1 for s in parse_seconds if s == s)}


def render(result: dict[str, Any], split: str, all_attributions: bool) -> str:
    s, c = result["statements"], result["commitments"]
    speaker = s.same_speaker / s.content_pairs if s.content_pairs else 0.0
    direct = s.direct_found / s.direct_total if s.direct_total else 0.0
    deadline = c.deadline_right / c.tp if c.tp else 0.0
    which = "all attributions" if all_attributions else "statements"
    spacy_note = "spaCy included" if result["parsed_here"] else "spaCy cached, not counted"
    lines = [
        f"split {split}: {result['articles']} articles ({which}), {result['wire']} wire-copy articles for commitments",
        "| what | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|",
        f"| statements | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |",
        f"| commitments | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.tp} | {c.fp} | {c.fn} |",
        "",
        f"speaker accuracy on content-matched statements: {speaker:.3f} ({s.same_speaker}/{s.content_pairs})",
        f"direct-quote recall: {direct:.3f} ({s.direct_found}/{s.direct_total})",
        f"commitment deadline accuracy on matched: {deadline:.3f} ({c.deadline_right}/{c.tp})",
        f"cost per article (median): quotes+sourcing {result['attribution_s'] * 1000:.1f} ms; whole pass "
        f"{result['total_s'] * 1000:.1f} ms ({spacy_note})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--all-attributions", action="store_true", help="score every quote, not only statements")
    parser.add_argument("--parsed", type=Path, help="cache parsed Docs in this folder (spaCy time then not counted)")
    parser.add_argument("--show", action="store_true", help="print every error (dev only: the test half is scored)")
    args = parser.parse_args(argv)
    if args.show and args.split != "dev":
        parser.error("--show reads errors on the dev half only")
    result = evaluate(args.split, args.all_attributions, args.parsed, args.show)
    if args.show:
        print("\n".join(result["statements"].errors + result["commitments"].errors))
    print(render(result, args.split, args.all_attributions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
