"""The ledger tables: written after the articles are stored, read by the ``ledger`` query.

``update(db)`` files the articles stored since the last update (those not in ``ledger_articles``)
into the entries they touch, and rewrites only those entries' rows; ``rebuild(db)`` starts over.
An entry is kept whole as JSON (``ledger_entries.record``) beside flat rows for SQL (statements,
outcomes, changes), so the list query can work out a status as of any date.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from newsgraph.extract.commitments.dates import due_date
from newsgraph.ledger import terms
from newsgraph.ledger.entries import Ledger, Signature, happened, refresh
from newsgraph.ledger.model import LedgerEntry
from newsgraph.ledger.statements import outcome_candidates, statements
from newsgraph.records import Article
from newsgraph.store.duckdb import Store, open_for_reading, open_for_writing
from newsgraph.store.schema import FIXED_TABLES

TABLES = {name: FIXED_TABLES[name] for name in FIXED_TABLES if name.startswith("ledger_")}


def _rows(entry: LedgerEntry) -> dict[str, list[list[Any]]]:
    dated = [s for s in entry.statements if s.due_date]
    pubs = [s.published for s in entry.statements if s.published]
    head = [entry.id, entry.action, entry.actor, entry.what, entry.deadline, entry.first_deadline,
            min(pubs) if pubs else None, max(pubs) if pubs else None, dated[0].due_date if dated else None,
            json.dumps(entry.terms), json.dumps(sorted(terms.qualifiers(" ".join(s.text for s in entry.statements)))),
            json.dumps(sorted({s.due_date.isoformat() for s in dated if s.due_date})), entry.model_dump_json()]
    statements = [[entry.id, i, s.article_id, s.published, s.deadline, s.due_date, s.source, s.anonymous, s.modality,
                   s.start, s.end, s.text] for i, s in enumerate(entry.statements)]
    outcomes = [[entry.id, i, o.article_id, o.published, o.kind, o.date,
                 happened(o), o.new_deadline,
                 due_date(o.new_deadline), o.start, o.end, o.text] for i, o in enumerate(entry.outcomes)]
    changes = [[entry.id, i, c.kind, c.on, entry.statements[c.from_statement].article_id,
                entry.statements[c.to_statement].article_id, c.note] for i, c in enumerate(entry.changes)]
    return {"ledger_entries": [head], "ledger_statements": statements, "ledger_outcomes": outcomes,
            "ledger_changes": changes}


def write_entries(store: Store, entries: Iterable[LedgerEntry], filed: Iterable[str]) -> None:
    """Replace the rows of these entries and mark the articles filed (call inside a transaction)."""
    entries = list(entries)
    ids = [e.id for e in entries]
    if ids:
        store.con.execute("DELETE FROM ledger_entries WHERE list_contains(?, id)", [ids])
        for table in ("ledger_statements", "ledger_outcomes", "ledger_changes"):
            store.con.execute(f"DELETE FROM {table} WHERE list_contains(?, entry_id)", [ids])
    rows: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    for entry in entries:
        for table, part in _rows(entry).items():
            rows[table] += part
    rows["ledger_articles"] = [[a] for a in filed]
    for table, part in rows.items():
        store._insert(table, TABLES[table], part)


def _load(store: Store, ids: Iterable[str]) -> list[LedgerEntry]:
    ids = list(ids)
    if not ids:
        return []
    rows = store.con.execute("SELECT record FROM ledger_entries WHERE list_contains(?, id)", [ids]).fetchall()
    return [LedgerEntry.model_validate_json(r[0]) for r in rows]


def _unfiled(store: Store) -> list[Article]:
    rows = store.con.execute("""
        SELECT record FROM articles a WHERE NOT EXISTS (SELECT 1 FROM ledger_articles l WHERE l.article_id = a.id)
        ORDER BY published NULLS LAST, id""").fetchall()
    return [Article.model_validate_json(r[0]) for r in rows]


class _LazyLedger(Ledger):
    """A ledger that holds every entry's signature but loads an entry's record only when touched."""

    def __init__(self, store: Store, actions: Iterable[str]) -> None:
        super().__init__()
        self.store = store
        rows = store.con.execute(
            "SELECT id, action, terms, first_published, last_published, first_due, qualifiers, dues "
            "FROM ledger_entries WHERE list_contains(?, action)", [sorted(actions)]).fetchall()
        for key, action, names, first, last, first_due, quals, dues in rows:
            self.remember(Signature(key, action, Counter(json.loads(names)), set(json.loads(quals)),
                                    first, last, first_due, {date.fromisoformat(d) for d in json.loads(dues)}))
        self.entries = _Loader(store)


class _Loader(dict[str, LedgerEntry]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: str) -> LedgerEntry:
        found = _load(self.store, [key])
        if not found:
            raise KeyError(key)
        self[key] = found[0]
        return found[0]


def update(db: str, as_of: date | None = None) -> int:
    """File the articles stored since the last update; returns how many entries changed. The entries are
    worked out on a read-only view of the store, so readers (the server) wait only for the write."""
    with open_for_reading(db, wait=120.0) as store:
        articles = _unfiled(store)
        if not articles:
            return 0
        actions = {f.action for a in articles for f in statements(a)}
        actions |= {x for a in articles for c in outcome_candidates(a) for x in c.actions}
        ledger = _LazyLedger(store, actions)
        touched: set[str] = set()
        for article in articles:
            touched |= ledger.add(article)
        entries = [refresh(ledger.entries[key], as_of) for key in sorted(touched)]
    ids = [a.id for a in articles]
    with open_for_writing(db) as store:
        filed = store.con.execute("SELECT count(*) FROM ledger_articles WHERE list_contains(?, article_id)",
                                  [ids]).fetchone()
        if filed and filed[0]:
            return 0  # another update filed them meanwhile: its entries stand
        store.con.begin()
        try:
            write_entries(store, entries, ids)
            store.con.commit()
        except BaseException:
            store.con.rollback()
            raise
    return len(entries)


def rebuild(db: str) -> int:
    """Forget the ledger and file every stored article again; returns the number of entries."""
    with open_for_writing(db) as store:
        for table in TABLES:
            store.con.execute(f"DELETE FROM {table}")
    update(db)
    with open_for_writing(db) as store:
        row = store.con.execute("SELECT count(*) FROM ledger_entries").fetchone()
    return int(row[0]) if row else 0


def build_rows(articles: Iterable[Article], as_of: date | None = None) -> dict[str, list[list[Any]]]:
    """The ledger's rows for these articles filed from scratch, in memory (no store): what ``rebuild``
    writes for the same articles given in the store's order (published, undated last, then id)."""
    ledger = Ledger()
    filed: list[str] = []
    for article in articles:
        ledger.add(article)
        filed.append(article.id)
    rows: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    for key in sorted(ledger.entries):
        for table, part in _rows(refresh(ledger.entries[key], as_of)).items():
            rows[table] += part
    rows["ledger_articles"] = [[a] for a in filed]
    return rows


def build_lake(lake_dir: str) -> int:
    """File every article of a Parquet lake into a new ledger, written as the lake's ledger datasets
    (a lake is rewritten whole, never updated in place); returns the number of entries."""
    from newsgraph.store import lake

    parts = list(lake.done_parts(lake_dir))
    with Store(lake_dir, read_only=True) as store:
        cursor = store.con.execute("SELECT record FROM articles ORDER BY published NULLS LAST, id")

        def articles() -> Iterable[Article]:
            while chunk := cursor.fetchmany(1000):
                yield from (Article.model_validate_json(r[0]) for r in chunk)

        rows = build_rows(articles())
    lake.write_ledger(lake_dir, rows, parts)
    return len(rows["ledger_entries"])


def entry(store: Store, key: str) -> LedgerEntry | None:
    found = _load(store, [key])
    return found[0] if found else None
