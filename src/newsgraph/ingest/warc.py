"""WARC / WARC.gz web archives (e.g. Common Crawl news): each HTML or text response is one article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.raw import RawDocument, decode_bytes, looks_like_html
from newsgraph.options import MAX_BYTES

WARC_SUFFIXES = (".warc", ".warc.gz")
_RECORD_TYPES = {"response", "resource"}


def _content_type(record) -> str:  # type: ignore[no-untyped-def]
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


def _record_item(record, max_bytes: int) -> Item | Failure | None:  # type: ignore[no-untyped-def]
    """The article in one WARC record; None for records that are not pages (requests, images, ...)."""
    if record.rec_type not in _RECORD_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    content_type = _content_type(record)
    if content_type and not content_type.startswith(("text/html", "application/xhtml", "text/plain")):
        return None
    if record.http_headers is not None and (record.http_headers.get_statuscode() or "200") != "200":
        return None
    data = record.content_stream().read(max_bytes + 1)
    try:
        text, encoding = decode_bytes(data, uri, max_bytes)
    except Exception as error:  # noqa: BLE001 - any undecodable record is reported and skipped
        return Failure(uri, getattr(error, "reason", str(error)))
    html = "html" in content_type or looks_like_html(text)
    raw = RawDocument(uri=uri, text=text, content_type="text/html" if html else "text/plain",
                      encoding=encoding, url=uri or None)
    return Item(source=uri, raw=raw, url=uri or None, archive_date=record.rec_headers.get_header("WARC-Date"))


def read_warc(path: str | Path, max_bytes: int = MAX_BYTES) -> Iterator[Item | Failure]:
    """Pages of a WARC file; a corrupt archive yields a Failure after the records read so far."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                records += 1
                if not record.format.startswith("warc"):  # warcio guesses ARC for any text it cannot parse
                    raise ValueError("not a WARC file")
                item = _record_item(record, max_bytes)
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        yield Failure(str(path), f"corrupt or unreadable WARC: {' '.join(str(error).split())[:200]}")
        return
    if not records:
        yield Failure(str(path), "no WARC records found")
