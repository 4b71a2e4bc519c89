"""The DuckDB store: every record type stored and read back, idempotent batches, migration on open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsgraph.records import (
    Article,
    Commitment,
    Entity,
    Mention,
    Metadata,
    NoResponse,
    Place,
    Quantity,
    Quote,
    RemovedLine,
    SourceGroup,
    Sourcing,
    Span,
    Speaker,
    TimelineEntry,
    Timex,
)
from newsgraph.store.duckdb import STORE_VERSION, Copy, Store, StoreError

BODY = "Mayor Ann Lee said the city will open the bridge by June 2025. Two officials declined to comment."


def full_article(article_id: str = "a1", body: str = BODY) -> Article:
    """An article with one record of every type, offsets into BODY."""
    lee = Entity(id="e1", name="Ann Lee", type="PERSON", label="PERSON", role="Mayor",
                 mentions=[Mention(start=6, end=13, text="Ann Lee")])
    quote = Quote(id="q1", kind="indirect", start=19, end=61, text=body[19:61], cue=Span(start=14, end=18, text="said"),
                  speaker=Speaker(start=6, end=13, text="Ann Lee", entity_id="e1", name="Ann Lee"))
    timex = Timex(id="t1", type="DATE", start=52, end=61, text="June 2025", value="2025-06")
    return Article(
        id=article_id, source=f"{article_id}.txt", body=body,
        metadata=Metadata(headline="Bridge to open", published=date(2024, 9, 1), labels=["Exclusive"], url=None),
        removed=[RemovedLine(text="Share this", reason="share bar")],
        entities=[lee], quotes=[quote], timexes=[timex],
        sourcing=Sourcing(groups=[SourceGroup(start=63, end=76, text="Two officials", descriptor="officials",
                                              count=2, anonymous=True)],
                          no_response=[NoResponse(start=63, end=96, text=body[63:96], who="Two officials",
                                                  kind="declined")]),
        timeline=[TimelineEntry(timex_id="t1", value="2025-06", clause=Span(start=0, end=61, text=body[:61]))],
        quantities=[Quantity(start=63, end=66, text="Two", value=2, what="officials")],
        places=[Place(start=0, end=4, text="city", name="Springfield", lat=39.8, lon=-89.6, country="US")],
        commitments=[Commitment(start=19, end=61, text=body[19:61], what="open the bridge", actor="the city",
                                deadline="2025-06", due_date=date(2025, 6, 30))],
    )


def test_every_record_type_is_stored_and_read_back(tmp_path: Path) -> None:
    article = full_article()
    with Store(tmp_path / "s.duckdb") as store:
        result = store.write_batch([article], [Copy("a1", "a1.txt")])
        assert result.stored == 1
        counts = store.counts()
    for table in ("articles", "entities", "mentions", "quotes", "source_groups", "no_responses", "timexes",
                  "timeline", "quantities", "places", "commitments", "removed", "copies"):
        assert counts[table] == 1, table
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.articles() == [article]
        _, rows = store.query("SELECT speaker_name, cue_text, kind FROM quotes")
        assert rows == [("Ann Lee", "said", "indirect")]
        _, rows = store.query("SELECT due_date, headline FROM commitments JOIN articles ON id = article_id")
        assert rows == [(date(2025, 6, 30), "Bridge to open")]
        _, rows = store.query("SELECT entity_id, text FROM mentions")
        assert rows == [("e1", "Ann Lee")]


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = store.write_batch([full_article(), full_article()])
        second = store.write_batch([full_article()])
        assert (first.stored, first.duplicates, second.stored, second.duplicates) == (1, 1, 0, 1)
        assert store.counts()["entities"] == 1


def test_failed_batch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "s.duckdb")
    calls = {"n": 0}
    original = store._insert

    def failing(table, types, rows):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if table == "timexes":
            raise RuntimeError("disk full")
        original(table, types, rows)

    monkeypatch.setattr(store, "_insert", failing)
    with pytest.raises(RuntimeError):
        store.write_batch([full_article()])
    assert calls["n"] > 1
    monkeypatch.undo()
    assert store.counts()["articles"] == 0 and store.counts()["entities"] == 0
    store.close()


def test_errors_are_kept_once_per_source_and_cleared_when_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([], errors=[("a1.txt", "empty input")])
        store.write_batch([], errors=[("a1.txt", "binary data")])
        assert store.query("SELECT source, reason FROM errors")[1] == [("a1.txt", "binary data")]
        store.write_batch([full_article()], [Copy("a1", "a1.txt")])
        assert store.counts()["errors"] == 0


def test_old_store_is_migrated_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write_batch([full_article()])
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE quotes DROP COLUMN speaker_resolved_from")  # as made before that field existed
    con.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    con.close()
    with pytest.raises(StoreError, match="version 0"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.version() == STORE_VERSION
        names, _ = store.query("SELECT * FROM quotes")
        assert "speaker_resolved_from" in names and store.counts()["quotes"] == 1


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.duckdb", read_only=True)
