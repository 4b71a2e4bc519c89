"""Crash safety: ``kill -9`` in the middle of an ingest, then the same command again.

Every article must end up stored exactly once with all its records, the same as an ingest that
was never interrupted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.store.duckdb import Store
from tests.engine.texts import write_articles

ROOT = Path(__file__).resolve().parents[2]
N = 30
PER_ARTICLE = """SELECT a.id, (SELECT count(*) FROM entities e WHERE e.article_id = a.id),
    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
    (SELECT count(*) FROM copies c WHERE c.article_id = a.id) FROM articles a ORDER BY a.id"""


def _command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db), "--batch-size", "2",
            "--verbose", "--no-link"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _kill_after_commits(folder: Path, db: Path, commits: int) -> None:
    """Start the ingest, wait until it has committed `commits` batches, then SIGKILL it."""
    process = subprocess.Popen(_command(folder, db), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=_env(),
                               text=True)
    seen = 0
    deadline = time.monotonic() + 120
    assert process.stderr is not None
    for line in process.stderr:
        seen += "committed batch" in line
        if seen >= commits or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"


@pytest.mark.slow  # minutes on a busy machine: the full suite (.ci/run) runs it
def test_kill_9_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "news.duckdb"
    write_articles(folder, N)
    _kill_after_commits(folder, db, commits=2)
    with Store(db, read_only=True) as store:
        partial = store.counts()["articles"]
    assert 0 < partial < N
    _kill_after_commits(folder, db, commits=3)  # a second crash, later in the run
    finished = subprocess.run(_command(folder, db), capture_output=True, text=True, env=_env(), timeout=300)
    assert finished.returncode == 0, finished.stderr
    reference = tmp_path / "reference.duckdb"
    ingest([str(folder)], IngestConfig(db=str(reference), link=False))
    with Store(db, read_only=True) as store, Store(reference, read_only=True) as ref:
        assert store.counts()["articles"] == N
        assert store.query("SELECT count(DISTINCT id) FROM articles")[1] == [(N,)]
        assert store.query(PER_ARTICLE)[1] == ref.query(PER_ARTICLE)[1]  # all records, nothing half-stored
        assert store.query("SELECT count(*) FROM entities")[1] == ref.query("SELECT count(*) FROM entities")[1]
