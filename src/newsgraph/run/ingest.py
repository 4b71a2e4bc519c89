"""The ingest job: expand sources, skip what is stored, fan out to workers, write with one writer.

The writer (this process) commits each worker batch in one transaction; a crash loses at most the
batches in flight, and the same command run again picks up where it stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.walk import expand
from newsgraph.options import Options
from newsgraph.run.worker import BatchOutput, Outcome, WorkerState, init_worker, peak_rss_mb, process, process_batch
from newsgraph.store.duckdb import Copy, Store


@dataclass
class IngestReport:
    total: int = 0
    stored: int = 0
    skipped: int = 0  # source or URL already stored: not even read
    copies: int = 0  # same text as an article stored before or earlier in this run: not parsed
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # per worker process id
    timings: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage, summed over workers
    cpu_seconds: dict[int, float] = field(default_factory=dict)  # per worker process, since its model loaded

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.copies + len(self.errors)


@dataclass(frozen=True)
class IngestConfig:
    db: str
    workers: int = 1
    batch_size: int = 16
    published_from_metadata: bool = False
    options: Options = field(default_factory=Options)
    link: bool = True


Callback = Callable[[IngestReport, list[Outcome]], None]


def plan(sources: Iterable[str], seen: set[str], options: Options) -> tuple[list[Item], list[Failure], int]:
    """Items to process, sources that failed to open, and how many were skipped as already stored."""
    items: list[Item] = []
    failures: list[Failure] = []
    skipped = 0
    for entry in expand(sources, options.timeout, options.max_bytes):
        if isinstance(entry, Failure):
            failures.append(entry)
        elif entry.source in seen or (entry.url and entry.url in seen):
            skipped += 1
        else:
            items.append(entry)
    return items, failures, skipped


def _batches(items: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _results(config: IngestConfig, known_ids: set[str], items: list[Item]) -> Iterator[BatchOutput]:
    """Worker outputs in order: in-process for one worker, a process pool for more."""
    if config.workers <= 1:
        init_worker(config.options, known_ids, config.published_from_metadata)
        from newsgraph.run import worker

        state: WorkerState = worker._STATE  # type: ignore[assignment]
        for batch in _batches(items, config.batch_size):
            timings: dict[str, float] = {}
            outcomes = process(batch, state, timings)
            yield BatchOutput(outcomes, os.getpid(), peak_rss_mb(), timings, time.process_time() - state.cpu_ready)
        return
    # spawn, not fork: workers start clean, holding no copy of the writer's open DuckDB file
    context = multiprocessing.get_context("spawn")
    size = max(1, min(config.batch_size, -(-len(items) // (2 * config.workers))))  # keep every worker busy
    with context.Pool(config.workers, init_worker,
                      (config.options, known_ids, config.published_from_metadata)) as pool:
        yield from pool.imap(process_batch, _batches(items, size))


def write(store: Store, outcomes: list[Outcome], failures: list[Failure], report: IngestReport) -> None:
    """One transaction for the batch: new articles, copy rows, and the errors met."""
    articles = [o.article for o in outcomes if o.kind == "article" and o.article is not None]
    copies = [Copy(o.article_id, o.source, o.url) for o in outcomes if o.article_id]
    errors = [(o.source, o.reason or "unknown") for o in outcomes if o.kind == "error"]
    errors += [(f.source, f.reason) for f in failures]
    result = store.write_batch(articles, copies, errors)
    report.stored += result.stored
    report.copies += result.duplicates + sum(o.kind == "copy" for o in outcomes)
    report.errors.extend(errors)


def ingest(sources: Iterable[str], config: IngestConfig, on_batch: Callback | None = None,
           on_start: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Run the whole job; returns the counts. Already-stored sources are skipped before reading."""
    start = time.perf_counter()
    report = IngestReport()
    with Store(config.db) as store:
        known_ids, seen = store.known()
        items, failures, report.skipped = plan(sources, seen, config.options)
        report.total = len(items) + len(failures) + report.skipped
        if on_start:
            on_start(report)
        if failures:
            write(store, [], failures, report)
        for output in _results(config, known_ids, items):
            clock = time.process_time()
            write(store, output.outcomes, [], report)
            output.timings["store"] = time.process_time() - clock
            for stage, seconds in output.timings.items():
                report.timings[stage] = report.timings.get(stage, 0.0) + seconds
            report.peak_rss_mb[output.pid] = max(report.peak_rss_mb.get(output.pid, 0.0), output.peak_rss_mb)
            report.cpu_seconds[output.pid] = max(report.cpu_seconds.get(output.pid, 0.0), output.cpu_seconds)
            if on_batch:
                on_batch(report, output.outcomes)
        if config.link and report.stored:
            from newsgraph.link.stories import link_store

            link_store(store)
    report.seconds = time.perf_counter() - start
    return report
