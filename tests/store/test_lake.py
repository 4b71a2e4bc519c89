"""The Parquet lake without Spark: units written by ``engine.spark.run_unit`` (what each Spark task runs),
linked by ``newsgraph link --engine duckdb``, hold every table the local store holds, row for row
(links, stories, event threads, story facts and the commitment ledger included), and every named
query runs on it, before linking too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.queries.catalog import QUERIES
from newsgraph.queries.run import parse_values, select
from newsgraph.store.duckdb import Store


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from newsgraph.engine.local import IngestConfig, ingest
    from newsgraph.engine.spark import plan_units, run_unit
    from newsgraph.options import Options
    from newsgraph.store import lake
    from newsgraph.store.duckdb import STORE_VERSION
    from tests.engine.spark_input import build

    root = tmp_path_factory.mktemp("lake")
    sources = build(root / "in")
    ingest(sources, IngestConfig(db=str(root / "local.duckdb"), workers=1, link=True))
    lake.create(root / "lake", STORE_VERSION)
    for unit in plan_units(sources, files_per_task=2):
        run_unit(unit, str(root / "lake"), Options())
    return {"store": root / "local.duckdb", "lake": root / "lake"}


def _all_rows(db: Path) -> dict[str, list]:
    """Every named query's rows (default parameters, as of a fixed day), in a fixed order."""
    out = {}
    with Store(db, read_only=True) as store:
        for query in QUERIES:
            values = parse_values(query, {"as_of": "2024-09-01"} if any(p.name == "as_of" for p in query.params)
                                  else {})
            _, rows = select(store, query, values)
            out[query.name] = sorted(rows, key=repr)
    return out


def test_every_named_query_runs_on_a_lake_not_yet_linked(runs: dict[str, Path]) -> None:
    rows = _all_rows(runs["lake"])
    assert rows["articles"] and rows["stories"] == [] and rows["ledger"] == []


def test_a_linked_lake_holds_every_table_of_the_store(runs: dict[str, Path]) -> None:
    from newsgraph.cli import app
    from newsgraph.store.lake import snapshot
    from newsgraph.store.rows import table_types

    result = CliRunner().invoke(app, ["link", "--engine", "duckdb", "--db", f"{runs['lake']}/"])
    assert result.exit_code == 0, result.output
    with Store(runs["lake"], read_only=True) as lake, Store(runs["store"], read_only=True) as store:
        for table in table_types():
            if table != "meta":
                assert snapshot(lake.con, table) == snapshot(store.con, table), table
        assert not lake.links_stale()
        _, counts = lake.query("SELECT (SELECT count(*) FROM story_facts), (SELECT count(*) FROM ledger_entries)")
        assert counts[0][0] > 0 and counts[0][1] > 0
    from_lake, from_store = _all_rows(runs["lake"]), _all_rows(runs["store"])
    for query in QUERIES:
        assert from_lake[query.name] == from_store[query.name], query.name
    assert from_lake["stories"] and from_lake["ledger"]


def test_the_ledger_command_rebuilds_a_lakes_ledger(runs: dict[str, Path]) -> None:
    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["ledger", "--rebuild", "--db", f"{runs['lake']}/", "--json", "--limit", "0"])
    store = CliRunner().invoke(app, ["ledger", "--db", str(runs["store"]), "--json", "--limit", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout == store.stdout
