"""The furniture line classifier."""

import pytest

from newsgraph.clean.furniture import furniture_reason

LONG = "The report said the agency " + "had reviewed the records of the program in detail " * 8


@pytest.mark.parametrize(("line", "reason"), [
    ("Leave a Reply", "comments"),
    ("jsmith says:", "comments"),
    ("34 responses to “Lynn: we needed to win”", "comments"),
    ("Share this:", "share"),
    ("Click to share on Twitter (Opens in new window)", "share"),
    ("Click To Tweet", "share"),
    ("Related: The 15 Weirdest Galaxies in Our Universe", "related"),
    ("Most read in world news", "related"),
    ("Reporting by Jane Doe; Editing by John Roe", "credits"),
    ("Keith Bradsher contributed reporting from Hong Kong.", "credits"),
    ("This website uses cookies to improve your experience. " + "Details follow. " * 30, "cookies"),
])
def test_furniture_lines(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The president said the deal would be signed next week.",
    "Related parties must disclose their holdings, the regulator said on Monday.",
    LONG + "and some sites use cookies to track readers, it found.",
])
def test_article_lines_are_not_furniture(line):
    assert furniture_reason(line) is None


def test_a_line_printed_twice_keeps_only_its_last_copy():
    from newsgraph.clean.furniture import classify_lines

    caption = "The mayor speaks to reporters outside city hall on Tuesday."
    lines = [caption, "Short", caption, "The council voted to close the bridge for two years."]
    verdicts = classify_lines(lines)
    assert verdicts[0].reason == "repeated"
    assert not verdicts[2].furniture and not verdicts[3].furniture


def test_a_line_above_a_photo_credit_is_a_caption():
    from newsgraph.clean.furniture import classify_lines

    lines = ["Firefighters work through the night to contain the blaze near the highway.",
             "Photo: Jane Doe/Getty Images"]
    assert [v.reason for v in classify_lines(lines)] == ["caption", "credit"]
