"""The hostile readers inside a real ingest: failures are recorded like other errors, the batch goes
on, and an errors row never stays beside a source stored in the same batch (issue #21)."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.store.duckdb import Store
from tests.engine.texts import article_text


def _warc(urls: list[str]) -> tuple[bytes, list[int]]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    starts = []
    for n, url in enumerate(urls):
        starts.append(out.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
        payload = BytesIO(article_text(n).encode())
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    return out.getvalue(), starts


def test_cut_warc_bad_lines_and_encodings_in_one_ingest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    urls = ["https://x.org/0", "https://x.org/1", "https://x.org/2"]
    data, starts = _warc(urls)
    (docs / "a-cut.warc.gz").write_bytes(data[: starts[1] + (starts[2] - starts[1]) // 2])  # record 2 cut
    (docs / "b-whole.warc.gz").write_bytes(data)  # the same three pages, whole: x.org/1 stored after all
    lines = [json.dumps({"url": "https://y.org/5", "text": article_text(5)}), "{cut", ""]
    (docs / "c.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (docs / "d-utf16.txt").write_bytes(b"\xff\xfe" + article_text(6).encode("utf-16-le"))
    broken = (article_text(7) + "Café owners welcomed the vote.\n").encode().replace(b"Council", b"Coun\xffcil", 1)
    (docs / "e-broken.txt").write_bytes(broken)  # UTF-8 (the é) with one broken byte
    db = tmp_path / "news.duckdb"
    report = ingest([str(docs)], IngestConfig(db=str(db), batch_size=32))
    assert report.stored == 6  # x.org/0, 1, 2, y.org/5, the UTF-16 file, the one with a broken byte
    errors = dict(report.errors)
    assert set(errors) >= {"https://x.org/1", f"{docs / 'c.jsonl.gz'}:2"}
    assert "truncated" in errors["https://x.org/1"]
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT source FROM errors ORDER BY source")
        assert rows == [(f"{docs / 'c.jsonl.gz'}:2",)]  # the cut record's row went when x.org/1 was stored
        _, warned = store.query("SELECT source, warnings FROM articles WHERE warnings <> '[]'")
        assert [(Path(s).name, json.loads(w)) for s, w in warned] == [
            ("e-broken.txt", ["1 invalid utf-8 byte sequence replaced with U+FFFD"])]
