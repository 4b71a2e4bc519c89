"""Two-fold check of the numbers picked on aeb data.

Two numbers of the extraction were chosen by looking at scores on aeb pages:
``clean.text.SHORT_LINE_COST`` (cost of a non-prose line in the text path's search for the
body) and ``clean.html.MIN_PROSE_SHARE`` (below it, the HTML path distrusts trafilatura's
fast pass). For each, this fits the value on one half of the pages (alternating by sorted
id) and reports F1 on the other half, and the reverse, next to the shipped value. The other
constants (furniture cost, header window, merge share) were set by reasoning and not tuned.

    python bench/aeb_fit.py [--limit N] [--only text|html]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aeb_score import evaluate  # noqa: E402
from extraction import DEFAULT_DATA, Page, halves, load_pages, newsgraph_html, newsgraph_text  # noqa: E402

import newsgraph.clean.html as html_path  # noqa: E402
import newsgraph.clean.text as text_path  # noqa: E402

KNOBS: dict[str, tuple[ModuleType, str, tuple[float, ...], Callable[[Page], str]]] = {
    "text": (text_path, "SHORT_LINE_COST", (3.0, 6.0, 9.0, 12.0, 15.0, 20.0), newsgraph_text),
    "html": (html_path, "MIN_PROSE_SHARE", (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), newsgraph_html),
}


def predictions_at(module: ModuleType, name: str, value: float, system: Callable[[Page], str],
                   pages: list[Page]) -> dict[str, str]:
    shipped = getattr(module, name)
    setattr(module, name, value)
    try:
        return {p.id: system(p) for p in pages}
    finally:
        setattr(module, name, shipped)


def f1(pages: list[Page], predictions: dict[str, str]) -> float:
    return evaluate({p.id: p.truth for p in pages}, predictions, n_bootstrap=0).f1


def report(knob: str, pages: list[Page]) -> None:
    module, name, grid, system = KNOBS[knob]
    shipped = getattr(module, name)
    runs = {value: predictions_at(module, name, value, system, pages) for value in sorted({*grid, shipped})}
    first, second = halves(pages)
    print(f"\n{knob} path, {name} (shipped {shipped:g})\n")
    print("| value | " + " | ".join(f"{v:g}" for v in runs) + " |")
    print("|---|" + "---|" * len(runs))
    for label, part in (("F1 half A", first), ("F1 half B", second)):
        print(f"| {label} | " + " | ".join(f"{f1(part, runs[v]):.3f}" for v in runs) + " |")
    print("\nties go to the smallest value\n")
    print("| fit on | best value (F1 there) | F1 on the other half at that value | other half at shipped value |")
    print("|---|---|---|---|")
    for label, fit, held in (("half A", first, second), ("half B", second, first)):
        best = max(runs, key=lambda v: f1(fit, runs[v]))
        print(f"| {label} | {best:g} ({f1(fit, runs[best]):.3f}) | {f1(held, runs[best]):.3f} "
              f"| {f1(held, runs[shipped]):.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", choices=sorted(KNOBS), action="append")
    args = parser.parse_args(argv)
    pages = load_pages(args.data, args.limit)
    for knob in args.only or list(KNOBS):
        report(knob, pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
