"""The sample article: its places are found and geocoded near where a careful reader puts them."""

from __future__ import annotations

from newsgraph.extract.places.gazetteer import distance_km, load
from newsgraph.extract.places.geoparse import Toponym, candidate_ids


def _found(article, name: str):
    return [p for p in article.places if p.text == name or p.text.startswith(name)]


def test_expected_places_are_found_and_geocoded(sample_article, expected):
    for want in expected["places"]:
        found = _found(sample_article, want["name"])
        assert found, f"{want['name']} not found"
        place = found[0]
        assert place.country == want["country"], (want["name"], place.name, place.country)
        if "lat" in want:
            assert distance_km(place.lat, place.lon, want["lat"], want["lon"]) <= 25, (want, place)


def test_expected_place_entities_are_resolvable(expected):
    gazetteer = load()
    for name in expected["entities"]["PLACE"]:
        toponym = Toponym(0, len(name), name)
        assert candidate_ids(gazetteer, toponym), f"{name} has no gazetteer candidate"


def test_sample_offsets_and_metonymy(sample_article):
    body = sample_article.body
    for place in sample_article.places:
        assert body[place.start:place.end] == place.text
    tehran = [p for p in sample_article.places if p.text == "Tehran"]
    assert tehran and all(p.metonymy for p in tehran)  # "between Washington and Tehran"
    assert not any(p.metonymy for p in sample_article.places if p.text == "Erbil")


def test_gaza_beside_iraq_syria_iran_and_israel_is_the_palestinian_one(sample_article):
    gaza = [p for p in sample_article.places if p.text == "Gaza"]
    assert gaza and all(p.country == "PS" for p in gaza), gaza  # not Mozambique's Gaza province
    assert all(distance_km(p.lat, p.lon, 31.5, 34.45) <= 50 for p in gaza)
