"""Are the records the same as another revision's? Every Article, field for field, on normal news.

Runs the whole pipeline (clean, spaCy, every extractor) over the same texts twice: once with this
checkout's code and once with the code of a git revision (``--baseline``, default ``main``, taken
with ``git archive`` into a temporary folder), each in its own process, and compares the Articles'
JSON. Meant for changes that should only make newsgraph faster (the long-sentence work): any
difference is printed with the article and the first fields that differ.

    python bench/output_equivalence.py [--baseline main] [--source repo,aeb] [--limit N]

``repo`` is the texts that ship with the project (the sample and every gold-set article, as plain
text); ``aeb`` the aeb pages from ``../shared/data`` (HTML, cleaned first). Prints the number of
articles compared and of those that differ (0 is the goal) and the time of each side.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "data" / "aeb" / "html"
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)
AS_OF = date(2026, 1, 1)


def sources(names: list[str]) -> Iterator[tuple[str, str, str]]:
    """(key, text, content type) for every text of the named sources, in a fixed order."""
    sys.path.insert(0, str(ROOT / "bench"))
    from nlp_equivalence import repo_texts

    if "repo" in names:
        for n, text in enumerate(repo_texts()):
            yield f"repo:{n}", text, "text/plain"
    if "aeb" in names:
        for path in sorted(AEB.glob("*.html.gz")):
            yield f"aeb:{path.name[:16]}", gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), "text/html"


def dump(names: list[str], limit: int, out: Path) -> None:
    """Write one line per text: its key and the Article's JSON (or the error), with this process's newsgraph."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import RawDocument
    from newsgraph.options import Options
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(Options(time_budget=0, as_of=AS_OF, allow_non_english=False))
    pipeline.warm_up()
    with out.open("w", encoding="utf-8") as handle:
        for n, (key, text, content_type) in enumerate(sources(names)):
            if limit and n >= limit:
                break
            raw = RawDocument(uri=key, text=text, content_type=content_type, fetched_at=FIXED_TIME)
            try:
                result = pipeline.run(raw).model_dump(mode="json")
            except NewsgraphError as error:
                result = {"error": str(error)}
            handle.write(json.dumps({"key": key, "article": result}, sort_keys=True) + "\n")


def baseline_src(revision: str, into: Path) -> Path:
    """The ``src/`` folder of a git revision, written under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    return into / "src"


def run_side(src: Path, names: list[str], limit: int, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--dump", str(out), "--source", ",".join(names), "--limit", str(limit)],
                   check=True, env=env, cwd=str(ROOT))
    return time.perf_counter() - start


def first_differences(a: object, b: object, path: str = "") -> list[str]:
    """Where two JSON values differ (paths, at most a few)."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(set(a) | set(b)):
            found += first_differences(a.get(key), b.get(key), f"{path}.{key}")
        return found[:5]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        found = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found += first_differences(x, y, f"{path}[{i}]")
        return found[:5]
    return [] if a == b else [f"{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}"]


def compare(ours: Path, theirs: Path) -> list[str]:
    lines = []
    rows_a = [json.loads(line) for line in ours.read_text("utf-8").splitlines()]
    rows_b = [json.loads(line) for line in theirs.read_text("utf-8").splitlines()]
    if [r["key"] for r in rows_a] != [r["key"] for r in rows_b]:
        return ["the two sides did not process the same texts"]
    for a, b in zip(rows_a, rows_b, strict=True):
        if a["article"] != b["article"]:
            lines.append(f"{a['key']}: " + "; ".join(first_differences(a["article"], b["article"])))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--source", default="repo,aeb", help="comma-separated: repo, aeb")
    parser.add_argument("--limit", type=int, default=0, help="at most this many texts (0: all)")
    parser.add_argument("--keep", type=Path, help="keep both sides' JSON Lines in this folder")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # one side, run by main()
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.source.split(",") if n.strip()]
    if unknown := [n for n in names if n not in ("repo", "aeb")]:
        parser.error(f"unknown source: {', '.join(unknown)}")
    if args.dump:
        dump(names, args.limit, args.dump)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        theirs_src = baseline_src(args.baseline, Path(tmp) / "baseline")
        ours_out, theirs_out = folder / "ours.jsonl", folder / "baseline.jsonl"
        theirs_s = run_side(theirs_src, names, args.limit, theirs_out)
        ours_s = run_side(ROOT / "src", names, args.limit, ours_out)
        diffs = compare(ours_out, theirs_out)
        count = len(ours_out.read_text("utf-8").splitlines())
    print(f"{count} articles ({', '.join(names)}), this checkout against {args.baseline}: {len(diffs)} differ")
    for line in diffs[:30]:
        print("  " + line)
    print(f"time: {args.baseline} {theirs_s:.1f} s, this checkout {ours_s:.1f} s")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
