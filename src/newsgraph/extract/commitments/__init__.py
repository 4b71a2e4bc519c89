"""Commitments: dated plans, promises and expectations, with actor, deadline, modality and source."""

from newsgraph.extract.commitments.find import extract_commitments
from newsgraph.extract.contract import Extractor

EXTRACTORS = (Extractor("commitments", extract_commitments, needs=("entities", "timexes", "quotes"),
                        describe="dated commitments"),)

__all__ = ["EXTRACTORS", "extract_commitments"]
