"""A tiny store built through the real pipeline (ingest, NLP, link), served by the framework's test client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.engine.local import IngestConfig, ingest
from newsgraph.options import Options
from newsgraph.records import Article
from newsgraph.server import create_app
from newsgraph.store.duckdb import Store

BRIDGE = """Springfield council backs bridge plan

The Springfield City Council voted 5 to 2 on Tuesday to rebuild the Main Street bridge, Mayor Ann Lee said after \
the meeting.

"We will open the new bridge by June 2025," Lee told reporters at City Hall. Council member Tom Becker said the plan \
would be paid for by a bond issue approved by voters.

Two city officials, who spoke on condition of anonymity, said the work would cost 40 million dollars and employ \
120 people in Springfield.
"""
# Untrusted text: markup in the headline, the body and a quote; ampersands; page furniture at the end.
EVIL = """<script>alert("headline")</script> Smith & Sons wins <b>contract</b>

The firm Smith & Sons won the <script>alert("body")</script> contract to repair the harbor in Boston, company \
president Maria Lopez said on Monday.

"We are proud of our <img src=x onerror=alert(1)> workers & their families," Lopez said. The company will finish \
the repairs by March 2025, she said.

Share this article

Leave a Reply
"""


@dataclass
class Corpus:
    db: str
    client: TestClient
    articles: dict[str, Article]  # by file stem: bridge, rewrite, evil

    def by_headline(self, text: str) -> Article:
        return next(a for a in self.articles.values() if text in (a.metadata.headline or ""))


def ingest_folder(docs: Path, db: str) -> dict[str, Article]:
    """Every file of ``docs`` ingested into ``db`` through the real pipeline (reference date 2024-09-01);
    the stored articles by file stem."""
    report = ingest([str(docs)], IngestConfig(db=db, options=Options(published=date(2024, 9, 1))))
    assert report.stored == len(list(docs.iterdir())) and not report.errors
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT c.source, a.record FROM articles a JOIN copies c ON c.article_id = a.id")
    return {Path(source).stem: Article.model_validate_json(record) for source, record in rows}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("web")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "bridge.txt").write_text(BRIDGE, "utf-8")
    (docs / "rewrite.txt").write_text(BRIDGE.replace("Tuesday", "Wednesday").replace("the meeting", "a long meeting"))
    (docs / "evil.txt").write_text(EVIL, "utf-8")
    db = str(folder / "news.duckdb")
    articles = ingest_folder(docs, db)  # before the app, which opens the store
    return Corpus(db, TestClient(create_app(db)), articles)
