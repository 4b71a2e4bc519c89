"""The places newsgraph resolves on the aeb pages, most mentioned first: a list to check by hand.

Runs the whole pipeline on every aeb page (``../shared/data/aeb``) and prints, per resolved place
(name, country, feature code, demonym or not), the number of mentions and the surface forms
that led to it. Non-English pages are skipped (newsgraph refuses them).

    python bench/aeb_places.py [--top N] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph import Pipeline
from newsgraph.ingest.raw import RawDocument
from newsgraph.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "aeb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    raws = [RawDocument(uri=key, text=gzip.open(args.data / "html" / f"{key}.html.gz", "rt", errors="replace").read(),
                        content_type="text/html", url=truth[key].get("url")) for key in sorted(truth)[: args.limit]]
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    forms: dict[tuple[str, str, str, bool], Counter[str]] = defaultdict(Counter)
    articles = 0
    for article in Pipeline().run_many(raws):
        if not isinstance(article, Article):
            continue
        articles += 1
        for place in article.places:
            kind = place.feature_code or ("approximate" if place.approximate else "-")
            key = (place.name, place.country or "-", kind, place.demonym)
            counts[key] += 1
            forms[key][place.text] += 1
    print(f"aeb: {articles} articles, {sum(counts.values())} place mentions, {len(counts)} distinct places\n")
    print("| mentions | place | country | kind | demonym | as written |")
    print("|---|---|---|---|---|---|")
    for key, count in counts.most_common(args.top):
        name, country, kind, demonym = key
        written = ", ".join(f"{text} ({n})" for text, n in forms[key].most_common(4))
        print(f"| {count} | {name} | {country} | {kind} | {'yes' if demonym else ''} | {written} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
