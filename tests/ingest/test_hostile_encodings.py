"""Hostile encodings (issue #21, item 6): byte-order marks are honoured, guesses stay among the
encodings news is written in, a few broken bytes are replaced and counted, mostly invalid text is an error."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import RawDocument, read_path
from newsgraph.ingest.raw import NEWS_ENCODINGS, decode

ARTICLE = "The minister said on Tuesday that the talks would resume next week in Geneva, “probably” on Monday. "


@pytest.mark.parametrize(("codec", "mark", "name"), [
    ("utf-16-le", b"\xff\xfe", "utf-16"), ("utf-16-be", b"\xfe\xff", "utf-16"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"), ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8"),
])
def test_byte_order_marks_are_honoured(tmp_path, codec, mark, name):
    path = tmp_path / "a.txt"
    path.write_bytes(mark + (ARTICLE * 3).encode(codec))
    doc = read_path(path)
    assert doc.text == ARTICLE * 3
    assert doc.encoding == name and doc.warnings == []


def test_utf16_html_with_bom(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"\xff\xfe" + f"<html><body><p>{ARTICLE}</p></body></html>".encode("utf-16-le"))
    doc = read_path(path)
    assert doc.is_html and "“probably”" in doc.text


def test_a_few_invalid_bytes_are_replaced_and_counted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes((ARTICLE * 5).encode() + b"\xff\xfe\x81 " + (ARTICLE * 5).encode())
    doc = read_path(path)
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") == 3
    assert doc.warnings == ["3 invalid utf-8 byte sequences replaced with U+FFFD"]


def test_invalid_utf8_is_never_read_as_a_dos_code_page():
    """Before: English text with a few stray bytes came back as cp1125 (a DOS code page), exit 0."""
    data = (ARTICLE * 5).encode() + b"\xff\xfe\x81 " + (ARTICLE * 5).encode()
    decoded = decode(data, "x.txt", 10**6)
    assert decoded.encoding in {"utf-8", *NEWS_ENCODINGS}
    assert decoded.warnings  # never silent


def test_legacy_guess_is_a_news_encoding_and_says_so():
    data = ("Le ministre a déclaré à la presse que la réunion aura lieu à Genève. " * 3).encode("cp1252")
    decoded = decode(data, "x.txt", 10**6)
    assert decoded.encoding == "cp1252" and "déclaré à" in decoded.text
    assert decoded.warnings == ["not UTF-8 and no charset declared: read as cp1252 (a guess)"]
    russian = ("Министр заявил во вторник, что переговоры возобновятся. " * 3).encode("cp1251")
    assert decode(russian, "r.txt", 10**6).encoding == "cp1251"


def test_declared_charset_is_not_a_guess():
    data = '<html><head><meta charset="windows-1252"></head><body><p>“Quoted” – text</p></body></html>'
    decoded = decode(data.encode("cp1252"), "p.html", 10**6)
    assert decoded.encoding == "cp1252" and decoded.warnings == [] and "“Quoted”" in decoded.text
    header = decode("Geneva – “talks”".encode("cp1252"), "u", 10**6, declared="windows-1252")
    assert header.encoding == "cp1252" and header.text == "Geneva – “talks”"


def test_declared_utf16_without_a_mark_is_read_as_utf8():
    page = '<html><head><meta charset="utf-16"></head><body><p>Talks – resumed</p></body></html>'
    assert decode(page.encode(), "p.html", 10**6).text == page


@pytest.mark.parametrize(("name", "data"), [
    ("mostly-invalid", (ARTICLE[:40]).encode() + b"\x81\x8d\x8f\x90\x9d" * 40),
    ("invalid-after-bom", b"\xef\xbb\xbf" + b"\xff" * 200 + b" a few words"),
    ("utf16-lone-surrogates", b"\xff\xfe" + b"\x00\xd8a\x00" * 100),
    ("utf16-controls", b"\xff\xfe" + "\x01\x02\x03 a".encode("utf-16-le") * 100),
])
def test_mostly_invalid_text_is_an_error(tmp_path, name, data):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_read_warnings_reach_the_article(pipeline):
    raw = RawDocument(uri="x", text="The council approved the budget on Monday after a long debate. " * 3,
                      content_type="text/plain", warnings=["2 invalid utf-8 byte sequences replaced with U+FFFD"])
    article, _ = pipeline.prepare(raw)
    assert article.warnings[0] == "2 invalid utf-8 byte sequences replaced with U+FFFD"
