"""Counts and fractions: what is counted, where, and what happened to it (killed, deployed ...)."""

from newsgraph.extract.quantities.counts import extract_quantities
from newsgraph.extract.registry import Extractor

EXTRACTORS = (Extractor("quantities", extract_quantities, needs=("entities",), describe="counts and fractions"),)

__all__ = ["EXTRACTORS", "extract_quantities"]
