"""JSON Lines: one article per line, ``{"url", "html" | "text", "published"}``.

The file (plain or gzip) is read line by line, so memory holds one line at a time whatever the
file's size; a line longer than the per-document limit is skipped without being held.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.raw import RawDocument, few_replaced, with_replacement
from newsgraph.options import MAX_BYTES

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_CHUNK = 1 << 20


def _item(record: object, source: str, warnings: list[str]) -> Item | Failure:
    if not isinstance(record, dict):
        return Failure(source, "a JSON Lines record must be an object")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Failure(source, 'no "html" or "text" field with content')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = record.get("published")
    raw = RawDocument(uri=url or source, text=body, content_type="text/html" if body is html else "text/plain",
                      url=url, published=str(published) if published else None, warnings=warnings)
    return Item(source=url or source, raw=raw, url=url)


def _open_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"


def _line(text: bytes, source: str) -> Item | Failure:
    try:
        line = text.decode("utf-8")
        warnings: list[str] = []
    except UnicodeDecodeError:
        line, bad = with_replacement(text, "utf-8")
        if not few_replaced(bad, len(line)):
            return Failure(source, f"invalid UTF-8 ({bad:,} bad byte sequences)")
        warnings = [f"{bad:,} invalid utf-8 byte {'sequence' if bad == 1 else 'sequences'} replaced with U+FFFD"]
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Failure(source, f"invalid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return Failure(source, "invalid JSON: nested too deeply")
    return _item(record, source, warnings)


def read_jsonl(path: str | Path, max_bytes: int = MAX_BYTES) -> Iterator[Item | Failure]:
    """Each line becomes an Item; a bad line becomes a Failure naming ``file:line`` and the rest
    goes on. ``max_bytes`` bounds one line (one article), not the file."""
    name = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, the generator may stop early
    except OSError as error:
        yield Failure(name, _open_reason(error))
        return
    with handle:
        try:
            magic = handle.read(2)
            handle.seek(0)
        except OSError as error:
            yield Failure(name, _open_reason(error))
            return
        if magic == b"\x1f\x8b":
            yield from _lines(gzip.GzipFile(fileobj=handle, mode="rb"), name, max_bytes)
        else:
            yield from _lines(handle, name, max_bytes)


def _lines(stream: BinaryIO | gzip.GzipFile, name: str, max_bytes: int) -> Iterator[Item | Failure]:
    number = 0
    try:
        while True:
            text = stream.readline(max_bytes + 1)
            if not text:
                return
            number += 1
            source = f"{name}:{number}"
            if len(text) > max_bytes:
                while text and not text.endswith(b"\n"):  # the rest of the line, dropped as it is read
                    text = stream.readline(_CHUNK)
                yield Failure(source, f"line too long (over {max_bytes:,} bytes)")
                continue
            if number == 1:
                text = text.removeprefix(b"\xef\xbb\xbf")
            if text.strip():
                yield _line(text, source)
    except (OSError, EOFError, zlib.error) as error:
        reason = "corrupt or truncated gzip data" if isinstance(error, (EOFError, zlib.error, gzip.BadGzipFile)) \
            else f"cannot read: {getattr(error, 'strerror', None) or error}"
        yield Failure(f"{name}:{number + 1}", f"{reason}; the lines before it were read")
