"""Rows per table from records, with no store in them: what the DuckDB store inserts and the Parquet
lake writes are the same rows (one function, used by both engines)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb

from newsgraph.records import Article
from newsgraph.store.schema import FIXED_TABLES, RECORD_TABLES, article_columns

Rows = dict[str, list[list[Any]]]


def table_types() -> dict[str, dict[str, str]]:
    """Every table's columns and DuckDB types, in order (record tables derived from the models)."""
    types = {"articles": {c.name: c.sql_type for c in article_columns()}}
    types["articles"]["ingested_at"] = "TIMESTAMPTZ"
    for table in RECORD_TABLES:
        types[table.name] = table.column_types
    return {**types, **FIXED_TABLES}


def article_rows(articles: Sequence[Article], now: datetime) -> Rows:
    """The rows of the articles table and of every record table for these articles."""
    columns = article_columns()
    rows: Rows = {"articles": [[c.get(a) for c in columns] + [now] for a in articles]}
    for table in RECORD_TABLES:
        record_rows = []
        for article in articles:
            for seq, item in enumerate(table.rows(article)):
                keys, record = item if table.keys else ((), item)
                record_rows.append([article.id, seq, *keys, *(c.get(record) for c in table.columns)])
        rows[table.name] = record_rows
    return rows


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, types: dict[str, str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows at once: one list per column, unnested by DuckDB (far faster than executemany)."""
    if not rows:
        return
    names = list(types)
    columns = [list(col) for col in zip(*rows, strict=True)]
    casts = ", ".join(
        f"UNNEST(${i + 1}::{'VARCHAR' if types[n] == 'JSON' else types[n].replace(' PRIMARY KEY', '')}[])"
        for i, n in enumerate(names))
    quoted = ", ".join(f'"{n}"' for n in names)
    con.execute(f'INSERT INTO "{table}" ({quoted}) SELECT {casts}', columns)
