"""From command-line sources (folders, globs, files, URLs) to the stream of Items to ingest."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from newsgraph.ingest.files import read_path
from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.jsonl import JSONL_SUFFIXES, read_jsonl
from newsgraph.ingest.url import fetch_url, is_url
from newsgraph.ingest.warc import WARC_SUFFIXES, read_warc
from newsgraph.options import MAX_BYTES

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
_GLOB_CHARS = set("*?[")


def _suffix_in(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def _wanted_in_folder(path: Path) -> bool:
    """Files a folder walk picks up: articles (optionally .gz) and the container formats."""
    if path.name.startswith(".") or not path.is_file():
        return False
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(ARTICLE_SUFFIXES) or _suffix_in(path, WARC_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES)


def _file_time(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()


def _from_feed_file(path: Path, max_bytes: int) -> Iterator[Item | Failure]:
    raw = read_path(path, max_bytes)
    if looks_like_feed(raw.text):
        yield from read_feed(raw.text, str(path))
    else:  # an .xml file that is a page, not a feed
        yield Item(source=str(path), archive_date=_file_time(path))


def _from_file(path: Path, max_bytes: int) -> Iterator[Item | Failure]:
    try:
        if _suffix_in(path, WARC_SUFFIXES):
            yield from read_warc(path, max_bytes)
        elif _suffix_in(path, JSONL_SUFFIXES):
            yield from read_jsonl(path, max_bytes)
        elif _suffix_in(path, FEED_SUFFIXES):
            yield from _from_feed_file(path, max_bytes)
        else:
            yield Item(source=str(path), archive_date=_file_time(path))
    except NewsgraphError as error:
        yield Failure(error.source, error.reason)


def _from_url(url: str, timeout: float, max_bytes: int) -> Iterator[Item | Failure]:
    try:
        raw = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    except NewsgraphError as error:
        yield Failure(error.source, error.reason)
        return
    if looks_like_feed(raw.text):
        yield from read_feed(raw.text, url)
    else:
        yield Item(source=url, raw=raw, url=raw.url or url)


def _paths(source: str) -> list[Path] | None:
    """Files a folder or glob stands for; None when the source is a single path."""
    path = Path(source)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if _wanted_in_folder(p))
    if _GLOB_CHARS & set(source) and not path.exists():
        return sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
    return None


def expand(sources: Iterable[str], timeout: float = 20.0, max_bytes: int = MAX_BYTES) -> Iterator[Item | Failure]:
    """Every article the sources hold, in a stable order; unreadable sources as Failures."""
    for source in sources:
        if is_url(source):
            yield from _from_url(source, timeout, max_bytes)
            continue
        paths = _paths(source)
        if paths is None:
            if not Path(source).exists():
                yield Failure(source, "no such file, folder or glob match")
                continue
            paths = [Path(source)]
        elif not paths:
            yield Failure(source, "matches no article files")
        for path in paths:
            yield from _from_file(path, max_bytes)
