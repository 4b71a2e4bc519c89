"""The ingest job on one machine: stream the sources, skip what is stored, fan out to worker
processes, write each batch with one short transaction, link when done.

Sources are read lazily and only a few batches are in flight at once, so memory stays flat
however large the input. The writer holds the store only while it commits a batch (and while it
writes the links at the end), so readers (``newsgraph serve``, queries) get in between. A crash
loses at most the batches in flight, and the same command run again picks up where it stopped;
links left stale by a crash are recomputed by that next run even when it stores nothing new.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.engine.core import sort_outcomes
from newsgraph.engine.worker import (
    BatchOutput,
    Outcome,
    WorkerState,
    init_worker,
    peak_rss_mb,
    process,
    process_batch,
)
from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.walk import expand
from newsgraph.options import Options
from newsgraph.store.duckdb import Copy, open_for_writing


@dataclass
class IngestReport:
    total: int = 0  # documents met so far (known in full only at the end: sources are streamed)
    stored: int = 0
    skipped: int = 0  # source or URL already stored: not even read
    copies: int = 0  # same text as an article stored before or earlier in this run: not parsed
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    linked: bool = False
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


def _batches(entries: Iterable[Item | Failure], seen: set[str], report: IngestReport,
             size: int) -> Iterator[tuple[list[Item], list[Failure]]]:
    """The sources as batches of items to process, with the sources that failed to open; sources
    already stored are counted as skipped and left out."""
    items: list[Item] = []
    failures: list[Failure] = []
    for entry in entries:
        report.total += 1
        if isinstance(entry, Failure):
            failures.append(entry)
        elif entry.source in seen or (entry.url and entry.url in seen):
            report.skipped += 1
        else:
            items.append(entry)
        if len(items) >= size or len(failures) >= size:
            yield items, failures
            items, failures = [], []
    if items or failures:
        yield items, failures


def _in_process(config: IngestConfig, known_ids: set[str],
                batches: Iterator[tuple[list[Item], list[Failure]]]) -> Iterator[tuple[BatchOutput, list[Failure]]]:
    init_worker(config.options, known_ids, config.published_from_metadata)
    from newsgraph.engine import worker

    state: WorkerState = worker._STATE  # type: ignore[assignment]
    for items, failures in batches:
        timings: dict[str, float] = {}
        outcomes = process(items, state, timings)
        yield BatchOutput(outcomes, os.getpid(), peak_rss_mb(), timings,
                          time.process_time() - state.cpu_ready), failures


def _in_pool(config: IngestConfig, known_ids: set[str],
             batches: Iterator[tuple[list[Item], list[Failure]]]) -> Iterator[tuple[BatchOutput, list[Failure]]]:
    """Batches handed to worker processes in order, at most two per worker in flight (Pool.imap would
    read the whole input ahead)."""
    # spawn, not fork: workers start clean, holding no copy of the writer's open DuckDB file
    context = multiprocessing.get_context("spawn")
    with context.Pool(config.workers, init_worker, (config.options, known_ids, config.published_from_metadata)) as pool:
        pending: deque = deque()
        for items, failures in batches:
            pending.append((pool.apply_async(process_batch, (items,)), failures))
            if len(pending) >= 2 * config.workers:
                result, failed = pending.popleft()
                yield result.get(), failed
        while pending:
            result, failed = pending.popleft()
            yield result.get(), failed


def write(config: IngestConfig, outcomes: list[Outcome], failures: list[Failure], report: IngestReport) -> None:
    """One short transaction for the batch (new articles, copy rows, the errors met); the store is
    opened for it and closed after, so readers can get in between batches."""
    batch = sort_outcomes(outcomes, failures)  # the same core the Spark job uses (engine/core.py)
    articles, errors = batch.articles, batch.errors
    copies = [Copy(article_id, source, url) for article_id, source, url in batch.copies]
    if not (articles or copies or errors):
        return
    with open_for_writing(config.db) as store:
        result = store.write_batch(articles, copies, errors)
    report.stored += result.stored
    report.copies += result.duplicates + sum(o.kind == "copy" for o in outcomes)
    report.errors.extend(errors)


def ingest(sources: Iterable[str], config: IngestConfig, on_batch: Callback | None = None,
           on_start: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Run the whole job; returns the counts. Already-stored sources are skipped before reading."""
    start = time.perf_counter()
    report = IngestReport()
    with open_for_writing(config.db, migrate=True) as store:  # creates or migrates the store, then lets it go
        known_ids, seen = store.known()
    if on_start:
        on_start(report)
    options = config.options
    batches = _batches(expand(sources, options.timeout, options.max_bytes), seen, report, config.batch_size)
    run = _in_process if config.workers <= 1 else _in_pool
    for output, failures in run(config, known_ids, batches):
        clock = time.process_time()
        write(config, output.outcomes, failures, report)
        output.timings["store"] = time.process_time() - clock
        for stage, seconds in output.timings.items():
            report.timings[stage] = report.timings.get(stage, 0.0) + seconds
        report.peak_rss_mb[output.pid] = max(report.peak_rss_mb.get(output.pid, 0.0), output.peak_rss_mb)
        report.cpu_seconds[output.pid] = max(report.cpu_seconds.get(output.pid, 0.0), output.cpu_seconds)
        if on_batch:
            on_batch(report, output.outcomes)
    if config.link:
        from newsgraph.link.stories import link_if_stale

        report.linked = link_if_stale(config.db)
    from newsgraph.ledger.store import update as update_ledger

    update_ledger(config.db)  # files only the articles stored since the last update
    report.seconds = time.perf_counter() - start
    return report

