"""Two-fold check of the text cleaner's one tuned weight (SHORT_LINE_COST) on aeb.

The cost of a non-prose line in the max-sum search for the body is the only number of the
text path picked on data. This fits it on one half of the pages (alternating by sorted id)
and reports F1 on the other half, and the reverse, next to the shipped value.

    python bench/aeb_fit_text.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aeb_score import evaluate  # noqa: E402
from extraction import DEFAULT_DATA, Page, halves, load_pages, newsgraph_text  # noqa: E402

import newsgraph.clean.text as text_cleaner  # noqa: E402

GRID = (3.0, 6.0, 9.0, 12.0, 15.0, 20.0)


def f1_at(cost: float, pages: list[Page]) -> float:
    shipped = text_cleaner.SHORT_LINE_COST
    text_cleaner.SHORT_LINE_COST = cost
    try:
        predictions = {p.id: newsgraph_text(p) for p in pages}
    finally:
        text_cleaner.SHORT_LINE_COST = shipped
    return evaluate({p.id: p.truth for p in pages}, predictions, n_bootstrap=0).f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    first, second = halves(load_pages(args.data, args.limit))
    shipped = text_cleaner.SHORT_LINE_COST
    print("| fit on | best cost (fit F1) | F1 on the other half at that cost | F1 there at shipped cost |")
    print("|---|---|---|---|")
    for name, fit, held in (("half A", first, second), ("half B", second, first)):
        scores = {cost: f1_at(cost, fit) for cost in GRID}
        best = max(scores, key=lambda c: scores[c])
        print(f"| {name} | {best:g} ({scores[best]:.3f}) | {f1_at(best, held):.3f} | {f1_at(shipped, held):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
