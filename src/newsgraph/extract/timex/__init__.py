"""Temporal expressions as TIMEX3 (found by rules, resolved against the reference date) and the timeline."""

from newsgraph.extract.contract import Extractor
from newsgraph.extract.timex.find import extract_timexes
from newsgraph.extract.timex.timeline import extract_timeline

EXTRACTORS = (
    Extractor("timexes", extract_timexes, describe="dates, times, durations, sets as TIMEX3"),
    Extractor("timeline", extract_timeline, needs=("timexes",), describe="dated clauses"),
)

__all__ = ["EXTRACTORS", "extract_timeline", "extract_timexes"]
