"""Reading files and standard input: encodings, and a clear error for every bad input."""

from __future__ import annotations

import gzip

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import read_path

ARTICLE = "The minister said on Tuesday that the talks would resume next week in Geneva.\n"


def test_reads_utf8_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Café owners said the new rules would hurt trade.\n", "utf-8")
    doc = read_path(path)
    assert doc.text.startswith("Café") and doc.content_type == "text/plain" and doc.encoding == "utf-8"


def test_detects_latin1(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(("Le ministre a déclaré à la presse que la réunion aura lieu à Genève. " * 3).encode("latin-1"))
    doc = read_path(path)
    assert "déclaré" in doc.text


def test_honours_html_meta_charset(tmp_path):
    path = tmp_path / "page.html"
    html = '<html><head><meta charset="windows-1252"></head><body><p>“Quoted” text – dash</p></body></html>'
    path.write_bytes(html.encode("cp1252"))
    doc = read_path(path)
    assert doc.is_html and "“Quoted”" in doc.text


def test_reads_gzip(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(f"<html><body><p>{ARTICLE}</p></body></html>".encode()))
    assert read_path(path).is_html


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("nul.bin", b"abc\x00\x01\x02\x03" * 100, "binary"),
        ("garbage.txt", b"News text. " * 5 + bytes(range(0x80, 0x100)) * 20, "invalid UTF-8"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert reason in info.value.reason
    assert str(path) in str(info.value)


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    with pytest.raises(InputError, match="too large"):
        read_path(path, max_bytes=1000)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
