"""The article body and metadata from a RawDocument: HTML via trafilatura, text via our cleaner."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.clean.byline import parse_author_field
from newsgraph.clean.metadata import labels_from, split_dateline
from newsgraph.clean.text import clean_text
from newsgraph.ingest.raw import RawDocument
from newsgraph.records import Metadata, RemovedLine

_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass
class Cleaned:
    body: str
    metadata: Metadata
    removed: list[RemovedLine] = field(default_factory=list)
    published_text: str | None = None  # a date as printed in the page/text, parsed later


def normalize_paragraph(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _strip_dateline(paragraphs: list[str], metadata: Metadata) -> list[str]:
    if not paragraphs:
        return paragraphs
    place, agency, offset = split_dateline(paragraphs[0])
    if place is None:
        return paragraphs
    metadata.dateline, metadata.dateline_source = place, agency
    return [paragraphs[0][offset:], *paragraphs[1:]]


def _finish(paragraphs: list[str], metadata: Metadata, removed: list[RemovedLine], date_text: str | None) -> Cleaned:
    paragraphs = [p for p in (normalize_paragraph(p) for p in paragraphs) if p]
    paragraphs = _strip_dateline(paragraphs, metadata)
    metadata.labels = labels_from(metadata.headline, metadata.section)
    metadata.exclusive = "Exclusive" in metadata.labels
    return Cleaned(body="\n\n".join(paragraphs), metadata=metadata, removed=removed, published_text=date_text)


def clean_plain_text(text: str) -> Cleaned:
    result = clean_text(text)
    h = result.header
    metadata = Metadata(headline=h.headline, section=h.section, authors=h.authors, byline=h.byline)
    return _finish(result.paragraphs, metadata, result.removed, h.date_text)


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """Body via trafilatura; when it finds nothing, the page's visible text through our cleaner."""
    from newsgraph.clean.html import extract_html

    extraction = extract_html(html, url)
    metadata = Metadata(
        headline=extraction.title,
        section=extraction.section,
        authors=parse_author_field(extraction.author),
        byline=extraction.author,
        publisher=extraction.sitename,
        url=extraction.url or url,
    )
    return _finish(extraction.paragraphs, metadata, extraction.removed, extraction.date)


def clean_document(raw: RawDocument) -> Cleaned:
    if raw.is_html:
        return clean_html(raw.text, raw.url)
    return clean_plain_text(raw.text)
