"""The worker side of an ingest: read, clean, skip what is stored, parse once per batch, extract.

Each worker process builds one Pipeline (so the spaCy model loads once per process) and sends its
results back to the single writer; workers never touch the store.
"""

from __future__ import annotations

import gc
import resource
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from newsgraph.engine.budget import OverBudget, over_budget_reason, time_limit
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.files import read_path
from newsgraph.ingest.item import Item
from newsgraph.ingest.raw import RawDocument
from newsgraph.options import Options
from newsgraph.pipeline import Pipeline, parse_date
from newsgraph.records import Article


@dataclass
class Outcome:
    """What became of one item: a new article, a copy of a stored one, or an error."""

    kind: Literal["article", "copy", "error"]
    source: str
    url: str | None = None
    article: Article | None = None
    article_id: str | None = None
    reason: str | None = None


@dataclass
class BatchOutput:
    outcomes: list[Outcome]
    pid: int = 0
    peak_rss_mb: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage, for the benchmark
    cpu_seconds: float = 0.0  # CPU time this process used since its model was loaded


@dataclass
class WorkerState:
    pipeline: Pipeline
    known_ids: set[str] = field(default_factory=set)
    published_from_metadata: bool = False
    cpu_ready: float = 0.0


_STATE: WorkerState | None = None


def init_worker(options: Options, known_ids: set[str], published_from_metadata: bool) -> None:
    """Pool initializer: one Pipeline and model per process, loaded (and warmed up) before the first batch."""
    global _STATE
    _STATE = WorkerState(Pipeline(options), set(known_ids), published_from_metadata)
    _STATE.pipeline.warm_up()  # the model and every lazily loaded resource, now, not in the first batch
    # The model, gazetteer and word lists live as long as the process: left out of the garbage
    # collector's scans, which otherwise walk them again and again (about 10 ms per article).
    gc.freeze()
    _STATE.cpu_ready = time.process_time()


def _read(item: Item, options: Options) -> RawDocument:
    raw = item.raw if item.raw is not None else read_path(item.source, options.max_bytes)
    if item.url and not raw.url:
        raw.url = item.url
    return raw


def _prepare(item: Item, state: WorkerState) -> Article | Outcome:
    try:
        article, _ = state.pipeline.prepare(_read(item, state.pipeline.options))
    except NewsgraphError as error:
        return Outcome("error", item.source, item.url, reason=error.reason)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
        return Outcome("error", item.source, item.url, reason=f"internal error: {type(error).__name__}: {error}")
    meta = article.metadata
    if meta.published is None and state.published_from_metadata and item.archive_date:
        meta.published, meta.published_source = parse_date(item.archive_date), "archive-metadata"
    return article


def _annotate(pipeline: Pipeline, article: Article, doc: object, item: Item) -> Outcome:
    try:
        pipeline.annotate(article, doc)  # type: ignore[arg-type]
    except Exception as error:  # noqa: BLE001 - an extractor failing on one article skips that article
        return Outcome("error", item.source, item.url, reason=f"extraction failed: {type(error).__name__}: {error}")
    return Outcome("article", item.source, article.metadata.url or item.url, article=article, article_id=article.id)


def _over(item: Item, budget: float) -> Outcome:
    return Outcome("error", item.source, item.url, reason=over_budget_reason(budget))


def _parse(nlp: Any, texts: list[str], budget: float) -> list[Any]:
    """The Docs of the texts, parsed together; when the batch runs past its budget (one per text),
    each text again on its own, and None for a text that alone runs past its budget."""
    try:
        with time_limit(budget * len(texts)):
            return list(nlp.pipe(texts, batch_size=len(texts) or 1))
    except OverBudget:
        pass
    docs: list[Any] = []
    for text in texts:
        try:
            with time_limit(budget):
                docs.append(nlp(text))
        except OverBudget:
            docs.append(None)
    return docs


def process(items: list[Item], state: WorkerState, timings: dict[str, float] | None = None) -> list[Outcome]:
    """Outcomes in item order; stored texts are recognised by id before any NLP. Each document has
    ``options.time_budget`` seconds from reading to the last extractor; past it, it becomes an error."""
    timings = {} if timings is None else timings
    budget = state.pipeline.options.time_budget
    clock = time.process_time()
    outcomes: list[Outcome | None] = []
    todo: list[tuple[int, Article, Item]] = []
    spent: list[float] = []  # real seconds each document of todo has used so far
    for item in items:
        started = time.monotonic()
        try:
            with time_limit(budget):
                prepared = _prepare(item, state)
        except OverBudget:
            prepared = _over(item, budget)
        if isinstance(prepared, Outcome):
            outcomes.append(prepared)
        elif prepared.id in state.known_ids:
            outcomes.append(Outcome("copy", item.source, prepared.metadata.url or item.url, article_id=prepared.id))
        else:
            state.known_ids.add(prepared.id)
            todo.append((len(outcomes), prepared, item))
            outcomes.append(None)
            spent.append(time.monotonic() - started)
    clock = _tick(timings, "read_clean", clock)
    started = time.monotonic()
    texts = [a.body for _, a, _ in todo]
    docs = _parse(state.pipeline.nlp, texts, budget)
    parse_seconds, total_chars = time.monotonic() - started, sum(map(len, texts)) or 1
    clock = _tick(timings, "spacy", clock)
    for k, ((index, article, item), doc) in enumerate(zip(todo, docs, strict=True)):
        left = budget - spent[k] - parse_seconds * len(texts[k]) / total_chars  # its share of the batch's parse
        if doc is None or left <= 0:
            outcomes[index] = _over(item, budget)
            continue
        try:
            with time_limit(left):
                outcomes[index] = _annotate(state.pipeline, article, doc, item)
        except OverBudget:
            outcomes[index] = _over(item, budget)
    _tick(timings, "extract", clock)
    return [o for o in outcomes if o is not None]


def _tick(timings: dict[str, float], stage: str, since: float) -> float:
    """Add the CPU time since `since` to a stage (CPU, not wall: comparable on a busy machine)."""
    now = time.process_time()
    timings[stage] = timings.get(stage, 0.0) + now - since
    return now


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def process_batch(items: list[Item]) -> BatchOutput:
    """Pool entry point."""
    import os

    assert _STATE is not None, "init_worker was not called"
    timings: dict[str, float] = {}
    outcomes = process(items, _STATE, timings)
    return BatchOutput(outcomes, os.getpid(), peak_rss_mb(), timings, time.process_time() - _STATE.cpu_ready)
