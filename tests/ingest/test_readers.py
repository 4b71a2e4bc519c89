"""Each reader on small files the test writes: JSON Lines, WARC, RSS/Atom (file and HTTP), folders and globs."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from io import BytesIO
from pathlib import Path

import pytest

from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.walk import expand
from newsgraph.ingest.warc import read_warc

PAGE = ("<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
        "<p>Dock workers in Rotterdam ended a three-day strike on Friday after the union accepted a pay offer, "
        "the port authority said.</p></article></body></html>")

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local news</title>
<item><title>Dam repairs approved</title><link>https://example.org/dam</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>The county approved repairs to the Elk River dam on Monday.</p>]]></content:encoded></item>
<item><title>Empty one</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Rail line reopens</title><link href="https://example.org/rail"/><id>urn:1</id>
<published>2024-03-06T08:00:00Z</published><updated>2024-03-06T08:00:00Z</updated>
<content type="text">The rail line between Lyon and Turin reopened on Wednesday after a landslide.</content></entry>
</feed>"""


def _items(entries: list[Item | Failure]) -> list[Item]:
    return [e for e in entries if isinstance(e, Item)]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"url": "https://x.org/1", "html": PAGE, "published": "2024-03-01"}),
             json.dumps({"url": "https://x.org/2", "text": "Plain text article about a port."}),
             "{not json", json.dumps({"url": "https://x.org/3"}), ""]
    path.write_text("\n".join(lines), "utf-8")
    entries = list(read_jsonl(path))
    items = _items(entries)
    assert [i.url for i in items] == ["https://x.org/1", "https://x.org/2"]
    assert items[0].raw is not None and items[0].raw.is_html and items[0].raw.published == "2024-03-01"
    assert items[1].raw is not None and not items[1].raw.is_html
    failures = [e for e in entries if isinstance(e, Failure)]
    assert [f.source for f in failures] == [f"{path}:3", f"{path}:4"]
    assert "invalid JSON" in failures[0].reason


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, ctype, body in [("https://x.org/page", "text/html; charset=utf-8", PAGE.encode()),
                                 ("https://x.org/logo.png", "image/png", b"\x89PNG....")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record("https://x.org/page", "request", payload=BytesIO(b"GET /")))


def test_warc_keeps_pages_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    items = _items(list(read_warc(path)))
    assert len(items) == 1
    item = items[0]
    assert item.url == "https://x.org/page" and item.archive_date
    assert item.raw is not None and "Rotterdam" in item.raw.text and item.raw.is_html


def test_corrupt_warc_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a warc file at all\r\n\r\n"))
    entries = list(read_warc(path))
    assert entries and isinstance(entries[-1], Failure)


def test_rss_and_atom_entries() -> None:
    entries = list(read_feed(RSS, "feed.rss"))
    items = _items(entries)
    assert [i.url for i in items] == ["https://example.org/dam"]
    raw = items[0].raw
    assert raw is not None and "Elk River" in raw.text and "Dam repairs approved" in raw.text
    assert raw.published and "2024" in raw.published
    assert any(isinstance(e, Failure) and e.source == "https://example.org/empty" for e in entries)
    atom = _items(list(read_feed(ATOM, "wire.atom")))
    assert atom[0].raw is not None and "Lyon" in atom[0].raw.text and not atom[0].raw.is_html


def test_not_a_feed() -> None:
    entries = list(read_feed("<html><body>hello</body></html>", "x.xml"))
    assert len(entries) == 1 and isinstance(entries[0], Failure)


@pytest.fixture
def feed_server():
    """A local HTTP server serving the RSS feed (tests never touch the network)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = RSS.encode() if self.path == "/feed.xml" else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_over_http(feed_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_ALLOW_PRIVATE_FETCH", "1")  # the test server is on 127.0.0.1
    entries = list(expand([f"{feed_server}/feed.xml", f"{feed_server}/missing"]))
    items = _items(entries)
    assert [i.url for i in items] == ["https://example.org/dam"]
    failures = [e for e in entries if isinstance(e, Failure)]
    assert any(f.source.endswith("/missing") and "404" in f.reason for f in failures)


def test_folder_walk_glob_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("A story.", "utf-8")
    (tmp_path / "sub" / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "sub" / "feed.rss").write_text(RSS, "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x", "utf-8")
    entries = list(expand([str(tmp_path)]))
    sources = [e.source for e in entries if isinstance(e, Item)]
    assert str(tmp_path / "a.txt") in sources and str(tmp_path / "sub" / "b.html.gz") in sources
    assert "https://example.org/dam" in sources
    assert not any("pdf" in s or "hidden" in s for s in sources)
    globbed = [e.source for e in expand([str(tmp_path / "**" / "*.gz")]) if isinstance(e, Item)]
    assert globbed == [str(tmp_path / "sub" / "b.html.gz")]
    missing = list(expand([str(tmp_path / "nope.txt")]))
    assert isinstance(missing[0], Failure) and "no such" in missing[0].reason
