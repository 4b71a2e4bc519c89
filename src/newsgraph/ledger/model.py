"""The ledger's records: an entry (one commitment followed across articles), its statements,
changes and outcomes. Every statement and outcome points at characters of its article's body."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from newsgraph.records import Record

Modality = Literal["promised", "scheduled", "planned", "expected", "possible"]
ChangeKind = Literal["moved_later", "moved_earlier", "contradicted", "hedge_added", "hedge_dropped"]
OutcomeKind = Literal["done", "started", "postponed", "cancelled", "denied"]
Status = Literal["open", "due_soon", "overdue", "kept_on_time", "kept_late", "moved", "broken", "contradicted"]
STATUSES: tuple[str, ...] = ("open", "due_soon", "overdue", "kept_on_time", "kept_late", "moved", "broken",
                             "contradicted")


class LedgerStatement(Record):
    """One article stating the commitment: when, by when, on whose authority, how firmly."""

    article_id: str
    published: dt.date | None = None
    start: int
    end: int
    text: str
    actor: str | None = None
    deadline: str | None = Field(default=None, description="TIMEX3 value it is due by (or at)")
    due_date: dt.date | None = None
    source: str | None = None
    anonymous: bool = False
    modality: Modality = "planned"
    origin: Literal["commitment", "dated_event"] = "commitment"


class LedgerOutcome(Record):
    """A later article reporting what happened, with its evidence sentence."""

    article_id: str
    published: dt.date | None = None
    kind: OutcomeKind
    date: str | None = Field(default=None, description="when it happened (done, started, cancelled) as TIMEX3")
    date_stated: bool = Field(default=True, description="False: no date in the evidence, ``date`` is the report's")
    new_deadline: str | None = Field(default=None, description="postponed: the new date, when given")
    start: int
    end: int
    text: str


class LedgerChange(Record):
    """A dated event of an entry between two statements (indexes into ``statements``)."""

    kind: ChangeKind
    on: dt.date | None = None
    from_statement: int
    to_statement: int
    note: str = ""


class LedgerEntry(Record):
    id: str
    actor: str | None = None
    action: str
    what: str
    place: str | None = None
    terms: list[str] = Field(default_factory=list, description="names that identify it (actor, object, place)")
    statements: list[LedgerStatement] = Field(default_factory=list)
    changes: list[LedgerChange] = Field(default_factory=list)
    outcomes: list[LedgerOutcome] = Field(default_factory=list)
    deadline: str | None = Field(default=None, description="the latest stated deadline")
    first_deadline: str | None = None
    status: Status = "open"
    as_of: dt.date | None = None
