"""Damaged WARC files (issue #21, item 5): a cut or corrupt record is one Failure naming the record
and the reason; the records before it are kept; nothing passes as a short article."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.walk import expand
from newsgraph.ingest.warc import read_warc


def _page(n: int) -> bytes:
    return (f"<html><body><article><p>Story {n}. " + "The port reopened on Friday after the strike. " * 20
            + "</p></article></body></html>").encode()


def _warc(gz: bool, count: int = 3) -> tuple[bytes, list[int]]:
    """A WARC of ``count`` HTML responses, and the offset where each record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    starts = []
    for n in range(count):
        starts.append(out.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.org/{n}", "response", payload=BytesIO(_page(n)),
                                                      http_headers=headers))
    return out.getvalue(), starts


def _split(entries: list[Item | Failure]) -> tuple[list[Item], list[Failure]]:
    return [e for e in entries if isinstance(e, Item)], [e for e in entries if isinstance(e, Failure)]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_whole_warc_has_no_failure(tmp_path: Path, gz: bool) -> None:
    data, _ = _warc(gz)
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data)
    items, failures = _split(list(read_warc(path)))
    assert [i.url for i in items] == ["https://x.org/0", "https://x.org/1", "https://x.org/2"] and not failures


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("where", ["in-block", "in-header", "last-bytes"])
def test_truncated_record_is_one_failure_after_the_records_before(tmp_path: Path, gz: bool, where: str) -> None:
    """Before: the cut record went through as a short article (.warc) or vanished silently (.warc.gz)."""
    data, starts = _warc(gz)
    cut = {"in-block": starts[1] + (starts[2] - starts[1]) // 2, "in-header": starts[1] + 20,
           "last-bytes": len(data) - 30}[where]
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:cut])
    entries = list(read_warc(path))
    items, failures = _split(entries)
    kept = 2 if where == "last-bytes" else 1
    assert [i.url for i in items] == [f"https://x.org/{n}" for n in range(kept)]
    assert all(_page(n).decode() == i.raw.text for n, i in enumerate(items) if i.raw is not None)
    assert len(failures) == 1 and entries[-1] is failures[0]
    failure = failures[0]
    assert str(path) in failure.reason and ("truncated" in failure.reason or "corrupt" in failure.reason)
    assert "\n" not in failure.reason and failure.source != str(path)


def test_wrong_content_length_is_a_failure(tmp_path: Path) -> None:
    data, starts = _warc(False)
    record = data[starts[1]:starts[2]]
    shorter = record.replace(b"Content-Length: ", b"Content-Length: 1", 1)  # 1xxx: past the record's end
    path = tmp_path / "bad.warc"
    path.write_bytes(data[:starts[1]] + shorter + data[starts[2]:])
    items, failures = _split(list(read_warc(path)))
    assert [i.url for i in items] == ["https://x.org/0"]
    assert len(failures) == 1 and "WARC record" in failures[0].reason


def test_garbage_between_records_is_a_failure(tmp_path: Path) -> None:
    data, starts = _warc(True)
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data[:starts[1]] + b"\x1f\x8b garbage, not a gzip member" + data[starts[2]:])
    items, failures = _split(list(read_warc(path)))
    assert [i.url for i in items] == ["https://x.org/0"]
    assert len(failures) == 1 and "\n" not in failures[0].reason


def test_batch_goes_on_after_a_cut_warc(tmp_path: Path) -> None:
    data, starts = _warc(True)
    (tmp_path / "a-cut.warc.gz").write_bytes(data[: starts[2] + 40])
    (tmp_path / "b-whole.warc.gz").write_bytes(data)
    entries = list(expand([str(tmp_path)]))
    items, failures = _split(entries)
    assert len(items) == 2 + 3 and len(failures) == 1
