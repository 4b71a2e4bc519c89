"""Entity recognition on CoNLL-2003 dev: the bare spaCy model next to newsgraph's corrected entities.

Exact-span, exact-type F1 (the conlleval definition) over PER/ORG/LOC/MISC. The OntoNotes labels
of the spaCy models are mapped: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC; other labels are dropped.
newsgraph's types map PERSON→PER, ORG→ORG, PLACE→LOC, NORP/EVENT/OTHER→MISC.

Documents are split into halves by position (even: A, where rules are tuned; odd: B, held out);
figures are printed for both halves and overall, per type and for all types.

    python bench/entities.py [--data ../shared/data/conll2003/dev.txt] [--limit N] [--errors N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
             "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
NEWSGRAPH_MAP = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC", "NORP": "MISC", "EVENT": "MISC", "OTHER": "MISC"}
Spans = set[tuple[int, int, str]]


def read_conll(path: Path) -> Iterator[tuple[str, Spans]]:
    """Documents as (text, gold character spans); tokens joined by spaces, sentences by newlines."""
    text_parts: list[str] = []
    gold: Spans = set()
    pos = 0
    current: tuple[int, int, str] | None = None

    def close() -> None:
        nonlocal current
        if current:
            gold.add(current)
        current = None

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close()
            if text_parts:
                yield "".join(text_parts), gold
            text_parts, gold, pos = [], set(), 0
            continue
        if not line.strip():
            close()
            if text_parts and not text_parts[-1].endswith("\n"):
                text_parts.append("\n")
                pos += 1
            continue
        token, *_, tag = line.split()
        if text_parts and not text_parts[-1].endswith("\n"):
            text_parts.append(" ")
            pos += 1
        start = pos
        text_parts.append(token)
        pos += len(token)
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            close()
            current = (start, pos, tag[2:])
        elif tag.startswith("I-") and current:
            current = (current[0], pos, current[2])
        else:
            close()
    close()
    if text_parts:
        yield "".join(text_parts), gold


def prf(gold: Spans, pred: Spans) -> tuple[int, int, int]:
    tp = len(gold & pred)
    return tp, len(pred) - tp, len(gold) - tp


def score(counts: tuple[int, int, int]) -> tuple[float, float, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/conll2003/dev.txt")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong newsgraph mentions of half A")
    args = parser.parse_args()

    from newsgraph.extract import ExtractContext
    from newsgraph.extract.entities.recognize import extract_entities
    from newsgraph.nlp import load_model

    nlp = load_model()
    docs = list(read_conll(Path(args.data)))
    if args.limit:
        docs = docs[: args.limit]
    types = ("PER", "ORG", "LOC", "MISC", "all")
    totals = {(half, system, kind): [0, 0, 0] for half in ("A", "B") for system in ("spacy", "newsgraph")
              for kind in types}
    errors: list[str] = []
    extra_time = 0.0
    started = time.perf_counter()
    for number, ((text, gold), doc) in enumerate(zip(docs, nlp.pipe((t for t, _ in docs), batch_size=32))):
        half = "A" if number % 2 == 0 else "B"
        bare = {(e.start_char, e.end_char, SPACY_MAP[e.label_]) for e in doc.ents if e.label_ in SPACY_MAP}
        t0 = time.perf_counter()
        ours = {(m.start, m.end, NEWSGRAPH_MAP[e.type]) for e in extract_entities(doc, ExtractContext(body=text))
                for m in e.mentions}
        extra_time += time.perf_counter() - t0
        for system, pred in (("spacy", bare), ("newsgraph", ours)):
            for kind in types:
                keep = (lambda spans: spans) if kind == "all" else (
                    lambda spans, k=kind: {x for x in spans if x[2] == k})  # type: ignore[misc]
                counts = prf(keep(gold), keep(pred))
                key = (half, system, kind)
                totals[key] = [a + b for a, b in zip(totals[key], counts)]
        if half == "A" and args.errors and len(errors) < args.errors:
            for s, e, k in sorted(ours - gold):
                right = next((g[2] for g in gold if g[:2] == (s, e)), "-")
                errors.append(f"{k:<5} gold {right:<5} {text[s:e]!r}")
    elapsed = time.perf_counter() - started
    print(f"CoNLL-2003 {Path(args.data).name}: {len(docs)} documents, {sum(len(g) for _, g in docs)} gold entities")
    print(f"{'half':<14} {'system':<34} {'type':<5} {'P':>6} {'R':>6} {'F1':>6}")
    for half in ("A (tuning)", "B (held out)", "all"):
        for system, label in (("spacy", "spaCy en_core_web_sm (bare ents)"), ("newsgraph", "newsgraph entities")):
            for kind in types:
                halves_in = ("A", "B") if half == "all" else (half[0],)
                counts = [sum(totals[(h, system, kind)][i] for h in halves_in) for i in range(3)]
                p, r, f = score(tuple(counts))  # type: ignore[arg-type]
                print(f"{half:<14} {label:<34} {kind:<5} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"entity extractor time: {extra_time:.1f} s of {elapsed:.1f} s total ({extra_time / elapsed:.0%})")
    for line in errors[: args.errors]:
        print("  error (half A):", line)


if __name__ == "__main__":
    main()
