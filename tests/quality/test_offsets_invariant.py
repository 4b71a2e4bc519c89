"""The offsets promise over real pages: every record's text is ``body[start:end]``, inside the body;
entity mentions, places, time expressions, counts and timeline clauses neither start nor end with
whitespace, and names carry no stray punctuation at their edges."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest

from newsgraph.ingest.raw import RawDocument
from newsgraph.records import Article, Span
from tests.conftest import DATA, require

# kinds whose edges this project trims (attribution spans keep their quotation marks and commas)
_TRIMMED = {"mention", "place", "timex", "quantity", "timeline"}
_NAMES = {"mention", "place"}


def spans(article: Article) -> Iterator[tuple[str, Span]]:
    for entity in article.entities:
        yield from (("mention", m) for m in entity.mentions)
        if entity.role_span:
            yield "role", entity.role_span
    for quote in article.quotes:
        yield "quote", quote
        yield from (("content", c) for c in quote.content)
        if quote.cue:
            yield "cue", quote.cue
        if quote.speaker:
            yield "speaker", quote.speaker
    yield from (("group", g) for g in article.sourcing.groups)
    yield from (("no_response", n) for n in article.sourcing.no_response)
    yield from (("timex", t) for t in article.timexes)
    yield from (("quantity", q) for q in article.quantities)
    yield from (("place", p) for p in article.places)
    yield from (("commitment", c) for c in article.commitments)
    yield from (("timeline", e.clause) for e in article.timeline)


def _edge_ok(text: str) -> bool:
    """No stray punctuation at a name's edges; an abbreviation's dot, "Disney+" and a bracket or
    quote closed inside the name are kept."""
    first, last = text[0], text[-1]
    if not (first.isalnum() or first in "\"“‘'(["):
        return False
    if last.isalnum() or (last in ".+" and text[-2:-1].isalnum()):
        return True
    return last in ")]”’\"'" and len(text) > 1


def problems(article: Article) -> list[str]:
    body, found = article.body, []
    for kind, span in spans(article):
        where = f"{article.source} {kind} {span.start}:{span.end} {span.text[:40]!r}"
        if not (0 <= span.start <= span.end <= len(body)) or body[span.start:span.end] != span.text:
            found.append(f"{where}: not body[start:end]")
        elif kind in _TRIMMED and span.text != span.text.strip():
            found.append(f"{where}: whitespace at an edge")
        elif kind in _NAMES and span.text and not _edge_ok(span.text):
            found.append(f"{where}: punctuation at an edge")
    return found


def _aeb_pages(limit: int | None = None) -> list[RawDocument]:
    folder = require(DATA / "aeb")
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:limit]
    return [RawDocument(uri=i, text=gzip.open(folder / "html" / f"{i}.html.gz", "rt", errors="replace").read(),
                        content_type="text/html", url=truth[i].get("url")) for i in ids]


def _check(pipeline, raws: list[RawDocument]) -> None:
    found: list[str] = []
    results = list(pipeline.run_many(raws))
    articles = [a for a in results if isinstance(a, Article)]
    refused = [str(e) for e in results if not isinstance(e, Article)]
    assert all("not English" in reason for reason in refused), refused  # aeb has pages in ten other languages
    assert len(articles) >= len(raws) * 0.8
    for article in articles:
        found += problems(article)
    assert not found, "\n".join(found[:30])


def test_names_are_trimmed(pipeline):
    text = ("Former striker Kazuyoshi Miura signed again. Officials from “Save the Children said so. "
            "The firm’s Haqqani unit and Sterling GBP= traded. Hong Kong\u00a0 police came.")
    article = pipeline.run(RawDocument(uri="invented", text=text, content_type="text/plain"))
    assert not problems(article)
    names = {m.text for e in article.entities for m in e.mentions}
    assert {"Kazuyoshi Miura", "Save the Children", "Haqqani", "Hong Kong"} <= names


def test_a_sample_of_aeb_pages(pipeline):
    _check(pipeline, _aeb_pages(limit=8))


@pytest.mark.slow
def test_every_aeb_page(pipeline):
    _check(pipeline, _aeb_pages())


@pytest.mark.slow
def test_polnear_articles(pipeline):
    folder = require(DATA / "polnear" / "dev" / "text")
    raws = [RawDocument(uri=p.name, text=p.read_text("utf-8"), content_type="text/plain")
            for p in sorted(folder.glob("*.txt"))[:120]]
    _check(pipeline, raws)
