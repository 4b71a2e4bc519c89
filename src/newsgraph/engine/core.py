"""The per-document core both engines share: raw document → Article or error → rows per table.

Nothing here touches a store. The local ingest (engine/local.py, through Store.write_batch) and the
Spark job (engine/spark.py, which writes Parquet parts) both turn documents into outcomes with
``worker.process`` and outcomes into table rows with ``table_rows``, so the two give the same rows.
The spaCy model is loaded once per worker process and cached at module level (``worker_state``):
it is never pickled or shipped to a task.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.engine.worker import Outcome, WorkerState
from newsgraph.ingest.item import Failure
from newsgraph.options import Options
from newsgraph.records import Article
from newsgraph.store.rows import Rows, article_rows, table_types

__all__ = ["Rows", "Sorted", "article_rows", "sort_outcomes", "table_types", "worker_state"]

@dataclass
class Sorted:
    """A batch's outcomes sorted for the tables: new articles, copy rows and errors."""

    articles: list[Article]
    copies: list[tuple[str, str, str | None]]  # (article id, source, url): every source stored or copied
    errors: list[tuple[str, str]]  # (source, reason)


def sort_outcomes(outcomes: Iterable[Outcome], failures: Iterable[Failure] = ()) -> Sorted:
    outcomes = list(outcomes)
    articles = [o.article for o in outcomes if o.kind == "article" and o.article is not None]
    copies = [(o.article_id, o.source, o.url) for o in outcomes if o.article_id]
    errors = [(o.source, o.reason or "unknown") for o in outcomes if o.kind == "error"]
    errors += [(f.source, f.reason) for f in failures]
    return Sorted(articles, copies, errors)


_STATES: dict[tuple[Any, ...], WorkerState] = {}


def worker_state(options: Options, published_from_metadata: bool) -> WorkerState:
    """This process's Pipeline for these options, built (model loaded, warmed up) on first use only."""
    from newsgraph.engine import worker

    key = (repr(options), published_from_metadata)
    state = _STATES.get(key)
    if state is None:
        worker.init_worker(options, set(), published_from_metadata)
        assert worker._STATE is not None
        state = _STATES[key] = worker._STATE
    return state
