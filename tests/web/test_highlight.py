"""Highlighting on hand-made articles: overlapping and crossing facts, escaping, bad offsets."""

from __future__ import annotations

import re

from newsgraph.records import Article, Commitment, Entity, Mention, Quote, Speaker, Timex
from newsgraph.web.highlight import article_facts, highlight, segments
from newsgraph.web.routes import safe_url

BODY = 'Ann <Lee> & co said "we <b>will</b> open it by June 2025" today.'


def _article() -> Article:
    quote_start = BODY.index('we')
    quote_end = BODY.index('" today')
    june = BODY.index("June 2025")
    return Article(
        id="x", source="x.txt", body=BODY,
        entities=[Entity(id="e1", name="Ann Lee", type="PERSON", label="PERSON",
                         mentions=[Mention(start=0, end=9, text=BODY[0:9])])],
        quotes=[Quote(id="q1", kind="direct", start=quote_start, end=quote_end, text=BODY[quote_start:quote_end],
                      speaker=Speaker(start=0, end=9, text=BODY[0:9], name="Ann Lee"))],
        timexes=[Timex(id="t1", type="DATE", start=june, end=june + 9, text="June 2025", value="2025-06"),
                 Timex(id="t2", type="DATE", start=50, end=500, text="bad", value=None)],  # past the body: dropped
        commitments=[Commitment(start=june - 8, end=len(BODY) - 1, text=BODY[june - 8:-1], what="open it")],
    )


def test_segments_cover_the_body_once_with_the_facts_over_them() -> None:
    article = _article()
    facts = article_facts(article)
    assert "t2" not in {f.anchor.removeprefix("timex-") for f in facts}
    pieces = segments(len(BODY), facts)
    assert pieces[0].start == 0 and pieces[-1].end == len(BODY)
    assert all(a.end == b.start and a.start < a.end for a, b in zip(pieces, pieces[1:]))
    for piece in pieces:
        assert {f.anchor for f in piece.facts} == {f.anchor for f in facts if f.start <= piece.start < f.end}
    june = BODY.index("June 2025")
    over_june = next(p for p in pieces if p.start == june)
    assert {f.kind for f in over_june.facts} == {"quote", "commitment", "timex"}  # nested and crossing spans
    after_quote = next(p for p in pieces if p.start == article.quotes[0].end)
    assert {f.kind for f in after_quote.facts} == {"commitment"}  # the commitment runs past the quote


def test_highlight_escapes_every_piece() -> None:
    html = str(highlight(_article()))
    assert "<b>" not in html and "<Lee>" not in html
    assert "Ann &lt;Lee&gt;</mark> &amp; co" in html and "&lt;b&gt;will&lt;/b&gt;" in html
    assert '<a class="anchor" id="quote-q1"></a>' in html and 'title="direct quote q1: Ann Lee' in html


def test_only_web_urls_become_links() -> None:
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None


def test_fact_targets_outline_every_piece_of_the_linked_fact() -> None:
    from newsgraph.web.highlight import fact_targets_css

    article = _article()
    html = str(highlight(article))
    css = fact_targets_css(article)
    facts = article_facts(article)
    quote = next(i for i, f in enumerate(facts) if f.anchor == "quote-q1")
    assert f'.body > .anchor[id="quote-q1"]:target ~ mark[data-facts~="{quote}"]' in css
    pieces = [p for p in segments(len(BODY), facts) if any(f.anchor == "quote-q1" for f in p.facts)]
    marked = [m for m in re.findall(r'data-facts="([0-9 ]*)"', html) if str(quote) in m.split()]
    assert len(pieces) > 1 and len(marked) == len(pieces)  # every piece of the quote carries its number
    hostile = article.model_copy(update={"quotes": [article.quotes[0].model_copy(update={"id": 'q"]{x}\\'})]})
    assert '.anchor[id="quote-q\\22 \\5d \\7b x\\7d \\5c "]:target' in fact_targets_css(hostile)  # ids escaped
