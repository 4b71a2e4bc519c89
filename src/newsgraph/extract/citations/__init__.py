"""Citations: the outlets an article credits (wire datelines, "told Reuters", "first reported by")."""

from newsgraph.extract.citations.credits import canonical_outlet, extract_citations, find_citations
from newsgraph.extract.contract import Extractor

EXTRACTORS = (Extractor("citations", extract_citations, describe="outlets the article credits"),)

__all__ = ["EXTRACTORS", "canonical_outlet", "extract_citations", "find_citations"]
