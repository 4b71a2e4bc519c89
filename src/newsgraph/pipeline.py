"""From a source to an Article: read, clean, parse once, run the extractors in order."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeAlias

from spacy.tokens import Doc

from newsgraph.clean.content import Cleaned, clean_document
from newsgraph.clean.metadata import detect_language
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.extract import ExtractContext, all_extractors, check_order
from newsgraph.ingest import RawDocument, fetch_url, is_url, read_path, read_stdin
from newsgraph.ingest.feeds import FEED_NOT_ARTICLE, looks_like_feed
from newsgraph.nlp import load_model
from newsgraph.options import MAX_BODY_CHARS, Options
from newsgraph.records import Article

Source: TypeAlias = str | Path | RawDocument


def article_id(body: str) -> str:
    """Stable id from the normalized body, so a copy of the same text gets the same id."""
    normalized = re.sub(r"\W+", " ", body.lower()).strip()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def parse_date(value: str | date | None) -> date | None:
    """A publication date from metadata or a printed date line; None when unparseable."""
    if value is None or isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    from dateutil import parser as date_parser

    text = re.sub(r"^(published|updated|posted|last updated)\s*:?\s*", "", value.strip(), flags=re.I)
    try:
        # only the date counts: ignoring zones also keeps "EST" from raising an UnknownTimezoneWarning
        return date_parser.parse(text, fuzzy=True, ignoretz=True, default=datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


# A small page that touches every extractor, so that warm_up() loads what they load lazily.
_WARM_UP_PAGE = (
    "<html><head><title>U.S. troops to leave Iraq by 2026, officials say</title></head><body><article>"
    "<p>BAGHDAD (Reuters) - Five U.S. officials said on Monday that about 2,500 troops would leave Iraq "
    "by the end of 2026, according to a statement from the embassy in Baghdad.</p>"
    "<p>\u201cWe will stay until September,\u201d Prime Minister Mohammed Shia al-Sudani told reporters. "
    "The Pentagon did not respond to requests for comment.</p></article></body></html>")


class Pipeline:
    """Reads, cleans and extracts; holds the spaCy model so it is loaded once per process."""

    def __init__(self, options: Options | None = None) -> None:
        self.extractors = all_extractors()
        check_order(self.extractors)
        self.options = options or Options()

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        return load_model(self.options.model)

    def read(self, source: Source) -> RawDocument:
        if isinstance(source, RawDocument):
            return source
        text = str(source)
        if text == "-":
            return read_stdin(self.options.max_bytes)
        if is_url(text):
            return fetch_url(text, timeout=self.options.timeout, max_bytes=self.options.max_bytes)
        return read_path(text, self.options.max_bytes)

    def prepare(self, raw: RawDocument, options: Options | None = None) -> tuple[Article, Cleaned]:
        """Clean and check one document; the Article has everything but the NLP records."""
        options = options or self.options
        cleaned = clean_document(raw)
        body = cleaned.body
        if not body.strip():
            raise InputError(raw.uri, "no article text found")
        meta = cleaned.metadata
        meta.url = options.url or raw.url or meta.url
        meta.language, meta.language_confidence = detect_language(body)
        warnings: list[str] = list(raw.warnings)  # found while reading: bytes replaced, encoding guessed
        if meta.language not in (None, "en"):
            if not options.allow_non_english:
                reason = f"not English (detected language '{meta.language}'); newsgraph's models are English-only"
                raise InputError(raw.uri, reason)
            warnings.append(f"language is '{meta.language}': English models used anyway")
        if len(body) > MAX_BODY_CHARS:
            body = body[:MAX_BODY_CHARS]
            warnings.append(f"body cut to {MAX_BODY_CHARS:,} characters")
        self._set_published(meta, raw, cleaned, options)
        article = Article(id=article_id(body), source=raw.uri, content_type=raw.content_type,
                          fetched_at=raw.fetched_at, metadata=meta, body=body, removed=cleaned.removed,
                          warnings=warnings)
        return article, cleaned

    @staticmethod
    def _set_published(meta, raw: RawDocument, cleaned: Cleaned, options: Options) -> None:  # type: ignore[no-untyped-def]
        candidates = ((options.published, "option"), (parse_date(raw.published), "source"),
                      (parse_date(cleaned.published_text), "html-metadata" if raw.is_html else "text"))
        for value, origin in candidates:
            if value is not None:
                meta.published, meta.published_source = value, origin
                return

    def annotate(self, article: Article, doc: Doc, options: Options | None = None) -> Article:
        """Run every extractor on the parsed body and fill the Article."""
        options = options or self.options
        ctx = ExtractContext(body=article.body, metadata=article.metadata,
                             reference_date=article.metadata.published, as_of=options.as_of)
        for extractor in self.extractors:
            result = extractor.run(doc, ctx)
            setattr(ctx.found, extractor.fills, result)
            setattr(article, extractor.fills, result)
        return article

    def warm_up(self) -> None:
        """Load the model and everything the cleaners and extractors load on first use (gazetteer,
        cue tagger, word lists, language identifier): a worker is then as fast on its first batch
        as on its last, and timings per article leave out the one-off loading."""
        article, _ = self.prepare(RawDocument(uri="warm-up", text=_WARM_UP_PAGE, content_type="text/html"))
        self.annotate(article, self.nlp(article.body))

    def run(self, source: Source, options: Options | None = None) -> Article:
        """One document, read, cleaned and extracted within its time budget (``options.time_budget``)."""
        from newsgraph.engine.budget import OverBudget, over_budget_reason, time_limit

        options = options or self.options
        raw = self.read(source)
        if looks_like_feed(raw.text):
            raise InputError(raw.uri, FEED_NOT_ARTICLE)
        try:
            with time_limit(options.time_budget):
                article, _ = self.prepare(raw, options)
                return self.annotate(article, self.nlp(article.body), options)
        except OverBudget:
            raise InputError(raw.uri, over_budget_reason(options.time_budget)) from None

    def run_many(self, raws: Iterable[RawDocument], batch_size: int = 16) -> Iterator[Article | NewsgraphError]:
        """Articles in order; a bad document yields its error and the batch goes on."""
        prepared: list[Article | NewsgraphError] = []
        for raw in raws:
            try:
                prepared.append(self.prepare(raw)[0])
            except NewsgraphError as error:
                prepared.append(error)
        texts = (a.body for a in prepared if isinstance(a, Article))
        docs = self.nlp.pipe(texts, batch_size=batch_size)
        for item in prepared:
            yield self.annotate(item, next(docs)) if isinstance(item, Article) else item


def extract(source: Source, *, published: date | str | None = None, url: str | None = None,
            options: Options | None = None) -> Article:
    """Extract one article from a path, URL, '-' (stdin) or RawDocument."""
    options = options or Options()
    if published is not None:
        options = replace(options, published=parse_date(published))
    if url is not None:
        options = replace(options, url=url)
    return Pipeline(options).run(source)
