"""The sample article: every quote and sourcing item a careful reader lists is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.records import Article, Quote

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
ARTICLE, EXPECTED = SAMPLES / "iraq-withdrawal.txt", SAMPLES / "iraq-withdrawal.expected.json"
pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason=f"sample not found at {SAMPLES}")


def norm(text: str) -> str:
    """Curly and straight marks alike; edge punctuation and spacing ignored."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return " ".join(text.translate(table).split()).strip(" ,.;:\"'")


@pytest.fixture(scope="module")
def article() -> Article:
    return Pipeline().run(ARTICLE)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text("utf-8"))


def speaker_matches(quote: Quote, speaker: str) -> bool:
    if quote.speaker is None:
        return False
    return norm(speaker).lower() in {norm(quote.speaker.text).lower(), norm(quote.speaker.name or "").lower()}


def text_matches(quote: Quote, item: dict) -> bool:
    if "text" in item:
        return norm(quote.text) == norm(item["text"])
    whole = " ".join(c.text for c in quote.content) or quote.text
    return norm(item["contains"]) in norm(whole)


def test_every_expected_quote_is_found(article: Article, expected: dict) -> None:
    for item in expected["quotes"]:
        hits = [q for q in article.quotes if q.kind == item["kind"] and text_matches(q, item)
                and speaker_matches(q, item["speaker"])]
        assert hits, f"not found: {item}"
        if "anonymous" in item:
            assert hits[0].speaker is not None and hits[0].speaker.anonymous == item["anonymous"], item


def test_quote_ids_in_body_order(article: Article) -> None:
    assert [q.id for q in article.quotes] == [f"q{i}" for i in range(1, len(article.quotes) + 1)]
    assert [q.start for q in article.quotes] == sorted(q.start for q in article.quotes)


def test_source_groups_and_reason(article: Article, expected: dict) -> None:
    found = {(g.count, norm(g.descriptor)) for g in article.sourcing.groups if g.anonymous}
    for group in expected["sourcing"]["anonymous_groups"]:
        assert (group["count"], norm(group["descriptor"])) in found, group
    reasons = {g.reason for g in article.sourcing.groups}
    assert expected["sourcing"]["anonymity_stated"] in reasons


def test_named_sources_and_no_response(article: Article, expected: dict) -> None:
    summary = article.sourcing.summary
    for name in expected["sourcing"]["named_sources"]:
        assert name in summary.named_sources
    who = {norm(n.who).lower() for n in article.sourcing.no_response}
    for name in expected["sourcing"]["no_response"]:
        assert norm(name).lower() in who, name
    assert summary.anonymous_count >= sum(g["count"] for g in expected["sourcing"]["anonymous_groups"])
    assert 0 < summary.anonymous_quoted_share < 1


def test_statements_leave_out_non_statements_and_no_response_lines(article: Article) -> None:
    """Issue #16: "[acknowledging] the presence" and "[did not provide specifics about] the plan" are
    no statements, and a line saying someone did not respond is a sourcing record, never a quote."""
    said = [q for q in article.quotes if q.act == "statement"]
    assert said, "the sample has statements"
    for q in said:
        content = norm(" ".join(c.text for c in q.content)).lower()
        cue = (q.cue.text if q.cue else "").lower()
        assert content not in ("the presence", "the plan"), q
        assert not (cue.startswith("acknowledg") or "provide" in cue), q
    for q in article.quotes:
        whole = norm(q.text + " " + (q.cue.text if q.cue else "")).lower()
        assert "respond" not in whole and "did not provide" not in whole, q
    for item in article.sourcing.no_response:
        assert not any(q.cue is not None and item.start <= q.cue.start < item.end for q in article.quotes), item


def test_the_five_sourcing_items_are_intact(article: Article, expected: dict) -> None:
    """The three anonymous groups and the two who did not respond, each once."""
    groups = [(g.count, norm(g.descriptor)) for g in article.sourcing.groups if g.anonymous]
    wanted = expected["sourcing"]["anonymous_groups"]
    assert sorted(groups) == sorted((g["count"], norm(g["descriptor"])) for g in wanted)
    silent = [norm(n.who).lower() for n in article.sourcing.no_response if n.kind == "no_response"]
    assert silent == [norm(name).lower() for name in expected["sourcing"]["no_response"]]
    texts = [norm(n.text).lower() for n in article.sourcing.no_response]
    assert "the coalition did not respond to inquiries" in texts
    assert "the u.s. embassy in baghdad has not responded to requests for comment" in texts
