"""Reading one file, or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.raw import RawDocument, decode, looks_like_html
from newsgraph.options import MAX_BYTES

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def read_bytes_capped(path: Path, source: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory (use `newsgraph ingest` for folders)") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source, max_bytes)
    return data


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    import gzip
    import zlib

    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise InputError(source, "corrupt gzip data") from None
    if len(out) > max_bytes:
        raise InputError(source, f"too large once decompressed (over {max_bytes:,} bytes)")
    return out


def document_from_bytes(data: bytes, source: str, max_bytes: int, html_hint: bool = False) -> RawDocument:
    decoded = decode(data, source, max_bytes)
    html = html_hint or looks_like_html(decoded.text)
    return RawDocument(uri=source, text=decoded.text, content_type="text/html" if html else "text/plain",
                       encoding=decoded.encoding, warnings=decoded.warnings)


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read an HTML or text file (optionally .gz)."""
    p = Path(path)
    data = read_bytes_capped(p, str(path), max_bytes)
    suffixes = {s.lower() for s in p.suffixes}
    return document_from_bytes(data, str(path), max_bytes, html_hint=bool(suffixes & _HTML_SUFFIXES))


def read_stdin(max_bytes: int = MAX_BYTES) -> RawDocument:
    data = sys.stdin.buffer.read(max_bytes + 1)
    return document_from_bytes(data, "-", max_bytes)
