"""The Parquet lake a distributed ingest writes, and the read-only DuckDB views every command queries.

Layout of a lake directory::

    _lake.json                      format and store version
    _done/<part>.json               one per finished input unit: its key and how many chunks it wrote
    <table>/<part>-<chunk>.parquet  one dataset (folder) per table; one file per unit and chunk
    <table>/<table>.parquet         the tables computed over the whole lake, one file each:
                                    links, stories, event_threads, story_facts (and _linked.json,
                                    the units they cover) written by `newsgraph link`; the ledger_*
                                    tables (and _ledger.json) written after an ingest or a linking

A part's name is derived from its input (a hash of the unit's key), so running the same command again
rewrites the same files: a unit whose ``_done`` marker exists is skipped, and a unit killed half-way
is simply done again. Every file is written under a temporary name and renamed into place, and the
marker is written last, so readers only ever see whole units (files of units without a marker are
ignored).

Exact copies across units are resolved when reading: each article id keeps the row of its first
source in input order (unit key, then position in the unit), as the local ingest keeps the first.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.store.rows import Rows, insert_rows, table_types
from newsgraph.store.schema import FIXED_TABLES

LAKE_FORMAT = "newsgraph-lake"
LAKE_FILE = "_lake.json"
DONE = "_done"
LINKED_FILE = "_linked.json"
LEDGER_FILE = "_ledger.json"
# Columns only the lake has: the unit a row came from, and (articles) where in the input it was met.
PART, UNIT, POS = "_part", "_unit", "_pos"
LINK_TABLES = ("links", "stories", "event_threads", "story_facts")
LEDGER_TABLES = tuple(t for t in FIXED_TABLES if t.startswith("ledger_"))  # newsgraph.ledger's tables
WHOLE_TABLES = LINK_TABLES + LEDGER_TABLES  # computed over the whole lake, not per unit: one file each


def part_name(unit_key: str) -> str:
    """The file-name stem of an input unit: the same input always gets the same name."""
    return "p" + hashlib.sha1(unit_key.encode("utf-8")).hexdigest()[:20]


def is_lake(path: str | Path) -> bool:
    return Path(path).is_dir()


def create(lake: str | Path, version: int) -> Path:
    root = Path(lake)
    root.mkdir(parents=True, exist_ok=True)
    (root / DONE).mkdir(exist_ok=True)
    marker = root / LAKE_FILE
    if not marker.exists():
        _write_text(marker, json.dumps({"format": LAKE_FORMAT, "version": version}))
    return root


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def done_parts(lake: str | Path) -> dict[str, dict[str, Any]]:
    """Finished units: part name -> its marker (key, chunks, counts)."""
    folder = Path(lake) / DONE
    if not folder.is_dir():
        return {}
    out = {}
    for marker in sorted(folder.glob("p*.json")):
        out[marker.stem] = json.loads(marker.read_text("utf-8"))
    return out


def _types_with_extras(table: str) -> dict[str, str]:
    types = {c: t.replace(" PRIMARY KEY", "") for c, t in table_types()[table].items()}
    if table == "articles":
        types |= {UNIT: "VARCHAR", POS: "BIGINT"}
    return types


def write_chunk(lake: str | Path, part: str, chunk: int, rows: Rows) -> None:
    """One chunk of a unit: a Parquet file per table (empty ones too, so every dataset has its schema),
    each written to a temporary name and renamed. Article rows carry _unit and _pos at their end."""
    root = Path(lake)
    con = duckdb.connect()
    try:
        for table in table_types():
            if table == "meta" or table in WHOLE_TABLES:
                continue
            types = _types_with_extras(table)
            cols = ", ".join(f'"{c}" {t}' for c, t in types.items())
            con.execute(f'CREATE TABLE "{table}" ({cols})')
            insert_rows(con, table, types, rows.get(table, []))
            target = root / table / f"{part}-{chunk:05d}.parquet"
            _copy_out(con, f'SELECT *, \'{part}\' AS {PART} FROM "{table}"', target)
    finally:
        con.close()


def _copy_out(con: duckdb.DuckDBPyConnection, select: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    con.execute(f"COPY ({select}) TO '{_quote(str(tmp))}' (FORMAT parquet)")
    os.replace(tmp, target)


def finish(lake: str | Path, part: str, key: str, chunks: int, counts: dict[str, int]) -> None:
    """Mark a unit done (after all its files are in place): readers and reruns now count it."""
    _write_text(Path(lake) / DONE / f"{part}.json", json.dumps({"key": key, "chunks": chunks, "counts": counts}))


def write_tables(lake: str | Path, tables: dict[str, list[Any]]) -> None:
    """Whole-lake tables (WHOLE_TABLES), each swapped in as one file (a story row may leave out its
    trailing columns, as ``Store.replace_links`` allows)."""
    root = Path(lake)
    con = duckdb.connect()
    try:
        for table, rows in tables.items():
            types = table_types()[table]
            cols = ", ".join(f'"{c}" {t}' for c, t in types.items())
            con.execute(f'CREATE TABLE "{table}" ({cols})')
            insert_rows(con, table, types, [[*r, *[None] * (len(types) - len(r))] for r in rows])
            _copy_out(con, f'SELECT * FROM "{table}"', root / table / f"{table}.parquet")
    finally:
        con.close()


def write_links(lake: str | Path, links: list[tuple[str, str, str, float]], stories: list[tuple[Any, ...]],
                threads: list[tuple[Any, ...]], facts: list[tuple[Any, ...]], parts: list[str]) -> None:
    """Links, stories, event threads and story facts over the whole lake, swapped in file by file;
    _linked.json names the units they cover."""
    write_tables(lake, {"links": links, "stories": stories, "event_threads": threads, "story_facts": facts})
    _write_text(Path(lake) / LINKED_FILE, json.dumps(sorted(parts)))


def write_ledger(lake: str | Path, tables: dict[str, list[Any]], parts: list[str]) -> None:
    """The ledger tables over the whole lake; _ledger.json names the units they cover."""
    write_tables(lake, {t: tables.get(t, []) for t in LEDGER_TABLES})
    _write_text(Path(lake) / LEDGER_FILE, json.dumps(sorted(parts)))


def ledger_stale(lake: str | Path) -> bool:
    """True when the ledger does not cover exactly the lake's finished units."""
    marker = Path(lake) / LEDGER_FILE
    return not marker.exists() or json.loads(marker.read_text("utf-8")) != sorted(done_parts(lake))


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _files_literal(files: list[Path]) -> str:
    return "[" + ", ".join(f"'{_quote(str(f))}'" for f in files) + "]"


def read_version(lake: str | Path) -> int | None:
    marker = Path(lake) / LAKE_FILE
    if not marker.exists():
        return None
    data = json.loads(marker.read_text("utf-8"))
    return int(data["version"]) if data.get("format") == LAKE_FORMAT else None


def attach(con: duckdb.DuckDBPyConnection, lake: str | Path) -> None:
    """Views named like the store's tables over the lake's finished units (read-only by nature)."""
    root = Path(lake)
    parts = done_parts(root)
    for table in table_types():
        if table == "meta":
            continue
        types = _types_with_extras(table) if table not in WHOLE_TABLES else table_types()[table]
        if table in WHOLE_TABLES:
            files = [root / table / f"{table}.parquet"]
        else:
            types = types | {PART: "VARCHAR"}
            files = [root / table / f"{p}-{c:05d}.parquet" for p, m in parts.items() for c in range(m["chunks"])]
        files = [f for f in files if f.exists()]
        raw = f"_raw_{table}"
        if files:
            source = f"read_parquet({_files_literal(files)}, union_by_name = true)"
            con.execute(f'CREATE VIEW "{raw}" AS SELECT * FROM {source}')
        else:
            cols = ", ".join(f'"{c}" {t}' for c, t in types.items())
            con.execute(f'CREATE TEMP TABLE "{raw}" ({cols})')
    # each article id once: the row of its first source in input order
    con.execute(f"CREATE VIEW _first AS SELECT id, {PART} FROM _raw_articles "
                f"QUALIFY row_number() OVER (PARTITION BY id ORDER BY {UNIT}, {POS}) = 1")
    con.execute(f"CREATE VIEW articles AS SELECT a.* EXCLUDE ({PART}, {UNIT}, {POS}) FROM _raw_articles a "
                f"SEMI JOIN _first f ON a.id = f.id AND a.{PART} = f.{PART}")
    for table in table_types():
        if table in ("meta", "articles", "copies", "errors", *WHOLE_TABLES):
            continue
        con.execute(f'CREATE VIEW "{table}" AS SELECT t.* EXCLUDE ({PART}) FROM "_raw_{table}" t '
                    f"SEMI JOIN _first f ON t.article_id = f.id AND t.{PART} = f.{PART}")
    con.execute(f"CREATE VIEW copies AS SELECT * EXCLUDE ({PART}) FROM _raw_copies")
    con.execute(f"CREATE VIEW errors AS SELECT * EXCLUDE ({PART}) FROM _raw_errors e "
                "WHERE NOT EXISTS (SELECT 1 FROM _raw_copies c WHERE c.source = e.source) "
                f"QUALIFY row_number() OVER (PARTITION BY source ORDER BY {PART} DESC) = 1")
    for table in WHOLE_TABLES:
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM "_raw_{table}"')
    version = read_version(root) or 0
    linked = root / LINKED_FILE
    stale = not linked.exists() or sorted(parts) != json.loads(linked.read_text("utf-8"))
    con.execute("CREATE TEMP TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", [str(version)])
    if stale and parts:
        con.execute("INSERT INTO meta VALUES ('links_stale', 'true')")


TIME_COLUMNS = frozenset({"ingested_at", "seen_at", "at", "fetched_at"})  # when a row was read or written


def _without_times(value: Any) -> Any:
    """A full record (JSON) without its read time; any other value as it is."""
    if isinstance(value, str) and value.startswith('{"schema_version"'):
        try:
            data = json.loads(value)
        except ValueError:
            return value
        for name in TIME_COLUMNS:
            data.pop(name, None)
        return json.dumps(data, sort_keys=True)
    return value


def snapshot(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    """A table's rows, sorted, without the write-time columns: what two runs on one input must share."""
    names = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
    keep = ", ".join(f'"{n}"' for n in names if n not in TIME_COLUMNS)
    rows = con.execute(f'SELECT {keep} FROM "{table}"').fetchall()
    return sorted((tuple(_without_times(v) for v in row) for row in rows), key=repr)
