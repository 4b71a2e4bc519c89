"""Page metadata from <meta> tags, JSON-LD and the title: cheap look-ups, no scoring.

trafilatura's metadata pass costs about as much as its body extraction; what newsgraph needs
(headline, author, date, site name, section, canonical URL) is almost always declared in
Open Graph / article / JSON-LD markup, which a handful of XPath look-ups read directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

_KEYS = {
    "title": ("og:title", "twitter:title", "headline", "title", "sailthru.title", "dc.title"),
    "author": ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator", "byline"),
    "date": ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
             "date", "dc.date", "sailthru.date", "parsely-pub-date", "article.published", "dcterms.created"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "section": ("article:section", "section", "parsely-section", "category"),
}
# bylines marked up in the page when no meta tag names the author
_IS_BYLINE = etree.XPath(
    'self::*[@rel="author" or @itemprop="author" or contains(concat(" ", normalize-space(@class), " "), " byline ")'
    ' or contains(@class, "author-name") or contains(@class, "byline__name") or contains(@class, "author__name")]'
)
# a cheap superset of those, in document order: testing attribute nodes (few) beats testing every element
_BYLINE_CANDIDATES = etree.XPath(
    '//@class[contains(., "byline") or contains(., "author")]/..'
    ' | //@rel[. = "author"]/.. | //@itemprop[. = "author"]/..'
)
_PLAUSIBLE_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")  # placeholders such as 0001-01-01 are not dates
_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "webpage", "report"}


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    section: str | None = None
    url: str | None = None


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value and key not in found:
            found[key] = value
    return found


def _names(value: object) -> str | None:
    """An author field of JSON-LD: a name, a Person, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = [item.get("name") if isinstance(item, dict) else item for item in items]
    joined = "; ".join(str(n).strip() for n in names if isinstance(n, str) and n.strip())
    return joined or None


def _json_ld(tree: etree._Element) -> dict[str, str]:
    """Fields of the first article-like JSON-LD object on the page."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in stack:
            kind = item.get("@type") if isinstance(item, dict) else None
            kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
            if kinds & _ARTICLE_TYPES:
                publisher = item.get("publisher")
                return {k: " ".join(v.split()) for k, v in {
                    "title": item.get("headline"), "author": _names(item.get("author")),
                    "date": item.get("datePublished"), "section": item.get("articleSection"),
                    "sitename": publisher.get("name") if isinstance(publisher, dict) else None,
                }.items() if isinstance(v, str) and v.strip()}
    return {}


def _first_text(tree: etree._Element, tag: str) -> str | None:
    for element in tree.iter(tag):
        text = " ".join("".join(element.itertext()).split())
        if text:
            return text
    return None


def _byline(tree: etree._Element) -> str | None:
    for element in [e for e in _BYLINE_CANDIDATES(tree) if _IS_BYLINE(e)][:5]:
        text = " ".join("".join(element.itertext()).split())
        if 2 < len(text) <= 80:
            return text
    return None


def _date_from_page(tree: etree._Element, url: str | None) -> str | None:
    """htmldate's quick search (time elements, URL, common patterns) when no tag declares the date."""
    from htmldate import find_date

    try:
        return find_date(tree, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None


def _site_from_url(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def page_metadata(tree: etree._Element, url: str | None = None) -> PageMeta:
    """Headline, author, date, site, section and canonical URL declared by the page.

    Call before anything that changes the tree (visible_lines drops scripts, hence JSON-LD)."""
    metas, ld = _meta_tags(tree), _json_ld(tree)
    values: dict[str, str | None] = {}
    for field_name, keys in _KEYS.items():
        values[field_name] = ld.get(field_name) or next((metas[k] for k in keys if k in metas), None)
    values["title"] = values["title"] or _first_text(tree, "h1") or _first_text(tree, "title")
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    page_url = canonical or metas.get("og:url") or url
    values["author"] = values["author"] or _byline(tree)
    if not (values["date"] and _PLAUSIBLE_YEAR.search(values["date"])):
        values["date"] = _date_from_page(tree, page_url)
    values["sitename"] = values["sitename"] or _site_from_url(page_url)
    return PageMeta(url=canonical or metas.get("og:url"), **values)
