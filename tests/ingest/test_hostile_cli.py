"""The hostile-input fixes as a user meets them through ``newsgraph extract`` (issue #21)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest.feeds import looks_like_feed
from tests.ingest.test_readers import ATOM, RSS

runner = CliRunner()
ARTICLE = ("The city council approved the new budget on Monday after a long debate about schools, "
           "roads and the harbour, the mayor's office said in a statement.\n")


@pytest.mark.parametrize(("name", "feed"), [("news.rss", RSS), ("wire.xml", ATOM), ("feed.txt", RSS)])
def test_extract_on_a_feed_is_one_line_pointing_to_ingest(tmp_path, name, feed):
    """Before: the feed was treated as one page and its entries run together as one article."""
    path = tmp_path / name
    path.write_text(feed, "utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"newsgraph: {path}: is an RSS/Atom feed") and "newsgraph ingest" in result.stderr


def test_a_page_that_mentions_feeds_is_not_a_feed():
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body><feed>x</feed>'
    assert not looks_like_feed(page)
    prolog = '\ufeff<?xml version="1.0"?>\n<!-- c -->\n<?xml-stylesheet href="s.xsl"?>'
    assert looks_like_feed(prolog + '<rss version="2.0">')
    assert looks_like_feed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')


def test_extract_reads_utf16_with_a_bom(tmp_path):
    """Before: rejected as "binary data"."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + (ARTICLE * 2).encode("utf-16-le"))
    result = runner.invoke(app, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert "approved the new budget" in record["body"] and record["warnings"] == []


def test_extract_counts_replaced_bytes_in_the_warnings(tmp_path):
    """Before: invalid UTF-8 was read as a DOS code page with no word said, exit 0."""
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode() * 3 + b"The port \xff\x81 reopened on Friday.\n")
    result = runner.invoke(app, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert "2 invalid utf-8 byte sequences replaced with U+FFFD" in record["warnings"]


def test_extract_refuses_a_loopback_url(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_ALLOW_PRIVATE_FETCH", raising=False)
    result = runner.invoke(app, ["extract", "http://127.0.0.1:9/admin"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "refused: 127.0.0.1 is a loopback address" in result.stderr
