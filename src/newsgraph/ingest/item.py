"""What the ingest readers produce: one document to process, read now or later by a worker."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.ingest.raw import RawDocument


@dataclass(frozen=True)
class Item:
    """One article to ingest. ``raw`` is None for a plain file: the worker reads it (in parallel)."""

    source: str  # path, URL or container#record: the identity used for skipping and in error reports
    raw: RawDocument | None = None
    url: str | None = None
    archive_date: str | None = None  # WARC-Date / file time: a publication date only on request


@dataclass(frozen=True)
class Failure:
    """A source that could not be read at all (reported, kept in the store's errors, skipped)."""

    source: str
    reason: str
