"""Body extraction on WCXB (web content extraction benchmark, dev split): newsgraph and its peers.

1,358 pages of seven types (article, service, forum, listing, product, collection,
documentation) with ground-truth main text (``../shared/data/wcxb``, see its README). Metric,
as WCXB defines it: per page, both texts lowercased and split into ``\\w+`` words; the shared
word counts (bag of words) give precision, recall and F1; a page whose truth is empty scores 1
when the extraction is empty, else 0. Means over pages (macro), per page type and overall;
also the share of ``with`` snippets found and of ``without`` snippets found (lower is better).

Every system runs in the same run on the same pages: newsgraph's HTML path (the body stage),
trafilatura 2.3 with its defaults (comments off), with ``favor_recall``, and fast (no
fallback), readability-lxml and newspaper4k where installed. Pages are split into halves by
position (even: A, where rules may be tuned; odd: B, held out). Listed at the end: pages where
newsgraph keeps under 10% of the truth's words while a peer keeps over 80%.

    python bench/wcxb.py [--limit N] [--only NAME] [--cache DIR] [--show N]

``--cache DIR`` keeps each peer's output (``DIR/<system>.json``) so that a later run scores
them again without re-running them; newsgraph always runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.clean.html import extract_html, visible_lines

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "wcxb" / "dev.jsonl.gz"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    page_type: str
    html: str
    truth: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


def load_pages(path: Path = DEFAULT_DATA, limit: int | None = None) -> list[Page]:
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pages.append(Page(str(row["id"]), row.get("url"), row["page_type"], row["html"], row.get("truth") or "",
                              tuple(row.get("with") or ()), tuple(row.get("without") or ())))
            if limit and len(pages) >= limit:
                break
    return pages


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def page_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall, F1 of one page (bag of words, WCXB's definition)."""
    t, p = words(truth), words(predicted)
    if not t:
        score = 1.0 if not p else 0.0
        return score, score, score
    shared = sum((t & p).values())
    precision = shared / sum(p.values()) if p else 0.0
    recall = shared / sum(t.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- the systems -----------------------------------------------------------------------------

def newsgraph(page: Page) -> str:
    return "\n\n".join(extract_html(page.html, page.url).paragraphs)


def _trafilatura(**options: object) -> Callable[[Page], str]:
    def run(page: Page) -> str:
        import trafilatura

        return trafilatura.extract(page.html, url=page.url, include_comments=False, **options) or ""  # type: ignore[arg-type]

    return run


def readability(page: Page) -> str:
    from readability import Document

    return "\n".join(visible_lines(Document(page.html).summary(html_partial=True)))


def newspaper4k(page: Page) -> str:
    import newspaper
    import tldextract
    import tldextract.tldextract as module

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # no network: the bundled list
    tldextract.extract = module.extract = offline
    article = newspaper.Article(page.url or "http://example.com/", fetch_images=False)
    article.download(input_html=page.html)
    article.parse()
    return article.text or ""


SYSTEMS: dict[str, Callable[[Page], str]] = {
    "newsgraph": newsgraph,
    "trafilatura": _trafilatura(),
    "trafilatura-recall": _trafilatura(favor_recall=True),
    "trafilatura-fast": _trafilatura(no_fallback=True),
    "readability-lxml": readability,
    "newspaper4k": newspaper4k,
}


def run_system(name: str, pages: list[Page], cache: Path | None) -> tuple[dict[str, str], float] | None:
    cached = cache / f"{name}.json" if cache and name != "newsgraph" else None
    if cached and cached.exists():
        stored = json.loads(cached.read_text("utf-8"))
        if all(p.id in stored["out"] for p in pages):
            return stored["out"], stored["seconds"]
    try:
        SYSTEMS[name](pages[0])
    except ImportError as exc:
        print(f"# {name}: not installed ({exc})", file=sys.stderr)
        return None
    except Exception:  # noqa: S110 - counted in the loop
        pass
    out: dict[str, str] = {}
    seconds = 0.0
    for page in pages:
        start = time.process_time()
        try:
            out[page.id] = SYSTEMS[name](page)
        except Exception:  # a system failing on a page scores an empty extraction there
            out[page.id] = ""
        seconds += time.process_time() - start
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps({"out": out, "seconds": seconds}), "utf-8")
    return out, seconds


def summary(pages: list[Page], out: dict[str, str]) -> dict[str, float]:
    scores = [page_scores(p.truth, out.get(p.id, "")) for p in pages]
    found_with = [s.lower() in out.get(p.id, "").lower() for p in pages for s in p.with_]
    found_without = [s.lower() in out.get(p.id, "").lower() for p in pages for s in p.without]
    return {"n": len(pages), "p": statistics.fmean(s[0] for s in scores), "r": statistics.fmean(s[1] for s in scores),
            "f1": statistics.fmean(s[2] for s in scores),
            "with": statistics.fmean(found_with) if found_with else 0.0,
            "without": statistics.fmean(found_without) if found_without else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", action="append", choices=sorted(SYSTEMS))
    parser.add_argument("--cache", type=Path, default=None, help="keep peers' outputs here")
    parser.add_argument("--show", type=int, default=40, help="list at most N pages newsgraph misses")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    pages = load_pages(args.data, args.limit)
    names = args.only or list(SYSTEMS)
    outputs: dict[str, dict[str, str]] = {}
    speed: dict[str, float] = {}
    for name in names:
        result = run_system(name, pages, args.cache)
        if result is not None:
            outputs[name], seconds = result
            speed[name] = len(pages) / seconds if seconds else 0.0
    types = sorted({p.page_type for p in pages}, key=lambda t: (t != "article", t))
    groups: dict[str, list[Page]] = {"all": pages, "A (even)": pages[0::2], "B (odd, held out)": pages[1::2]}
    groups |= {t: [p for p in pages if p.page_type == t] for t in types}
    groups |= {f"{t}, B": [p for p in pages[1::2] if p.page_type == t] for t in ("article",)}
    print(f"WCXB dev: {len(pages)} pages; F1/P/R are means over pages (bag of words); pages/s from CPU time\n")
    print("| pages | n | " + " | ".join(outputs) + " |")
    print("|---|---|" + "---|" * len(outputs))
    for group, subset in groups.items():
        if not subset:
            continue
        cells = []
        for name in outputs:
            s = summary(subset, outputs[name])
            cells.append(f"{s['f1']:.3f}")
        print(f"| {group} | {len(subset)} | " + " | ".join(cells) + " |")
    print("\n| system | P | R | F1 | with found | without found | pages/s |")
    print("|---|---|---|---|---|---|---|")
    for name, out in outputs.items():
        s = summary(pages, out)
        print(f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['with']:.3f} | {s['without']:.3f} "
              f"| {speed[name]:.1f} |")
    if "newsgraph" in outputs:
        misses = []
        for page in pages:
            if not words(page.truth):
                continue
            ours = page_scores(page.truth, outputs["newsgraph"][page.id])[1]
            peers = {n: page_scores(page.truth, o[page.id])[1] for n, o in outputs.items() if n != "newsgraph"}
            best = max(peers.items(), key=lambda item: item[1], default=("-", 0.0))
            if ours < 0.1 and best[1] > 0.8:
                misses.append((page, ours, best))
        print(f"\nPages where newsgraph keeps under 10% of the truth's words and a peer over 80%: {len(misses)}")
        for page, ours, (peer, recall) in misses[: args.show]:
            print(f"  {page.id} {page.page_type:<13} newsgraph {ours:.2f}  {peer} {recall:.2f}  {page.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
