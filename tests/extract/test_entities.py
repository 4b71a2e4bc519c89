"""Entity clustering, corrections and roles on small hand-made texts."""

from __future__ import annotations

from newsgraph.extract import ExtractContext
from newsgraph.extract.entities.recognize import extract_entities


def entities(nlp, text):
    doc = nlp(text)
    return {e.name: e for e in extract_entities(doc, ExtractContext(body=text))}


def test_short_forms_join_the_full_name(nlp):
    found = entities(nlp, "German Chancellor Olaf Scholz met reporters on Monday. Scholz said the talks went well. "
                          "Later, Chancellor Scholz flew to Paris.")
    person = found["Olaf Scholz"]
    assert person.type == "PERSON"
    assert "Scholz" in person.aliases
    assert person.role == "German Chancellor"
    assert len(person.mentions) == 3


def test_country_name_variants_are_one_entity(nlp):
    found = entities(nlp, "The United States said it would act. U.S. officials agreed, and the US Navy sailed. "
                          "Washington has long warned of this.")
    us = found["United States"]
    assert us.type == "PLACE"
    assert len(us.mentions) >= 2


def test_apposition_gives_the_role(nlp):
    found = entities(nlp, "Maria Lopez, a spokeswoman for the city council, declined to comment on the plan.")
    assert found["Maria Lopez"].role == "spokeswoman for the city council"


def test_relative_clause_is_not_a_role(nlp):
    found = entities(nlp, "Maria Lopez, who runs the shelter, said it was full.")
    assert found["Maria Lopez"].role is None


def test_recurring_names_keep_one_label(nlp):
    text = ("The Islamic State claimed the attack. Officials said Islamic State fighters fled. "
            "Islamic State has lost most of its territory.")
    found = entities(nlp, text)
    assert found["Islamic State"].type == "ORG"
    assert len(found["Islamic State"].mentions) == 3


def test_mentions_point_at_the_text(nlp):
    text = "The U.S. Embassy in Baghdad has not responded. Prime Minister Mohammed Shia al-Sudani's office said so."
    doc = nlp(text)
    for entity in extract_entities(doc, ExtractContext(body=text)):
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
            assert not m.text.startswith("the ") and not m.text.endswith("'s")


def _types(nlp, text):
    doc = nlp(text)
    return {m.text: e.type for e in extract_entities(doc, ExtractContext(body=text)) for m in e.mentions}


def test_towns_that_play_are_clubs_and_countries_stay_places(nlp):
    assert _types(nlp, "Leicestershire beat Somerset by an innings on Friday.").get("Somerset") == "ORG"
    standings = _types(nlp, "Standings:\nCHICAGO 74 62 .544\nHOUSTON 70 66 .515\nTORONTO 60 75 .444")
    assert standings.get("CHICAGO") == "ORG" and standings.get("HOUSTON") == "ORG"
    national = _types(nlp, "Italy beat England 2-0 in Rome on Friday.")
    assert national.get("Italy") == "PLACE" and national.get("England") == "PLACE" and national.get("Rome") == "PLACE"


def test_a_dateline_is_no_score(nlp):
    found = _types(nlp, "LONDON 1996-08-30\nThe Bank of England held rates on Friday.")
    assert found.get("LONDON") == "PLACE"


def test_headings_and_table_headers_are_not_organizations(nlp):
    text = ("BASEBALL - MAJOR LEAGUE STANDINGS\nW L PCT GB\nThe Federal Reserve said on Tuesday that "
            "Goldman Sachs would pay the fine.")
    found = _types(nlp, text)
    assert not any(name.isupper() and kind == "ORG" for name, kind in found.items())
    assert found.get("Goldman Sachs") == "ORG"


def test_a_participle_opening_the_sentence_is_not_part_of_a_name(nlp):
    names = set(entities(nlp, "Hosting Cook on stage in San Francisco, Benioff praised Apple. Cook said he was glad. "
                              "Questioning Vindman, Republicans asked about leaks. Sterling Brown said he was fine."))
    assert {"Cook", "Vindman", "Sterling Brown"} <= names
    assert not any(n.startswith(("Hosting", "Questioning")) for n in names)
