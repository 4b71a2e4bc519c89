"""The web UI: pages render, article text is escaped everywhere, highlights sit on the exact characters."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from newsgraph.records import Article
from tests.web.conftest import Corpus

PAGES = ["/", "/?q=bridge", "/quotes", "/quotes?speaker=lopez", "/entities?type=PERSON", "/timeline",
         "/timeline?entity=Lopez", "/due?within=1y&as_of=2025-01-01", "/places", "/sources", "/stories"]


class Page(HTMLParser):
    """What the tests look at: links, external references, and the body's marks and anchors."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []  # src= and stylesheet hrefs: must all be local
        self.body_text: list[str] = []  # the text inside <div class="body">, unescaped
        self.marks: list[tuple[int, int, set[str], str]] = []  # (start, end, kinds, text) of each <mark>
        self.anchors: dict[str, int] = {}  # anchor id -> start of the mark that follows it
        self._pending: list[str] = []
        self._in_body = self._mark = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "src" in a or (tag == "link" and "href" in a):
            self.sources.append(a.get("src") or a["href"])
        if tag == "div" and a.get("class") == "body":
            self._in_body = True
        elif self._in_body and tag == "a" and a.get("class") == "anchor":
            self._pending.append(a["id"])
        elif self._in_body and tag == "mark":
            start, end = int(a["data-start"]), int(a["data-end"])
            self.marks.append((start, end, {c.removeprefix("k-") for c in a["class"].split()}, ""))
            self.anchors.update(dict.fromkeys(self._pending, start))
            self._pending, self._mark = [], True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_body:
            self._in_body = False
        elif tag == "mark":
            self._mark = False

    def handle_data(self, data: str) -> None:
        if self._in_body:
            self.body_text.append(data)
            if self._mark:
                start, end, kinds, text = self.marks[-1]
                self.marks[-1] = (start, end, kinds, text + data)


def page(corpus: Corpus, url: str, status: int = 200) -> str:
    response = corpus.client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def article_page(corpus: Corpus, article: Article) -> Page:
    return Page(page(corpus, f"/articles/{article.id}"))


@pytest.mark.parametrize("url", PAGES)
def test_pages_escape_article_text_and_use_nothing_external(corpus: Corpus, url: str) -> None:
    html = page(corpus, url)
    assert "<script" not in html and "<img" not in html and "<b>" not in html  # the UI has none of its own
    parsed = Page(html)
    assert parsed.sources == ["/static/style.css", "/static/favicon.svg"]
    assert all(link.startswith(("/", "?", "#")) for link in parsed.links)


def test_article_list_searches_headlines(corpus: Corpus) -> None:
    links = Page(page(corpus, "/?q=bridge")).links
    expected = {f"/articles/{corpus.articles[k].id}" for k in ("bridge", "rewrite")}
    assert expected <= set(links) and f"/articles/{corpus.articles['evil'].id}" not in links
    listing = page(corpus, "/")
    assert "&lt;script&gt;alert(&#34;headline&#34;)&lt;/script&gt; Smith &amp; Sons" in listing


def test_malicious_article_is_shown_as_text(corpus: Corpus) -> None:
    evil = corpus.articles["evil"]
    html = page(corpus, f"/articles/{evil.id}")
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; workers &amp; their families" in html
    parsed = Page(html)
    assert "".join(parsed.body_text) == evil.body  # escaped on the page, the exact characters once parsed
    assert "Leave a Reply" in html and "Removed page furniture (2)" in html  # the furniture, kept aside


@pytest.mark.parametrize("name", ["bridge", "evil"])
def test_highlights_sit_on_the_exact_characters(corpus: Corpus, name: str) -> None:
    article = corpus.articles[name]
    parsed = article_page(corpus, article)
    assert parsed.marks
    for start, end, _, text in parsed.marks:
        assert text == article.body[start:end]
    covered = {i for start, end, kinds, _ in parsed.marks if "quote" in kinds for i in range(start, end)}
    assert covered == {i for q in article.quotes for i in range(q.start, q.end)}
    for quote in article.quotes:
        assert parsed.anchors[f"quote-{quote.id}"] == quote.start
    for entity in article.entities:
        assert parsed.anchors[f"entity-{entity.id}"] == entity.mentions[0].start
    for i, commitment in enumerate(article.commitments):
        assert parsed.anchors[f"commitment-{i}"] == commitment.start
    for i, place in enumerate(article.places):
        assert parsed.anchors[f"place-{i}"] == place.start
    for timex in article.timexes:
        assert parsed.anchors[f"timex-{timex.id}"] == timex.start


def test_fact_lists_link_to_their_characters(corpus: Corpus) -> None:
    article = corpus.articles["bridge"]
    parsed = article_page(corpus, article)
    targets = {link[1:] for link in parsed.links if link.startswith("#")}
    assert {f"quote-{q.id}" for q in article.quotes} <= targets
    assert {f"timex-{t.id}" for t in article.timexes} <= targets <= set(parsed.anchors)
    rewrite = corpus.articles["rewrite"]
    assert f"/articles/{rewrite.id}" in parsed.links  # the same story


def test_quotes_page_links_each_quote(corpus: Corpus) -> None:
    evil = corpus.articles["evil"]
    links = Page(page(corpus, "/quotes?speaker=lopez")).links
    assert {f"/articles/{evil.id}#quote-{q.id}" for q in evil.quotes if q.speaker and q.speaker.name} <= set(links)


def test_errors_are_pages(corpus: Corpus) -> None:
    missing = page(corpus, "/articles/%3Cscript%3Ex", 404)
    assert "no article with id &#39;&lt;script&gt;x&#39;" in missing and "<script" not in missing
    assert "as_of: expected a date" in page(corpus, "/due?as_of=tomorrow", 422)
    assert "within: expected a period" in page(corpus, "/due?within=soon", 422)
    assert "limit: " in page(corpus, "/?limit=0", 422)
    assert corpus.client.get("/static/style.css").status_code == 200
