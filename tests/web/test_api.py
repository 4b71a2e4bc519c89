"""The JSON API on a small store made by the real pipeline: shapes, values, paging, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app as cli
from newsgraph.server import create_app
from newsgraph.store.duckdb import STORE_VERSION, Store, StoreError
from tests.web.conftest import Corpus


def get(corpus: Corpus, url: str, status: int = 200) -> Any:
    response = corpus.client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_info_counts_the_tables(corpus: Corpus) -> None:
    info = get(corpus, "/api/info")
    assert info["store_version"] == STORE_VERSION and info["record_schema_version"] == 1
    quotes = sum(len(a.quotes) for a in corpus.articles.values())
    assert info["counts"]["articles"] == 3 and info["counts"]["quotes"] == quotes and info["counts"]["stories"] == 2


def test_articles_search_and_paging(corpus: Corpus) -> None:
    everything = get(corpus, "/api/articles")
    assert everything["total"] == 3
    assert {a["id"] for a in everything["items"]} == {a.id for a in corpus.articles.values()}
    pages = [get(corpus, f"/api/articles?limit=2&offset={start}") for start in (0, 2)]
    assert [len(p["items"]) for p in pages] == [2, 1] and all(p["total"] == 3 for p in pages)
    assert [a["id"] for p in pages for a in p["items"]] == [a["id"] for a in everything["items"]]
    found = get(corpus, "/api/articles?q=BRIDGE")
    assert found["total"] == 2 and {a["headline"] for a in found["items"]} == {"Springfield council backs bridge plan"}
    assert get(corpus, "/api/articles?q=%3Cscript%3E")["items"][0]["id"] == corpus.articles["evil"].id


def test_article_is_the_full_stored_record(corpus: Corpus) -> None:
    evil = corpus.articles["evil"]
    record = get(corpus, f"/api/articles/{evil.id}")
    assert record["body"] == evil.body and record["metadata"]["headline"].startswith('<script>alert("headline")')
    assert [q["text"] for q in record["quotes"]] == [q.text for q in evil.quotes] and record["quotes"]
    for key in ("entities", "quotes", "timexes", "places", "commitments", "quantities", "timeline", "sourcing"):
        assert key in record
    for quote in record["quotes"]:  # offsets point into the body as served
        assert record["body"][quote["start"]:quote["end"]] == quote["text"]
    assert [r["reason"] for r in record["removed"]] and "Leave a Reply" not in record["body"]
    assert [c["source"].endswith("evil.txt") for c in record["copies"]] == [True] and record["story"] == []


def test_article_story_links_the_rewrite(corpus: Corpus) -> None:
    bridge, rewrite = corpus.articles["bridge"], corpus.articles["rewrite"]
    story = get(corpus, f"/api/articles/{bridge.id}")["story"]
    assert [(s["article_id"], s["link"]) for s in story] == [(rewrite.id, "near_duplicate")]
    stories = get(corpus, "/api/stories")["items"]
    assert len(stories) == 1 and stories[0]["articles"] == 2 and stories[0]["links"] == "near_duplicate"
    assert stories[0]["article_id"] in {bridge.id, rewrite.id}


def test_unknown_article_is_a_json_404(corpus: Corpus) -> None:
    assert get(corpus, "/api/articles/nope", 404) == {"error": "no article with id 'nope'", "status": 404}
    assert get(corpus, "/api/nothing-here", 404)["error"] == "Not Found"


@pytest.mark.parametrize(("url", "name"), [
    ("/api/articles?limit=0", "limit"), ("/api/articles?limit=100000", "limit"), ("/api/quotes?offset=-1", "offset"),
    ("/api/articles?limit=ten", "limit"), ("/api/entities?type=bogus", "type"), ("/api/due?within=soon", "within"),
    ("/api/due?as_of=2025-13-01", "as_of"),
])
def test_bad_parameters_are_a_json_422_naming_them(corpus: Corpus, url: str, name: str) -> None:
    error = get(corpus, url, 422)
    assert error["status"] == 422 and error["error"].startswith(f"{name}: ")


def test_entities_by_type(corpus: Corpus) -> None:
    people = get(corpus, "/api/entities?type=person")["items"]
    assert {"Ann Lee", "Maria Lopez"} <= {p["name"] for p in people} and {p["type"] for p in people} == {"PERSON"}
    lee = next(p for p in people if p["name"] == "Ann Lee")
    assert lee["articles"] == 2  # the bridge story and its rewrite


def test_quotes_by_speaker_match_the_cli(corpus: Corpus) -> None:
    api = get(corpus, "/api/quotes?speaker=lopez")["items"]
    assert api and all("Lopez" in q["speaker"] for q in api)
    evil = corpus.articles["evil"]
    by_lopez = {q.id for q in evil.quotes if q.speaker and "Lopez" in (q.speaker.name or "")}
    assert {q["quote_id"] for q in api} == by_lopez
    result = CliRunner().invoke(cli, ["quotes", "--speaker", "lopez", "--db", corpus.db, "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == api  # one query, two front ends


def test_timeline_places_sources(corpus: Corpus) -> None:
    lopez = get(corpus, "/api/timeline?entity=Maria%20Lopez")["items"]  # events whose clause names her
    assert [t["value"] for t in lopez] == ["2024-08-26"] and "Lopez" in lopez[0]["what"]
    values = sorted(e.value for a in corpus.articles.values() for e in a.timeline)
    assert [t["value"] for t in get(corpus, "/api/timeline")["items"]] == values[::-1]  # newest first
    assert [t["value"] for t in get(corpus, "/api/timeline?order=oldest")["items"]] == values
    assert all(t["when"] for t in get(corpus, "/api/timeline")["items"])  # a label in words
    assert get(corpus, "/api/timeline?entity=Nobody")["items"] == []
    assert {"Springfield", "Boston"} <= {p["name"] for p in get(corpus, "/api/places")["items"]}
    groups = get(corpus, "/api/sources")["items"]
    assert any(g["anonymous"] and "officials" in g["descriptor"] for g in groups)


def test_due_window(corpus: Corpus) -> None:
    june = get(corpus, "/api/due?within=60d&as_of=2025-05-15")
    assert june["from"] == "2025-05-15" and june["to"] == "2025-07-14"
    assert {(d["due_date"], d["days_left"]) for d in june["items"]} == {("2025-06-30", 46)}
    assert {d["article_id"] for d in june["items"]} == {corpus.articles["bridge"].id, corpus.articles["rewrite"].id}
    march = get(corpus, "/api/due?within=8w&as_of=2025-02-15")["items"]
    assert [(d["due_date"], d["article_id"]) for d in march] == [("2025-03-31", corpus.articles["evil"].id)]


def test_read_only_and_documented(corpus: Corpus) -> None:
    assert corpus.client.post("/api/articles").status_code == 405
    assert corpus.client.get("/api/sql?q=DROP%20TABLE%20articles").status_code == 404  # no SQL endpoint
    paths = get(corpus, "/openapi.json")["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/due", "/api/info"} <= set(paths)
    assert "type" in {p["name"] for p in paths["/api/entities"]["get"]["parameters"]}


def test_a_missing_store_fails_before_serving(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(str(tmp_path / "none.duckdb"))


def test_a_store_gone_while_serving_is_a_503(tmp_path: Any) -> None:
    path = tmp_path / "news.duckdb"
    Store(path).close()
    client = TestClient(create_app(str(path)))
    assert client.get("/api/info").json()["counts"]["articles"] == 0
    path.unlink()  # or locked by a writer: each request opens the store, and says why it cannot
    response = client.get("/api/info")
    assert response.status_code == 503 and "news.duckdb: no such store" in response.json()["error"]
    assert client.get("/").status_code == 503 and "no such store" in client.get("/").text


def test_a_store_held_by_a_writer_is_a_503_that_names_only_the_file(tmp_path: Any) -> None:
    import subprocess
    import sys

    path = tmp_path / "news.duckdb"
    Store(path).close()
    client = TestClient(create_app(str(path), busy_wait=0.2))
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        response = client.get("/api/info")
        assert response.status_code == 503 and response.headers["retry-after"] == "1"
        message = response.json()["error"]
        assert message == "news.duckdb: the store is busy: an ingest is writing to it; retry in a moment"
        page = client.get("/")
        assert page.status_code == 503 and str(tmp_path) not in page.text and "PID" not in page.text
    finally:
        holder.kill()
        holder.wait()
    assert client.get("/api/info").status_code == 200  # the writer gone, reads work again
