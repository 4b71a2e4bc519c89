"""Page metadata from <meta> tags, JSON-LD and the title: cheap look-ups, no scoring.

trafilatura's metadata pass costs about as much as its body extraction; what newsgraph needs
(headline, author, date, site name, section, canonical URL) is almost always declared in
Open Graph / article / JSON-LD markup, which a handful of XPath look-ups read directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from lxml import etree

_KEYS = {
    "title": ("og:title", "twitter:title", "headline", "title", "sailthru.title", "dc.title"),
    "author": ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator", "byline"),
    "date": ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
             "date", "dc.date", "sailthru.date", "parsely-pub-date", "article.published", "dcterms.created"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "section": ("article:section", "section", "parsely-section", "category"),
}
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
                return {k: v for k, v in {
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


def page_metadata(tree: etree._Element) -> PageMeta:
    """Headline, author, date, site, section and canonical URL declared by the page."""
    metas, ld = _meta_tags(tree), _json_ld(tree)
    values: dict[str, str | None] = {}
    for field_name, keys in _KEYS.items():
        values[field_name] = ld.get(field_name) or next((metas[k] for k in keys if k in metas), None)
    values["title"] = values["title"] or _first_text(tree, "h1") or _first_text(tree, "title")
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    return PageMeta(url=canonical or metas.get("og:url"), **values)
