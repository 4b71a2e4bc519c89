"""JSON Lines: one article per line, ``{"url", "html" | "text", "published"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.files import read_bytes_capped
from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.raw import RawDocument
from newsgraph.options import MAX_BYTES

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _item(record: object, source: str) -> Item | Failure:
    if not isinstance(record, dict):
        return Failure(source, "a JSON Lines record must be an object")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Failure(source, 'no "html" or "text" field with content')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = record.get("published")
    raw = RawDocument(uri=url or source, text=body, content_type="text/html" if body is html else "text/plain",
                      url=url, published=str(published) if published else None)
    return Item(source=url or source, raw=raw, url=url)


def read_jsonl(path: str | Path, max_bytes: int = MAX_BYTES * 50) -> Iterator[Item | Failure]:
    """Each line becomes an Item; a bad line becomes a Failure naming ``file:line``."""
    data = read_bytes_capped(Path(path), str(path), max_bytes)
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(source, f"invalid JSON: {error.msg}")
            continue
        yield _item(record, source)
