from __future__ import annotations

import pytest

from newsgraph.clean.metadata import detect_language, labels_from, parse_header, split_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("BAGHDAD – The United States and Iraq", "BAGHDAD", None, "The United States and Iraq"),
        ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "Reuters", "The Senate voted"),
        ("LONDON, Sept 5 (Reuters) - Britain said", "LONDON", "Reuters", "Britain said"),
        ("ALEXANDRIA, La. — A man was arrested", "ALEXANDRIA, La.", None, "A man was arrested"),
        ("NEW YORK (AP) — Stocks fell", "NEW YORK", "AP", "Stocks fell"),
    ],
)
def test_dateline(paragraph, place, agency, rest):
    got_place, got_agency, offset = split_dateline(paragraph)
    assert (got_place, got_agency, paragraph[offset:]) == (place, agency, rest)


@pytest.mark.parametrize(
    "paragraph", ["The U.S. - Iraq talks ended", "US-Iraq deal - a first", "I - for one - disagree"]
)
def test_no_dateline_in_ordinary_sentences(paragraph):
    assert split_dateline(paragraph)[0] is None


def test_labels_from_headline_and_kicker():
    assert labels_from("Exclusive US-Iraq Deal Expected", "World") == ["Exclusive"]
    assert labels_from("Analysis: Why the deal matters", None) == ["Analysis"]
    assert labels_from("Markets rally", "Opinion") == ["Opinion"]
    assert labels_from("Exclusively yours: a memoir", None) == []


def test_header_lines():
    header = parse_header(["World", "Troops To Leave Iraq By 2026, Officials Say", "By Jane Doe", "September 6, 2024"])
    assert header.section == "World"
    assert header.headline == "Troops To Leave Iraq By 2026, Officials Say"
    assert header.authors == ["Jane Doe"]
    assert header.date_text == "September 6, 2024"


def test_language():
    assert detect_language("The government said on Tuesday that talks would resume next week.")[0] == "en"
    assert detect_language("Le gouvernement a annoncé mardi que les négociations reprendraient.")[0] == "fr"
    assert detect_language("Too short") == (None, None)


@pytest.mark.parametrize("text", ["!!! ??? ... --- !!! ??? ...", ". . . . . . . .", "12 34 56 78 90 11",
                                  "— — — — — —", "Ok. Yes. No. Hi. Go.", "* * * ~ ~ ~ | | | # # #"])
def test_no_language_for_text_with_few_letters(text):
    """Before: punctuation-only text was labelled Serbian ('sr'), a few short words Ganda ('lg')."""
    assert detect_language(text) == (None, None)
