"""Integration on the sample: the scraped sample article is a rewrite of a wire story.

tests/link/data/iraq-wire.txt is our own wire-style telling of the same facts, dated a day earlier;
ingested with the sample and an unrelated article, the two are linked as a rewrite and the wire copy
is named the likely original.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.store.duckdb import Store
from tests.engine.texts import article_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "samples" / "iraq-withdrawal.txt"
WIRE = Path(__file__).parent / "data" / "iraq-wire.txt"


def test_sample_is_linked_to_its_wire_original(tmp_path: Path) -> None:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is not available (the shared data sits beside the project in CI)")
    feed = tmp_path / "batch.jsonl"
    records = [
        {"url": "https://wire.example/iraq-troops", "text": WIRE.read_text("utf-8"), "published": "2024-09-05"},
        {"url": "https://news.example/iraq-deal", "text": SAMPLE.read_text("utf-8"), "published": "2024-09-06"},
        {"url": "https://city.example/council", "text": article_text(2), "published": "2024-09-06"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    report = ingest([str(feed)], IngestConfig(db=str(tmp_path / "n.duckdb")))
    assert report.stored == 3 and not report.errors
    with Store(tmp_path / "n.duckdb", read_only=True) as store:
        _, links = store.query("""SELECT l.kind, a.url, b.url FROM links l
                                  JOIN articles a ON a.id = l.a JOIN articles b ON b.id = l.b""")
        assert [(kind, {a, b}) for kind, a, b in links] == [
            ("rewrite", {"https://wire.example/iraq-troops", "https://news.example/iraq-deal"})]
        _, rows = store.query("""SELECT a.url, s.original FROM stories s JOIN articles a ON a.id = s.article_id
                                 ORDER BY a.url""")
        assert rows == [("https://news.example/iraq-deal", False), ("https://wire.example/iraq-troops", True)]
