"""WARC / WARC.gz web archives (e.g. Common Crawl news): each HTML or text response is one article.

A damaged archive never passes silently: a record cut short (its block shorter than its
Content-Length), a record whose Content-Length does not match what follows it, and bytes left
unread at the end (a gzip member cut in the middle) each become one Failure naming the record;
the records read before it are kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.raw import RawDocument, charset_of, decode, looks_like_html
from newsgraph.options import MAX_BYTES

WARC_SUFFIXES = (".warc", ".warc.gz")
_RECORD_TYPES = {"response", "resource"}
_DRAIN_CHUNK = 1 << 16


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
        decoded = decode(data, uri, max_bytes, declared=charset_of(content_type))
    except Exception as error:  # noqa: BLE001 - any undecodable record is reported and skipped
        return Failure(uri, getattr(error, "reason", str(error)))
    html = "html" in content_type or looks_like_html(decoded.text)
    raw = RawDocument(uri=uri, text=decoded.text, content_type="text/html" if html else "text/plain",
                      encoding=decoded.encoding, url=uri or None, warnings=list(decoded.warnings))
    return Item(source=uri, raw=raw, url=uri or None, archive_date=record.rec_headers.get_header("WARC-Date"))


def _missing_bytes(record) -> int:  # type: ignore[no-untyped-def]
    """Bytes of the record's block that the file does not hold (0 for a whole record)."""
    stream = record.raw_stream
    while stream.read(_DRAIN_CHUNK):
        pass
    return int(getattr(stream, "limit", 0) or 0)


def _whole_header(record) -> bool:  # type: ignore[no-untyped-def]
    """The fields every WARC record must have (a header cut short lacks them)."""
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    return bool(record.rec_headers.get_header("WARC-Type")) and length.isdigit()


def _record_name(record, path: str, number: int) -> str:  # type: ignore[no-untyped-def]
    uri = record.rec_headers.get_header("WARC-Target-URI") if record is not None else None
    return uri or f"{path}#{number}"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _quiet_iterator(stream: Any) -> Any:
    """warcio's iterator, minus the warning it prints on stderr (we count it and report it ourselves)."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""

    return QuietIterator(stream)


def read_warc(path: str | Path, max_bytes: int = MAX_BYTES) -> Iterator[Item | Failure]:
    """Pages of a WARC file. A truncated or corrupt record yields a Failure (the record's URI, or
    ``file#n``, and the reason) after the records read before it; reading stops there."""
    source = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, the generator may stop early
    except OSError as error:
        yield Failure(source, f"cannot read: {error.strerror or error}")
        return
    with stream:
        yield from _records(stream, source, max_bytes)


def _records(stream: Any, source: str, max_bytes: int) -> Iterator[Item | Failure]:
    size = os.fstat(stream.fileno()).st_size
    records = _quiet_iterator(stream)
    number = 0  # records read whole so far
    pending: Item | Failure | None = None  # held until the next record shows this one ended cleanly

    def overran() -> Failure:
        name = pending.source if pending is not None and pending.source else f"{source}#{number}"
        return Failure(name, f"corrupt WARC record {number} in {source}: its Content-Length does not match "
                             "its content")

    while True:
        try:
            record = next(records, None)
        except Exception as error:  # noqa: BLE001 - warcio raises many kinds on damaged input
            if pending is not None and not records.err_count:
                yield pending
            if number == 0:
                yield Failure(source, f"corrupt or unreadable WARC: {_one_line(error)}")
            else:
                yield Failure(f"{source}#{number + 1}",
                              f"truncated or corrupt WARC record {number + 1} in {source}: {_one_line(error)}")
            return
        if records.err_count:  # the previous record's Content-Length did not end at a record boundary
            yield overran()
            return
        if pending is not None:
            yield pending
            pending = None
        if record is None:
            break
        if not record.format.startswith("warc"):  # warcio guesses ARC for any text it cannot parse
            yield Failure(source if number == 0 else f"{source}#{number + 1}",
                          f"corrupt or unreadable WARC: record {number + 1} is not a WARC record")
            return
        number += 1
        if not _whole_header(record):
            yield Failure(_record_name(record, source, number),
                          f"truncated or corrupt WARC record {number} in {source}: its header has no "
                          "WARC-Type or Content-Length")
            return
        try:
            item = _record_item(record, max_bytes)
            missing = _missing_bytes(record)
        except Exception as error:  # noqa: BLE001 - a block cut inside its HTTP headers or chunks
            yield Failure(_record_name(record, source, number),
                          f"truncated or corrupt WARC record {number} in {source}: {_one_line(error)}")
            return
        if missing:
            yield Failure(_record_name(record, source, number),
                          f"truncated WARC record {number} in {source}: {missing:,} bytes of its block are missing")
            return
        pending = item
    if not number:
        yield Failure(source, "no WARC records found")
        return
    stream.seek(records.offset)
    if records.offset < size and stream.read(_DRAIN_CHUNK).strip():
        yield Failure(f"{source}#{number + 1}",
                      f"truncated or corrupt WARC in {source}: {size - records.offset:,} bytes after record "
                      f"{number} could not be read as a record")
