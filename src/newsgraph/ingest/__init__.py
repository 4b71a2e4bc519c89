"""Readers: each turns a source into RawDocument(s)."""

from newsgraph.ingest.files import read_path, read_stdin
from newsgraph.ingest.raw import RawDocument, decode_bytes, looks_like_html
from newsgraph.ingest.url import fetch_url, is_url

__all__ = ["RawDocument", "decode_bytes", "fetch_url", "is_url", "looks_like_html", "read_path", "read_stdin"]
