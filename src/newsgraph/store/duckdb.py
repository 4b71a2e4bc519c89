"""The embedded DuckDB store: a table per record type keyed by article id, versioned, batch-atomic.

Every batch of articles is written in one transaction, so a crash (even ``kill -9``) loses at most
the batch in flight and never leaves an article half-stored.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.errors import NewsgraphError
from newsgraph.records import Article
from newsgraph.store.rows import article_rows, insert_rows, table_types
from newsgraph.store.schema import FIXED_TABLES, RECORD_TABLES

STORE_VERSION = 2
"""Bumped when a change needs more than new columns; MIGRATIONS[v] moves a store from v to v + 1."""

MIGRATIONS: dict[int, str] = {
    # 1 → 2: the ledger tables, which the named queries read (created by migrate with every missing
    # table); the bump makes a reader of an older store ask for `newsgraph db migrate` instead of failing
    1: "SELECT 1",
}
RECORD_TABLE_NAMES = ("articles", *(t.name for t in RECORD_TABLES))
ALL_TABLES = (*RECORD_TABLE_NAMES, *(n for n in FIXED_TABLES if n != "meta"))


class StoreError(NewsgraphError):
    """The store cannot be opened or used."""


class StoreBusy(StoreError):
    """Another process holds the store for writing right now (an ingest between its batches lets go)."""


_BUSY = "the store is busy: an ingest is writing to it; retry in a moment"


def _is_lock_conflict(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


@dataclass
class Copy:
    """A source an article was read from (an exact copy under another path or URL adds one)."""

    article_id: str
    source: str
    url: str | None = None
    seen_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class BatchResult:
    stored: int = 0
    duplicates: int = 0


def _table_types() -> dict[str, dict[str, str]]:
    return table_types()


class Store:
    """One DuckDB file. Open read-only for queries; the writer opens it read-write (one at a time)."""

    def __init__(self, path: str | Path, read_only: bool = False, migrate: bool = True) -> None:
        self.path = str(path)
        if Path(self.path).is_dir():  # a Parquet lake (engine/spark.py): read-only views over its datasets
            self._open_lake(read_only)
            return
        if read_only and not Path(self.path).exists():
            raise StoreError(self.path, "no such store (run `newsgraph ingest SOURCE --db PATH` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as error:
            if _is_lock_conflict(error):
                raise StoreBusy(self.path, _BUSY) from None
            # DuckDB's message can name the interpreter and a process id: only its first clause is kept
            first = str(error).splitlines()[0].split(": Conflicting")[0]
            raise StoreError(self.path, f"cannot open the store: {first}") from None
        if read_only or not migrate:
            self._check_version()
        else:
            self.migrate()

    def _open_lake(self, read_only: bool) -> None:
        from newsgraph.store import lake

        if not read_only:
            raise StoreError(self.path, "a Parquet lake is read-only here: write it with "
                                        "`newsgraph ingest SOURCES --engine spark --output DIR`")
        if lake.read_version(self.path) is None:
            raise StoreError(self.path, "a folder that is not a newsgraph lake (no _lake.json)")
        self.con = duckdb.connect()
        lake.attach(self.con, self.path)
        self._check_version()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -------------------------------------------------------------------------------
    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        found = self.version()
        if found != STORE_VERSION:
            raise StoreError(self.path, f"store version {found}, this newsgraph needs {STORE_VERSION}: "
                                        "open it once for writing (e.g. `newsgraph db migrate`)")

    def migrate(self) -> None:
        """Create missing tables, run numbered migrations, add columns new record fields need."""
        self.con.begin()
        found = self.version()
        for name, types in _table_types().items():
            cols = ", ".join(f'"{c}" {t}' for c, t in types.items())
            self.con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({cols})')
        for version in range(max(found, 1), STORE_VERSION):
            self.con.execute(MIGRATIONS[version])
        self._add_new_columns()
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", [str(STORE_VERSION)])
        self.con.commit()

    def _add_new_columns(self) -> None:
        for name, types in _table_types().items():
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]).fetchall()}
            for column, sql_type in types.items():
                if column not in have:
                    plain = sql_type.replace(" PRIMARY KEY", "")
                    self.con.execute(f'ALTER TABLE "{name}" ADD COLUMN "{column}" {plain}')

    # --- writing ------------------------------------------------------------------------------
    def known(self) -> tuple[set[str], set[str]]:
        """(article ids, sources and URLs) already stored: what an ingest skips before any NLP."""
        ids = {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}
        seen: set[str] = set()
        for source, url in self.con.execute("SELECT source, url FROM copies").fetchall():
            seen.add(source)
            if url:
                seen.add(url)
        return ids, seen

    def _insert(self, table: str, types: dict[str, str], rows: Sequence[Sequence[Any]]) -> None:
        insert_rows(self.con, table, types, rows)

    def _article_rows(self, articles: Sequence[Article]) -> None:
        rows = article_rows(articles, datetime.now(UTC))
        types = _table_types()
        for table, table_rows in rows.items():
            self._insert(table, types[table], table_rows)

    def write_batch(self, articles: Iterable[Article], copies: Iterable[Copy] = (),
                    errors: Iterable[tuple[str, str]] = ()) -> BatchResult:
        """Store a batch in ONE transaction; articles already stored (same id) only add a copy row."""
        articles, copies, errors = list(articles), list(copies), list(errors)
        result = BatchResult()
        self.con.begin()
        try:
            ids = [a.id for a in articles]
            present = {r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()} if ids else set()
            fresh: dict[str, Article] = {}
            for article in articles:
                if article.id in present or article.id in fresh:
                    result.duplicates += 1
                else:
                    fresh[article.id] = article
            self._article_rows(list(fresh.values()))
            result.stored = len(fresh)
            self._insert("copies", FIXED_TABLES["copies"], [[c.article_id, c.source, c.url, c.seen_at] for c in copies])
            stored_sources = {c.source for c in copies}
            self.clear_errors(stored_sources)  # stored now: an earlier failure is moved past
            self._write_errors([(s, r) for s, r in errors if s not in stored_sources])
            if fresh:  # the links no longer cover every article, until the next linking (even after a crash)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('links_stale', 'true')")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return result

    def _write_errors(self, errors: list[tuple[str, str]]) -> None:
        if not errors:
            return
        latest = dict(errors)  # one row per source: the latest reason
        self.con.execute("DELETE FROM errors WHERE list_contains(?, source)", [list(latest)])
        now = datetime.now(UTC)
        self._insert("errors", {"source": "VARCHAR", "reason": "VARCHAR", "at": "TIMESTAMPTZ"},
                     [[s, r, now] for s, r in latest.items()])

    def clear_errors(self, sources: Iterable[str]) -> None:
        """Forget earlier errors of sources that have now been stored."""
        sources = list(sources)
        if sources:
            self.con.execute("DELETE FROM errors WHERE list_contains(?, source)", [sources])

    def replace_links(self, links: Sequence[tuple[str, str, str, float]], stories: Sequence[Sequence[Any]],
                      threads: Sequence[Sequence[Any]] = (), facts: Sequence[Sequence[Any]] = ()) -> None:
        """Links, stories, event threads and story facts are recomputed over the whole store and swapped
        in atomically (a story row may leave out the trailing role, reason and tie)."""
        width = len(FIXED_TABLES["stories"])
        self.con.begin()
        try:
            for table in ("links", "stories", "event_threads", "story_facts"):
                self.con.execute(f"DELETE FROM {table}")
            self._insert("links", FIXED_TABLES["links"], [list(link) for link in links])
            self._insert("stories", FIXED_TABLES["stories"], [[*s, *[None] * (width - len(s))] for s in stories])
            self._insert("event_threads", FIXED_TABLES["event_threads"], [list(t) for t in threads])
            self._insert("story_facts", FIXED_TABLES["story_facts"], [list(f) for f in facts])
            self.con.execute("DELETE FROM meta WHERE key = 'links_stale'")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def links_stale(self) -> bool:
        """True when articles were stored after the links were last computed."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'links_stale'").fetchone()
        return bool(row and row[0] == "true")

    # --- reading ------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {name: int(self.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # type: ignore[index]
                for name in ALL_TABLES}

    def query(self, sql: str,
              params: Sequence[Any] | Mapping[str, Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a query (parameters by position, or by name for ``$name``)."""
        cursor = self.con.execute(sql, dict(params) if isinstance(params, Mapping) else list(params))
        names = [d[0] for d in cursor.description] if cursor.description else []
        return names, cursor.fetchall()

    def articles(self) -> list[Article]:
        """Every stored article, rebuilt from its full record."""
        return [Article.model_validate_json(record) for record in self.article_records()]

    def article_records(self) -> list[str]:
        """Every stored article's full record as JSON, in the order of ``articles``."""
        rows = self.con.execute("SELECT record FROM articles ORDER BY published NULLS LAST, id").fetchall()
        return [r[0] for r in rows]


def _open_waiting(path: str | Path, wait: float, **kwargs: bool) -> Store:
    """The store opened; while another process holds it, try again for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            return Store(path, **kwargs)
        except StoreBusy:
            if time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def open_for_reading(path: str | Path, wait: float = 5.0) -> Store:
    """Read-only, for one request or one query: waits out an ingest committing a batch."""
    return _open_waiting(path, wait, read_only=True)


def open_for_writing(path: str | Path, wait: float = 120.0, migrate: bool = False) -> Store:
    """For one batch or one linking: waits out the readers (each holds the store for one request)."""
    return _open_waiting(path, wait, read_only=False, migrate=migrate)
