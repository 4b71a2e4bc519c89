"""Counts and fractions: what is counted, where, and what happened to it (killed, deployed ...)."""

from newsgraph.extract.contract import Extractor
from newsgraph.extract.quantities.counts import extract_quantities

EXTRACTORS = (Extractor("quantities", extract_quantities, needs=("entities",), describe="counts and fractions"),)

__all__ = ["EXTRACTORS", "extract_quantities"]
