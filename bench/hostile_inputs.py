"""Hostile inputs to the readers (issue #21): memory of a large JSON Lines gzip, and how long a
server that drips one byte at a time can hold a fetch.

jsonl: writes a .jsonl.gz of --jsonl-mb MB (uncompressed; random words, so it compresses about
3:1 like real text) and reads every record with ``read_jsonl`` in a fresh process; reports that
process's RSS after importing newsgraph and its peak RSS.

drip: a local server that sends a page one byte every --drip-every seconds (each read within the
per-read timeout); reports how long ``fetch_url`` took to give up with the per-read timeout
--timeout and the total deadline --deadline.

    python bench/hostile_inputs.py [--jsonl-mb 64] [--timeout 2] [--deadline 6] [--drip-every 0.5]

To compare with an older tree, run it with PYTHONPATH pointing at that tree's src (the older
``fetch_url`` has no ``deadline``: the drip then runs until the page ends, capped by --drip-cap).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import inspect
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TEXT = "The council approved the new budget on Monday after a long debate about schools and roads. "

_CHILD = """
import resource, sys
import newsgraph.ingest.jsonl as jsonl
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = sum(1 for entry in jsonl.read_jsonl(sys.argv[1]) if type(entry).__name__ == "Item")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, base / 1024, peak / 1024)
"""


def jsonl_memory(megabytes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jsonl.gz"
        rng = random.Random(21)
        words = TEXT.split() + [f"w{n}" for n in range(2_000)]
        written, n = 0, 0
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
            while written < megabytes * 1_000_000:
                line = json.dumps({"url": f"https://x.org/{n}", "text": " ".join(rng.choices(words, k=1_500))})
                out.write(line + "\n")
                written, n = written + len(line) + 1, n + 1
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
        count, base, peak = proc.stdout.split()
        return {"records": int(count), "gzip_mb": round(path.stat().st_size / 1e6, 2),
                "uncompressed_mb": round(written / 1e6, 1), "rss_after_import_mb": round(float(base), 1),
                "peak_rss_mb": round(float(peak), 1)}


def drip_time(timeout: float, deadline: float, every: float, cap: float) -> dict[str, object]:
    from newsgraph.errors import InputError
    from newsgraph.ingest.url import fetch_url

    size = int(cap / every) + 10

    class Drip(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            try:
                for _ in range(size):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(every)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["NEWSGRAPH_ALLOW_PRIVATE_FETCH"] = "1"
    kwargs: dict[str, float] = {"timeout": timeout}
    if "deadline" in inspect.signature(fetch_url).parameters:
        kwargs["deadline"] = deadline
    start = time.monotonic()
    try:
        fetch_url(f"http://127.0.0.1:{server.server_address[1]}/drip", **kwargs)  # type: ignore[arg-type]
        outcome = "fetched"
    except InputError as error:
        outcome = error.reason
    elapsed = time.monotonic() - start
    server.shutdown()
    return {"seconds": round(elapsed, 1), "outcome": outcome, "timeout": timeout,
            "deadline": kwargs.get("deadline"), "byte_every_s": every}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jsonl-mb", type=int, default=64)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--deadline", type=float, default=6.0)
    parser.add_argument("--drip-every", type=float, default=0.5)
    parser.add_argument("--drip-cap", type=float, default=30.0, help="seconds the drip lasts at most")
    args = parser.parse_args()
    print(json.dumps({"jsonl": jsonl_memory(args.jsonl_mb),
                      "drip": drip_time(args.timeout, args.deadline, args.drip_every, args.drip_cap)}, indent=2))


if __name__ == "__main__":
    main()
