from __future__ import annotations

import pytest

from newsgraph.clean.byline import is_byline, parse_author_field, parse_byline


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Timour Azhari and Ahmed Rasheed", ["Timour Azhari", "Ahmed Rasheed"]),
        ("By Jane Doe, John Smith and Mary Jones", ["Jane Doe", "John Smith", "Mary Jones"]),
        ("By Jane Doe | Reuters", ["Jane Doe"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By JOHN SMITH Associated Press", ["John Smith"]),
        ("By Jane Doe Email the author", ["Jane Doe"]),
        ("BY Karen DeYoung and Missy Ryan", ["Karen DeYoung", "Missy Ryan"]),
        ("By Jane Doe, Senior Correspondent", ["Jane Doe"]),
        ("By Jane Doe and John Smith for The Times", ["Jane Doe", "John Smith"]),
    ],
)
def test_parse_byline(byline, names):
    assert parse_byline(byline) == names


def test_is_byline_rejects_prose_and_headlines():
    assert is_byline("By Timour Azhari and Ahmed Rasheed")
    assert not is_byline("By the end of the year the troops will have left the country entirely.")
    assert not is_byline("Exclusive US-Iraq Deal Expected to Result in Troop Withdrawals")


def test_author_field_from_html_metadata():
    assert parse_author_field("Sarah E Needleman") == ["Sarah E Needleman"]
    assert parse_author_field("Jane Doe; John Smith") == ["Jane Doe", "John Smith"]
    assert parse_author_field(None) == []
