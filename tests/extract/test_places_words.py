"""Demonyms, languages and common words are never towns unless the text says they are."""

from __future__ import annotations

import pytest

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities
from newsgraph.extract.places.gazetteer import load, lookup
from newsgraph.extract.places.geoparse import extract_places


def places(nlp, text):
    doc = nlp(text)
    ctx = ExtractContext(body=text)
    ctx.found.entities = extract_entities(doc, ctx)
    return extract_places(doc, ctx)


def by_text(nlp, text):
    return {p.text: p for p in places(nlp, text)}


@pytest.mark.parametrize(("word", "country"), [("Chinese", "CN"), ("French", "FR"), ("Indian", "IN"),
                                                ("Canadian", "CA"), ("Americans", "US"), ("British", "GB")])
def test_a_shared_demonym_names_the_most_populous_country(word, country):
    assert load().demonym(word).country == country


def test_iso_codes_are_not_names():
    assert lookup("Mac") == [] and lookup("GW") == []  # Macao's and Guinea-Bissau's codes
    assert not any(e.feature_code == "PCLI" for e in lookup("CA") + lookup("IL") + lookup("Can"))
    assert any(e.country == "US" and e.feature_code == "PCLI" for e in lookup("US") + lookup("USA"))


def test_demonyms_name_their_country_not_a_town(nlp):
    text = ("The Chinese delegation met French and Indian officials in Geneva on Monday. "
            "A Canadian firm also sent envoys.")
    found = places(nlp, text)
    named = {p.text: p for p in found}
    for word, country in (("Chinese", "CN"), ("French", "FR"), ("Indian", "IN"), ("Canadian", "CA")):
        if word in named:
            assert named[word].country == country and named[word].feature_code == "PCLI", named[word]
    assert not any(p.feature_class == "P" and p.text in ("Chinese", "French", "Indian", "Canadian") for p in found)


def test_a_demonym_spelled_like_a_town_is_that_town_when_the_text_says_so(nlp):
    found = by_text(nlp, "The storm hit Canadian, Texas, on Sunday, and Amarillo later.")
    assert found["Canadian"].country == "US" and found["Canadian"].feature_class == "P"


def test_heavenly_bodies_and_languages_are_not_places(nlp):
    text = ("NASA said the probe left Earth in 2021 and will reach Jupiter and its moon Titan by 2030. "
            "Mission updates are posted in English and Hindi from Houston.")
    found = by_text(nlp, text)
    assert not {"Earth", "Jupiter", "Titan", "English", "Hindi"} & set(found)
    assert found["Houston"].country == "US"


def test_a_common_word_is_a_town_when_the_text_says_so(nlp):
    found = by_text(nlp, "Residents of the town of Earth gathered on Friday, officials in Lubbock said.")
    assert found["Earth"].country == "US"


def test_a_product_is_not_a_far_away_village(nlp):
    text = ("Apple said Siri will answer more questions. The company, based in Cupertino, California, "
            "showed the feature in San Francisco. Siri was first shown in 2011, and Siri now speaks 20 languages.")
    found = places(nlp, text)
    assert not any(p.text == "Siri" for p in found)
    assert any(p.text == "Cupertino" for p in found)


def test_half_of_a_compound_broken_at_its_hyphen_is_no_place(nlp):
    text = "Our inner cities, African- Americans, Hispanics are living in hell, he said in Ohio."
    found = by_text(nlp, text)
    assert not any(t.endswith("-") for t in found) and "Africa" not in {p.name for p in found.values()}
    assert found["Ohio"].country == "US"
