"""Places in conflict and world news that share their name with a place elsewhere: the other
names of the article (the countries it names and their neighbours) decide."""

from __future__ import annotations

import pytest

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.extract.places.gazetteer import distance_km, load, lookup
from newsgraph.extract.places.geoparse import Toponym, extract_places, resolve


@pytest.fixture(scope="module")
def run(nlp):
    def extract(text: str):
        doc = nlp(text)
        ctx = ExtractContext(body=text)
        ctx.found.entities = extract_entities(doc, ctx)
        return extract_places(doc, ctx)

    return extract


def _place(places, text: str):
    found = [p for p in places if p.text == text]
    assert found, (text, [p.text for p in places])
    return found[0]


def _near(place, lat: float, lon: float, km: float) -> bool:
    return place.lat is not None and distance_km(place.lat, place.lon, lat, lon) <= km


def test_borders_are_known_both_ways():
    neighbours = load().neighbours
    assert "PS" in neighbours["IL"] and "IL" in neighbours["PS"]  # the source lists it on one side only
    assert "MZ" not in neighbours["IL"]


@pytest.mark.parametrize("text", [
    "Israel and Syria traded warnings as the war in Gaza entered its second year, officials in Baghdad said.",
    "Aid trucks waited in Egypt to cross into Gaza on Sunday.",
    "Protests over the war in Gaza spread to Iraq and Iran, while Syria stayed quiet.",
])
def test_gaza_in_middle_east_news_is_the_palestinian_one(run, text):
    gaza = _place(run(text), "Gaza")
    assert gaza.country == "PS" and _near(gaza, 31.5, 34.45, 50), gaza


def test_gaza_named_with_mozambique_stays_the_province(run):
    gaza = _place(run("Floods hit Gaza province in southern Mozambique, near Maputo."), "Gaza province")
    assert gaza.country == "MZ" and gaza.feature_code == "ADM1"


def _resolved(text: str, names: tuple[str, ...]):
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    return [r.entry for r in resolve(toponyms, text, load())]


def test_a_neighbour_outweighs_a_far_division_of_the_same_name():
    _, gaza = _resolved("Israel said the fighting in Gaza would go on.", ("Israel", "Gaza"))
    _, gaza_from_egypt = _resolved("Egypt opened its crossing into Gaza.", ("Egypt", "Gaza"))
    assert gaza.country == "PS" and gaza_from_egypt.country == "PS"


def test_a_neighbours_neighbour_still_counts():
    # Iraq borders Jordan and Syria, which border the Palestinian territories: one ring further out
    _, gaza = _resolved("Iraq condemned the strikes on Gaza.", ("Iraq", "Gaza"))
    assert gaza.country == "PS"


def test_rafah_and_the_west_bank(run):
    places = run("Israeli troops pushed into Rafah, near the border with Egypt, as talks in Cairo stalled. "
                 "Settlers attacked a village in the West Bank.")
    assert _near(_place(places, "Rafah"), 31.29, 34.25, 25)
    assert _place(places, "West Bank").country == "PS"


def test_georgia_in_a_caucasus_story_is_the_country(run):
    places = run("Russia and Armenia watched as protesters filled the streets of Tbilisi, the capital of Georgia.")
    assert _place(places, "Georgia").country == "GE"
    assert _place(places, "Tbilisi").country == "GE"


def test_georgia_in_a_us_story_is_the_state(run):
    places = run("The storm moved from Alabama into Georgia, where Atlanta and Macon lost power.")
    georgia = _place(places, "Georgia")
    assert georgia.country == "US" and georgia.admin1 == "Georgia"


def test_lebanon_in_a_us_town_story_is_the_town(run):
    places = run("The Warren County sheriff said a Lebanon man was arrested in Mason, Ohio, on Tuesday. "
                 "Lebanon police helped.")
    assert all(p.country == "US" and p.admin1 == "Ohio" for p in places if p.text == "Lebanon")


def test_lebanon_beside_israel_is_the_country(run):
    places = run("Israel struck targets in Lebanon and Syria overnight.")
    assert _place(places, "Lebanon").country == "LB"


def test_aleppo_is_found_though_the_model_calls_it_a_group(run):
    aleppo = _place(run("Rebels entered Aleppo as Syria's army withdrew toward Hama, residents said."), "Aleppo")
    assert aleppo.country == "SY" and _near(aleppo, 36.20, 37.16, 50)


def test_big_places_the_model_misses_are_found_after_a_place_word(run):
    places = run("Russian shelling hit Odessa and Kharkiv overnight. Hezbollah fired from Tyre and Sidon.")
    assert _place(places, "Kharkiv").country == "UA"  # coordinated with a place found before it
    assert _place(places, "Sidon").country == "LB"
    not_places = run("Police said Jackson told Warren about the fire in the barn.")
    assert not any(p.text in ("Jackson", "Warren") for p in not_places)


def test_coordinated_divisions_the_model_calls_people(run):
    places = run("Fighting in Tigray and Amhara displaced thousands, Ethiopia said.")
    assert _place(places, "Tigray").country == "ET" and _place(places, "Amhara").country == "ET"


def test_congo_is_either_country_by_context(run):
    east = run("Rebels seized a town in eastern Congo, near the border with Rwanda and Uganda.")
    west = run("Brazzaville, the capital of the Republic of Congo, lies across the river from Kinshasa.")
    assert _place(east, "Congo").country == "CD"
    assert _place(west, "Republic of Congo").country == "CG"


def test_kherson_in_a_war_story(run):
    kherson = _place(run("Ukrainian forces retook Kherson after Russia pulled its troops across the Dnipro."),
                     "Kherson")
    assert kherson.country == "UA" and _near(kherson, 46.64, 32.61, 100)


def test_darfur_is_the_region_its_compass_states_make(run):
    assert any(e.feature_code == "RGN" and e.country == "SD" for e in lookup("Darfur"))
    assert not any(e.feature_code == "RGN" for e in lookup("Province"))  # "Western Province" makes no region
    darfur = _place(run("Fighting spread across Darfur as Sudan's army battled near El Fasher."), "Darfur")
    assert darfur.country == "SD" and _near(darfur, 13.0, 24.5, 300)


def test_paris_in_a_texas_story_is_the_texas_town(run):
    places = run("Police in Paris said the suspect fled toward Dallas before troopers stopped him near Sherman, Texas.")
    paris = _place(places, "Paris")
    assert paris.country == "US" and paris.admin1 == "Texas"
