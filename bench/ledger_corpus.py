"""The ledger gold's articles (and filler pages for the speed test) run through newsgraph, cached.

Extraction is the slow part and does not change while the ledger is tuned, so each extracted
``Article`` is cached as JSON under ``/tmp/newsgraph-ledger-cache`` keyed by the text, the date and
the newsgraph source files that shape extraction (clean, nlp, extract). Delete the folder to start over.

    python bench/ledger_corpus.py            # extract the gold's 267 articles (cached)
    python bench/ledger_corpus.py --filler N # also N filler articles from ../shared/data
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "ledger"
DATA = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/newsgraph-ledger-cache")
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.ingest.raw import RawDocument  # noqa: E402
from newsgraph.options import Options  # noqa: E402
from newsgraph.pipeline import Pipeline, parse_date  # noqa: E402
from newsgraph.records import Article  # noqa: E402


@cache
def _code_hash() -> str:
    digest = hashlib.sha1()
    for folder in ("clean", "nlp", "extract", "data"):
        for path in sorted((ROOT / "src" / "newsgraph" / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".txt", ".tsv", ".json") and "ledger" not in path.name:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def gold_rows() -> list[dict]:
    rows = [json.loads(line) for line in (GOLD / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        if row["text"] is None:
            row["text"] = (ROOT / row["path"]).read_text("utf-8")
    return rows


def chains() -> list[dict]:
    return [json.loads(line) for line in (GOLD / "chains.jsonl").read_text("utf-8").splitlines() if line.strip()]


def _key(uri: str, text: str, published: str | None) -> Path:
    digest = hashlib.sha1(f"{uri}\n{published}\n{text}".encode()).hexdigest()[:20]
    return CACHE / _code_hash() / f"{digest}.json"


_PIPELINE: list[Pipeline] = []


def extract_cached(uri: str, text: str, published: str | None, url: str | None = None) -> Article | None:
    """The article extracted (from the cache when it is there); None when newsgraph refuses it."""
    path = _key(uri, text, published)
    if path.exists():
        data = path.read_text("utf-8")
        return None if data == "null" else Article.model_validate_json(data)
    if not _PIPELINE:
        _PIPELINE.append(Pipeline(Options(allow_non_english=True)))
    pipeline = _PIPELINE[0]
    day = parse_date(published[:10]) if published else None
    raw = RawDocument(uri=uri, text=text, content_type="text/plain", url=url)
    try:
        article = pipeline.run(raw, Options(published=day, url=url, allow_non_english=True))
    except NewsgraphError:
        article = None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("null" if article is None else article.model_dump_json(), "utf-8")
    return article


def gold_articles() -> dict[str, Article]:
    """Gold article id → extracted Article (its ``source`` is the gold id)."""
    found = {}
    for row in gold_rows():
        article = extract_cached(row["id"], row["text"], row["published"], row.get("url"))
        if article is not None:
            found[row["id"]] = article
    return found


def _filler_texts() -> Iterator[tuple[str, str]]:
    """(uri, text) of real news texts from ../shared/data: WCXB article bodies, AEB bodies, PolNeAR."""
    truth = json.loads((DATA / "aeb" / "ground-truth.json").read_text("utf-8"))
    for key, value in sorted(truth.items()):
        if value.get("articleBody"):
            yield f"aeb:{key}", value["articleBody"]
    for folder in ("train", "dev"):
        for path in sorted((DATA / "polnear" / folder / "text").rglob("*.txt")):
            yield f"polnear:{path.name}", path.read_text("utf-8", errors="replace")
    with gzip.open(DATA / "wcxb" / "dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = row.get("truth") or ""
            if row.get("page_type") == "article" and isinstance(text, str) and len(text) > 400:
                yield f"wcxb:{row['id']}", text


def filler_articles(count: int) -> list[Article]:
    found: list[Article] = []
    for uri, text in _filler_texts():
        if len(found) >= count:
            break
        article = extract_cached(uri, text[:6000], None)
        if article is not None:
            found.append(article)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filler", type=int, default=0)
    args = parser.parse_args()
    print(f"{len(gold_articles())} gold articles extracted", flush=True)
    if args.filler:
        print(f"{len(filler_articles(args.filler))} filler articles extracted", flush=True)


if __name__ == "__main__":
    main()
