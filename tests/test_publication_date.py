"""Publication dates from metadata strings."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from newsgraph.pipeline import parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("Updated 10:42 AM EST, Tue November 26, 2019", date(2019, 11, 26)),
    ("2019-11-26T23:42:00-05:00", date(2019, 11, 26)),
    ("Published: Nov. 26, 2019 11:30 p.m. PST", date(2019, 11, 26)),
])
def test_dates_with_zone_names_parse_without_warnings(text: str, expected: date) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns about zone names it does not know ("EST")
        assert parse_date(text) == expected


def test_unparseable_date_is_none() -> None:
    assert parse_date("no date here at all") is None
