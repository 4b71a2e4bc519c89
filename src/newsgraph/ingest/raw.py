"""RawDocument and the byte-level checks every reader shares: encoding, binary, size."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from charset_normalizer import from_bytes

from newsgraph.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(r"<(!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.IGNORECASE)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")


@dataclass
class RawDocument:
    """A source as read: text already decoded, and what kind of text it is."""

    uri: str
    text: str
    content_type: str  # "text/html" or "text/plain"
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    encoding: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the source (feed, JSON Lines), parsed later

    @property
    def is_html(self) -> bool:
        return self.content_type == "text/html"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:5000]))


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def decode_bytes(data: bytes, source: str, max_bytes: int) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding) or raises InputError with the reason."""
    if len(data) > max_bytes:
        raise InputError(source, f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    if not data.strip():
        raise InputError(source, "empty input")
    if _looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML article")
    for encoding in ("utf-8-sig", _declared_charset(data)):
        if encoding:
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except (UnicodeDecodeError, LookupError):
                continue
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None or best.chaos > 0.3:
        raise InputError(source, "invalid UTF-8, and no other text encoding fits the bytes")
    return data.decode(best.encoding, errors="replace"), best.encoding


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (common in scraped pages): decode with replacement marks."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    has_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in text[:100_000])
    return text if has_multibyte and broken <= max(2, len(data) // 2000) else None
