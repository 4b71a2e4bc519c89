"""What every extractor receives besides the Doc: metadata and earlier results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.records import Metadata


@dataclass
class ExtractContext:
    """Article metadata, the reference date and the results of extractors that ran before."""

    body: str
    metadata: Metadata = field(default_factory=Metadata)
    reference_date: date | None = None
    as_of: date | None = None
    results: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """Results of an extractor this one declared in ``needs``."""
        return self.results[name]
