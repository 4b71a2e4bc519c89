"""link/sql.py: SQL only proposes the pairs; the links, stories (original, role, reason, tie), event
threads and story facts are the local linker's (link/stories.py) on the same articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.link import sql
from newsgraph.link import stories as st
from newsgraph.pipeline import article_id
from newsgraph.records import Article, Metadata

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "stories" / "articles.jsonl"


def _gold_articles() -> list[Article]:
    """The story gold set's texts as bare articles (no extraction): fast, with many stories and threads."""
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is not available")
    out: dict[str, Article] = {}
    for line in GOLD.read_text("utf-8").splitlines():
        row = json.loads(line)
        if not row["text"]:
            continue
        published = date.fromisoformat(row["published"][:10]) if row["published"] else None
        article = Article(id=article_id(row["text"]), source=row["url"] or row["id"], body=row["text"],
                          metadata=Metadata(url=row["url"], published=published))
        out.setdefault(article.id, article)
    return list(out.values())


def test_sql_candidates_give_the_local_linkers_results() -> None:
    articles = _gold_articles()
    local = sql._result(st.link_articles(sorted(articles, key=st.store_order)))
    kinds = {kind for _, _, kind, _ in local.rows}
    assert {"copy", "near_duplicate", "rewrite"} <= kinds and local.threads and local.stories > 20
    assert any(row[6] for row in local.story_rows)  # a tie among the originals, too
    assert _same_as_local(articles)
    assert _same_as_local(list(reversed(articles)))  # whatever order the store hands them over


def test_a_time_window_only_drops_word_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _gold_articles()
    published = {a.id: a.metadata.published for a in articles}
    everything = sql.link_duckdb(_con(articles))
    monkeypatch.setattr(sql, "WINDOW_DAYS", 0)
    same_day = sql.link_duckdb(_con(articles))
    assert set(same_day.rows) < set(everything.rows)
    for a, b, kind, _ in same_day.rows:  # MinHash proposes near-duplicates whatever their dates; words do not
        assert kind != "rewrite" or None in (published[a], published[b]) or published[a] == published[b]


def _con(articles: list[Article]):  # type: ignore[no-untyped-def]
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE articles (id VARCHAR, record VARCHAR)")
    con.executemany("INSERT INTO articles VALUES (?, ?)", [(a.id, a.model_dump_json()) for a in articles])
    return con


def _same_as_local(articles: list[Article]) -> bool:
    """Whether the SQL candidates (on DuckDB) give these articles the local linker's results."""
    con = _con(articles)
    try:
        return sql.link_duckdb(con) == sql._result(st.link_articles(sorted(articles, key=st.store_order)))
    finally:
        con.close()
