"""Main content of an HTML page: trafilatura first, our text cleaner on the visible text as fallback."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from newsgraph.clean.furniture import furniture_reason
from newsgraph.clean.text import clean_text
from newsgraph.records import RemovedLine

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "figure", "figcaption",
    "pre", "table", "dd", "dt", "main", "form", "title",
}


@dataclass
class HtmlExtraction:
    paragraphs: list[str]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    section: str | None = None
    url: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def visible_lines(html: str | etree._Element) -> list[str]:
    """Every visible text node, in document order, one line per block: what a scraper sees.

    Given a parsed tree, the tree is changed (invisible elements are dropped)."""
    root = _parse(html) if isinstance(html, str) else html
    if root is None:
        return [line.strip() for line in str(html).splitlines() if line.strip()]
    for bad in root.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        bad.drop_tree()
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    text = "".join(parts)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _removed_lines(visible: list[str], paragraphs: list[str]) -> list[RemovedLine]:
    kept = set(paragraphs)
    body = "\n".join(paragraphs)
    removed = []
    for line in visible:
        if line in kept or (len(line) > 40 and line in body):
            continue
        removed.append(RemovedLine(text=line, reason=furniture_reason(line) or "not main content"))
    return removed


def _first(value: object) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def _drop_furniture(paragraphs: list[str], title: str | None) -> list[str]:
    """Blocks the extractor kept that are page furniture, the headline, or readers' comments."""
    kept: list[str] = []
    heading = " ".join(str(title).split()).casefold() if title else None
    for paragraph in paragraphs:
        if heading and " ".join(paragraph.split()).casefold() == heading:
            continue
        reason = furniture_reason(paragraph)
        if reason == "comments" and kept:
            break  # readers' comments follow the article: nothing after them is body
        if reason is None:
            kept.append(paragraph)
    return kept


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    import trafilatura

    tree = trafilatura.load_html(html)
    document = None
    if tree is not None:
        # favor_precision: trafilatura's stricter pruning of link lists and teasers
        document = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=True,
                                               favor_precision=True)
    visible = visible_lines(tree if tree is not None else html)
    fields = document.as_dict() if document is not None else {}
    text = fields.get("text") or ""
    title = fields.get("title")
    paragraphs = _drop_furniture([line.strip() for line in text.split("\n") if line.strip()], title)
    if not paragraphs:
        fallback = clean_text("\n".join(visible))
        paragraphs = fallback.paragraphs
        title = title or fallback.header.headline
    return HtmlExtraction(
        paragraphs=paragraphs,
        title=str(title) if title else None,
        author=fields.get("author"),
        date=fields.get("date"),
        sitename=fields.get("sitename"),
        section=_first(fields.get("categories")),
        url=fields.get("url") or url,
        removed=_removed_lines(visible, paragraphs),
    )
