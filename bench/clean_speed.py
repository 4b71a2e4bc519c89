"""CPU time of the cleaning stage (``Pipeline.prepare``: HTML -> body + metadata) per aeb page.

Times every page with ``time.process_time`` and reports the fastest of N rounds (the first,
warm-up round is not counted), so that other work on the machine inflates the figure less.
``--against OTHER/src`` compares this checkout with another one in the same run: a worker
process per checkout, pages timed in turn (A, B, B, A...) so both see the same load on the machine.
``--dump FILE`` writes every page's Article (or its error) as JSON, to check two checkouts
give the same output (``cmp`` the two files).

    python bench/clean_speed.py [--rounds 3] [--limit N] [--dump FILE] [--against ../main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import read_path
from newsgraph.ingest.raw import RawDocument
from newsgraph.pipeline import Pipeline

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "aeb" / "html"


def prepare_all(pipeline: Pipeline, raws: list[RawDocument]) -> float:
    """CPU seconds to prepare every document (bad documents count, as in ingest)."""
    start = time.process_time()
    for raw in raws:
        try:
            pipeline.prepare(raw)
        except NewsgraphError:
            pass
    return time.process_time() - start


def dump(pipeline: Pipeline, paths: list[Path], raws: list[RawDocument], out: Path) -> None:
    articles: dict[str, object] = {}
    for path, raw in zip(paths, raws, strict=True):
        try:
            articles[path.name] = pipeline.prepare(raw)[0].model_dump(mode="json", exclude={"fetched_at"})
        except NewsgraphError as error:
            articles[path.name] = {"error": str(error)}
    out.write_text(json.dumps(articles, indent=1, sort_keys=True), "utf-8")


def worker(pipeline: Pipeline, raws: list[RawDocument]) -> None:
    """Prepare the page whose index comes on stdin, answer its CPU seconds on stdout."""
    import newsgraph

    print(Path(newsgraph.__file__).resolve().parents[1], flush=True)  # the src folder in use
    for line in sys.stdin:
        print(prepare_all(pipeline, [raws[int(line)]]), flush=True)


def compare(args: argparse.Namespace, count: int) -> None:
    """Both checkouts' best round, timed page by page in turn in two worker processes."""
    here = str(Path(__file__).resolve().parents[1] / "src")
    sources = {"this": here, "other": str(Path(args.against).resolve())}
    workers = {}
    for name, src in sources.items():
        env = {**os.environ, "PYTHONPATH": src}
        command = [sys.executable, __file__, "--worker", "--data", str(args.data), "--limit", str(count)]
        workers[name] = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for name, process in workers.items():
        assert process.stdout is not None
        used = process.stdout.readline().strip()
        if Path(used) != Path(sources[name]):
            raise SystemExit(f"{name}: newsgraph imported from {used}, not {sources[name]}")
    totals: dict[str, list[float]] = {name: [] for name in workers}
    for round_ in range(args.rounds + 1):  # round 0 warms up
        spent = dict.fromkeys(workers, 0.0)
        for i in range(count):
            order = list(workers) if (i + round_) % 2 else list(reversed(workers))
            for name in order:
                process = workers[name]
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write(f"{i}\n")
                process.stdin.flush()
                spent[name] += float(process.stdout.readline())
        if round_:
            for name, seconds in spent.items():
                totals[name].append(seconds / count * 1000)
    for name, process in workers.items():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
        rounds = ", ".join(f"{ms:.2f}" for ms in totals[name])
        print(f"{name:5s} {sources[name]}: best {min(totals[name]):.2f} ms/page (rounds: {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--dump", type=Path, help="write each page's Article as JSON here")
    parser.add_argument("--against", help="another checkout's src folder, timed in the same run")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = sorted(args.data.glob("*.html*"))[: args.limit]
    if args.against:
        compare(args, len(paths))
        return
    raws = [read_path(str(path), 10**8) for path in paths]
    pipeline = Pipeline()
    if args.worker:
        worker(pipeline, raws)
        return
    if args.dump:
        dump(pipeline, paths, raws, args.dump)
    prepare_all(pipeline, raws)  # warm-up: lazy imports, caches
    rounds = [prepare_all(pipeline, raws) for _ in range(args.rounds)]
    per_page = [seconds / len(raws) * 1000 for seconds in rounds]
    print(f"{len(raws)} pages; Pipeline.prepare CPU ms/page: best {min(per_page):.2f} "
          f"(rounds: {', '.join(f'{ms:.2f}' for ms in per_page)})")


if __name__ == "__main__":
    main()
