"""Attribution: who said (or thought) what — cues, contents, speakers — and the sourcing of the story."""

from newsgraph.extract.attribution.quotes import extract_quotes
from newsgraph.extract.attribution.sources import extract_sources
from newsgraph.extract.contract import Extractor

EXTRACTORS = (
    Extractor("quotes", extract_quotes, needs=("entities",), describe="statements and other attributions"),
    Extractor("sourcing", extract_sources, needs=("entities", "quotes"),
              describe="source groups, no-response lines, the sourcing summary"),
)

__all__ = ["EXTRACTORS", "extract_quotes", "extract_sources"]
