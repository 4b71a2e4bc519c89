"""The contract an extractor declares: what it fills, what it needs, the pure function that runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext


@dataclass(frozen=True)
class Extractor:
    """A pure function ``run(doc, ctx)`` whose result fills ``Results.<fills>`` and ``Article.<fills>``."""

    fills: str
    run: Callable[[Doc, ExtractContext], Any]
    needs: tuple[str, ...] = ()
    describe: str = ""

    @property
    def name(self) -> str:
        return self.fills
