"""The Spark engine (local[2]) against the local ingest on one small mixed input: every table the same
(the commitment ledger too), the lake answers the query commands, linking gives the local linker's
links, stories, event threads and story facts on DuckDB and on Spark SQL, and a rerun after a killed
job has every record exactly once.

Skipped, with the reason, only where pyspark or a Java runtime is missing (CI installs both).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.engine.spark import spark_available

WHY = spark_available()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(WHY is not None, reason=f"Spark cannot run here: {WHY}")]

# Every table the ingest writes: the per-article ones, and the commitment ledger (filed on the driver after
# the Spark job, from all the lake's articles, as the local ingest files them after its batches). The link
# tables (links, stories, event_threads, story_facts) are compared after linking, below.
LINK_TABLES = ("links", "stories", "event_threads", "story_facts")
LEDGER_TABLES = ("ledger_entries", "ledger_statements", "ledger_outcomes", "ledger_changes", "ledger_articles")
TABLES_COMPARED = ("articles", "entities", "mentions", "quotes", "source_groups", "no_responses", "timexes",
                   "timeline", "quantities", "places", "commitments", "removed", "citations", "copies", "errors",
                   *LEDGER_TABLES)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from newsgraph.engine.local import IngestConfig, ingest
    from newsgraph.engine.spark import ingest_spark
    from tests.engine.spark_input import build

    root = tmp_path_factory.mktemp("spark")
    sources = build(root / "in")
    ingest(sources, IngestConfig(db=str(root / "local.duckdb"), workers=1, link=True))
    report = ingest_spark(sources, str(root / "lake"), "local[2]", files_per_task=2)
    assert report.units == 5 and report.skipped_units == 0
    return {"root": root, "store": root / "local.duckdb", "lake": root / "lake", "in": root / "in"}


def _snapshots(db: Path, tables: tuple[str, ...] = TABLES_COMPARED) -> dict[str, list]:
    from newsgraph.store.duckdb import Store
    from newsgraph.store.lake import snapshot

    with Store(db, read_only=True) as store:
        return {t: snapshot(store.con, t) for t in tables}


def test_spark_and_local_give_identical_tables(runs: dict[str, Path]) -> None:
    local, lake = _snapshots(runs["store"]), _snapshots(runs["lake"])
    assert len(local["articles"]) == 10 and len(local["copies"]) == 12 and len(local["errors"]) == 2
    assert local["ledger_entries"] and len(local["ledger_articles"]) == 10
    for table in TABLES_COMPARED:
        assert local[table] == lake[table], table


def test_sql_linking_is_the_same_on_duckdb_and_spark(runs: dict[str, Path]) -> None:
    from newsgraph.link.sql import link_at_scale

    by_local_linker = _snapshots(runs["store"], LINK_TABLES)  # the local ingest linked with link/stories.py
    on_spark = link_at_scale(str(runs["lake"]), "spark", "local[2]")
    on_duckdb = link_at_scale(str(runs["store"]), "duckdb")
    assert on_spark == on_duckdb  # links, stories (role, reason, tie), threads and facts
    kinds = {kind for _, _, kind, _ in on_spark.rows}
    assert kinds == {"copy", "near_duplicate", "rewrite"} and on_spark.facts
    # the lake now holds them, as the store does, and they are the local linker's
    assert _snapshots(runs["lake"], LINK_TABLES) == _snapshots(runs["store"], LINK_TABLES) == by_local_linker


def test_the_lake_answers_the_query_commands(runs: dict[str, Path]) -> None:
    from newsgraph.cli import app

    runner = CliRunner()
    from_lake = runner.invoke(app, ["quotes", "--db", f"{runs['lake']}/", "--json", "--limit", "0"])
    from_store = runner.invoke(app, ["quotes", "--db", str(runs["store"]), "--json", "--limit", "0"])
    assert from_lake.exit_code == 0, from_lake.output
    assert from_lake.output == from_store.output and '"speaker' in from_lake.output
    write = runner.invoke(app, ["ingest", str(runs["in"]), "--db", str(runs["lake"])])
    assert write.exit_code != 0 and "read-only" in write.output


def _items(page: dict) -> list:
    """A page's items in a fixed order (rows that tie on the query's ORDER BY may come in any order)."""
    return sorted(page["items"], key=lambda item: json.dumps(item, sort_keys=True))


def test_the_api_and_web_pages_answer_from_the_lake(runs: dict[str, Path]) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.server import create_app

    lake_client = TestClient(create_app(str(runs["lake"])))
    store_client = TestClient(create_app(str(runs["store"])))
    for url in ("/api/quotes?limit=100", "/api/articles?limit=100", "/api/entities?type=person&limit=100"):
        from_lake, from_store = lake_client.get(url), store_client.get(url)
        assert from_lake.status_code == 200 and _items(from_lake.json()) == _items(from_store.json()), url
    assert lake_client.get("/api/info").json()["counts"]["articles"] == 10
    page = lake_client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()


def test_a_rerun_after_a_kill_has_every_record_once(runs: dict[str, Path]) -> None:
    from newsgraph.engine.spark import ingest_spark
    from newsgraph.store import lake
    from tests.engine.spark_input import build

    killed = runs["root"] / "killed"
    shutil.copytree(runs["lake"], killed)
    done = sorted((killed / lake.DONE).glob("*.json"))
    # a kill -9 mid-job: one unit never finished (its files half-renamed, a temporary file left), and
    # another was killed after its files were in place but before its marker
    first, second = done[0].stem, done[1].stem
    done[0].unlink()
    done[1].unlink()
    (killed / "quotes" / f"{first}-00000.parquet").unlink()
    (killed / "articles" / f".{first}-00000.parquet.dead.tmp").write_bytes(b"partial")
    report = ingest_spark(build(runs["root"] / "in"), str(killed), "local[2]", files_per_task=2)
    assert report.units == 5 and report.skipped_units == 3
    assert {p.stem for p in (killed / lake.DONE).glob("*.json")} >= {first, second}
    assert _snapshots(killed) == _snapshots(runs["lake"])
    again = ingest_spark(build(runs["root"] / "in"), str(killed), "local[2]", files_per_task=2)
    assert again.skipped_units == 5 and again.stored == 0


def test_kill_9_of_the_job_then_the_same_command(runs: dict[str, Path], tmp_path: Path) -> None:
    """The whole job (driver, JVM, Python workers) killed with SIGKILL once a unit is done; the same
    command again finishes it, and the lake equals one made in a single run."""
    from newsgraph.store import lake
    from tests.engine.spark_input import build

    out = tmp_path / "lake"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", *build(runs["root"] / "in"), "--engine", "spark",
               "--master", "local[2]", "--output", str(out), "--no-link", "--files-per-task", "1"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    job = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not list((out / lake.DONE).glob("*.json")) and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(job.pid, signal.SIGKILL)
    job.wait()
    finished = len(list((out / lake.DONE).glob("*.json")))
    assert 1 <= finished < 7  # killed part-way: seven units (the feed, the WARC, five files)
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(list((out / lake.DONE).glob("*.json"))) == 7
    assert _snapshots(out) == _snapshots(runs["lake"])


def test_units_and_part_names_come_from_the_input(tmp_path: Path) -> None:
    from newsgraph.engine.spark import plan_units
    from newsgraph.store.lake import part_name
    from tests.engine.spark_input import build

    units = plan_units(build(tmp_path / "in"), files_per_task=2)
    assert [len(u.paths) for u in units] == [1, 1, 2, 2, 1]  # the feed, the WARC, the folder by twos
    assert [part_name(u.key) for u in units] == [part_name(u.key) for u in plan_units(
        build(tmp_path / "in"), files_per_task=2)]
    assert len({part_name(u.key) for u in units}) == 5
