"""RSS / Atom feeds (files or URLs): each entry gives url, title, published date and content."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from newsgraph.ingest.item import Failure, Item
from newsgraph.ingest.raw import RawDocument

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")
# The root element, after an XML declaration, processing instructions, comments and a doctype.
_FEED_ROOT = re.compile(r"""\A\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[\w.-]+:)?(rss|feed|RDF)\b""",
                        re.IGNORECASE | re.DOTALL)
FEED_NOT_ARTICLE = "is an RSS/Atom feed, not an article page: use `newsgraph ingest` to read its entries"


def looks_like_feed(text: str) -> bool:
    """True when the document's root element is an RSS, Atom or RDF (RSS 1.0) feed."""
    return bool(_FEED_ROOT.match(text[:20_000]))


def _entry_content(entry) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    """The fullest body an entry carries (content:encoded before summary) and whether it is HTML."""
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"], "html" in content.get("type", "html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), "html" in detail.get("type", "text/html")


def _entry_item(entry, feed_source: str, index: int) -> Item | Failure:  # type: ignore[no-untyped-def]
    link = entry.get("link") or None
    source = link or f"{feed_source}#{index}"
    body, is_html = _entry_content(entry)
    if not body.strip():
        return Failure(source, "feed entry has no content")
    title = entry.get("title", "")
    published = entry.get("published") or entry.get("updated")
    if is_html:  # wrap the fragment so the HTML cleaner sees a page with a title
        text = f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>" \
               f"{body}</article></body></html>"
    else:
        text = f"{title}\n\n{body}" if title else body
    raw = RawDocument(uri=source, text=text, content_type="text/html" if is_html else "text/plain",
                      url=link, published=published)
    return Item(source=source, raw=raw, url=link)


def read_feed(text: str, source: str) -> Iterator[Item | Failure]:
    """Entries of a feed given as text; a feed that cannot be parsed yields one Failure."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = f"not a readable feed: {parsed.get('bozo_exception')}" if parsed.get("bozo") else "feed has no entries"
        yield Failure(source, reason)
        return
    for index, entry in enumerate(parsed.entries):
        yield _entry_item(entry, source, index)
