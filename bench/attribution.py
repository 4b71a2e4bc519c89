"""Attribution benchmark on PolNeAR: Source, Cue and Content spans, and who-said-what accuracy.

    python bench/attribution.py [--split dev] [--limit N] [--data ../shared/data/polnear]
    python bench/attribution.py --split train --holdout 168 --crf MODEL [--parsed DIR] --no-peer
    python bench/attribution.py --split train --agreement --crf MODEL


Scores newsgraph's quotes extractor and, on the same spaCy parse, textacy's
``direct_quotations`` (the peer). Spans are scored exact-match (same fragments, surrounding
whitespace ignored) and token-overlap (token-level P/R/F1). Attribution accuracy: the share
of gold attributions with a source for which a prediction overlaps at least half the gold
content tokens and overlaps the gold source. textacy can only express direct quotations, so
both systems are also scored on the gold attributions whose content holds a quotation mark
(predictions: direct quotes only). Timing: the time the quotes and sources extractors add
to the spaCy pass, per article.

Development on train (dev stays for final figures): ``--holdout N`` scores only the last N
articles of the split, ``--crf MODEL`` tags cues with a model trained without them
(``bench/train_attribution_crf.py --holdout N --out MODEL``), ``--parsed DIR`` reuses spaCy
DocBin files of the whole split (``*.spacy``, in article order).
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

Frags = tuple[tuple[int, int], ...]
LABELS = ("Source", "Cue", "Content")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTE_MARK = re.compile(r'["“”]|\'\'')


@dataclass
class Attribution:
    source: Frags | None
    cue: Frags | None
    content: Frags | None

    def get(self, label: str) -> Frags | None:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[label]


@dataclass
class Document:
    name: str
    text: str
    gold: list[Attribution]


def normalize(text: str, frags: Iterable[tuple[int, int]]) -> Frags:
    """Fragments with surrounding whitespace stripped; touching fragments merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(frags):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if out and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _parse_ann(text: str, ann: str) -> list[Attribution]:
    spans: dict[str, tuple[str, Frags]] = {}
    found: list[Attribution] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) == 3:
            label, _, offsets = parts[1].partition(" ")
            frags = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[parts[0]] = (label, normalize(text, frags))  # type: ignore[arg-type]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            if not ({"Attribution", "Attribution-no-source"} & roles.keys()):
                continue  # Discuss / Discard events are not gold attributions
            get = {role: spans[t][1] for role, t in roles.items() if t in spans}
            found.append(Attribution(get.get("Source"), get.get("Cue"), get.get("Content")))
    return found


def load_split(root: Path, limit: int | None = None, every_annotation: bool = False) -> list[Document]:
    """PolNeAR articles of one split (``root`` is e.g. polnear/dev), in file-name order. Where several
    annotators did the same article the first annotation (by annotator id) counts; with
    ``every_annotation`` the others follow as further Documents of the same name (for training)."""
    docs: list[Document] = []
    seen: set[str] = set()
    for ann_path in sorted((root / "attributions").glob("*.ann")):
        name = ann_path.stem.rsplit("_", 1)[0]
        if name in seen:
            if every_annotation:
                text = next(d.text for d in docs if d.name == name)
                docs.append(Document(name, text, _parse_ann(text, ann_path.read_text("utf-8"))))
            continue
        seen.add(name)
        if limit is not None and len(seen) > limit:
            break
        text = (root / "text" / f"{name}.txt").read_text("utf-8")
        docs.append(Document(name, text, _parse_ann(text, ann_path.read_text("utf-8"))))
    return docs


def shared_articles(root: Path) -> set[str]:
    """Names of the articles of a split that several annotators did."""
    names = [path.stem.rsplit("_", 1)[0] for path in (root / "attributions").glob("*.ann")]
    return {name for name in names if names.count(name) > 1}


# --- systems -------------------------------------------------------------------------------

def newsgraph_system(doc, text: str) -> list[Attribution]:  # type: ignore[no-untyped-def]
    """newsgraph's quotes extractor on a parsed Doc (entities first, as in the pipeline)."""
    from newsgraph.extract.attribution.quotes import extract_quotes
    from newsgraph.extract.context import ExtractContext
    from newsgraph.extract.entities.recognize import extract_entities

    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    return quotes_to_attributions(text, extract_quotes(doc, ctx))


def quotes_to_attributions(text: str, quotes) -> list[Attribution]:  # type: ignore[no-untyped-def]
    found: list[Attribution] = []
    for q in quotes:
        if q.nested_in is not None:
            continue  # PolNeAR gives each token to one attribution only
        source = normalize(text, [(q.speaker.start, q.speaker.end)]) if q.speaker else None
        cue = normalize(text, [(q.cue.start, q.cue.end)]) if q.cue else None
        content = normalize(text, [(c.start, c.end) for c in q.content])
        found.append(Attribution(source, cue, content))
    return found


def _token_runs(tokens) -> Frags:  # type: ignore[no-untyped-def]
    return tuple((t.idx, t.idx + len(t.text)) for t in tokens)


TEXTACY_REFUSED: list[str] = []


def textacy_system(doc, text: str) -> list[Attribution]:  # type: ignore[no-untyped-def]
    """textacy's direct_quotations on the same parse."""
    from textacy.extract.triples import direct_quotations

    found: list[Attribution] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses documents with an odd number of quotation marks
        TEXTACY_REFUSED.append(text[:40])
        return found
    for triple in triples:
        source = normalize(text, _token_runs(triple.speaker)) if triple.speaker else None
        cue = normalize(text, _token_runs(triple.cue)) if triple.cue else None
        content = normalize(text, [(triple.content.start_char, triple.content.end_char)])
        found.append(Attribution(source, cue, content))
    return found


# --- scoring -------------------------------------------------------------------------------

@dataclass
class Counts:
    tp: float = 0
    fp: float = 0
    fn: float = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    overlap: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    attributed: int = 0
    gold_with_source: int = 0


def _tokens(text: str, frags: Frags | None, starts: list[int]) -> set[int]:
    """Start offsets of the tokens inside the fragments."""
    found: set[int] = set()
    for a, b in frags or ():
        found.update(starts[bisect.bisect_left(starts, a): bisect.bisect_left(starts, b)])
    return found


def _exact(gold: list[Frags], pred: list[Frags], counts: Counts) -> None:
    remaining = list(gold)
    for span in pred:
        if span in remaining:
            remaining.remove(span)
            counts.tp += 1
        else:
            counts.fp += 1
    counts.fn += len(remaining)


def score_document(text: str, gold: list[Attribution], pred: list[Attribution], scores: Scores) -> None:
    starts = [m.start() for m in _TOKEN.finditer(text)]
    for label in LABELS:
        g = [a.get(label) for a in gold if a.get(label)]
        p = [a.get(label) for a in pred if a.get(label)]
        _exact(g, p, scores.exact[label])  # type: ignore[arg-type]
        gt = set().union(*(_tokens(text, s, starts) for s in g)) if g else set()
        pt = set().union(*(_tokens(text, s, starts) for s in p)) if p else set()
        c = scores.overlap[label]
        c.tp, c.fp, c.fn = c.tp + len(gt & pt), c.fp + len(pt - gt), c.fn + len(gt - pt)
    predicted = [(_tokens(text, b.content, starts), _tokens(text, b.source, starts)) for b in pred]
    for a in gold:
        if not a.source or not a.content:
            continue
        scores.gold_with_source += 1
        gc, gs = _tokens(text, a.content, starts), _tokens(text, a.source, starts)
        for pc, ps in predicted:
            if gc and len(gc & pc) >= 0.5 * len(gc) and gs & ps:
                scores.attributed += 1
                break


def is_direct(text: str, a: Attribution) -> bool:
    return bool(a.content) and any(_QUOTE_MARK.search(text[s:e]) for s, e in a.content)  # type: ignore[union-attr]


System = Callable[..., list[Attribution]]


def run(docs: list[Document], systems: dict[str, System], parsed: list | None = None) -> dict[str, object]:  # type: ignore[type-arg]
    """Scores on all gold attributions and on direct quotations only; timing per article
    (``parsed``: Docs parsed beforehand, one per document; the spaCy time then reads 0)."""
    from newsgraph.nlp import load_model

    nlp = load_model()
    results: dict[str, dict[str, Scores]] = {name: {"all": Scores(), "direct": Scores()} for name in systems}
    timing = {"spacy": 0.0, "quotes+sources": 0.0}
    for n, document in enumerate(docs):
        started = time.perf_counter()
        doc = parsed[n] if parsed is not None else nlp(document.text)
        timing["spacy"] += time.perf_counter() - started
        timing["quotes+sources"] += _time_extractors(doc, document.text)
        direct_gold = [a for a in document.gold if is_direct(document.text, a)]
        for name, system in systems.items():
            pred = system(doc, document.text)
            score_document(document.text, document.gold, pred, results[name]["all"])
            direct_pred = [a for a in pred if is_direct(document.text, a)]
            score_document(document.text, direct_gold, direct_pred, results[name]["direct"])
    return {"results": results, "timing": timing, "docs": len(docs)}


def _time_extractors(doc, text: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds the quotes and sources extractors take on a parsed Doc (entities run untimed)."""
    from newsgraph.extract.attribution.quotes import extract_quotes
    from newsgraph.extract.attribution.sources import extract_sources
    from newsgraph.extract.context import ExtractContext
    from newsgraph.extract.entities.recognize import extract_entities

    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    started = time.perf_counter()
    ctx.found.quotes = extract_quotes(doc, ctx)
    extract_sources(doc, ctx)
    return time.perf_counter() - started


def agreement(root: Path, systems: dict[str, System]) -> str:
    """Each system against every annotator, and every annotator against every other, on the
    articles several annotators did: how far exact match can go on this annotation at all.
    Micro-averaged: a system is scored against each annotation in turn, annotators pairwise
    (exact F1 is symmetric, so each unordered pair once)."""
    from itertools import combinations

    from newsgraph.nlp import load_model

    nlp = load_model()
    shared = shared_articles(root)
    versions: dict[str, list[Document]] = {}
    for document in load_split(root, None, every_annotation=True):
        if document.name in shared:
            versions.setdefault(document.name, []).append(document)
    humans, machines = Scores(), {name: Scores() for name in systems}
    support: dict[str, list[int]] = {name: [0] * 7 for name in ["all", *systems]}  # cue spans by annotators
    same: dict[str, list[int]] = {name: [0, 0, 0] for name in ["another annotator", *systems]}
    for copies in versions.values():
        text = copies[0].text
        for a, b in combinations(copies, 2):
            score_document(text, a.gold, b.gold, humans)
            _same_given_cue(a.gold, b.gold, same["another annotator"])
        votes: dict[Frags, int] = {}
        for copy in copies:
            for cue in {a.cue for a in copy.gold if a.cue}:
                votes[cue] = votes.get(cue, 0) + 1
        for count in votes.values():
            support["all"][round(6 * count / len(copies))] += 1
        doc = nlp(text)
        for name, system in systems.items():
            pred = system(doc, text)
            for annotation in copies:
                score_document(text, annotation.gold, pred, machines[name])
                _same_given_cue(annotation.gold, pred, same[name])
            found = {a.cue for a in pred}
            for cue, count in votes.items():
                support[name][round(6 * count / len(copies))] += cue in found
    lines = [f"{len(versions)} articles done by several annotators ({sum(len(v) for v in versions.values())} "
             "annotations); exact F1 (token-overlap F1)\n",
             "| against | " + " | ".join(LABELS) + " | attribution accuracy |", "|---|---|---|---|---|"]
    rows = [("another annotator", humans)] + [(f"{name} (vs each annotator)", s) for name, s in machines.items()]
    for title, scores in rows:
        cells = [f"{scores.exact[label].prf()[2]:.3f} ({scores.overlap[label].prf()[2]:.3f})" for label in LABELS]
        accuracy = scores.attributed / scores.gold_with_source if scores.gold_with_source else 0.0
        lines.append(f"| {title} | " + " | ".join(cells) + f" | {accuracy:.3f} |")
    lines += ["\nWhere two sides mark the same cue: how often their content and their source are the same\n",
              "| | shared cues | same content | same source |", "|---|---|---|---|"]
    for name, (shared_cues, contents, sources) in same.items():
        lines.append(f"| {name} | {shared_cues} | {contents / max(1, shared_cues):.3f} | "
                     f"{sources / max(1, shared_cues):.3f} |")
    lines += ["\nCue spans by how many annotators marked them (of six)\n",
              "| | " + " | ".join(f"{k} of 6" for k in range(1, 7)) + " |", "|---" * 7 + "|",
              "| cue spans | " + " | ".join(str(n) for n in support["all"][1:]) + " |"]
    for name in systems:
        pairs = zip(support[name][1:], support["all"][1:])
        cells = [f"{hit} ({hit / total:.0%})" if total else "0" for hit, total in pairs]
        lines.append(f"| found by {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _same_given_cue(gold: list[Attribution], pred: list[Attribution], counts: list[int]) -> None:
    """Attributions of two sides with the same cue: how many, with the same content, with the same source."""
    by_cue = {a.cue: a for a in gold if a.cue}
    for a in pred:
        other = by_cue.get(a.cue) if a.cue else None
        if other is not None:
            counts[0] += 1
            counts[1] += other.content == a.content
            counts[2] += other.source == a.source


SUBSETS = (("all", "All gold attributions"), ("direct", "Direct quotations only (what textacy can express)"))


def format_table(report: dict[str, object]) -> str:
    results: dict[str, dict[str, Scores]] = report["results"]  # type: ignore[assignment]
    lines = []
    header = "| system | span | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |"
    for subset, title in SUBSETS:
        lines += [f"\n{title}\n", header, "|---|---|---|---|---|---|---|---|"]
        for name, by_subset in results.items():
            s = by_subset[subset]
            for label in LABELS:
                e, o = s.exact[label].prf(), s.overlap[label].prf()
                lines.append(f"| {name} | {label} | " + " | ".join(f"{x:.3f}" for x in (*e, *o)) + " |")
        lines.append("\n| system | attribution accuracy (right source for the right content) |\n|---|---|")
        for name, by_subset in results.items():
            s = by_subset[subset]
            acc = s.attributed / s.gold_with_source if s.gold_with_source else 0.0
            lines.append(f"| {name} | {acc:.3f} ({s.attributed}/{s.gold_with_source}) |")
    timing: dict[str, float] = report["timing"]  # type: ignore[assignment]
    n = max(1, int(report["docs"]))  # type: ignore[call-overload]
    share = timing["quotes+sources"] / timing["spacy"] if timing["spacy"] else 0.0
    lines.append(f"\nTiming over {n} articles: spaCy pass {1000 * timing['spacy'] / n:.1f} ms/article, "
                 f"quotes+sources {1000 * timing['quotes+sources'] / n:.1f} ms/article ({share:.1%} of the spaCy pass)")
    return "\n".join(lines)


def _load_parsed(directory: Path, count: int) -> list:  # type: ignore[type-arg]
    from spacy.tokens import DocBin

    from newsgraph.nlp import load_model

    vocab = load_model().vocab
    parsed = [doc for path in sorted(directory.glob("*.spacy")) for doc in DocBin().from_disk(path).get_docs(vocab)]
    return parsed[:count]


def _use_crf(path: Path) -> None:
    """Tag cues with another CRF model file (one trained without the held-out articles)."""
    import pycrfsuite

    from newsgraph.extract.attribution import crf as attribution_crf

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    attribution_crf.load_tagger = lambda: tagger  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-peer", action="store_true", help="skip textacy")
    parser.add_argument("--holdout", type=int, default=0, help="score only the last N articles of the split")
    parser.add_argument("--crf", type=Path, default=None, help="CRF cue model to use instead of the shipped one")
    parser.add_argument("--parsed", type=Path, default=None, help="spaCy DocBin files of the split")
    parser.add_argument("--agreement", action="store_true",
                        help="score against every annotator of the articles several annotators did, beside the "
                             "annotators' agreement with each other (on train: use --crf with a model trained "
                             "with --leave-out-shared)")
    args = parser.parse_args(argv)
    root = Path(args.data) / args.split
    if not root.is_dir():
        print(f"no PolNeAR split at {root}", file=sys.stderr)
        return 2
    if args.crf:
        _use_crf(args.crf)
    if args.agreement:
        print(f"PolNeAR {args.split}: " + agreement(root, {"newsgraph": newsgraph_system}))
        return 0
    docs = load_split(root, args.limit)
    parsed = _load_parsed(args.parsed, len(docs)) if args.parsed else None
    if args.holdout:
        docs = docs[-args.holdout:]
        parsed = parsed[-args.holdout:] if parsed is not None else None
    systems: dict[str, System] = {"newsgraph": newsgraph_system}
    if not args.no_peer:
        systems["textacy"] = textacy_system
    report = run(docs, systems, parsed)
    print(f"PolNeAR {args.split}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} gold attributions")
    print(format_table(report))
    if TEXTACY_REFUSED:
        print(f"\ntextacy refused {len(TEXTACY_REFUSED)} articles (odd number of quotation marks): scored as empty")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
