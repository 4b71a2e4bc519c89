"""The web UI as a person sees it: the system Chromium, driven by Playwright, over the project's own server.

A store holds the sample article and a hostile one (markup, event handlers and javascript: URLs in its
text, title, author and canonical URL; very long words; right-to-left overrides). Every page is loaded
with every request that would leave the host refused; no script may run from article text, the tick
boxes hide and show each kind of fact, and every fact link lands on, and outlines, its exact characters.

Needs Chromium (Debian's ``chromium``; another binary through NEWSGRAPH_CHROMIUM); Playwright never
downloads a browser of its own here.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsgraph.queries import QUERIES
from newsgraph.records import Article
from newsgraph.web.highlight import KINDS
from tests.conftest import ROOT
from tests.web.conftest import ingest_folder

pytestmark = pytest.mark.slow

SAMPLE = ROOT / "examples" / "iraq-withdrawal.txt"
PWNED = "window.__pwned"  # what any script from article text would set
HOSTILE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>&lt;script&gt;window.__pwned=1&lt;/script&gt; Port &#x202E;lanif&#x202C; deal</title>
<link rel="canonical" href="javascript:window.__pwned=3">
<meta property="og:title" content="&lt;img src=x onerror=window.__pwned=2&gt; Harbor &#x202E;deal&#x202C; approved">
<meta name="author" content="&lt;b onmouseover=window.__pwned=4&gt;Maria Lopez&lt;/b&gt;">
</head><body><article>
<h1>&lt;img src=x onerror=window.__pwned=2&gt; Harbor &#x202E;deal&#x202C; approved</h1>
<p>The Boston harbor authority approved a 40 million dollar repair contract on Monday, its president Maria Lopez
said, &lt;script&gt;window.__pwned=5&lt;/script&gt; adding that the work would employ 120 people.</p>
<p>"We will finish the repairs by March 2025 &lt;img src=x onerror=window.__pwned=6&gt; and open the port," Lopez
told reporters in Boston. Details are at javascript:window.__pwned=7 and
&lt;a href="javascript:window.__pwned=8"&gt;here&lt;/a&gt; or &lt;a href="https://example.com/"&gt;there&lt;/a&gt;.</p>
<p>Two officials, who spoke on condition of anonymity because they were not authorized to speak publicly, said the
&lt;iframe src="https://example.com/"&gt;&lt;/iframe&gt; board had agreed &#x202E;in secret&#x202C; to pay for the
work with a bond issue &lt;link rel=stylesheet href="https://example.com/x.css"&gt;.</p>
<p>Supercalifragilisticexpialidocious Pneumonoultramicroscopicsilicovolcanoconiosis {long}, the governor of
Massachusetts said on Tuesday, "is not a word we use," while &lt;style&gt;body{{display:none}}&lt;/style&gt; critics
said &lt;svg onload=window.__pwned=9&gt; &lt;meta http-equiv=refresh content="0;url=https://example.com/"&gt;
nothing.</p>
</article></body></html>
""".format(long="W" * 3000)
STYLED = ("backgroundColor", "textDecorationLine", "fontWeight", "fontStyle", "borderBottomStyle")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@dataclass
class Site:
    base: str
    articles: dict[str, Article]  # "sample", "hostile"

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, live_server: Callable[[str], str]) -> Site:
    folder = tmp_path_factory.mktemp("browser")
    docs = folder / "docs"
    docs.mkdir()
    shutil.copy(SAMPLE, docs / "sample.txt")
    (docs / "hostile.html").write_text(HOSTILE, "utf-8")
    db = str(folder / "news.duckdb")
    articles = ingest_folder(docs, db)  # before the server, which opens the store
    return Site(live_server(db), articles)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium here: install Debian's chromium (apt-get install chromium) or set NEWSGRAPH_CHROMIUM")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@dataclass
class Tab:
    """One browser tab that refuses every request leaving the host and records what a script could do."""

    page: Any
    site: Site
    foreign: list[str] = field(default_factory=list)  # requests refused: they would have left the host
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and warnings, uncaught exceptions
    failed: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        response = self.page.goto(self.site.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response

    def assert_clean(self, where: str) -> None:
        assert self.foreign == [], f"{where}: requests left the host"
        assert self.dialogs == [] and self.errors == [] and self.failed == [], where
        state = self.page.evaluate(f"""() => ({{
            pwned: typeof {PWNED} !== "undefined",
            scripts: document.scripts.length,
            handlers: [...document.querySelectorAll("*")].flatMap(e => [...e.attributes])
                .filter(a => a.name.toLowerCase().startsWith("on")).length,
            unsafe_links: [...document.querySelectorAll("a[href]")].map(a => a.href)
                .filter(h => !/^https?:/i.test(h)).length,
            embedded: document.querySelectorAll("img, svg, iframe, object, embed, style, meta[http-equiv]").length,
            nav: getComputedStyle(document.querySelector("nav")).backgroundColor,
        }})""")
        assert state == {"pwned": False, "scripts": 0, "handlers": 0, "unsafe_links": 0, "embedded": 0,
                         "nav": "rgb(32, 36, 42)"}, where  # the last: the stylesheet came from the host


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    tab = Tab(page, site)

    def route(route: Any) -> None:
        if urlsplit(route.request.url).netloc == site.host:
            route.continue_()
        else:
            tab.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type in ("error", "warning") and tab.errors.append(message.text))
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    # a request the browser itself gave up when the tab moved on (a favicon on a loaded machine) is no failure;
    # every answer of 400 or more still is (below)
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and tab.failed.append(f"{request.failure} {request.url}"))
    page.on("response", lambda answer: answer.status >= 400 and tab.failed.append(f"{answer.status} {answer.url}"))
    yield tab
    context.close()


def list_pages(site: Site) -> list[str]:
    hostile = site.articles["hostile"]
    filtered = ["/?q=Harbor", "/quotes?speaker=lopez", "/entities?type=PERSON", "/timeline?entity=Lopez",
                "/due?within=2y&as_of=2024-09-01", f"/?q={hostile.metadata.headline}"]
    return [q.page for q in QUERIES] + filtered + ["/docs"]


def test_every_page_loads_with_nothing_from_elsewhere_and_no_script(tab: Tab, site: Site) -> None:
    seen_articles: set[str] = set()
    for path in list_pages(site):
        tab.open(path)
        tab.assert_clean(path)
        seen_articles |= {href for href in tab.page.eval_on_selector_all("a[href^='/articles/']",
                                                                        "links => links.map(a => a.pathname)")}
    expected = {f"/articles/{a.id}" for a in site.articles.values()}
    assert expected <= seen_articles  # the list pages lead to both articles
    for path in sorted(seen_articles):
        tab.open(path)
        tab.assert_clean(path)
    hostile = site.articles["hostile"]
    tab.open(f"/articles/{hostile.id}")
    headline = hostile.metadata.headline or ""
    assert "\u202e" in headline and "<img" in headline  # shown as text, characters unchanged
    assert tab.page.title() == f"{headline} · newsgraph"
    assert tab.page.inner_text("h1").endswith(headline)
    assert tab.page.inner_text("#body") == hostile.body  # the body as stored, markup and all, as text
    assert tab.page.locator("a", has_text="javascript:").count() == 0  # the javascript: URL is not a link
    assert hostile.metadata.url in tab.page.inner_text("dl.meta")


def test_the_docs_work_offline(tab: Tab, site: Site) -> None:
    tab.open("/docs")
    tab.assert_clean("/docs")
    rows = tab.page.locator("table.docs tbody tr")
    assert rows.count() == len(QUERIES) + 2
    api_links = tab.page.eval_on_selector_all("table.docs a[href^='/api/']", "links => links.map(a => a.pathname)")
    assert len(api_links) == len(QUERIES) + 1
    for path in [*api_links, "/openapi.json"]:
        response = tab.page.request.get(site.base + path)
        assert response.status == 200 and response.headers["content-type"].startswith("application/json"), path
    assert tab.foreign == []
    with pytest.raises(Exception, match="ERR_FAILED"):  # the guard itself: a request off the host is refused
        tab.page.goto("https://example.com/")
    assert tab.foreign == ["https://example.com/"]


def _styles(tab: Tab) -> list[dict[str, Any]]:
    """Each mark of the body: its kinds and the look of each property a kind may set."""
    return tab.page.eval_on_selector_all("#body mark", f"""marks => marks.map(m => {{
        const style = getComputedStyle(m);
        return {{kinds: [...m.classList].filter(c => c.startsWith("k-")).map(c => c.slice(2)),
                 look: {list(STYLED)}.map(p => style[p]).join("|")}};
    }})""")


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_tick_boxes_hide_and_show_each_kind_of_fact(tab: Tab, site: Site, name: str) -> None:
    tab.open(f"/articles/{site.articles[name].id}")
    plain = tab.page.evaluate(f"""() => {{
        const style = getComputedStyle(document.querySelector("#body"));
        return {list(STYLED)}.map(p => p === "backgroundColor" ? "rgba(0, 0, 0, 0)" :
                                       p.endsWith("Line") || p.endsWith("Style") && p !== "fontStyle" ? "none" :
                                       style[p]).join("|");
    }}""")
    shown = {kind for mark in _styles(tab) for kind in mark["kinds"]}
    if name == "sample":
        assert shown == set(KINDS) - {"ledger"}  # every kind of fact (a ledger mark only with ?mark=)
    for kind in KINDS:  # everything off: no mark looks marked
        box = tab.page.locator(f"#show-{kind}")
        assert box.is_checked()
        tab.page.click(f"label[for=show-{kind}]")
        assert not box.is_checked()
    assert all(mark["look"] == plain for mark in _styles(tab))
    for kind in sorted(shown):  # one kind on: its marks, and only its marks, look marked; then off again
        tab.page.click(f"label[for=show-{kind}]")
        marks = _styles(tab)
        assert all((mark["look"] != plain) == (kind in mark["kinds"]) for mark in marks), kind
        tab.page.click(f"label[for=show-{kind}]")
        assert all(mark["look"] == plain for mark in _styles(tab)), kind
    for kind in KINDS:
        tab.page.click(f"label[for=show-{kind}]")
    assert all(mark["look"] != plain for mark in _styles(tab))  # all on again: every mark is marked
    tab.assert_clean(name)


def fact_spans(article: Article) -> dict[str, tuple[int, int]]:
    """Each fact's anchor and offsets, read from the stored record."""
    spans: dict[str, tuple[int, int]] = {}
    for q in article.quotes:
        spans[f"quote-{q.id}"] = (q.start, q.end)
        if q.speaker:
            spans[f"speaker-{q.id}"] = (q.speaker.start, q.speaker.end)
    for e in article.entities:
        if e.mentions:
            spans[f"entity-{e.id}"] = (e.mentions[0].start, e.mentions[0].end)
    spans |= {f"source-{i}": (g.start, g.end) for i, g in enumerate(article.sourcing.groups)}
    spans |= {f"noresponse-{i}": (r.start, r.end) for i, r in enumerate(article.sourcing.no_response)}
    spans |= {f"timex-{t.id}": (t.start, t.end) for t in article.timexes}
    spans |= {f"quantity-{i}": (n.start, n.end) for i, n in enumerate(article.quantities)}
    spans |= {f"place-{i}": (p.start, p.end) for i, p in enumerate(article.places)}
    spans |= {f"commitment-{i}": (c.start, c.end) for i, c in enumerate(article.commitments)}
    return spans


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_every_fact_link_lands_on_its_characters(tab: Tab, site: Site, name: str) -> None:
    article = site.articles[name]
    spans = fact_spans(article)
    tab.open(f"/articles/{article.id}")
    links = tab.page.locator("a[href^='#']")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= len(spans) > 0
    landed = set()
    for i, href in enumerate(hrefs):
        anchor = href[1:]
        link = links.nth(i)
        shown = re.fullmatch(r"(\d+)–(\d+)", link.inner_text())
        link.click()
        state = tab.page.evaluate("""() => {
            const outlined = [...document.querySelectorAll("#body mark")]
                .filter(m => getComputedStyle(m).outlineStyle !== "none");
            const first = outlined[0], box = first && first.getBoundingClientRect();
            return {hash: decodeURIComponent(location.hash),
                    pieces: outlined.map(m => [+m.dataset.start, +m.dataset.end]),
                    text: outlined.map(m => m.textContent).join(""),
                    visible: !!box && box.bottom > 0 && box.top < innerHeight};
        }""")
        assert state["hash"] == href, href
        start, end = spans[anchor]
        if shown:  # the offsets the list shows are the fact's own
            assert (int(shown[1]), int(shown[2])) == (start, end), href
        assert state["text"] == article.body[start:end], href  # the outline covers the fact, exactly
        pieces = state["pieces"]
        assert pieces[0][0] == start and pieces[-1][1] == end, href
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:])), href  # in one stretch
        assert state["visible"], href  # scrolled to it
        landed.add(anchor)
    listed = {f"quote-{q.id}" for q in article.quotes} | {f"timex-{t.id}" for t in article.timexes}
    listed |= {f"commitment-{i}" for i in range(len(article.commitments))}
    assert listed <= landed
    tab.assert_clean(name)
