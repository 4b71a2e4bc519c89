"""What the commands share: one-line errors, the --db option, opening read-only, tables and JSON.

Output never depends on the terminal: tables are plain text laid out from their content (no
wrapping at the terminal's width, no colour), and every error is one line on stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import wraps
from typing import Any, NoReturn, TypeVar

import typer

from newsgraph.errors import NewsgraphError
from newsgraph.store.duckdb import Store

DEFAULT_DB = "news.duckdb"
DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="the DuckDB store file")
JSON_OPTION = typer.Option(False, "--json", help="print JSON instead of a table")
LIMIT_OPTION = typer.Option(50, "--limit", "-n", min=0, help="most rows to show (0: all)")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="rows to skip")
MAX_CELL = 80
LINK_COLUMNS = frozenset({"article_id", "quote_id"})  # ids that link rows to articles: for --json, the API, the web

EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_SETUP = 3
F = TypeVar("F", bound=Callable[..., Any])


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces: an error is one line."""
    return " ".join(str(text).split())


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"newsgraph: {one_line(message)}\n")
    raise typer.Exit(code)


def user_errors(func: F) -> F:
    """Turn every failure into one line on stderr and a non-zero exit, never a traceback."""
    from newsgraph.nlp import ModelNotInstalled

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except NewsgraphError as error:
            fail(f"{error.source}: {error.reason}", EXIT_INPUT)
        except ModelNotInstalled as error:
            fail(str(error), EXIT_SETUP)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as error:  # noqa: BLE001 - last line of defence for users
            fail(f"internal error: {type(error).__name__}: {error} (please report it)", EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def parse_date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be a date as YYYY-MM-DD, not {value!r}", EXIT_INPUT)


def open_store(db: str) -> Store:
    return Store(db, read_only=True)


def plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def cell(value: Any, width: int = MAX_CELL) -> str:
    """A table cell: one line, cut to ``width`` characters (untrusted text is printed, never interpreted)."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(plain(value), ensure_ascii=False)
    text = one_line(str(plain(value)))
    return text if len(text) <= width else text[:width - 1] + "…"


def render_table(names: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> str:
    """Rows as a plain-text table: columns as wide as their content (at most MAX_CELL), two spaces apart."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(name), *(len(r[i]) for r in cells)]) for i, name in enumerate(names)]
    lines = [title] if title else []
    lines.append("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    if not rows:
        lines.append("(no rows)")
    return "\n".join(lines) + "\n"


def without_columns(names: Sequence[str], rows: Sequence[Sequence[Any]],
                    drop: frozenset[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    keep = [i for i, name in enumerate(names) if name not in drop]
    return [names[i] for i in keep], [tuple(row[i] for i in keep) for row in rows]


def show(names: Sequence[str], rows: Sequence[Sequence[Any]], as_json: bool, title: str | None = None) -> None:
    """Rows as a plain-text table on stdout, or as a JSON list of objects."""
    if as_json:
        records = [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_table(names, rows, title))
