"""The sample article: every timex of iraq-withdrawal.expected.json, with and without a reference date."""

from __future__ import annotations


def _by_text(article, text: str):
    matches = [t for t in article.timexes if t.text == text]
    assert matches, f"{text!r} not found; found {[t.text for t in article.timexes]}"
    return matches[0]


def test_sample_timexes_with_reference(sample_article_2024, expected):
    assert str(sample_article_2024.metadata.published) == expected["time"]["reference_date_for_examples"]
    for item in expected["time"]["timexes"]:
        timex = _by_text(sample_article_2024, item["text"])
        want = item.get("value", item.get("value_with_reference"))
        assert timex.value == want, item
        assert timex.mod == item.get("mod"), item
        if "type" in item:
            assert timex.type == item["type"], item


def test_sample_timexes_without_reference(sample_article, expected):
    assert sample_article.metadata.published is None
    for item in expected["time"]["timexes"]:
        timex = _by_text(sample_article, item["text"])
        if "value" in item:
            assert timex.value == item["value"] and timex.mod == item.get("mod"), item
        else:  # relative: never invented without a reference date
            assert timex.value == item.get("value_without_reference") is None, item
            assert not timex.resolved and timex.relative


def test_sample_ids_are_stable_and_in_body_order(sample_article):
    ids = [t.id for t in sample_article.timexes]
    assert ids == [f"t{i}" for i in range(1, len(ids) + 1)]
    body = sample_article.body
    assert all(body[t.start:t.end] == t.text for t in sample_article.timexes)


def test_sample_timeline(sample_article_2024):
    timeline = sample_article_2024.timeline
    values = [entry.value for entry in timeline]
    assert values == sorted(values)
    lines = [f"{e.value}: {e.clause.text}" for e in timeline]
    assert any(line.startswith("2003: The U.S. originally invaded Iraq") for line in lines), lines
    assert any(line.startswith("2025-09: all coalition forces would leave the Ain al-Asad airbase") for line in lines)
    assert "2024-04" in values and "PRESENT_REF" not in values
    body = sample_article_2024.body
    for entry in timeline:
        assert body[entry.clause.start:entry.clause.end] == entry.clause.text
        timex = next(t for t in sample_article_2024.timexes if t.id == entry.timex_id)
        assert entry.clause.start <= timex.start and timex.end <= entry.clause.end
