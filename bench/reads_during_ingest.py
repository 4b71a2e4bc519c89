"""Reads during an ingest: how many API requests answer 200 while `newsgraph ingest` writes to the store.

Builds a corpus of --n articles (the aeb pages repeated with a per-copy token, as bench/ingest.py does),
starts `newsgraph serve` on an empty store and `newsgraph ingest DIR --workers W` into it, and meanwhile
reads the API in a loop (articles, quotes, info, one article, the article list page) until the ingest
is done. Reports the share of 200s, the status codes met, latency percentiles, the ingest time, and the
spells of failed reads (seconds since the ingest started), which show which phase held the store (the
batches throughout, or the linking at the end).

    python bench/reads_during_ingest.py [--n 2000] [--workers 2] [--rate 10] [--busy-wait 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import AEB, english_pages, make_corpus  # noqa: E402

from newsgraph.store.duckdb import Store  # noqa: E402

PATHS = ["/api/articles?limit=5", "/api/quotes?limit=5", "/api/info", "/", "/api/stories"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/info", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not come up")


def read_while(base: str, ingest: subprocess.Popen, rate: float,
               started: float) -> tuple[Counter, list[float], list[tuple[float, object]]]:
    """GET the paths in turn, `rate` per second, until the ingest process ends."""
    statuses: Counter = Counter()
    latencies: list[float] = []
    timeline: list[tuple[float, object]] = []  # (seconds since the ingest started, status) of each read
    with httpx.Client(base_url=base, timeout=30) as client:
        i = 0
        while ingest.poll() is None:
            path = PATHS[i % len(PATHS)]
            i += 1
            sent = time.monotonic()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            latencies.append(time.monotonic() - sent)
            statuses[status] += 1
            timeline.append((sent - started, status))
            time.sleep(max(0.0, 1 / rate - (time.monotonic() - sent)))
    return statuses, latencies, timeline


def failed_spells(timeline: list[tuple[float, object]]) -> list[dict[str, float | int]]:
    """Runs of consecutive reads that did not answer 200: when they began and ended, and how many."""
    spells: list[dict[str, float | int]] = []
    previous_failed = False
    for at, status in timeline:
        failed = status != 200
        if failed and previous_failed:
            spells[-1].update(end_s=round(at, 1), reads=int(spells[-1]["reads"]) + 1)
        elif failed:
            spells.append({"start_s": round(at, 1), "end_s": round(at, 1), "reads": 1})
        previous_failed = failed
    return spells


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=10.0, help="reads per second")
    parser.add_argument("--busy-wait", type=float, default=5.0, help="the server's wait for a busy store (s)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "news.duckdb"
        folder.mkdir()
        make_corpus(english_pages(sorted(AEB.glob("*.html.gz"))), args.n, folder)
        Store(db).close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        serve = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port),
                 "--busy-wait", str(args.busy_wait)]
        server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(base)
            started = time.monotonic()
            ingest = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db),
                                       "--workers", str(args.workers)], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True)
            statuses, latencies, timeline = read_while(base, ingest, args.rate, started)
            ingest_seconds = time.monotonic() - started
            summary = (ingest.stderr.read() if ingest.stderr else "").strip().splitlines()
        finally:
            server.terminate()
            server.wait()
    reads = sum(statuses.values())
    ms = {"p50": round(1000 * percentile(latencies, 0.5)), "p95": round(1000 * percentile(latencies, 0.95)),
          "max": round(1000 * max(latencies, default=0))}
    result = {"articles": args.n, "workers": args.workers, "busy_wait_s": args.busy_wait,
              "ingest_seconds": round(ingest_seconds, 1),
              "ingest_summary": summary[:1], "reads": reads,
              "ok_share": round(statuses[200] / reads, 4) if reads else None,
              "statuses": {str(k): v for k, v in statuses.items()}, "latency_ms": ms,
              "failed_spells": failed_spells(timeline)}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")


if __name__ == "__main__":
    main()
