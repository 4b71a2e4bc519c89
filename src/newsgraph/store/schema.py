"""Table layouts derived from the pydantic record models, so a new record field needs no code here.

Rules: a scalar field becomes a typed column; a nested record (e.g. ``Quote.speaker``) is flattened
into ``<field>_<subfield>`` columns; lists and anything else are stored as JSON text.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from newsgraph.records import (
    Article,
    Citation,
    Commitment,
    Entity,
    Mention,
    Metadata,
    NoResponse,
    Place,
    Quantity,
    Quote,
    RemovedLine,
    SourceGroup,
    SourcingSummary,
    TimelineEntry,
    Timex,
)

_SCALARS: dict[type, str] = {bool: "BOOLEAN", int: "BIGINT", float: "DOUBLE", str: "VARCHAR",
                             datetime: "TIMESTAMPTZ", date: "DATE"}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    get: Callable[[Any], Any]  # value from the model instance (already JSON-encoded for JSON columns)


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _sql_type(annotation: Any) -> str | None:
    """The DuckDB type of a scalar annotation, None when it is not a scalar."""
    annotation = _unwrap_optional(annotation)
    if get_origin(annotation) is Literal:
        kinds = {type(a) for a in get_args(annotation)}
        return _SCALARS.get(kinds.pop()) if len(kinds) == 1 else "VARCHAR"
    return _SCALARS.get(annotation) if isinstance(annotation, type) else None


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, list):
        return json.dumps([v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value])
    return json.dumps(value, default=str)


def _getter(path: tuple[str, ...], encode: bool) -> Callable[[Any], Any]:
    if len(path) == 1 and not encode:  # a record's own field (records are never None): a C-level getter
        return attrgetter(path[0])

    def get(obj: Any) -> Any:
        for name in path:
            if obj is None:
                return None
            obj = getattr(obj, name)
        return _json(obj) if encode else obj

    return get


def model_columns(model: type[BaseModel], exclude: frozenset[str] = frozenset(), prefix: str = "",
                  path: tuple[str, ...] = ()) -> Iterator[Column]:
    """Columns for every field of ``model``: scalars typed, nested records flattened, the rest JSON."""
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        annotation = _unwrap_optional(info.annotation)
        sql_type = _sql_type(annotation)
        if sql_type is not None:
            yield Column(prefix + name, sql_type, _getter((*path, name), False))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from model_columns(annotation, frozenset(), f"{prefix}{name}_", (*path, name))
        else:
            yield Column(prefix + name, "JSON", _getter((*path, name), True))


@dataclass(frozen=True)
class RecordTable:
    """One record type stored per article: ``rows(article)`` gives the model instances."""

    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Article], list[Any]]
    keys: tuple[str, ...] = ()  # extra key columns: rows() then gives (key values, record) pairs

    @property
    def column_types(self) -> dict[str, str]:
        keys = {"article_id": "VARCHAR", "seq": "INTEGER", **{k: "VARCHAR" for k in self.keys}}
        return {**keys, **{c.name: c.sql_type for c in self.columns}}


def _table(name: str, model: type[BaseModel], rows: Callable[[Article], list[Any]],
           exclude: frozenset[str] = frozenset()) -> RecordTable:
    return RecordTable(name, tuple(model_columns(model, exclude)), rows)


def _mentions(article: Article) -> list[tuple[tuple[str], Mention]]:
    return [((e.id,), m) for e in article.entities for m in e.mentions]


RECORD_TABLES: tuple[RecordTable, ...] = (
    _table("entities", Entity, lambda a: a.entities, frozenset({"mentions"})),
    RecordTable("mentions", tuple(model_columns(Mention)), _mentions, ("entity_id",)),
    _table("quotes", Quote, lambda a: a.quotes),
    _table("source_groups", SourceGroup, lambda a: a.sourcing.groups),
    _table("no_responses", NoResponse, lambda a: a.sourcing.no_response),
    _table("timexes", Timex, lambda a: a.timexes),
    _table("timeline", TimelineEntry, lambda a: a.timeline),
    _table("quantities", Quantity, lambda a: a.quantities),
    _table("places", Place, lambda a: a.places),
    _table("commitments", Commitment, lambda a: a.commitments),
    _table("removed", RemovedLine, lambda a: a.removed),
    _table("citations", Citation, lambda a: a.citations),
)

_ARTICLE_LISTS = frozenset({"metadata", "sourcing", "entities", "quotes", "timexes", "timeline", "quantities",
                            "places", "commitments", "removed", "citations"})


def article_columns() -> tuple[Column, ...]:
    """The articles table: Article scalars, metadata flattened, the sourcing summary, the full record."""
    own = list(model_columns(Article, _ARTICLE_LISTS))
    meta = list(model_columns(Metadata, path=("metadata",)))
    summary = list(model_columns(SourcingSummary, prefix="sourcing_", path=("sourcing", "summary")))
    record = Column("record", "JSON", lambda a: a.model_dump_json())
    return (*own, *meta, *summary, record)


# Tables that are not per-article records; their layout is fixed here.
FIXED_TABLES: dict[str, dict[str, str]] = {
    "meta": {"key": "VARCHAR PRIMARY KEY", "value": "VARCHAR"},
    "copies": {"article_id": "VARCHAR", "source": "VARCHAR", "url": "VARCHAR", "seen_at": "TIMESTAMPTZ"},
    "errors": {"source": "VARCHAR PRIMARY KEY", "reason": "VARCHAR", "at": "TIMESTAMPTZ"},
    "links": {"a": "VARCHAR", "b": "VARCHAR", "kind": "VARCHAR", "score": "DOUBLE"},
    "stories": {"story_id": "VARCHAR", "article_id": "VARCHAR", "original": "BOOLEAN", "published": "DATE",
                "role": "VARCHAR", "reason": "VARCHAR", "tie": "BOOLEAN"},
    "event_threads": {"story_id": "VARCHAR", "article_id": "VARCHAR", "score": "DOUBLE"},
    "story_facts": {"story_id": "VARCHAR", "slot": "INTEGER", "kind": "VARCHAR", "topic": "VARCHAR",
                    "article_id": "VARCHAR", "value": "VARCHAR", "text": "VARCHAR", "start": "INTEGER",
                    "end": "INTEGER", "disagreement": "BOOLEAN"},
    # the commitment ledger (newsgraph.ledger): entries, their statements, outcomes and changes
    "ledger_entries": {"id": "VARCHAR", "action": "VARCHAR", "actor": "VARCHAR", "what": "VARCHAR",
                       "deadline": "VARCHAR", "first_deadline": "VARCHAR", "first_published": "DATE",
                       "last_published": "DATE", "first_due": "DATE", "terms": "JSON", "qualifiers": "JSON",
                       "dues": "JSON", "record": "JSON"},
    "ledger_statements": {"entry_id": "VARCHAR", "seq": "INTEGER", "article_id": "VARCHAR", "published": "DATE",
                          "deadline": "VARCHAR", "due_date": "DATE", "source": "VARCHAR", "anonymous": "BOOLEAN",
                          "modality": "VARCHAR", "start": "BIGINT", "end": "BIGINT", "text": "VARCHAR"},
    "ledger_outcomes": {"entry_id": "VARCHAR", "seq": "INTEGER", "article_id": "VARCHAR", "published": "DATE",
                        "kind": "VARCHAR", "date": "VARCHAR", "happened": "DATE", "new_deadline": "VARCHAR",
                        "new_due": "DATE", "start": "BIGINT", "end": "BIGINT", "text": "VARCHAR"},
    "ledger_changes": {"entry_id": "VARCHAR", "seq": "INTEGER", "kind": "VARCHAR", "on": "DATE",
                       "from_article": "VARCHAR", "to_article": "VARCHAR", "note": "VARCHAR"},
    "ledger_articles": {"article_id": "VARCHAR"},
}
