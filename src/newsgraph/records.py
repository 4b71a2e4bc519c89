"""The record model: every fact newsgraph reports, in one place.

Every record that comes from the body carries ``start``/``end`` character offsets into
``Article.body`` (``body[start:end] == text``), the extractor that made it and, where one
exists, a confidence. ``newsgraph schema`` prints the JSON Schema of ``Article``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Record(BaseModel):
    """Base of every record: strict fields, JSON friendly."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A stretch of the cleaned body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


class Extracted(Span):
    """A span-backed fact: who made it and how sure it is."""

    extractor: str = ""
    confidence: float | None = None


class RemovedLine(Record):
    """A line or block dropped while cleaning, with the reason, so users can check."""

    text: str
    reason: str


class Metadata(Record):
    headline: str | None = None
    section: str | None = None
    labels: list[str] = Field(default_factory=list, description="Exclusive, Analysis, Opinion, ...")
    exclusive: bool = False
    authors: list[str] = Field(default_factory=list)
    byline: str | None = Field(default=None, description="the byline as printed")
    dateline: str | None = Field(default=None, description='place of the dateline, e.g. "BAGHDAD"')
    dateline_source: str | None = Field(default=None, description='agency in a dateline, e.g. "Reuters"')
    published: date | None = None
    published_source: str | None = Field(
        default=None, description="where the date came from: option, html-metadata, text"
    )
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    language_confidence: float | None = None


class Mention(Span):
    """One occurrence of an entity in the body."""


class Entity(Record):
    id: str
    name: str = Field(description="canonical name: the longest full form in the article")
    type: Literal["PERSON", "ORG", "PLACE", "NORP", "EVENT", "OTHER"]
    label: str = Field(description="the model label it came from (PERSON, GPE, LOC, ...)")
    aliases: list[str] = Field(default_factory=list, description="other surface forms")
    role: str | None = Field(default=None, description="title or role from apposition or pre-modifier")
    role_span: Span | None = None
    mentions: list[Mention] = Field(default_factory=list)
    extractor: str = "entities"
    confidence: float | None = None


class Speaker(Span):
    """Who a quote is attributed to: a linked entity when named, else the descriptor."""

    entity_id: str | None = None
    name: str | None = Field(default=None, description="canonical entity name when linked")
    anonymous: bool = False
    resolved_from: str | None = Field(default=None,
                                      description='pronoun or descriptor ("the adviser") the speaker was resolved from')


class Quote(Extracted):
    """An attribution: content span (start/end/text), cue and speaker."""

    id: str
    kind: Literal["direct", "partial", "indirect"]
    cue: Span | None = None
    speaker: Speaker | None = None
    content: list[Span] = Field(default_factory=list, description="the whole attributed content, in fragments "
                                "(quotation marks included); the record's own span is the quoted words")
    nested_in: str | None = Field(default=None, description="id of the quote whose content holds this one")
    belief: bool = Field(default=False, description="a thought or intention (thinks, wants), not speech")
    act: Literal["statement", "belief", "perception", "intention", "evidence", "other"] = Field(
        default="statement", description="statement: said, wrote, told, announced, denied ... something; else "
        "another attribution: a belief (thinks), a perception (saw), an intention (wants), evidence (records "
        "show) or other (a topic only, a negated or agentless act)")


class SourceGroup(Extracted):
    """A group of sources described together: "five U.S. officials"."""

    descriptor: str
    count: int | None = None
    affiliation: str | None = None
    anonymous: bool = False
    reason: str | None = Field(default=None, description='stated reason, e.g. "spoke on condition of anonymity"')


class NoResponse(Extracted):
    """Someone who did not respond or declined to comment."""

    who: str
    entity_id: str | None = None
    kind: Literal["no_response", "declined", "unavailable"] = "no_response"


class SourcingSummary(Record):
    named_sources: list[str] = Field(default_factory=list)
    named_count: int = 0
    anonymous_count: int = 0
    quoted_words: int = 0
    anonymous_quoted_share: float = 0.0


class Sourcing(Record):
    groups: list[SourceGroup] = Field(default_factory=list)
    no_response: list[NoResponse] = Field(default_factory=list)
    summary: SourcingSummary = Field(default_factory=SourcingSummary)


class Timex(Extracted):
    """A TIMEX3 expression; ``value`` is None when it cannot be resolved."""

    id: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None
    mod: str | None = None
    resolved: bool = Field(default=True, description="False: relative and no reference date")
    relative: bool = False


class TimelineEntry(Record):
    timex_id: str
    value: str
    mod: str | None = None
    label: str = Field(default="", description='the value in words: "14th century", "late 1990s", "around 2014"')
    clause: Span


class Quantity(Extracted):
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    approximate: bool = False
    qualifier: Literal["exact", "approximate", "at_least", "at_most", "range"] = "exact"
    what: str | None = None
    where: str | None = None
    event: str | None = Field(default=None, description="what happened to what is counted: killed, wounded, ...")
    kind: Literal["count", "fraction"] = Field(default="count", description='"fraction": "a third of Iraq"')


class Place(Extracted):
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    entity_id: str | None = None
    metonymy: bool = Field(default=False, description='refers to a government, as in "Washington said"')
    demonym: bool = Field(default=False, description='named by its adjective, as "Iraqi" for Iraq')
    approximate: bool = Field(
        default=False,
        description="not in the gazetteer (a street, creek, park): placed at the article's main local place",
    )


class Commitment(Extracted):
    """A forward-looking statement: plan, agreement, promise or expectation."""

    what: str
    actor: str | None = None
    action: str | None = None
    deadline: str | None = Field(default=None, description="TIMEX3 value it is due by")
    until: str | None = Field(default=None, description="TIMEX3 value it lasts until")
    due_date: date | None = Field(default=None, description="last day of the deadline or until period")
    modality: str = "will"
    polarity: Literal["positive", "negative"] = "positive"
    hedge: str | None = None
    quote_id: str | None = None
    source: str | None = Field(default=None, description="on whose authority: the speaker of the quote holding it")
    source_anonymous: bool | None = Field(default=None, description="True when that speaker is not named")
    status: Literal["upcoming", "due_soon", "past_due", "undated"] | None = None


Cue = Literal["dateline", "first reported", "according to", "told", "citing", "reported"]


class Citation(Extracted):
    """An outlet the article credits ("told Reuters", "first reported by TMZ"); the span is the outlet's name."""

    outlet: str = Field(description="the outlet's canonical name")
    cue: Cue
    first: bool = Field(default=False, description="the text says this outlet reported it first")
    context: str = Field(default="", description="the words that credit it")


class Article(Record):
    """One article and everything extracted from it."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(description="stable id: hash of the normalized body")
    source: str = Field(description="path, URL or '-' it was read from")
    content_type: str = "text/plain"
    fetched_at: datetime | None = None
    metadata: Metadata = Field(default_factory=Metadata)
    body: str = ""
    removed: list[RemovedLine] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sourcing: Sourcing = Field(default_factory=Sourcing)
    timexes: list[Timex] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def article_schema() -> dict[str, object]:
    """The JSON Schema of an Article, as ``newsgraph schema`` prints it."""
    return Article.model_json_schema()
