"""What every extractor receives besides the Doc: the article's metadata and what ran before it.

Each result has a typed field in ``Results``; an extractor reads the ones it declared in ``needs``
through the properties below, which fail loudly (``MissingResult``) instead of handing out an
empty list when the order is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from newsgraph.records import (
    Citation,
    Commitment,
    Entity,
    Metadata,
    Place,
    Quantity,
    Quote,
    Sourcing,
    TimelineEntry,
    Timex,
)


class MissingResult(RuntimeError):
    """An extractor asked for a result that no earlier extractor filled."""


@dataclass
class Results:
    """What the extractors have found so far; None until the extractor that fills it has run."""

    entities: list[Entity] | None = None
    quantities: list[Quantity] | None = None
    timexes: list[Timex] | None = None
    timeline: list[TimelineEntry] | None = None
    quotes: list[Quote] | None = None
    sourcing: Sourcing | None = None
    commitments: list[Commitment] | None = None
    places: list[Place] | None = None
    citations: list[Citation] | None = None


RESULT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Results))


@dataclass
class ExtractContext:
    """Article metadata, the reference date and the results of extractors that ran before."""

    body: str
    metadata: Metadata = field(default_factory=Metadata)
    reference_date: date | None = None
    as_of: date | None = None
    found: Results = field(default_factory=Results)

    def _need(self, name: str) -> Any:
        value = getattr(self.found, name)
        if value is None:
            raise MissingResult(f"{name!r} is needed but has not been extracted (declare it in the extractor's needs)")
        return value

    @property
    def entities(self) -> list[Entity]:
        return self._need("entities")  # type: ignore[no-any-return]

    @property
    def timexes(self) -> list[Timex]:
        return self._need("timexes")  # type: ignore[no-any-return]

    @property
    def quotes(self) -> list[Quote]:
        return self._need("quotes")  # type: ignore[no-any-return]

    @property
    def sourcing(self) -> Sourcing:
        return self._need("sourcing")  # type: ignore[no-any-return]
