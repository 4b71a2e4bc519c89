"""The ingest job end to end on small hand-made articles: store, skip on re-run, copies, bad documents."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.options import Options
from newsgraph.records import Article
from newsgraph.store.duckdb import Store
from tests.engine.texts import article_text, write_articles


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    write_articles(docs, 5)
    (docs / "nested").mkdir()
    (docs / "nested" / "copy-of-0.txt").write_text(article_text(0), "utf-8")  # an exact copy elsewhere
    (docs / "empty.txt").write_text("   \n", "utf-8")
    headline, *paragraphs = article_text(9).split("\n\n")
    page = f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>" + "".join(
        f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    (docs / "nested" / "page.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    return docs


def _config(tmp_path: Path, **kw: object) -> IngestConfig:
    return IngestConfig(db=str(tmp_path / "news.duckdb"), batch_size=3, **kw)  # type: ignore[arg-type]


def test_ingest_stores_skips_and_reports(folder: Path, tmp_path: Path) -> None:
    report = ingest([str(folder)], _config(tmp_path))
    assert report.stored == 6 and report.copies == 1
    assert sorted(Path(s).name for s, _ in report.errors) == ["binary.txt", "empty.txt"]
    with Store(tmp_path / "news.duckdb", read_only=True) as store:
        counts = store.counts()
        assert counts["articles"] == 6 and counts["copies"] == 7 and counts["errors"] == 2
        _, heads = store.query("SELECT headline FROM articles WHERE source LIKE '%page.html.gz'")
        assert heads == [("Akron council backs a school repair plan",)]
        _, rows = store.query("SELECT count(*) FROM copies GROUP BY article_id HAVING count(*) > 1")
        assert rows == [(2,)]
        _, people = store.query("SELECT count(*) FROM entities WHERE type = 'PERSON'")
        assert people[0][0] >= 5


def test_reingest_stores_nothing_new_and_reads_nothing(folder: Path, tmp_path: Path) -> None:
    ingest([str(folder)], _config(tmp_path))
    with Store(tmp_path / "news.duckdb", read_only=True) as store:
        before = store.counts()
    again = ingest([str(folder)], _config(tmp_path))
    assert again.stored == 0 and again.skipped == 7  # six articles and the copy, known by path
    with Store(tmp_path / "news.duckdb", read_only=True) as store:
        assert store.counts() == before


def test_same_text_under_a_new_name_is_skipped_before_nlp(folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ingest([str(folder)], _config(tmp_path))
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(article_text(3), "utf-8")
    from newsgraph.pipeline import Pipeline

    annotate = Pipeline.annotate

    def no_nlp(self: Pipeline, article: Article, *args: object, **kwargs: object) -> Article:
        if article.source != "warm-up":  # the worker's start-up run on its own page is expected
            raise AssertionError("NLP ran on a stored text")
        return annotate(self, article, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Pipeline, "annotate", no_nlp)
    report = ingest([str(renamed)], _config(tmp_path))
    assert report.stored == 0 and report.copies == 1 and not report.errors


def test_published_from_metadata_is_opt_in(tmp_path: Path) -> None:
    write_articles(tmp_path / "d", 1)
    ingest([str(tmp_path / "d")], _config(tmp_path))
    with Store(tmp_path / "news.duckdb", read_only=True) as store:
        assert store.query("SELECT published FROM articles")[1] == [(None,)]
    other = IngestConfig(db=str(tmp_path / "b.duckdb"), published_from_metadata=True)
    ingest([str(tmp_path / "d")], other)
    with Store(tmp_path / "b.duckdb", read_only=True) as store:
        published, origin = store.query("SELECT published, published_source FROM articles")[1][0]
    assert published is not None and origin == "archive-metadata"


@pytest.mark.slow  # minutes on a busy machine: the full suite (.ci/run) runs it
def test_two_workers_store_the_same_as_one(folder: Path, tmp_path: Path) -> None:
    one = ingest([str(folder)], IngestConfig(db=str(tmp_path / "one.duckdb"), batch_size=2))
    two = ingest([str(folder)], IngestConfig(db=str(tmp_path / "two.duckdb"), batch_size=2, workers=2))
    assert (two.stored, two.copies, len(two.errors)) == (one.stored, one.copies, len(one.errors))
    # done by pool workers (one may take every small batch while the other still warms up)
    assert two.peak_rss_mb and os.getpid() not in two.peak_rss_mb and len(two.peak_rss_mb) <= 2
    query = "SELECT article_id, count(*) FROM mentions GROUP BY 1 ORDER BY 1"
    with Store(tmp_path / "one.duckdb", read_only=True) as a, Store(tmp_path / "two.duckdb", read_only=True) as b:
        assert a.query(query)[1] == b.query(query)[1]


def test_warm_up_loads_what_the_extractors_load_on_first_use() -> None:
    from newsgraph.extract.attribution.crf import load_tagger
    from newsgraph.extract.places.gazetteer import load
    from newsgraph.pipeline import Pipeline

    load.cache_clear()
    load_tagger.cache_clear()
    Pipeline().warm_up()
    assert load.cache_info().currsize == 1  # the gazetteer
    assert load_tagger.cache_info().currsize == 1  # the cue tagger


def test_links_left_stale_by_a_crash_are_made_by_the_next_run(tmp_path: Path) -> None:
    """A kill -9 after the last commit and before linking: the next run stores nothing and still links."""
    docs = tmp_path / "docs"
    write_articles(docs, 3)
    (docs / "copy.txt").write_text(article_text(0).replace("Tuesday", "Wednesday"), "utf-8")  # a near-duplicate
    db = tmp_path / "news.duckdb"
    ingest([str(docs)], IngestConfig(db=str(db), link=False))  # as if killed before linking
    with Store(db, read_only=True) as store:
        assert store.links_stale() and store.counts()["stories"] == 0
    again = ingest([str(docs)], IngestConfig(db=str(db)))
    assert again.stored == 0 and again.linked
    with Store(db, read_only=True) as store:
        assert not store.links_stale()
        _, rows = store.query("""
            SELECT count(DISTINCT s.story_id) FROM stories s JOIN copies c ON c.article_id = s.article_id
            WHERE c.source LIKE '%copy.txt' OR c.source LIKE '%00.txt'""")
        assert rows == [(1,)]  # the near-duplicate and its original share a story
    assert not ingest([str(docs)], IngestConfig(db=str(db))).linked  # nothing stale: no work


def test_the_store_can_be_read_between_batches(tmp_path: Path) -> None:
    """The writer holds the store only while it commits a batch: a reader opens it in between."""
    from newsgraph.store.duckdb import open_for_reading

    docs = tmp_path / "docs"
    write_articles(docs, 6)
    seen: list[int] = []

    def read_now(report, outcomes) -> None:  # type: ignore[no-untyped-def]
        with open_for_reading(tmp_path / "news.duckdb", wait=0) as store:
            seen.append(store.counts()["articles"])

    ingest([str(docs)], IngestConfig(db=str(tmp_path / "news.duckdb"), batch_size=2), on_batch=read_now)
    assert seen == [2, 4, 6]


def test_a_document_over_its_time_budget_is_an_error_and_the_batch_goes_on(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from newsgraph.extract.entities import recognize

    docs = tmp_path / "docs"
    write_articles(docs, 3)
    (docs / "slow.txt").write_text(article_text(7).replace("Mayor", "Mayor Slowpoke"), "utf-8")
    real = recognize.extract_entities

    def slow_on_one(doc, ctx):  # type: ignore[no-untyped-def]
        while "Slowpoke" in ctx.body:  # stands for an extractor stuck on a pathological text
            time.sleep(0.01)
        return real(doc, ctx)

    from newsgraph.extract import entities
    from newsgraph.extract.contract import Extractor

    monkeypatch.setattr(entities, "EXTRACTORS", (Extractor("entities", slow_on_one),))
    config = IngestConfig(db=str(tmp_path / "news.duckdb"), batch_size=4,
                          options=Options(time_budget=1.0))
    report = ingest([str(docs)], config)
    assert report.stored == 3
    assert [(Path(s).name, r) for s, r in report.errors] == [
        ("slow.txt", "gave up after the time budget of 1 s for one document (--time-budget)")]
