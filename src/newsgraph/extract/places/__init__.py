"""Places: toponyms found in the text and resolved offline against the GeoNames-derived gazetteer."""

from newsgraph.extract.contract import Extractor
from newsgraph.extract.places.geoparse import extract_places

EXTRACTORS = (Extractor("places", extract_places, needs=("entities",), describe="geocoded places"),)

__all__ = ["EXTRACTORS", "extract_places"]
