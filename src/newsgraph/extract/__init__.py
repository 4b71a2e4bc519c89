"""Extractors: pure functions ``extract_x(doc, ctx)`` grouped in families, each declaring its contract."""

from newsgraph.extract.context import ExtractContext, MissingResult, Results
from newsgraph.extract.contract import Extractor
from newsgraph.extract.registry import all_extractors, check_order, describe_order

__all__ = ["ExtractContext", "Extractor", "MissingResult", "Results", "all_extractors", "check_order",
           "describe_order"]
