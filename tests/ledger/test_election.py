"""The sample's "Iraqi parliamentary elections in October 2025" followed through later coverage:
the cabinet sets 11 November, the vote is held on 11 November (short excerpts of public pages,
from bench/gold/ledger), so the ledger has one election entry, kept late, with that outcome."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.ledger.entries import status
from newsgraph.ledger.store import entry
from newsgraph.queries import parse_values, select
from newsgraph.queries.catalog import BY_NAME
from newsgraph.store.duckdb import Store
from tests.conftest import SAMPLE, require

pytestmark = pytest.mark.slow  # two ingests with the NLP model (10 to 40 s)
HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("ledger")
    sample = {"url": "https://example.org/iraq-withdrawal", "published": "2024-09-06",
              "text": require(SAMPLE).read_text("utf-8")}
    lines = [json.dumps(sample)] + (HERE / "election.jsonl").read_text("utf-8").splitlines()
    (folder / "sample.jsonl").write_text("\n".join(lines[:1]) + "\n", "utf-8")
    (folder / "later.jsonl").write_text("\n".join(lines[1:]) + "\n", "utf-8")
    db = str(folder / "news.duckdb")
    ingest([str(folder / "sample.jsonl")], IngestConfig(db=db, link=False))
    ingest([str(folder / "later.jsonl")], IngestConfig(db=db, link=False))  # the ledger is updated, not rebuilt
    return db


def _election_entries(db: str) -> list:
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.query("SELECT id FROM ledger_entries WHERE action = 'election'")[1]]
        return [entry(store, key) for key in ids]


def test_one_election_entry_kept_late_with_the_vote_of_11_november(store_path: str) -> None:
    entries = [e for e in _election_entries(store_path) if any("October 2025" in s.text for s in e.statements)]
    assert len(entries) == 1
    found = entries[0]
    assert found.statements[0].deadline == "2025-10"
    assert any(s.deadline == "2025-11-11" for s in found.statements)  # the cabinet's date joins the same entry
    done = [o for o in found.outcomes if o.kind == "done"]
    assert done and done[0].date == "2025-11-11"
    assert status(found, date(2025, 11, 12)) == "kept_late"
    assert status(found, date(2025, 5, 1)) == "moved"  # before the vote: October became 11 November


def test_the_list_query_agrees_with_the_entry(store_path: str) -> None:
    declared = BY_NAME["ledger"]
    for day in ("2025-05-01", "2025-11-12"):
        with Store(store_path, read_only=True) as store:
            names, rows = select(store, declared, parse_values(declared, {"as_of": day}))
            for row in rows:
                values = dict(zip(names, row, strict=True))
                assert values["status"] == status(entry(store, values["id"]), date.fromisoformat(day))


def test_api_cli_and_web_show_the_entry_and_link_its_evidence(store_path: str) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.server import create_app

    client = TestClient(create_app(store_path))
    listed = client.get("/api/ledger", params={"as_of": "2025-11-12", "status": "kept_late"}).json()
    key = next(r["id"] for r in listed["items"] if r["action"] == "election")
    data = client.get(f"/api/ledger/{key}", params={"as_of": "2025-11-12"}).json()
    assert data["status"] == "kept_late" and data["deadline"] == "2025-11-11"
    assert {"article_id", "published", "deadline", "source", "start", "end"} <= set(data["statements"][0])
    outcome = next(o for o in data["outcomes"] if o["kind"] == "done")
    article = client.get(f"/api/articles/{outcome['article_id']}").json()
    assert "11" in article["body"][outcome["start"]:outcome["end"]]
    page = client.get(f"/ledger/{key}").text
    assert "?mark=" in page and "kept late" in page
    href = page.split('class="offsets" href="')[1].split('"')[0].replace("&amp;", "&")
    assert 'id="ledger-mark"' in client.get(href).text
    assert client.get("/api/ledger/nope").status_code == 404
    result = CliRunner().invoke(app, ["ledger", key, "--db", store_path, "--json", "--as-of", "2025-11-12"])
    assert result.exit_code == 0 and json.loads(result.stdout)["status"] == "kept_late"
    result = CliRunner().invoke(app, ["ledger", "--db", store_path, "--as-of", "2025-11-12", "--status", "kept_late"])
    assert result.exit_code == 0 and "kept_late" in result.stdout
