"""``newsgraph export``: the store as JSON Lines, Parquet, CSV or GeoJSON."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from newsgraph.commands.common import DB_OPTION, open_store, user_errors
from newsgraph.errors import InputError
from newsgraph.store.duckdb import ALL_TABLES, Store


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    csv = "csv"
    geojson = "geojson"


def export_jsonl(store: Store, out: Path | None) -> int:
    """Full Article records, one per line."""
    rows = store.con.execute("SELECT record FROM articles ORDER BY published NULLS LAST, id").fetchall()
    lines = "".join(json.dumps(json.loads(r[0]), ensure_ascii=False) + "\n" for r in rows)
    if out is None:
        sys.stdout.write(lines)
    else:
        out.write_text(lines, "utf-8")
    return len(rows)


def export_tables(store: Store, out: Path, fmt: str, tables: list[str]) -> int:
    """One file per table (DuckDB writes them natively)."""
    out.mkdir(parents=True, exist_ok=True)
    options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
    for table in tables:
        target = str(out / f"{table}.{fmt}").replace("'", "''")
        store.con.execute(f"COPY \"{table}\" TO '{target}' ({options})")
    return len(tables)


def geojson(store: Store) -> dict[str, object]:
    """Resolved places as GeoJSON points, each with its article."""
    rows = store.con.execute("""
        SELECT p.lon, p.lat, p.name, p.text, p.geonames_id, p.country, p.admin1, p.feature_code,
               p.article_id, a.headline, a.url
        FROM places p JOIN articles a ON a.id = p.article_id
        WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL ORDER BY p.article_id, p.seq""").fetchall()
    keys = ("name", "text", "geonames_id", "country", "admin1", "feature_code", "article_id", "headline", "url")
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r[0], r[1]]},
                 "properties": dict(zip(keys, r[2:], strict=True))} for r in rows]
    return {"type": "FeatureCollection", "features": features}


def register(app: typer.Typer) -> None:
    @app.command()
    @user_errors
    def export(
        format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonl | parquet | csv | geojson"),  # noqa: B008
        output: str | None = typer.Option(  # noqa: B008
            None, "--output", "-o", help="file (jsonl, geojson; default stdout) or folder (parquet, csv)"),
        table: list[str] = typer.Option([], "--table", help="tables to export (parquet/csv; default all)"),  # noqa: B008
        db: str = DB_OPTION,
    ) -> None:
        """Export the store."""
        unknown = [t for t in table if t not in ALL_TABLES]
        if unknown:
            raise InputError("--table", f"unknown table {unknown[0]!r}; tables: {', '.join(ALL_TABLES)}")
        with open_store(db) as store:
            if format is ExportFormat.jsonl:
                count = export_jsonl(store, Path(output) if output else None)
                typer.echo(f"exported {count} articles", err=True)
            elif format is ExportFormat.geojson:
                text = json.dumps(geojson(store), ensure_ascii=False)
                Path(output).write_text(text, "utf-8") if output else sys.stdout.write(text + "\n")
            else:
                if not output:
                    raise InputError("--output", f"{format.value} export needs a folder: --output DIR")
                count = export_tables(store, Path(output), format.value, table or list(ALL_TABLES))
                typer.echo(f"exported {count} tables to {output}", err=True)
