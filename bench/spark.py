"""The Spark engine against the local one: ingest on a WARC set, linking on synthetic corpora.

ingest: a WARC set built from the aeb pages in ../shared/data (repeated, each copy perturbed so its
text, and so its id, is new: every record is parsed), split into WARC files of ``--per-warc``
records; ``newsgraph ingest --workers 2`` (DuckDB store) and ``newsgraph ingest --engine spark
--master local[2]`` (Parquet lake) run as commands on the same cores, without linking; every table is
compared (write-time columns left out), with wall time and the peak memory of each command's whole
process tree (sampled every 0.2 s: workers, JVM and Python workers included).

link: synthetic corpora (stories told by several outlets: near-duplicate copies with a paragraph
dropped and furniture added, rewrites with sentences reordered and words swapped, and unrelated
articles) written straight into a lake (no NLP), then ``link/sql.py`` on DuckDB and on Spark
local[2]: time, peak memory, and whether the two link sets are the same.

    python bench/spark.py ingest --records 2000
    python bench/spark.py link --sizes 10000 100000 [--spark-only 1000000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "data" / "aeb" / "html"
WORK = Path(os.environ.get("NEWSGRAPH_BENCH_DIR", "/tmp/newsgraph-bench-spark"))


# --- measuring ----------------------------------------------------------------------------------
def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process tree, exit code) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode:
        sys.stderr.write(err[-2000:])
    return time.perf_counter() - start, peak, proc.returncode


def _python_env() -> dict[str, str]:
    return {"PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}


# --- ingest -------------------------------------------------------------------------------------
def build_warcs(folder: Path, records: int, per_warc: int, seed: int = 7) -> list[str]:
    """WARC files holding `records` pages: the aeb pages in turn, copy k with " (k)" added to every
    paragraph, so its text is new."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted(AEB.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {AEB}")
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, records, per_warc):
        path = folder / f"set-{start // per_warc:04d}.warc.gz"
        paths.append(str(path))
        with open(path, "wb") as out:
            writer = WARCWriter(out, gzip=True)
            for n in range(start, min(records, start + per_warc)):
                k, html = divmod(n, len(htmls))
                html = htmls[html]
                body = html if k == 0 else re.sub(r"</p>", f" ({k})</p>", html, flags=re.I)
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.0")
                url = f"https://news{n % 37}.example/a/{n}"
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=BytesIO(body.encode("utf-8")), http_headers=headers))
    return paths


def bench_ingest(args: argparse.Namespace) -> dict:
    work = WORK / f"ingest-{args.records}"
    if args.compare_only:
        return compare(work)
    shutil.rmtree(work, ignore_errors=True)
    warcs = build_warcs(work / "warcs", args.records, args.per_warc)
    cli = [sys.executable, "-m", "newsgraph.cli"]
    local_s, local_mb, rc1 = measured(cli + ["ingest", *warcs, "--workers", "2", "--db", str(work / "local.duckdb"),
                                              "--no-link"], _python_env())
    spark_s, spark_mb, rc2 = measured(cli + ["ingest", *warcs, "--engine", "spark", "--master", "local[2]",
                                              "--output", str(work / "lake"), "--no-link"], _python_env())
    result: dict = {"records": args.records, "warc_files": len(warcs), "local_rc": rc1, "spark_rc": rc2,
                    "local_workers2_s": round(local_s, 1), "spark_local2_s": round(spark_s, 1),
                    "ratio": round(spark_s / local_s, 3), "local_peak_mb": round(local_mb),
                    "spark_peak_mb": round(spark_mb)}
    print(json.dumps(result), flush=True)  # the timings, before the (slow) comparison
    if rc1 == 0 and rc2 == 0:
        result |= compare(work)
    return result


def compare(work: Path) -> dict:
    """Every table of the local store against the lake's, write-time columns left out."""
    from newsgraph.store.duckdb import Store
    from newsgraph.store.lake import snapshot

    differ = []
    with Store(work / "local.duckdb", read_only=True) as a, Store(work / "lake", read_only=True) as b:
        counts = a.counts()
        for table in counts:
            if table in ("links", "stories"):
                continue
            if snapshot(a.con, table) != snapshot(b.con, table):
                differ.append(table)
    return {"counts": {k: v for k, v in counts.items() if k not in ("links", "stories")},
            "tables_identical": not differ, "tables_differing": differ}


# --- link ---------------------------------------------------------------------------------------
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "sun", "mar", "ti", "bel", "gor", "an", "est",
              "qui", "nor", "fa", "lek", "zu", "par", "om", "sil", "tre"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic_articles(n: int, seed: int = 11):  # type: ignore[no-untyped-def]
    """n articles: stories of 1 to 4 tellings (the original, near-duplicate copies, rewrites)."""
    from newsgraph.pipeline import article_id
    from newsgraph.records import Article, Metadata

    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20000)
    weights = [1 / (i + 1) for i in range(len(vocab))]
    start = date(2024, 1, 1)
    made = 0
    story = 0
    while made < n:
        story += 1
        sentences = [" ".join(rng.choices(vocab, weights, k=rng.randint(12, 22))).capitalize() + "."
                     for _ in range(rng.randint(8, 14))]
        figures = [str(rng.randint(100, 99999)) for _ in range(3)]
        sentences[1] = sentences[1][:-1] + f" {figures[0]} and {figures[1]}."
        day = start + timedelta(days=rng.randint(0, 360))
        tellings = ["original"] + rng.choices(["copy", "rewrite"], k=rng.choice([0, 0, 1, 2, 3]))
        for k, kind in enumerate(tellings):
            if made >= n:
                break
            if kind == "original":
                text = sentences
            elif kind == "copy":
                text = [s for i, s in enumerate(sentences) if i != rng.randrange(len(sentences))]
                text = text + ["Share this article with your friends and follow us for more news."]
            else:
                text = sentences[:]
                rng.shuffle(text)
                text = [" ".join(rng.choice(vocab) if rng.random() < 0.25 else w for w in s.split()) for s in text]
            body = "\n\n".join(" ".join(text[i:i + 3]) for i in range(0, len(text), 3))
            url = f"https://outlet{rng.randrange(60)}.example/{story}/{k}"
            published = day + timedelta(days=rng.randint(0, 2) if k else 0)
            made += 1
            yield Article(id=article_id(body), source=url, body=body,
                          fetched_at=datetime(2024, 12, 31, tzinfo=UTC),
                          metadata=Metadata(url=url, published=published))


def write_synthetic_lake(lake_dir: Path, n: int, per_part: int = 5000) -> None:
    from newsgraph.store import lake
    from newsgraph.store.duckdb import STORE_VERSION
    from newsgraph.store.rows import article_rows

    shutil.rmtree(lake_dir, ignore_errors=True)
    lake.create(lake_dir, STORE_VERSION)
    batch = []
    now = datetime(2025, 1, 1, tzinfo=UTC)
    part_no = 0

    def flush() -> None:
        nonlocal part_no
        key = f"synthetic-{n}-{part_no}"
        part = lake.part_name(key)
        rows = article_rows(batch, now)
        for pos, row in enumerate(rows["articles"]):
            row += [key, pos]
        rows["copies"] = [[a.id, a.source, a.source, now] for a in batch]
        lake.write_chunk(lake_dir, part, 0, rows)
        lake.finish(lake_dir, part, key, 1, {"stored": len(batch)})
        part_no += 1
        batch.clear()

    for article in synthetic_articles(n):
        batch.append(article)
        if len(batch) >= per_part:
            flush()
    if batch:
        flush()


_LINK_RUN = """
import json, sys, time
from newsgraph.link.sql import link_at_scale
start = time.perf_counter()
result = link_at_scale(sys.argv[1], sys.argv[2], "local[2]")
kinds = {}
for _, _, kind, _ in result.rows:
    kinds[kind] = kinds.get(kind, 0) + 1
json.dump({"seconds": time.perf_counter() - start, "links": result.links, "stories": result.stories,
           "kinds": kinds, "rows": result.rows}, open(sys.argv[3], "w"))
"""


def bench_link(args: argparse.Namespace) -> list[dict]:
    out = []
    for n, engines in [(n, ("duckdb", "spark")) for n in args.sizes] + [(n, ("spark",)) for n in args.spark_only]:
        lake_dir = WORK / f"lake-{n}"
        t0 = time.perf_counter()
        write_synthetic_lake(lake_dir, n)
        row: dict = {"docs": n, "build_s": round(time.perf_counter() - t0, 1)}
        results = {}
        for engine in engines:
            target = WORK / f"links-{n}-{engine}.json"
            wall, peak, rc = measured([sys.executable, "-c", _LINK_RUN, str(lake_dir), engine, str(target)],
                                      _python_env())
            row[f"{engine}_rc"] = rc
            row[f"{engine}_s"] = round(wall, 1)
            row[f"{engine}_peak_mb"] = round(peak)
            if rc == 0:
                data = json.loads(target.read_text())
                results[engine] = data["rows"]
                row[f"{engine}_links"] = data["kinds"]
                row[f"{engine}_stories"] = data["stories"]
        if len(results) == 2:
            row["same_links"] = results["duckdb"] == results["spark"]
        out.append(row)
        print(json.dumps(row), flush=True)
    return out


def bench_local_linker(n: int) -> dict:
    """The SQL links (DuckDB run of `link`) against the local in-memory linker on the same lake."""
    from newsgraph.link.stories import find_links
    from newsgraph.store.duckdb import Store

    with Store(WORK / f"lake-{n}", read_only=True) as store:
        articles = store.articles()
    start = time.perf_counter()
    local = {(*sorted((x.a, x.b)), x.kind) for x in find_links(articles)}
    seconds = time.perf_counter() - start
    rows = json.loads((WORK / f"links-{n}-duckdb.json").read_text())["rows"]
    sql = {(*sorted((a, b)), kind) for a, b, kind, _ in rows}
    return {"docs": n, "local_linker_s": round(seconds, 1), "local_links": len(local), "sql_links": len(sql),
            "both": len(local & sql), "only_local": len(local - sql), "only_sql": len(sql - local)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="part", required=True)
    ingest = sub.add_parser("ingest")
    ingest.add_argument("--records", type=int, default=2000)
    ingest.add_argument("--per-warc", type=int, default=100)
    ingest.add_argument("--compare-only", action="store_true", help="compare the tables of the last run")
    link = sub.add_parser("link")
    link.add_argument("--sizes", type=int, nargs="*", default=[10000, 100000])
    link.add_argument("--spark-only", type=int, nargs="*", default=[])
    link.add_argument("--against-local", type=int, default=0,
                      help="compare the SQL links of the lake of this size (already linked) with the local linker")
    args = parser.parse_args(argv)
    from newsgraph.engine.spark import spark_available

    why = spark_available()
    if why:
        raise SystemExit(f"Spark cannot run here: {why}")
    if args.part == "link" and args.against_local:
        result: object = bench_local_linker(args.against_local)
    else:
        result = bench_ingest(args) if args.part == "ingest" else bench_link(args)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
