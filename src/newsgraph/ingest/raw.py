"""RawDocument and the byte-level checks every reader shares: encoding, binary, size.

Decoding, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; the charset the source
declares (HTTP header, HTML meta); UTF-8 with a few broken bytes (replaced, and counted in a
warning); a guess among the encodings news sites use (a warning says it was guessed). Text that is
mostly invalid in every one of these is an error, never a DOS code page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

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
    warnings: list[str] = field(default_factory=list)  # found while reading (bytes replaced, encoding guessed)

    @property
    def is_html(self) -> bool:
        return self.content_type == "text/html"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:5000]))


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"), (b"\xff\xfe", "utf-16-le", "utf-16"), (b"\xfe\xff", "utf-16-be", "utf-16"),
)

NEWS_ENCODINGS = (
    "utf_8", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "iso8859_5",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp1257",
    "iso8859_13", "cp874", "cp1258", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030",
    "big5", "big5hkscs", "euc_kr", "cp949",
)
"""Encodings a charset guess may pick: those news sites are written in (no DOS or Mac code pages)."""

_MAX_CHAOS = 0.2  # charset_normalizer's mess ratio above which a guess is refused
_MIN_COHERENCE = 0.1  # a guess other than windows-1252 needs this much evidence of a language
_CP1252_MARGIN = 0.15  # windows-1252 (the web's legacy default) wins unless another fits clearly better
_CONTROLS_OK = frozenset("\t\n\f\r\x1b")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and what was found on the way."""

    text: str
    encoding: str
    replaced: int = 0  # bytes (or byte sequences) not valid in ``encoding``, now U+FFFD
    guessed: bool = False  # no mark, not UTF-8, no declared charset: the encoding is a guess

    @property
    def warnings(self) -> list[str]:
        notes = []
        if self.guessed:
            notes.append(f"not UTF-8 and no charset declared: read as {self.encoding} (a guess)")
        if self.replaced:
            noun = "sequence" if self.replaced == 1 else "sequences"
            notes.append(f"{self.replaced:,} invalid {self.encoding} byte {noun} replaced with U+FFFD")
        return notes


def few_replaced(bad: int, length: int) -> bool:
    """A few damaged bytes (at most 1% of the text, and always 2): decoded with replacement marks."""
    return bad <= max(2, length // 100)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def _text_looks_binary(text: str) -> bool:
    head = text[:4096]
    controls = sum(1 for ch in head if (ord(ch) < 32 and ch not in _CONTROLS_OK) or 0x7F <= ord(ch) < 0xA0)
    return controls > max(8, len(head) // 50)


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset name; None when unknown. Per the HTML standard, a
    declared UTF-16/32 without a byte-order mark is read as UTF-8 (ASCII bytes are no UTF-16)."""
    if not name:
        return None
    import codecs

    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}.get(codec, codec)


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type value (``text/html; charset=utf-8``), if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return _codec(match.group(1).decode("ascii", "ignore"))


def with_replacement(data: bytes, encoding: str) -> tuple[str, int]:
    """Decoded with U+FFFD for invalid bytes, and how many were replaced (marks already in the text
    as valid bytes are not counted)."""
    text = data.decode(encoding, errors="replace")
    already = data.decode(encoding, errors="ignore").count("\ufffd")
    return text, text.count("\ufffd") - already


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise InputError(source, "empty input")
    if _text_looks_binary(text):
        raise InputError(source, "binary data, not a text or HTML article")


def _from_bom(data: bytes, source: str) -> Decoded | None:
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            text, bad = with_replacement(data[len(mark):], codec)
            _check_text(text, source)
            if not few_replaced(bad, len(text)):
                raise InputError(source, f"invalid {name}: {bad:,} bad byte sequences after its byte-order mark")
            return Decoded(text, name, bad)
    return None


def _guess(data: bytes) -> str | None:
    """A legacy encoding among NEWS_ENCODINGS that fits the bytes, windows-1252 first; None if none does."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data[:200_000], cp_isolation=list(NEWS_ENCODINGS))
               if m.encoding and m.encoding != "utf_8" and m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = max(matches, key=lambda m: m.coherence)
    western = next((m for m in matches if "cp1252" in (m.encoding, *m.could_be_from_charset)), None)
    if western is not None and western.coherence >= best.coherence - _CP1252_MARGIN:
        return "cp1252"
    return str(best.encoding) if best.coherence >= _MIN_COHERENCE else None


def decode(data: bytes, source: str, max_bytes: int, declared: str | None = None) -> Decoded:
    """Decode article bytes (``declared``: a charset the transport names, e.g. HTTP's Content-Type);
    raises InputError with the reason when they are no text."""
    if len(data) > max_bytes:
        raise InputError(source, f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    if not data.strip():
        raise InputError(source, "empty input")
    marked = _from_bom(data, source)
    if marked is not None:
        return marked
    if _looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    charset = _codec(declared) or _declared_charset(data)
    if charset and charset != "utf-8":
        text, bad = with_replacement(data, charset)
        if few_replaced(bad, len(text)) and not _text_looks_binary(text):
            return Decoded(text, charset, bad)
    text, bad = with_replacement(data, "utf-8")
    has_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in text[:100_000])
    if few_replaced(bad, len(text)) and (has_multibyte or charset == "utf-8"):
        return Decoded(text, "utf-8", bad)  # UTF-8 with a few broken bytes (common in scraped pages)
    high = sum(1 for b in data if b > 127)
    if few_replaced(high, len(data)):  # a few stray bytes in ASCII text: no evidence for any language
        try:
            return Decoded(data.decode("cp1252"), "cp1252", guessed=True)
        except UnicodeDecodeError:
            return Decoded(text, "utf-8", bad)
    guess = _guess(data)
    if guess is not None:
        guessed_text, guessed_bad = with_replacement(data, guess)
        if few_replaced(guessed_bad, len(guessed_text)) and not _text_looks_binary(guessed_text):
            return Decoded(guessed_text, guess, guessed_bad, guessed=True)
    raise InputError(source, f"invalid UTF-8 ({bad:,} bad byte sequences), and no other text encoding fits the bytes")


def decode_bytes(data: bytes, source: str, max_bytes: int) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding) or raises InputError with the reason."""
    decoded = decode(data, source, max_bytes)
    return decoded.text, decoded.encoding
