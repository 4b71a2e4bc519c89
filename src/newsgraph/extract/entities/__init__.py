"""Entities: the model's mentions, corrected and clustered into entities with canonical names, aliases and roles."""

from newsgraph.extract.contract import Extractor
from newsgraph.extract.entities.recognize import extract_entities

EXTRACTORS = (Extractor("entities", extract_entities, describe="people, organizations, places, groups; roles"),)

__all__ = ["EXTRACTORS", "extract_entities"]
