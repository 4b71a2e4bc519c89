"""The extractors newsgraph runs, in order, with what each needs and fills.

Each family package (``entities/``, ``attribution/``, ``timex/``, ``quantities/``, ``commitments/``,
``places/``, ``citations/``) declares its extractors as ``Extractor`` rows in its ``__init__``; this module lists
the families in running order. ``check_order`` runs once at start-up: a result needed before it is
filled, or filled twice, is an error then, not a silent empty list mid-batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.extract.context import RESULT_NAMES
from newsgraph.extract.contract import Extractor


def all_extractors() -> tuple[Extractor, ...]:
    from newsgraph.extract import attribution, citations, commitments, entities, places, quantities, timex

    return (*entities.EXTRACTORS, *quantities.EXTRACTORS, *timex.EXTRACTORS, *attribution.EXTRACTORS,
            *commitments.EXTRACTORS, *places.EXTRACTORS, *citations.EXTRACTORS)


def check_order(extractors: Sequence[Extractor]) -> None:
    """Fail at start-up, not mid-batch, if an extractor runs before one it needs."""
    from newsgraph.records import Article

    filled: set[str] = set()
    for extractor in extractors:
        if extractor.fills not in RESULT_NAMES or extractor.fills not in Article.model_fields:
            raise RuntimeError(f"extractor {extractor.name!r} fills {extractor.fills!r}, which is not a result field")
        if extractor.fills in filled:
            raise RuntimeError(f"{extractor.fills!r} is filled by two extractors")
        missing = [need for need in extractor.needs if need not in filled]
        if missing:
            raise RuntimeError(f"extractor {extractor.name!r} needs {missing} to run before it")
        filled.add(extractor.fills)


def describe_order(extractors: Sequence[Extractor]) -> list[dict[str, Any]]:
    """The running order, for ``newsgraph pipeline``: each extractor, what it needs and what it does."""
    return [{"fills": e.fills, "needs": list(e.needs), "module": e.run.__module__, "describe": e.describe}
            for e in extractors]
