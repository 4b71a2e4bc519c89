"""The quotes query lists statements; its switch (CLI --all, API and web all=true) lists every
attribution, beliefs and evidence included (issue #16)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Quote, Span, Speaker
from newsgraph.server import create_app
from newsgraph.store.duckdb import Copy, Store
from tests.store.test_duckdb import full_article

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    article = full_article("a1")
    body = article.body
    said = article.quotes[0]
    believed = Quote(id="q2", kind="indirect", start=19, end=40, text=body[19:40], cue=Span(start=14, end=18,
                     text=body[14:18]), speaker=Speaker(start=6, end=13, text="Ann Lee"), act="belief")
    unknown = Quote(id="q3", kind="indirect", start=41, end=61, text=body[41:61], act="statement")
    article.quotes = [said, believed, unknown]
    with Store(path) as store:
        store.write_batch([article], [Copy("a1", "a1.txt")])
    return str(path)


def _cli(args: list[str]) -> list[dict]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_lists_statements_unless_all(db: str) -> None:
    rows = _cli(["quotes", "--db", db])
    assert sorted(r["quote_id"] for r in rows) == ["q1", "q3"]
    assert {r["act"] for r in rows} == {"statement"}
    assert sorted(r["quote_id"] for r in _cli(["quotes", "--all", "--db", db])) == ["q1", "q2", "q3"]


def test_a_statement_without_a_speaker_says_so(db: str) -> None:
    rows = {r["quote_id"]: r["speaker"] for r in _cli(["quotes", "--db", db])}
    assert rows["q3"] == "(unknown)"


def test_api_and_web_take_the_same_switch(db: str) -> None:
    client = TestClient(create_app(db))
    assert len(client.get("/api/quotes").json()["items"]) == 2
    assert len(client.get("/api/quotes?all=true").json()["items"]) == 3
    assert client.get("/api/quotes?all=maybe").status_code == 422
    page = client.get("/quotes?all=true")
    assert page.status_code == 200 and 'type="checkbox" name="all"' in page.text and "checked" in page.text


def test_quotes_stored_before_acts_existed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Rows with no act (a store written before Quote.act): beliefs stay out, the rest are listed."""
    import duckdb

    path = tmp_path / "old.duckdb"
    article = full_article("a1")
    body = article.body
    believed = Quote(id="q2", kind="indirect", start=19, end=40, text=body[19:40], belief=True, act="belief")
    article.quotes = [article.quotes[0], believed]
    with Store(path) as store:
        store.write_batch([article], [Copy("a1", "a1.txt")])
    con = duckdb.connect(str(path))
    con.execute("UPDATE quotes SET act = NULL")
    con.close()
    assert [r["quote_id"] for r in _cli(["quotes", "--db", str(path)])] == ["q1"]
    assert sorted(r["act"] for r in _cli(["quotes", "--all", "--db", str(path)])) == ["belief", "statement"]
