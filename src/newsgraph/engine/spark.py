"""The ingest job on Apache Spark: one task per input unit, each writing its own Parquet files.

The driver lists the sources into units (a WARC, JSON Lines or feed file is a unit; loose article
files are grouped, ``files_per_task`` to a unit), skips units the lake marks done, and runs the rest
with ``mapPartitions``-style tasks (Common Crawl's pattern: a task gets paths, not data). Each task
reads its unit with the same readers as the local ingest, turns documents into outcomes with the same
per-document core (``engine/core.py``: the model is loaded once per Python worker process, never
pickled), and writes the rows per table as Parquet files named after the unit (store/lake.py):
write-then-rename, then a done marker. A killed job rerun with the same command redoes only the
units without a marker, overwriting their files, so every record is in the lake exactly once. The
commitment ledger is then filed on the driver from all the lake's articles (``ledger.store.build_lake``).

The output folder must be one every executor can write to (a local path for ``local[N]``; a shared
file system on a cluster). pyspark is an optional extra: ``pip install 'newsgraph[spark]'``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.feeds import FEED_SUFFIXES
from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.jsonl import JSONL_SUFFIXES
from newsgraph.ingest.url import is_url
from newsgraph.ingest.walk import _paths, expand
from newsgraph.ingest.warc import WARC_SUFFIXES
from newsgraph.options import Options
from newsgraph.store import lake
from newsgraph.store.duckdb import STORE_VERSION
from newsgraph.store.rows import article_rows

FILES_PER_TASK = 64  # loose article files per unit
CHUNK = 2000  # documents per Parquet file within a unit (memory stays flat on a 1 GB WARC)
BATCH = 16  # documents parsed together, as in the local ingest
_CONTAINERS = WARC_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES


class SparkMissing(NewsgraphError):
    pass


@dataclass(frozen=True)
class Unit:
    """One task's input: a container file, a group of article files, or a URL. ``key`` names its parts."""

    key: str
    paths: tuple[str, ...]
    size: int = 0  # bytes, to start the largest units first

    @property
    def order(self) -> str:
        return self.paths[0]


def plan_units(sources: Iterable[str], files_per_task: int = FILES_PER_TASK) -> list[Unit]:
    """The sources as units, in the local ingest's order (folders and globs sorted)."""
    units: list[Unit] = []
    loose: list[str] = []

    def flush() -> None:
        if loose:
            size = sum(_size(p) for p in loose)
            units.append(Unit("\n".join(loose), tuple(loose), size))
            loose.clear()

    for source in sources:
        paths = None if is_url(source) else _paths(source)
        if paths is None:
            flush()
            units.append(Unit(source, (source,), _size(source)))
            continue
        for path in map(str, paths):
            if path.lower().endswith(_CONTAINERS):
                flush()
                units.append(Unit(path, (path,), _size(path)))
            else:
                loose.append(path)
                if len(loose) >= files_per_task:
                    flush()
        flush()
    return units


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


@dataclass
class UnitResult:
    part: str
    stored: int = 0
    copies: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    pid: int = 0
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0


def _entries(unit: Unit, options: Options) -> Iterator[Item | Failure]:
    """The unit's documents; a reader failing half-way ends the unit with one error, never the task."""
    try:
        yield from expand(unit.paths, options.timeout, options.max_bytes)
    except Exception as error:  # noqa: BLE001 - one bad input must not fail the task
        yield Failure(unit.paths[0], f"unreadable input: {type(error).__name__}: {error}")


def run_unit(unit: Unit, output: str, options: Options, published_from_metadata: bool = False,
             chunk: int = CHUNK) -> UnitResult:
    """Process one unit into the lake (skipped when already done). Runs in a Spark task, or anywhere."""
    from newsgraph.engine.core import sort_outcomes, worker_state
    from newsgraph.engine.worker import Outcome, peak_rss_mb, process

    part = lake.part_name(unit.key)
    result = UnitResult(part, pid=os.getpid())
    if (Path(output) / lake.DONE / f"{part}.json").exists():
        return result
    state = worker_state(options, published_from_metadata)
    state.known_ids = set()  # copies are found within the unit; across units when the lake is read
    cpu = time.process_time()
    pending: list[tuple[int, Outcome]] = []
    failures: list[Failure] = []
    position = 0
    items: list[tuple[int, Item]] = []

    def run_batch() -> None:
        outcomes = process([i for _, i in items], state)
        pending.extend(zip([p for p, _ in items], outcomes, strict=True))
        items.clear()

    def write() -> None:
        batch = sort_outcomes([o for _, o in pending], failures)
        positions = {id(o.article): p for p, o in pending if o.article is not None}
        now = datetime.now(UTC)
        rows = article_rows(batch.articles, now)
        for row, article in zip(rows["articles"], batch.articles, strict=True):
            row += [unit.order, positions[id(article)]]
        stored_sources = {source for _, source, _ in batch.copies}
        rows["copies"] = [[a, s, u, now] for a, s, u in batch.copies]
        latest = dict(batch.errors)  # one row per source, the latest reason (as the store keeps)
        rows["errors"] = [[s, r, now] for s, r in latest.items() if s not in stored_sources]
        lake.write_chunk(output, part, result.chunks, rows)
        result.chunks += 1
        result.stored += len(batch.articles)
        result.copies += sum(o.kind == "copy" for _, o in pending)
        result.errors.extend((s, r) for s, r in latest.items() if s not in stored_sources)
        pending.clear()
        failures.clear()

    for entry in _entries(unit, options):
        if isinstance(entry, Failure):
            failures.append(entry)
        else:
            items.append((position, entry))
            if len(items) >= BATCH:
                run_batch()
        position += 1
        if len(pending) + len(failures) >= chunk:
            write()
    if items:
        run_batch()
    if pending or failures or result.chunks == 0:
        write()
    lake.finish(output, part, unit.key, result.chunks,
                {"stored": result.stored, "copies": result.copies, "errors": len(result.errors)})
    result.peak_rss_mb = peak_rss_mb()
    result.cpu_seconds = time.process_time() - cpu
    return result


def _run_partition(rows: Iterable[Unit], output: str, options: Options,
                   published_from_metadata: bool) -> Iterator[UnitResult]:
    for unit in rows:
        yield run_unit(unit, output, options, published_from_metadata)


def spark_session(master: str, app: str = "newsgraph"):  # type: ignore[no-untyped-def]
    """A Spark session (pyspark must be installed: the `spark` extra; Java is the user's)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkMissing("--engine spark", "pyspark is not installed: pip install 'newsgraph[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this interpreter (local mode)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.python.worker.reuse", "true")  # one model load per Python worker, kept
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", _partitions(master))
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.memory", os.environ.get("NEWSGRAPH_SPARK_DRIVER_MEMORY", "2g")))
    try:
        session = builder.getOrCreate()
    except Exception as error:  # noqa: BLE001 - no Java, bad master URL: one line
        raise NewsgraphError("--engine spark", f"cannot start Spark ({master}): "
                                               f"{' '.join(str(error).split())[:300]}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def _partitions(master: str) -> str:
    """Shuffle partitions: a few per core in local mode (Spark's 200 are for clusters)."""
    if "NEWSGRAPH_SPARK_PARTITIONS" in os.environ:
        return os.environ["NEWSGRAPH_SPARK_PARTITIONS"]
    if master.startswith("local"):
        inside = master[master.find("[") + 1:master.find("]")] if "[" in master else "1"
        first = inside.split(",")[0]
        cores = (os.cpu_count() or 2) if first == "*" or not first.isdigit() else int(first)
        return str(max(4, 4 * cores))
    return "200"


@dataclass
class SparkReport:
    units: int = 0
    skipped_units: int = 0
    stored: int = 0
    copies: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)


def ingest_spark(sources: list[str], output: str, master: str = "local[2]", options: Options | None = None,
                 published_from_metadata: bool = False, files_per_task: int = FILES_PER_TASK) -> SparkReport:
    """Ingest the sources into the lake at ``output`` on Spark; units already done are skipped."""
    start = time.perf_counter()
    options = options or Options()
    lake.create(output, STORE_VERSION)
    units = plan_units(sources, files_per_task)
    done = lake.done_parts(output)
    todo = sorted((u for u in units if lake.part_name(u.key) not in done), key=lambda u: -u.size)
    report = SparkReport(units=len(units), skipped_units=len(units) - len(todo))
    if todo:
        session = spark_session(master, "newsgraph-ingest")
        out = os.path.abspath(output)
        rdd = session.sparkContext.parallelize(todo, len(todo))
        results: list[UnitResult] = rdd.mapPartitions(
            lambda rows: _run_partition(rows, out, options, published_from_metadata)).collect()
        for r in results:
            report.stored += r.stored
            report.copies += r.copies
            report.errors.extend(r.errors)
            report.peak_rss_mb[r.pid] = max(report.peak_rss_mb.get(r.pid, 0.0), r.peak_rss_mb)
    if todo or lake.ledger_stale(output):  # the commitment ledger, as the local ingest updates it
        from newsgraph.ledger.store import build_lake

        build_lake(output)
    report.seconds = time.perf_counter() - start
    return report


def spark_available() -> str | None:
    """None when Spark can run here, else why not (for tests and the benchmark)."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'newsgraph[spark]')"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime (java not on PATH and JAVA_HOME unset)"
    return None


def result_summary(report: SparkReport) -> dict[str, Any]:
    return {"units": report.units, "skipped_units": report.skipped_units, "stored": report.stored,
            "copies": report.copies, "errors": len(report.errors), "seconds": round(report.seconds, 2)}
