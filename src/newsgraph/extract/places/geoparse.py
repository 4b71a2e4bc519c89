"""Places: toponyms found in the article and resolved offline to GeoNames places.

Recognition: the model's place entities (GPE/LOC/FAC); country adjectives ("Iraqi"); organization
mentions that are plainly a country or capital ("Washington said"); named streets and natural
features ("Wichita Drive", "Neches River"); and a gazetteer matcher for what the small model
misses: a name found elsewhere in the article, countries and states by their own name, towns
that head an organization ("Gainesville Police") or modify "woman"/"resident", towns followed by
their state ("Alexandria, La."), big towns the model calls a group ("Aleppo") or a person, or
misses, after a place word or beside another place ("near Goma", "Odessa and Kharkiv").

Resolution (one sense per name in an article) scores every gazetteer candidate on: population
and feature-class priors; whether the text named the kind ("Anbar province"); containment
("Alexandria, La.", "Erbil, in the ... Kurdistan region"); the article's focus (the country and
first-level division that the other names and the dateline fall in); closeness to the other
places; support from the other names' likely readings; the region (the countries the other names
lie in, their land neighbours and, at half weight, the neighbours' neighbours). A context-free
pass starts; three context passes follow, each reading the article as the previous one resolved it. Names the gazetteer
lacks are placed, flagged approximate, at the article's main local place. Metonymic uses
("Washington said") stay linked and are flagged.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.places.gazetteer import Entry, Gazetteer, distance_km, load, normalize, strip_generic
from newsgraph.extract.spans import DisjointSpans
from newsgraph.lexicon import word_list
from newsgraph.nlp import doc_text
from newsgraph.records import Entity, Place

NAME = "places"
_CONTAINER_GAP = re.compile(r"^\s*,\s*(?:in\s+(?:the\s+)?(?:[a-z-]+\s+){0,3})?$")
_FEATURE = re.compile(r"(?<![\w.])(?:[A-Z][\w'’-]*\s+){1,3}(?P<head>[A-Z][a-z]+\.?)(?![\w])")
_CAPITALIZED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*){0,3}")


@dataclass
class Toponym:
    """A place name in the body; ``hint`` is a kind word beside it ("province", "County")."""

    start: int
    end: int
    text: str
    entity_id: str | None = None
    demonym: bool = False
    hint: str | None = None


@dataclass(frozen=True)
class Weights:
    """Scoring weights: `bench/places.py --tune` on LGL half A (even articles); half B is held out."""

    population: float = 1.0
    country: float = 2.5
    admin1: float = 1.3
    admin2: float = 0.0
    capital: float = 1.5
    seat: float = 0.5
    continent: float = 2.0
    alias: float = 1.5
    hint: float = 3.0
    container: float = 4.0
    focus_country: float = 2.0
    focus_admin1: float = 1.5
    near: float = 1.5
    support: float = 1.0
    support_top: int = 10
    passes: int = 3
    fallback: bool = True
    anchor: str = "towns+counties"
    exact: float = 0.0
    leave_one_out: bool = True
    near_areas: bool = False
    region: float = 0.0
    region_km: float = 1500.0
    near_km: float = 200.0
    neighbours: float = 2.0


@dataclass
class Resolution:
    """The chosen entry; ``approximate`` when the name is not in the gazetteer and the entry is
    the article's main local place standing in for it (a street, creek or park in that town)."""

    entry: Entry | None
    confidence: float | None = None
    approximate: bool = False


@dataclass
class Context:
    dateline: str | None = None
    weights: Weights = field(default_factory=Weights)


# ---------------------------------------------------------------- recognition

def find_toponyms(doc: Doc, entities: list[Entity], gazetteer: Gazetteer) -> list[Toponym]:
    """Place names in the body: the model's places, country adjectives and gazetteer matches."""
    body = doc_text(doc)
    found: list[Toponym] = []
    for entity in entities:
        for mention in entity.mentions:
            toponym = _from_mention(entity, mention.start, mention.end, mention.text, body, gazetteer)
            if toponym:
                found.append(toponym)
    found = [_with_abbreviation_dot(body, t, gazetteer) for t in _dedupe(found) if not _is_stopword(t)]
    found = _with_features(body, found, entities)
    found += _gazetteer_matches(body, found, entities, gazetteer)
    for toponym in found:
        toponym.hint = _hint_after(body, toponym)
    found = [t for t in (_adjective_or_word(body, t, gazetteer) for t in found) if t is not None]
    return sorted(found, key=lambda t: t.start)


_NAMED_AS_PLACE = re.compile(r"\b(?:town|city|village|community|township|hamlet|county|suburb)\s+of\s+$",
                             re.IGNORECASE)


def _said_to_be_place(body: str, toponym: Toponym, gazetteer: Gazetteer) -> bool:
    """The text marks the name as a place: a kind word ("Canadian County", "Earth city"), its state
    or country after a comma ("Earth, Texas") or "the town of" before it."""
    if toponym.hint is not None or _NAMED_AS_PLACE.search(body[max(0, toponym.start - 30):toponym.start]):
        return True
    container = re.match(r"\s*,\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", body[toponym.end:toponym.end + 30])
    if not container:
        return False
    outer = [o for o in gazetteer.lookup(container.group(1)) if o.feature_class == "A"]
    return any(_contains(o, c) for o in outer for c in gazetteer.lookup(toponym.text))


def _adjective_or_word(body: str, toponym: Toponym, gazetteer: Gazetteer) -> Toponym | None:
    """A demonym names its country, never the town spelled like it ("Canadian" is Canada, not
    Canadian, Texas); a heavenly body or a language ("Earth", "Jupiter", "Hindi") is no place.
    Both unless the text says the name is a place."""
    if _said_to_be_place(body, toponym, gazetteer):
        if toponym.demonym and gazetteer.lookup(toponym.text):
            toponym.demonym = False  # "Canadian, Texas"
        return toponym
    if toponym.demonym:
        return toponym
    if normalize(toponym.text) in word_list("place_not_toponyms.txt"):
        return None
    if " " not in toponym.text and gazetteer.demonym(toponym.text) is not None:
        toponym.demonym = True
    return toponym


def _with_features(body: str, found: list[Toponym], entities: list[Entity]) -> list[Toponym]:
    """Add named streets and natural features ("Wichita Drive", "Neches River"); they replace a
    shorter place found inside them ("Neches"), but never cut into a person or a longer name."""
    people = [(m.start, m.end) for e in entities if e.type == "PERSON" for m in e.mentions]
    for match in _FEATURE.finditer(body):
        start, end = match.start(), match.end()
        if match.group("head").lower() not in word_list("place_feature_heads.txt"):
            continue
        head = match.group("head").lower()
        # the small model calls "Wichita Drive" a person; a surname-like head ("Park", "Lane") may be one
        if any(s < end and start < e and ((s, e) != (start, end) or head in ("park", "lane")) for s, e in people):
            continue
        if any(t.start < end and start < t.end and (t.start < start or t.end > end) for t in found):
            continue
        found = [t for t in found if not (start <= t.start and t.end <= end)]
        found.append(Toponym(start, end, match.group()))
    return sorted(found, key=lambda t: t.start)


def _is_stopword(toponym: Toponym) -> bool:
    return toponym.text.lower() in word_list("place_stopwords.txt")


def _with_abbreviation_dot(body: str, toponym: Toponym, gazetteer: Gazetteer) -> Toponym:
    """Give back the dot trimmed off an abbreviation: "W.Va." and "Kan." are names, dot included."""
    if body[toponym.end:toponym.end + 1] == "." and gazetteer.lookup(toponym.text + "."):
        if not gazetteer.lookup(toponym.text) or "." in toponym.text:
            toponym.end += 1
            toponym.text += "."
    return toponym


def _from_mention(entity: Entity, start: int, end: int, text: str, body: str,
                  gazetteer: Gazetteer) -> Toponym | None:
    if entity.type == "PLACE":
        if len(text.split()) == 1 and not gazetteer.lookup(text) and not gazetteer.demonym(text):
            return None  # one unknown word tagged as a place is most often a surname: "Saakashvili"
        return Toponym(start, end, text, entity.id)
    if entity.type == "NORP" and gazetteer.demonym(text):
        return Toponym(start, end, text, entity.id, demonym=True)
    if entity.type == "NORP" and _is_major_place(text, gazetteer):
        return Toponym(start, end, text, entity.id)  # the small model reads "Aleppo" as a group
    if entity.type == "ORG" and _is_state_name(text, gazetteer):
        return Toponym(start, end, text, entity.id)
    if entity.type == "PERSON" and normalize(text) in _major_names(gazetteer):
        return Toponym(start, end, text)  # "Egypt" swallowed by a person cluster ("Rethinking Egypt")
    if entity.type == "PERSON" and _lone_town(entity, body, gazetteer):
        return Toponym(start, end, text)  # "Alexandria woman charged": never a full personal name
    return None


def _lone_town(entity: Entity, body: str, gazetteer: Gazetteer) -> bool:
    """A "person" named by one word that is a town's own name and modifies "woman" or "Police"."""
    texts = {m.text for m in entity.mentions}
    if len(texts) != 1 or len(next(iter(texts)).split()) != 1:
        return False
    nouns = word_list("place_modifier_nouns.txt") | word_list("place_org_heads.txt")
    if not any((m := re.match(r"\s+([A-Za-z]+)", body[x.end:x.end + 20])) and m.group(1).lower() in nouns
               for x in entity.mentions):
        return False
    key = normalize(next(iter(texts)))
    return any(e.feature_class == "P" and normalize(e.name) == key for e in gazetteer.lookup(key))


def _is_major_place(text: str, gazetteer: Gazetteer, any_division_name: bool = False) -> bool:
    """A country, first-level division or city of 50,000 or more by its own name (or a division or
    region by any of its names: "Tigray" for Tigrai)."""
    key = normalize(text)
    if key in gazetteer.major:
        return True
    return any((e.feature_class == "P" and e.population >= 50_000 and normalize(e.name) == key)
               or (any_division_name and e.feature_code in ("ADM1", "RGN"))
               for e in gazetteer.lookup(key))


def _is_state_name(text: str, gazetteer: Gazetteer) -> bool:
    """A country or capital named exactly ("Washington said", "Tehran") though tagged ORG."""
    key = normalize(text)
    return any(
        e.feature_code in ("PCLI", "PPLC") and (e.feature_code == "PCLI" or normalize(e.name) == key)
        for e in gazetteer.lookup(text)
    )


def _dedupe(toponyms: list[Toponym]) -> list[Toponym]:
    kept: list[Toponym] = []
    taken = DisjointSpans()
    for toponym in sorted(toponyms, key=lambda t: (t.start, -(t.end - t.start))):
        if not taken.overlaps(toponym.start, toponym.end):
            kept.append(toponym)
            taken.add(toponym.start, toponym.end)
    return kept


def _gazetteer_matches(body: str, found: list[Toponym], entities: list[Entity],
                       gazetteer: Gazetteer) -> list[Toponym]:
    """Names the model missed: a name found elsewhere in the article (one sense per discourse),
    a country or first-level division by its own name (also inside an organization's name, as
    "Georgia" in "Georgia Power"), a country adjective ("Georgian"), and any known name that a
    kind word or a following state marks as a place. Never inside a person's name."""
    taken = _Coverage(len(body), [(t.start, t.end) for t in found])
    found_starts = {t.start for t in found}
    people_spans = {(m.start, m.end) for e in entities if e.type == "PERSON" for m in e.mentions
                    if m.start not in found_starts}
    people = _Coverage(len(body), people_spans)
    seen = {normalize(t.text) for t in found if not t.demonym}
    matches: list[Toponym] = []
    for run in _CAPITALIZED.finditer(body):
        for start, end, text in _ngrams(body, run.start(), run.end()):
            if taken.overlaps(start, end):
                continue
            if people.overlaps(start, end) and not (
                    (start, end) in people_spans and _placed_by_cue(body, start, text, found + matches, gazetteer)):
                continue  # a person's name, unless a place word or a place beside it says otherwise
            key = normalize(text)
            if text.lower() in word_list("place_stopwords.txt") or text.lower() in word_list("place_org_heads.txt"):
                continue
            demonym = " " not in text and gazetteer.demonym(text) is not None and not gazetteer.lookup(text)
            if (demonym or key in seen or key in _major_names(gazetteer)
                    or _names_organization(body, end, text, gazetteer)
                    or _place_context(body, start, end, text, gazetteer)
                    or _placed_by_cue(body, start, text, found + matches, gazetteer)):
                matches.append(Toponym(start, end, text, demonym=demonym))
                taken.add(start, end)
    return matches


class _Coverage:
    """Which characters some span covers: an overlap test in C instead of a loop over the spans."""

    def __init__(self, size: int, spans: Iterable[tuple[int, int]]) -> None:
        self.marks = bytearray(size + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, end) != -1


_BEFORE_WORD = re.compile(r"([A-Za-z]+)\s+$")
_COORDINATED = re.compile(r"\s*(?:,\s*|,?\s+(?:and|or)\s+)$")


def _placed_by_cue(body: str, start: int, text: str, found: list[Toponym], gazetteer: Gazetteer) -> bool:
    """One word naming a big place (a city of 50,000+, a division or region) after "in", "near",
    "from"..., or coordinated with a place found before it ("Odessa and Kharkiv"), though the small
    model read it as a person ("near Goma") or missed it."""
    if " " in text or not _is_major_place(text, gazetteer, any_division_name=True):
        return False
    before = _BEFORE_WORD.search(body[max(0, start - 30):start])
    if before and before.group(1).lower() in word_list("place_prepositions.txt"):
        return True
    return any(t.end < start and start - t.end <= 8 and _COORDINATED.fullmatch(body[t.end:start]) for t in found)


def _names_organization(body: str, end: int, text: str, gazetteer: Gazetteer) -> bool:
    """A town, county or state by its own name that heads an organization: "Gainesville Police"."""
    following = re.match(r"\s+([A-Z][\w'’]*)", body[end:end + 30])
    if not following or following.group(1).lower() not in word_list("place_org_heads.txt"):
        return False
    key = normalize(text)
    return any(normalize(e.name) == key and (e.feature_class == "A" or e.population >= 5000)
               for e in gazetteer.lookup(text))


def _ngrams(body: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Word n-grams of a capitalized run, longest first, trailing dots kept only on abbreviations."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", body[start:end])]
    result = []
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            text = body[s:e]
            if text.endswith(".") and not re.search(r"\.\w+\.$|^\w{2,4}\.$", text):
                text = text[:-1]
            if text.endswith(("-", "\u2013")):
                continue  # the first half of a compound broken at the hyphen ("African- Americans")
            if text and text[0].isupper():
                result.append((s, s + len(text), text))
    return result


def _major_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Own names of countries and first-level divisions: found wherever they are capitalized."""
    return gazetteer.major


def _place_context(body: str, start: int, end: int, text: str, gazetteer: Gazetteer) -> bool:
    """A known name that a kind word or a following state/country name marks as a place."""
    candidates = gazetteer.lookup(text)
    if not candidates:
        return False
    if text.split()[-1].lower() in word_list("place_generics.txt"):
        return any(c.feature_class == "A" for c in candidates)
    container = re.match(r"\s*,\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", body[end:end + 30])
    if container:
        outer = gazetteer.lookup(container.group(1))
        return any(_contains(o, c) for o in outer if o.feature_class == "A" for c in candidates)
    return False


def _hint_after(body: str, toponym: Toponym) -> str | None:
    """A lowercase kind word right after the name ("Anbar province"), or the name's own last word."""
    words = toponym.text.split()
    if len(words) >= 2 and words[-1].lower() in word_list("place_generics.txt"):
        return words[-1].lower()
    following = re.match(r"\s+([a-z]+)", body[toponym.end:toponym.end + 20])
    if following and following.group(1) in word_list("place_generics.txt"):
        return following.group(1)
    if following and following.group(1) in word_list("facility_heads.txt"):
        return following.group(1)
    return None


# ---------------------------------------------------------------- candidates

def candidate_ids(gazetteer: Gazetteer, toponym: Toponym) -> list[int]:
    """Gazetteer entries a toponym can refer to."""
    if toponym.demonym:
        country = gazetteer.demonym(toponym.text)
        key = normalize(country.name) if country else ""
        return [i for i in gazetteer.names.get(key, ()) if gazetteer.entries[i].feature_code in ("PCLI", "CONT")][:1]
    ids = list(gazetteer.lookup_ids(toponym.text))
    stripped = strip_generic(toponym.text)
    if stripped:
        ids += [i for i in gazetteer.lookup_ids(stripped) if gazetteer.entries[i].feature_class == "A"]
    words = toponym.text.split()
    if toponym.hint in word_list("facility_heads.txt") or words[-1].lower() in word_list("facility_heads.txt"):
        ids = gazetteer.facilities(words) + ids
    return list(dict.fromkeys(ids))


def _contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``outer`` (a country or division) holds ``inner``."""
    if outer.feature_code == "PCLI":
        return inner.country == outer.country and inner is not outer
    if outer.feature_code == "ADM1" and outer.admin1_code:
        return inner.admin1_code == outer.admin1_code and inner is not outer
    if outer.feature_class == "A":
        return inner.country == outer.country and distance_km(outer.lat, outer.lon, inner.lat, inner.lon) < 150
    return False


# ---------------------------------------------------------------- scoring

def prior(entry: Entry, toponym: Toponym, weights: Weights) -> float:
    """Context-free score: population, feature class, exact name, the kind the text names."""
    score = weights.population * math.log10(entry.population + 1) / 7
    score += {"PCLI": weights.country, "ADM1": weights.admin1, "ADM2": weights.admin2,
              "PPLC": weights.capital, "CONT": weights.continent}.get(entry.feature_code, 0.0)
    key = normalize(toponym.text)
    if normalize(entry.name) != key and normalize(strip_generic(toponym.text) or "") != normalize(entry.name):
        score -= weights.alias
    if toponym.hint in word_list("place_generics.txt"):
        score += weights.hint if entry.feature_class == "A" and entry.feature_code != "PCLI" else 0.0
    elif toponym.hint in word_list("facility_heads.txt"):
        score += weights.hint if entry.feature_class == "S" else 0.0
    return score


@dataclass
class Scene:
    """What the first pass learned about the article: focus and where its places are."""

    countries: dict[str, float]
    admin1: dict[str, float]
    points: dict[str, tuple[float, float]]
    readings: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    votes: dict[str, tuple[str, float, str | None, float]] = field(default_factory=dict)
    areas: set[str] = field(default_factory=set)
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # country -> bordering countries
    regions: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> nearness of each country
    views: dict[str, NameView] = field(default_factory=dict)  # name -> the scene as that name sees it
    # (name, lat, lon) -> support; shared by the passes, which all see the same readings
    support: dict[tuple[str, float, float], int] = field(default_factory=dict)


@dataclass(frozen=True)
class NameView:
    """The scene without one name's own votes and point: the same for every reading of the name."""

    countries: dict[str, float]
    admin1: dict[str, float]
    total_countries: float
    total_admin1: float
    others: list[tuple[float, float]]  # points of the other names (areas only if weights.near_areas)
    everything: list[tuple[float, float]]  # points of all the other names


def _view(scene: Scene, key: str, weights: Weights) -> NameView:
    """Built once per name and pass: the candidate readings of a name all share it."""
    if key not in scene.views:
        countries, admin1 = scene.countries, scene.admin1
        if weights.leave_one_out and key in scene.votes:
            countries, admin1 = _without(scene, key)  # a name does not vote for its own reading
        scene.views[key] = NameView(
            countries, admin1, sum(countries.values()) or 1, sum(admin1.values()) or 1,
            [p for name, p in scene.points.items() if name != key and (weights.near_areas or name not in scene.areas)],
            [p for name, p in scene.points.items() if name != key])
    return scene.views[key]


def contextual(entry: Entry, key: str, scene: Scene, weights: Weights) -> float:
    """Score from the article: focus country and division, and nearby places."""
    view = _view(scene, key, weights)
    countries, admin1, others, everything = view.countries, view.admin1, view.others, view.everything
    score = weights.focus_country * countries.get(entry.country, 0.0) / view.total_countries
    if entry.admin1_code:
        score += weights.focus_admin1 * admin1.get(entry.admin1_code, 0.0) / view.total_admin1
    if others and entry.feature_code != "PCLI":
        close = sum(1 for lat, lon in others if _closer(entry.lat, entry.lon, lat, lon, weights.near_km))
        score += weights.near * min(close, 2) / 2
    if weights.region and everything:
        distances = sorted(distance_km(entry.lat, entry.lon, lat, lon) for lat, lon in everything)
        score += weights.region * math.exp(-distances[len(distances) // 2] / weights.region_km)
    if weights.support and entry.feature_code not in _AREAS:
        support_key = (key, entry.lat, entry.lon)
        if support_key not in scene.support:
            scene.support[support_key] = _support(entry, key, scene, weights.near_km)
        score += weights.support * min(scene.support[support_key], 2) / 2
    if weights.neighbours:
        score += weights.neighbours * _region(scene, key, countries).get(entry.country, 0.0)
    return score


_AREAS = ("PCLI", "ADM1", "CONT", "RGN", "SEA", "OCN", "GULF", "STRT")


def _region(scene: Scene, key: str, countries: dict[str, float]) -> dict[str, float]:
    """The countries the other names of the article lie in and their neighbours (1.0), and the
    neighbours' neighbours (0.5): "Gaza" beside "Israel" or "Iraq" and "Syria" is the Palestinian
    one, not Mozambique's province. Computed once per name and pass."""
    if key not in scene.regions:
        named = {country for country, votes in countries.items() if votes > 1e-9 and country}
        ring = set(named).union(*(scene.neighbours.get(c, ()) for c in named))
        outer = set().union(*(scene.neighbours.get(c, ()) for c in ring)) - ring
        scene.regions[key] = {**dict.fromkeys(outer, 0.5), **dict.fromkeys(ring, 1.0)}
    return scene.regions[key]


def _without(scene: Scene, key: str) -> tuple[dict[str, float], dict[str, float]]:
    country, country_weight, division, division_weight = scene.votes[key]
    countries = dict(scene.countries)
    countries[country] = countries.get(country, 0.0) - country_weight
    admin1 = dict(scene.admin1)
    if division:
        admin1[division] = admin1.get(division, 0.0) - division_weight
    return countries, admin1


_KM_PER_DEGREE = 111.19  # a degree of latitude is at least this long on the 6371 km sphere


def _closer(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """``distance_km(...) < km``, skipping the trigonometry when the latitudes alone are too far apart."""
    return abs(lat1 - lat2) * _KM_PER_DEGREE < km and distance_km(lat1, lon1, lat2, lon2) < km


def _support(entry: Entry, key: str, scene: Scene, radius_km: float) -> int:
    """How many other names in the article have a likely reading near this one (Paris TN, Henry County TN)."""
    return sum(
        1 for name, points in scene.readings.items()
        if name != key and any(_closer(entry.lat, entry.lon, lat, lon, radius_km) for lat, lon in points)
    )


def resolve(toponyms: list[Toponym], body: str, gazetteer: Gazetteer, context: Context | None = None,
            ) -> list[Resolution]:
    """The place each toponym refers to, with one sense per name in the article."""
    context = context or Context()
    weights = context.weights
    groups: dict[str, list[int]] = {}
    for i, toponym in enumerate(toponyms):
        groups.setdefault(_group_key(toponym), []).append(i)
    cands = {key: _group_candidates(gazetteer, [toponyms[i] for i in idx]) for key, idx in groups.items()}
    containers = _containers(toponyms, body)
    first = {key: _best(gazetteer, cands[key], [toponyms[i] for i in idx], weights, None, key, toponyms,
                        containers, idx, {}) for key, idx in groups.items()}
    readings = {key: _likely_points(gazetteer, cands[key], [toponyms[i] for i in idx], weights)
                for key, idx in groups.items()}
    chosen = first
    support: dict[tuple[str, float, float], int] = {}
    for _ in range(weights.passes):  # each pass sees the article as the previous one read it
        scene = _scene(chosen, groups, gazetteer, context)
        scene.readings, scene.support = readings, support
        chosen = {key: _best(gazetteer, cands[key], [toponyms[i] for i in idx], weights, scene, key, toponyms,
                             containers, idx, chosen) for key, idx in groups.items()}
    if weights.fallback:
        chosen = _with_fallback(chosen, groups, toponyms, weights.anchor)
    result: list[Resolution] = [Resolution(None)] * len(toponyms)
    for key, idx in groups.items():
        for i in idx:
            result[i] = chosen[key]
    return result


_ANCHOR_KINDS = {
    "towns": ("PPL", "PPLC", "AIRP", "AIRB"),
    "towns+counties": ("PPL", "PPLC", "AIRP", "AIRB", "ADM2"),
    "any": ("PPL", "PPLC", "AIRP", "AIRB", "ADM2", "ADM3", "ADM1"),
}


def _with_fallback(chosen: dict[str, Resolution], groups: dict[str, list[int]],
                   toponyms: list[Toponym], anchor_kinds: str) -> dict[str, Resolution]:
    """Names the gazetteer lacks (streets, creeks, parks) sit in the article's main local place:
    the town or county named most often, approximately and with low confidence."""
    kinds = _ANCHOR_KINDS[anchor_kinds]
    local = [(len(groups[key]), -groups[key][0], r.entry) for key, r in chosen.items()
             if r.entry is not None and r.entry.feature_code in kinds]
    if not local:
        return chosen
    anchor = max(local, key=lambda item: item[:2])[2]
    return {key: r if r.entry is not None or toponyms[groups[key][0]].demonym
            else Resolution(anchor, 0.1, approximate=True) for key, r in chosen.items()}


def _likely_points(gazetteer: Gazetteer, ids: list[int], members: list[Toponym],
                   weights: Weights) -> list[tuple[float, float]]:
    """Points of a name's best readings by prior, leaving out countries and states (too large)."""
    entries = [gazetteer.entries[i] for i in ids]
    entries = [e for e in entries if e.feature_code not in _AREAS]
    entries.sort(key=lambda e: -max(prior(e, t, weights) for t in members))
    return [(e.lat, e.lon) for e in entries[: weights.support_top]]


def _group_key(toponym: Toponym) -> str:
    return ("demonym:" if toponym.demonym else "") + normalize(toponym.text)


def _group_candidates(gazetteer: Gazetteer, members: list[Toponym]) -> list[int]:
    ids: list[int] = []
    for toponym in members:
        ids += candidate_ids(gazetteer, toponym)
    return list(dict.fromkeys(ids))


def _containers(toponyms: list[Toponym], body: str) -> dict[int, int]:
    """Toponym index -> index of the toponym that contains it ("Alexandria, La.")."""
    result: dict[int, int] = {}
    for i, toponym in enumerate(toponyms[:-1]):
        nxt = toponyms[i + 1]
        if nxt.start - toponym.end <= 60 and _CONTAINER_GAP.match(body[toponym.end:nxt.start]):
            result[i] = i + 1
    return result


def _best(gazetteer: Gazetteer, ids: list[int], members: list[Toponym], weights: Weights, scene: Scene | None,
          key: str, toponyms: list[Toponym], containers: dict[int, int], idx: list[int],
          first: dict[str, Resolution]) -> Resolution:
    if not ids:
        return Resolution(None)
    outer = _outer_entries(gazetteer, toponyms, containers, idx, first)
    entries = [gazetteer.entries[i] for i in ids]
    divisions = {e.admin1_code for e in entries if e.feature_class == "A"}
    own_towns = {e.admin1_code for e in entries if e.feature_class == "P" and normalize(e.name) == key}
    has_exact = any(normalize(e.name) == key for e in entries)
    scored = []
    for i, entry in zip(ids, entries):
        score = max(prior(entry, t, weights) for t in members)
        if entry.feature_class == "P" and entry.admin1_code in divisions:
            score += weights.seat  # a town named like its division is usually its seat: "Baghdad"
        if entry.feature_class == "A" and entry.admin1_code in own_towns and normalize(entry.name) != key:
            score -= weights.alias  # the name is the town's own, the division's only by extension: "Erbil"
        if weights.exact and entry.feature_class == "P" and has_exact and normalize(entry.name) != key:
            score -= weights.exact  # a town's other name loses to a place of that very name: "Washington"
        if any(_contains(o, entry) for o in outer):
            score += weights.container
        if scene is not None:
            score += contextual(entry, key, scene, weights)
        scored.append((score, i))
    scored.sort(key=lambda pair: -pair[0])
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
    return Resolution(gazetteer.entries[scored[0][1]], round(1 / (1 + math.exp(-margin)), 3))


def _outer_entries(gazetteer: Gazetteer, toponyms: list[Toponym], containers: dict[int, int], idx: list[int],
                   first: dict[str, Resolution]) -> list[Entry]:
    """Every division or country reading of the names that contain a name's mentions: "Alexandria,
    La." is evidence for the Louisiana reading of both, whatever "La." alone would be read as."""
    outer: list[Entry] = []
    for i in idx:
        if i in containers:
            outer += [gazetteer.entries[j] for j in candidate_ids(gazetteer, toponyms[containers[i]])
                      if gazetteer.entries[j].feature_class == "A"]
    return outer


def _scene(first: dict[str, Resolution], groups: dict[str, list[int]], gazetteer: Gazetteer,
           context: Context) -> Scene:
    """Votes of the first pass: one per distinct name, weighted by how sure the pass was."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[str, float] = defaultdict(float)
    points: dict[str, tuple[float, float]] = {}
    votes: dict[str, tuple[str, float, str | None, float]] = {}
    areas: set[str] = set()
    for key, resolution in first.items():
        entry = resolution.entry
        if entry is None:
            continue
        weight = resolution.confidence or 0.5
        division_weight = weight * (2 if entry.feature_code == "ADM1" else 1)
        countries[entry.country] += weight
        if entry.admin1_code:
            admin1[entry.admin1_code] += division_weight
        votes[key] = (entry.country, weight, entry.admin1_code, division_weight)
        points[key] = (entry.lat, entry.lon)
        if entry.feature_code in _AREAS:
            areas.add(key)
    dateline = _dateline_entry(context.dateline, gazetteer, context.weights)
    if dateline is not None:
        countries[dateline.country] += 3
        if dateline.admin1_code:
            admin1[dateline.admin1_code] += 3
    return Scene(countries, admin1, points, votes=votes, areas=areas, neighbours=gazetteer.neighbours)


def _dateline_entry(dateline: str | None, gazetteer: Gazetteer, weights: Weights) -> Entry | None:
    if not dateline:
        return None
    name = dateline.split(",")[0].strip().title()
    toponym = Toponym(0, len(name), name)
    ids = candidate_ids(gazetteer, toponym)
    if not ids:
        return None
    return max((gazetteer.entries[i] for i in ids), key=lambda e: prior(e, toponym, weights))


# ---------------------------------------------------------------- metonymy

def is_metonymy(doc: Doc, toponym: Toponym, entry: Entry | None) -> bool:
    """A country or capital standing for its government: subject of "said", partner in "talks with"."""
    if entry is None or entry.feature_code not in ("PCLI", "PPLC") or toponym.demonym:
        return False
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None:
        return False
    cues = word_list("metonymy_cues.txt")
    root = span.root
    if root.dep_ in ("nsubj", "poss") and root.head.lemma_.lower() in cues:
        return True
    if root.dep_ == "conj" and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "between"):
        return root.head.head.lemma_.lower() in cues
    return False


# ---------------------------------------------------------------- extractor

def extract_places(doc: Doc, ctx: ExtractContext) -> list[Place]:
    """Every place named in the article, geocoded, in text order."""
    gazetteer = load()
    toponyms = find_toponyms(doc, ctx.entities, gazetteer)
    body = doc_text(doc)
    resolutions = resolve(toponyms, body, gazetteer, Context(dateline=ctx.metadata.dateline))
    stray = _stray_small_towns(body, toponyms, resolutions, gazetteer)
    return [to_place(doc, t, r) for i, (t, r) in enumerate(zip(toponyms, resolutions, strict=True))
            if i not in stray]


_SMALL_TOWN = 100_000


def _stray_small_towns(body: str, toponyms: list[Toponym], resolutions: list[Resolution],
                       gazetteer: Gazetteer) -> set[int]:
    """One word the model called a place whose only reading is a small town in a country none of
    the article's other places lie in, and that no place word, preposition or container marks as a
    place: a product, a brand or a word ("Siri" read as Sīrē, Ethiopia; "Titan" as a hamlet in
    Afghanistan). Dropped rather than placed somewhere the article never goes."""
    countries: dict[str, set[str]] = defaultdict(set)
    for toponym, resolution in zip(toponyms, resolutions, strict=True):
        if resolution.entry is not None and resolution.entry.country:
            countries[resolution.entry.country].add(_group_key(toponym))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, toponym in enumerate(toponyms):
        groups[_group_key(toponym)].append(i)
    stray: set[int] = set()
    for key, members in groups.items():  # one sense per name: its echoes go with it
        first, resolution = toponyms[members[0]], resolutions[members[0]]
        entry = resolution.entry
        if (entry is None or resolution.approximate or first.demonym or " " in first.text
                or all(toponyms[i].entity_id is None for i in members)
                or entry.feature_class not in ("P", "S") or entry.population >= _SMALL_TOWN
                or countries[entry.country] - {key}):
            continue
        if not any(_said_to_be_place(body, toponyms[i], gazetteer) or _after_preposition(body, toponyms[i])
                   for i in members):
            stray.update(members)
    return stray


def _after_preposition(body: str, toponym: Toponym) -> bool:
    before = _BEFORE_WORD.search(body[max(0, toponym.start - 30):toponym.start])
    return before is not None and before.group(1).lower() in word_list("place_prepositions.txt")


def to_place(doc: Doc, toponym: Toponym, resolution: Resolution) -> Place:
    entry = resolution.entry
    place = Place(start=toponym.start, end=toponym.end, text=toponym.text, extractor=NAME,
                  confidence=resolution.confidence, name=entry.name if entry else toponym.text,
                  entity_id=toponym.entity_id, demonym=toponym.demonym,
                  metonymy=is_metonymy(doc, toponym, entry))
    if entry is not None:
        place.lat, place.lon = round(entry.lat, 5), round(entry.lon, 5)
        place.country = entry.country or None
        place.admin1 = entry.admin1
    if entry is not None and not resolution.approximate:
        place.geonames_id = entry.geonames_id
        place.feature_class, place.feature_code = entry.feature_class, entry.feature_code
    if resolution.approximate:
        place.name, place.approximate = toponym.text, True
    return place
