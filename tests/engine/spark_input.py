"""A small mixed input for the Spark tests and benchmark: a JSON Lines file (an original, a
near-duplicate, a rewrite, an unrelated story), a WARC (pages, an exact copy, a request record, an
undecodable record) and a folder of text files (one empty)."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from tests.engine.texts import article_text
from tests.link.test_links import OTHER, PARAS, REWRITE


def _page(text: str) -> bytes:
    headline, *paragraphs = text.split("\n\n")
    return (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>").encode("utf-8")


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))
        writer.write_record(writer.create_warc_record("https://x.example/req", "request", payload=BytesIO(b"GET /")))


def build(root: Path) -> list[str]:
    """The sources, in the order both engines are given them."""
    root.mkdir(parents=True, exist_ok=True)
    records = [
        {"url": "https://wire.example/bridge", "text": "\n\n".join(PARAS), "published": "2024-09-03"},
        {"url": "https://mirror.example/bridge", "text": "\n\n".join(PARAS[:4]) + "\n\nShare this article.",
         "published": "2024-09-05"},
        {"url": "https://daily.example/bridge", "text": REWRITE, "published": "2024-09-04"},
        {"url": "https://daily.example/snow", "text": OTHER, "published": "2024-09-04"},
    ]
    (root / "a-feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    pages = [(f"https://city.example/{i}", _page(article_text(i))) for i in range(3)]
    pages.append(("https://copy.example/0", _page(article_text(0))))  # an exact copy, under another URL
    pages.append(("https://bad.example/binary", b"\x00\x01\x02PK\x03\x04" * 50))
    write_warc(root / "b-crawl.warc.gz", pages)
    docs = root / "c-docs"
    docs.mkdir(exist_ok=True)
    for i in range(3, 6):
        (docs / f"article-{i}.txt").write_text(article_text(i), "utf-8")
    (docs / "article-7-copy.txt").write_text(article_text(4), "utf-8")
    (docs / "empty.txt").write_text("  \n", "utf-8")
    return [str(root / "a-feed.jsonl"), str(root / "b-crawl.warc.gz"), str(docs)]
