"""TempEval-3 Task A on TimeBank and AQUAINT: newsgraph's timexes next to dateparser and spaCy.

Scoring (see ../shared/data/README.md): a system TIMEX3 is found when its extent overlaps a gold
one (relaxed) or matches it exactly (strict), one-to-one; value F1 = relaxed F1 x the share of
relaxed matches whose value is identical; type accuracy = the share whose type is identical.
The <DCT> is the reference date and is not scored.

    python bench/timex.py                     # both corpora, all systems
    python bench/timex.py --corpus TimeBank --systems newsgraph --errors 40
    python bench/timex.py --corpus AQUAINT --half even --systems newsgraph --confusion 20
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timeml import TimeMLDoc, parse_tml, read_corpus  # noqa: E402, F401  (re-exported for tests)

DATA = Path("../shared/data/tempeval3")
CORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    type: str | None = None
    value: str | None = None
    rule: str | None = None  # the newsgraph pattern that found it (for --confusion)


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def f1(hits: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, float]:
        rp, rr, rf = self.f1(self.relaxed, self.system, self.gold)
        sp, sr, sf = self.f1(self.strict, self.system, self.gold)
        share = self.value_ok / self.relaxed if self.relaxed else 0.0
        types = self.type_ok / self.relaxed if self.relaxed else 0.0
        return {"relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf, "strict_p": sp, "strict_r": sr,
                "strict_f1": sf, "value_f1": rf * share, "type_acc": types}


def value_shape(value: str | None) -> str:
    """'1998-W52' -> '9999-W99': the form of a value, to group value errors by kind."""
    return re.sub(r"\d", "9", value or "None")


def score_doc(doc: TimeMLDoc, found: list[Found], errors: list[str] | None = None,
              confusion: Counter[tuple[str, str, str]] | None = None) -> Score:
    """One-to-one matching: each gold TIMEX3 takes the first unused system span overlapping it."""
    score = Score(gold=len(doc.timexes), system=len(found))
    used: set[int] = set()
    for gold in doc.timexes:
        match = next((i for i, f in enumerate(found) if i not in used and f.start < gold.end and gold.start < f.end),
                     None)
        if match is None:
            if errors is not None:
                errors.append(f"MISS {doc.name}: {gold.text!r} {gold.type} {gold.value} | {_context(doc, gold.start)}")
            continue
        used.add(match)
        f = found[match]
        score.relaxed += 1
        score.strict += (f.start, f.end) == (gold.start, gold.end)
        score.value_ok += f.value == gold.value
        score.type_ok += f.type == gold.type
        if confusion is not None and f.value != gold.value:
            kinds = f"{gold.type} {value_shape(gold.value)}", f"{f.type} {value_shape(f.value)}"
            confusion[(f.rule or "?", *kinds)] += 1
        if errors is not None and ((f.start, f.end) != (gold.start, gold.end) or f.value != gold.value):
            errors.append(f"DIFF {doc.name}: gold {gold.text!r} {gold.type} {gold.value} / "
                          f"{doc.text[f.start:f.end]!r} {f.type} {f.value} | {_context(doc, gold.start)}")
    if errors is not None:
        for i, f in enumerate(found):
            if i not in used:
                errors.append(f"FALSE {doc.name}: {doc.text[f.start:f.end]!r} {f.type} {f.value} | "
                              f"{_context(doc, f.start)}")
    return score


def _context(doc: TimeMLDoc, at: int) -> str:
    return " ".join(doc.text[max(0, at - 50):at + 50].split())


# -- systems ---------------------------------------------------------------------------------------
def newsgraph_system(docs: list[TimeMLDoc], parsed: list) -> list[list[Found]]:
    from newsgraph.extract.context import ExtractContext
    from newsgraph.extract.timex.find import extract_timexes

    results = []
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        timexes = extract_timexes(spacy_doc, ExtractContext(body=doc.text, reference_date=doc.dct))
        results.append([Found(t.start, t.end, t.type, t.value) for t in timexes])
    return results


def with_rules(doc: TimeMLDoc, found: list[Found]) -> list[Found]:
    """newsgraph's expressions with the pattern that found each (its extent may only grow leftwards)."""
    from newsgraph.extract.timex.rules import candidates

    rule_at = {c.start: c.rule.name for c in candidates(doc.text)}
    return [Found(f.start, f.end, f.type, f.value, next((rule_at[i] for i in range(f.start, f.end) if i in rule_at),
                                                        None)) for f in found]


def spacy_system(docs: list[TimeMLDoc], parsed: list) -> list[list[Found]]:
    """spaCy's DATE and TIME entities: extents only (no normalized value)."""
    return [[Found(e.start_char, e.end_char, e.label_, None) for e in d.ents if e.label_ in ("DATE", "TIME")]
            for d in parsed]


def dateparser_system(docs: list[TimeMLDoc], parsed: list) -> list[list[Found]]:
    """dateparser.search.search_dates with the DCT as base; values written as calendar dates."""
    from dateparser.search import search_dates

    results = []
    for doc in docs:
        base = {"RELATIVE_BASE": _datetime(doc.dct)} if doc.dct else {}
        hits = search_dates(doc.text, languages=["en"], settings=base) or []
        found, pos = [], 0
        for text, when in hits:
            start = doc.text.find(text, pos)
            if start < 0:
                continue
            pos = start + len(text)
            value = text.strip() if text.strip().isdigit() and len(text.strip()) == 4 else when.date().isoformat()
            found.append(Found(start, pos, "DATE", value))
        results.append(found)
    return results


def _datetime(day):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


SYSTEMS: dict[str, Callable[[list[TimeMLDoc], list], list[list[Found]]]] = {
    "newsgraph": newsgraph_system, "dateparser": dateparser_system, "spacy": spacy_system,
}


def parse_docs(docs: list[TimeMLDoc]) -> list:
    from newsgraph.nlp import load_model

    return list(load_model().pipe((d.text for d in docs), batch_size=16))


def evaluate(docs: list[TimeMLDoc], systems: Iterable[str], errors: list[str] | None = None,
             confusion: Counter[tuple[str, str, str]] | None = None) -> dict[str, tuple[Score, float]]:
    """{system: (score, seconds)} on the documents, parsed once with spaCy."""
    parsed = parse_docs(docs)
    out: dict[str, tuple[Score, float]] = {}
    for name in systems:
        began = time.perf_counter()
        results = SYSTEMS[name](docs, parsed)
        seconds = time.perf_counter() - began
        total = Score()
        mine = name == "newsgraph"
        if mine and confusion is not None:
            results = [with_rules(doc, found) for doc, found in zip(docs, results, strict=True)]
        for doc, found in zip(docs, results, strict=True):
            total.add(score_doc(doc, found, errors if mine else None, confusion if mine else None))
        out[name] = (total, seconds)
    return out


def table(corpus: str, results: dict[str, tuple[Score, float]]) -> str:
    rows = [f"| {corpus} | system | relaxed P | relaxed R | relaxed F1 | strict P | strict R | strict F1 "
            "| value F1 | type acc | seconds |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, (score, seconds) in results.items():
        f = score.figures()
        value = "n/a" if name == "spacy" else f"{f['value_f1']:.3f}"
        types = f"{f['type_acc']:.3f}" if name != "dateparser" else "n/a"
        rows.append(f"| {score.gold} gold | {name} | {f['relaxed_p']:.3f} | {f['relaxed_r']:.3f} | "
                    f"{f['relaxed_f1']:.3f} | {f['strict_p']:.3f} | {f['strict_r']:.3f} | {f['strict_f1']:.3f} | "
                    f"{value} | {types} | {seconds:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--systems", default="newsgraph,dateparser,spacy")
    parser.add_argument("--limit", type=int, default=0, help="first N documents of each corpus")
    parser.add_argument("--half", choices=("even", "odd"), help="only the documents at even or odd positions")
    parser.add_argument("--errors", type=int, default=0, help="print N newsgraph errors per corpus")
    parser.add_argument("--confusion", type=int, default=0,
                        help="print the N commonest (rule, gold value shape, newsgraph value shape) value errors")
    args = parser.parse_args(argv)
    for corpus in args.corpus or CORPORA:
        docs = read_corpus(args.data / corpus)
        docs = docs[: args.limit] if args.limit else docs
        docs = docs[{"even": 0, "odd": 1}[args.half]::2] if args.half else docs
        errors: list[str] = []
        confusion: Counter[tuple[str, str, str]] = Counter()
        results = evaluate(docs, args.systems.split(","), errors, confusion)
        label = f"{corpus} ({args.half} half)" if args.half else corpus
        print(table(label, results), "\n")
        for line in errors[: args.errors]:
            print(line)
        for (rule, gold, mine), count in confusion.most_common(args.confusion):
            print(f"{count:4d}  {rule:16s} gold {gold:24s} newsgraph {mine}")


if __name__ == "__main__":
    main()
