"""Extractors: one module each, a pure function ``extract_x(doc, ctx)`` at its heart."""

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.registry import EXTRACTORS, Extractor, check_order

__all__ = ["EXTRACTORS", "ExtractContext", "Extractor", "check_order"]
