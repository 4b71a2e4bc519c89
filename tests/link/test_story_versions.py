"""The sample and three other outlets' versions of the same Reuters exclusive (excerpts from
bench/gold/stories, tests/link/data/iraq-versions.jsonl) form one story, through the full pipeline;
its disagreements (the senior official's quote worded differently) show in `newsgraph story`, at
/api/stories/{id} and on the story's web page, with the Reuters-dated copy named the original."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app as cli
from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.server import create_app
from newsgraph.store.duckdb import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "iraq-withdrawal.txt"
VERSIONS = Path(__file__).parent / "data" / "iraq-versions.jsonl"


def test_sample_story_shows_its_versions_and_disagreements(tmp_path: Path) -> None:
    versions = [json.loads(line) for line in VERSIONS.read_text("utf-8").splitlines()]
    feed = tmp_path / "versions.jsonl"
    records = [{"url": "https://news.example/iraq-deal", "text": SAMPLE.read_text("utf-8")}]
    records += [{"url": v["url"], "text": v["text"], "published": v["published"]} for v in versions]
    feed.write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    db = str(tmp_path / "n.duckdb")
    report = ingest([str(feed)], IngestConfig(db=db))
    assert report.stored == 4 and not report.errors
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT story_id, count(*) FROM stories GROUP BY 1")
        _, originals = store.query("SELECT a.url, s.reason FROM stories s JOIN articles a ON a.id = s.article_id "
                                   "WHERE s.original")
        _, credits = store.query("SELECT DISTINCT outlet FROM citations")
    assert [n for _, n in rows] == [4]
    story_id = rows[0][0]
    assert originals == [(versions[0]["url"], "carries the Reuters dateline")]
    assert ("Reuters",) in credits

    result = CliRunner().invoke(cli, ["story", story_id, "--db", db])
    assert result.exit_code == 0, result.output
    first_table = result.stdout.split("Versions")[0]
    assert "Disagreements (" in first_table and "quote-wording" in first_table
    assert "it’s just a question of when to announce it" in first_table  # the wording that dropped "now"

    as_json = json.loads(CliRunner().invoke(cli, ["story", story_id, "--db", db, "--json"]).stdout)
    client = TestClient(create_app(db))
    api = client.get(f"/api/stories/{story_id}").json()
    assert api["disagreements"] == as_json["disagreements"] and api["disagreements"]
    clash = api["disagreements"][0]
    assert len({v["value"] for v in clash["values"]}) > 1
    assert {v["article_id"] for v in clash["values"]} <= {v["article_id"] for v in api["versions"]}
    for value in clash["values"]:  # each value points at its characters in its version
        record = client.get(f"/api/articles/{value['article_id']}").json()
        assert record["body"][value["start"]:value["end"]] in value["text"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert 'class="disagreement"' in page.text and "Disagreements (" in page.text
    assert "carries the Reuters dateline" in page.text
    value = clash["values"][0]  # the page links the value to its characters, which that version's page marks
    href = f"/articles/{value['article_id']}?mark={value['start']}-{value['end']}#ledger-mark"
    assert f'href="{href.replace("&", "&amp;")}"' in page.text
    version_page = client.get(href.split("#")[0]).text
    marked = version_page.split('id="ledger-mark"></a>', 1)[1]
    assert marked.startswith("<mark") and "k-ledger" in marked.split(">", 1)[0]
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/api/stories/nope").status_code == 404
    missing = CliRunner().invoke(cli, ["story", "nope", "--db", db])
    assert missing.exit_code == 2 and "no such story" in missing.output
