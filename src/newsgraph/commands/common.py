"""What the store commands share: the --db option, opening read-only, tables and JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsgraph.store.duckdb import Store

DEFAULT_DB = "news.duckdb"
DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="the DuckDB store file")
JSON_OPTION = typer.Option(False, "--json", help="print JSON instead of a table")
LIMIT_OPTION = typer.Option(50, "--limit", "-n", help="most rows to show (0: all)")
MAX_CELL = 160


def open_store(db: str) -> Store:
    return Store(db, read_only=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    """Untrusted article text, escaped for Rich markup and cut to a readable length."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(_plain(value)) if isinstance(value, list | dict) \
        else str(_plain(value))
    text = " ".join(text.split())
    return escape(text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…")


LINK_COLUMNS = frozenset({"article_id", "quote_id"})


def without_columns(names: Sequence[str], rows: Sequence[Sequence[Any]],
                    drop: frozenset[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    keep = [i for i, name in enumerate(names) if name not in drop]
    return [names[i] for i in keep], [tuple(row[i] for i in keep) for row in rows]


def show(names: Sequence[str], rows: Sequence[Sequence[Any]], as_json: bool, title: str | None = None) -> None:
    """Rows as a Rich table on stdout, or as a JSON list of objects."""
    if as_json:
        records = [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=escape(title) if title else None, show_lines=False, expand=False)
    for name in names:
        table.add_column(escape(name), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    console = Console()
    console.print(table)
    if not rows:
        console.print("[dim](no rows)[/dim]")

