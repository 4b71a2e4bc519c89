"""Rows per table from records, with no store in them: what the DuckDB store inserts and the Parquet
lake writes are the same rows (one function, used by both engines)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

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
