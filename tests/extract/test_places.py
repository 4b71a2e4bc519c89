"""Places: gazetteer look-ups, recognition rules, disambiguation from context, metonymy, GeoJSON."""

from __future__ import annotations

import pytest

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.extract.places.gazetteer import distance_km, load, lookup, normalize, strip_generic
from newsgraph.extract.places.geoparse import Toponym, extract_places, find_toponyms, resolve
from newsgraph.geojson import feature_collection
from newsgraph.records import Article


def test_normalize_folds_case_accents_and_dots():
    assert normalize("Al-Anbār") == "al anbar"
    assert normalize("U.S.") == "us"
    assert normalize("St. Louis") == "st louis"


def test_strip_generic_drops_kind_words():
    assert strip_generic("Anbar province") == "Anbar"
    assert strip_generic("Laurel County") == "Laurel"
    assert strip_generic("Kansas City") is None


def test_lookup_finds_cities_divisions_and_abbreviations():
    assert any(e.country == "IQ" and e.feature_class == "P" for e in lookup("Baghdad"))
    assert any(e.feature_code == "ADM1" and e.admin1 == "Louisiana" for e in lookup("La."))
    assert any(e.feature_code == "PCLI" and e.country == "US" for e in lookup("U.S."))
    assert lookup("Qwxzy Nowhere") == []


def test_demonyms_and_their_plurals_name_countries():
    gazetteer = load()
    assert gazetteer.demonym("Iraqi").country == "IQ"
    assert gazetteer.demonym("Americans").country == "US"
    assert gazetteer.demonym("Tuesday") is None


def _resolve(text: str, names: list[str]):
    toponyms = []
    for name in names:
        start = text.index(name, toponyms[-1].end if toponyms else 0)
        toponyms.append(Toponym(start, start + len(name), name))
    return [r.entry for r in resolve(toponyms, text, load())]


def test_containment_picks_the_town_in_the_named_state():
    louisiana, _ = _resolve("She lives in Alexandria, La., with her aunt.", ["Alexandria", "La."])
    virginia, _ = _resolve("She lives in Alexandria, Va., with her aunt.", ["Alexandria", "Va."])
    assert louisiana.admin1 == "Louisiana"
    assert virginia.admin1 == "Virginia"


def test_alone_the_largest_place_wins():
    (paris,) = _resolve("She flew to Paris on Monday.", ["Paris"])
    assert paris.country == "FR"


def test_article_focus_moves_an_ambiguous_town():
    text = ("The Lamar County sheriff said a man from Paris was arrested near Reno. "
            "Deputies in Texas said Paris police helped.")
    entries = _resolve(text, ["Lamar County", "Paris", "Reno", "Texas", "Paris"])
    assert entries[1].country == "US" and entries[1].admin1 == "Texas"
    assert entries[1] == entries[4]  # one sense per name in an article


def test_facility_is_matched_by_its_distinctive_words():
    text = "Forces would leave the Ain al-Asad airbase in western Anbar province."
    base, anbar = _resolve(text, ["Ain al-Asad airbase", "Anbar"])
    assert distance_km(base.lat, base.lon, 33.8, 42.44) < 25
    assert anbar.feature_code == "ADM1" and anbar.country == "IQ"


@pytest.fixture(scope="module")
def run(nlp):
    def extract(text: str, dateline: str | None = None):
        doc = nlp(text)
        ctx = ExtractContext(body=text)
        ctx.metadata.dateline = dateline
        ctx.found.entities = extract_entities(doc, ctx)
        return extract_places(doc, ctx)

    return extract


def test_metonymy_is_flagged_only_for_governments(run):
    places = run("Washington said it would impose new sanctions. Later she flew to Washington for a wedding.")
    washington = [p for p in places if p.text == "Washington"]
    assert [p.metonymy for p in washington] == [True, False]
    assert all(p.country == "US" for p in washington)


def test_country_adjectives_are_places_marked_as_demonyms(run):
    places = run("Three Iraqi officials met the minister in Baghdad.")
    iraqi = next(p for p in places if p.text == "Iraqi")
    assert iraqi.demonym and iraqi.country == "IQ" and iraqi.feature_code == "PCLI"


def test_gazetteer_matcher_finds_county_the_model_may_miss(nlp):
    text = "Officers patrolled Rapides Parish overnight."
    doc = nlp(text)
    toponyms = find_toponyms(doc, [], load())
    assert [(t.text, t.start) for t in toponyms] == [("Rapides Parish", text.index("Rapides"))]


def test_offsets_point_at_the_text(run):
    text = "Flooding hit Erbil and Mosul, officials in Baghdad said."
    for place in run(text):
        assert text[place.start:place.end] == place.text


def test_geojson_lists_geocoded_places_in_lon_lat_order(run):
    places = run("Flooding hit Erbil, officials in Baghdad said.")
    article = Article(id="x", source="-", body="", places=places)
    collection = feature_collection(article)
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert (lat, lon) == (places[0].lat, places[0].lon)
    assert collection["features"][0]["properties"]["name"] == places[0].name


def test_unknown_local_names_fall_back_to_the_main_local_place():
    text = "Crews closed Bucknell Drive in Gainesville, Ga., after Gainesville police found a leak."
    names = ["Bucknell Drive", "Gainesville", "Ga.", "Gainesville"]
    toponyms = []
    for name in names:
        start = text.index(name, toponyms[-1].end if toponyms else 0)
        toponyms.append(Toponym(start, start + len(name), name))
    street, town, _, _ = resolve(toponyms, text, load())
    assert town.entry.admin1 == "Georgia" and not town.approximate
    assert street.approximate and street.entry == town.entry and street.confidence < 0.5


def test_named_streets_and_rivers_are_places(nlp):
    text = "Police closed Wichita Drive after the Neches River flooded near Athens."
    doc = nlp(text)
    entities = extract_entities(doc, ExtractContext(body=text))
    names = [t.text for t in find_toponyms(doc, entities, load())]
    assert "Wichita Drive" in names and "Neches River" in names
    assert "Neches" not in names  # the longer name replaces the town name inside it
