"""The query and export commands on a small store built from hand-made records (no NLP)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Entity, Mention, Place, Quote, Speaker
from newsgraph.store.duckdb import Copy, Store
from tests.store.test_duckdb import full_article

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    first = full_article("a1")
    second = full_article("a2", body=first.body.replace("Ann Lee", "Bob Ray"))
    second.metadata.headline = "[bold]Council[/bold] <script>x</script>"  # untrusted text, shown escaped
    second.entities = [Entity(id="e1", name="Bob Ray", type="PERSON", label="PERSON",
                              mentions=[Mention(start=6, end=13, text="Bob Ray")])]
    second.quotes = [Quote(id="q1", kind="direct", start=19, end=61, text=second.body[19:61],
                           speaker=Speaker(start=6, end=13, text="Bob Ray", entity_id="e1", name="Bob Ray"))]
    second.places = [Place(start=0, end=4, text="city", name="Shelbyville", country="US")]  # not geocoded
    with Store(path) as store:
        store.write_batch([first, second], [Copy("a1", "a1.txt"), Copy("a2", "a2.txt")])
        store.replace_links([("a1", "a2", "rewrite", 0.5)], [("sa1", "a1", True, date(2024, 9, 1)),
                                                              ("sa1", "a2", False, date(2024, 9, 1))])
    return str(path)


def _json(args: list[str]) -> list[dict]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_articles_and_entities(db: str) -> None:
    assert {a["id"] for a in _json(["articles", "--db", db])} == {"a1", "a2"}
    people = _json(["entities", "--type", "person", "--db", db])
    assert {(p["name"], p["articles"], p["mentions"]) for p in people} == {("Ann Lee", 1, 1), ("Bob Ray", 1, 1)}
    assert _json(["entities", "--type", "ORG", "--db", db]) == []


def test_quotes_by_speaker(db: str) -> None:
    rows = _json(["quotes", "--speaker", "bob", "--db", db])
    assert [(r["speaker"], r["kind"]) for r in rows] == [("Bob Ray", "direct")]
    assert len(_json(["quotes", "--db", db])) == 2


def test_sources_timeline_places(db: str) -> None:
    assert {r["descriptor"] for r in _json(["sources", "--db", db])} == {"officials"}
    assert [r["value"] for r in _json(["timeline", "--entity", "Ann Lee", "--db", db])] == ["2025-06"]
    assert _json(["timeline", "--entity", "Nobody", "--db", db]) == []
    places = {r["name"]: r for r in _json(["places", "--db", db])}
    assert places["Springfield"]["lat"] == pytest.approx(39.8) and places["Shelbyville"]["lat"] is None


def test_due_window(db: str) -> None:
    rows = _json(["due", "--within", "60d", "--as-of", "2025-06-01", "--db", db])
    assert len(rows) == 2 and rows[0]["days_left"] == 29
    assert _json(["due", "--within", "2w", "--as-of", "2025-06-01", "--db", db]) == []
    bad = runner.invoke(app, ["due", "--within", "soon", "--db", db])
    assert bad.exit_code == 2 and "expected a period" in bad.output and "Traceback" not in bad.output


def test_stories_and_sql(db: str) -> None:
    story = _json(["stories", "--db", db])
    assert story[0]["articles"] == 2 and story[0]["links"] == "rewrite"
    assert _json(["sql", "SELECT count(*) AS n FROM mentions", "--db", db]) == [{"n": 2}]
    bad = runner.invoke(app, ["sql", "DELETE FROM articles", "--db", db])
    assert bad.exit_code == 2 and "read-only" in bad.output


def test_tables_escape_untrusted_text(db: str) -> None:
    result = runner.invoke(app, ["articles", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[bold]Council[/bold]" in result.stdout


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such store" in result.output and len(result.output.strip().splitlines()) == 1


def test_db_info_counts(db: str) -> None:
    counts = {r["table"]: r["rows"] for r in _json(["db", "info", "--db", db])}
    assert counts["articles"] == 2 and counts["quotes"] == 2 and counts["links"] == 1


def test_exports(db: str, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--output", str(out), "--db", db]).exit_code == 0
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == ["a1", "a2"]
    geo = tmp_path / "places.geojson"
    assert runner.invoke(app, ["export", "-f", "geojson", "-o", str(geo), "--db", db]).exit_code == 0
    features = json.loads(geo.read_text())["features"]
    assert [f["properties"]["name"] for f in features] == ["Springfield"]
    assert features[0]["geometry"]["coordinates"] == [-89.6, 39.8]
    for fmt in ("parquet", "csv"):
        folder = tmp_path / fmt
        result = runner.invoke(app, ["export", "-f", fmt, "-o", str(folder), "--table", "quotes", "--db", db])
        assert result.exit_code == 0, result.output
        assert (folder / f"quotes.{fmt}").stat().st_size > 0
    bad = runner.invoke(app, ["export", "-f", "csv", "--db", db])
    assert bad.exit_code == 2 and "--output" in bad.output
