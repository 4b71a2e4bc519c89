"""The extractors newsgraph runs, in order, with what each needs.

To add one: write ``extract/<name>.py`` with a pure function ``extract_<name>(doc, ctx)`` and
add an ``Extractor`` row below. ``field`` is the Article attribute its result fills.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsgraph.extract.commitments import extract_commitments
from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.places import extract_places
from newsgraph.extract.quantities import extract_quantities
from newsgraph.extract.quotes import extract_quotes
from newsgraph.extract.sources import extract_sources
from newsgraph.extract.timeline import extract_timeline
from newsgraph.extract.timex import extract_timexes


@dataclass(frozen=True)
class Extractor:
    name: str
    run: Callable[[Doc, ExtractContext], Any]
    field: str
    needs: tuple[str, ...] = ()


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("entities", extract_entities, "entities"),
    Extractor("quantities", extract_quantities, "quantities", ("entities",)),
    Extractor("timexes", extract_timexes, "timexes"),
    Extractor("timeline", extract_timeline, "timeline", needs=("timexes",)),
    Extractor("quotes", extract_quotes, "quotes", ("entities",)),
    Extractor("sources", extract_sources, "sourcing", ("entities", "quotes")),
    Extractor("commitments", extract_commitments, "commitments", ("entities", "timexes", "quotes")),
    Extractor("places", extract_places, "places", ("entities",)),
)


def check_order(extractors: tuple[Extractor, ...] = EXTRACTORS) -> None:
    """Fail at start-up, not mid-batch, if an extractor runs before one it needs."""
    seen: set[str] = set()
    for extractor in extractors:
        missing = [need for need in extractor.needs if need not in seen]
        if missing:
            raise RuntimeError(f"extractor {extractor.name!r} needs {missing} to run before it")
        seen.add(extractor.name)
