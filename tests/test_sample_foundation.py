"""Issue 2's acceptance test: metadata, body and people of the canonical sample."""

from __future__ import annotations


def test_metadata_matches_expected(sample_article, expected):
    meta = sample_article.metadata
    want = expected["metadata"]
    assert meta.section == want["section"]
    assert meta.headline == want["headline"]
    assert meta.exclusive is want["exclusive"]
    assert meta.authors == want["authors"]
    assert meta.dateline == want["dateline"]
    assert meta.published is None and want["published"] is None
    assert meta.language == "en"


def test_body_bounds_and_no_furniture(sample_article, expected):
    body = sample_article.body
    assert body.startswith(expected["body"]["starts_with"])
    assert body.endswith(expected["body"]["ends_with"])
    for junk in expected["body"]["must_not_contain"]:
        assert junk not in body
    removed = " ".join(line.text for line in sample_article.removed)
    assert "Leave a Reply" in removed and "Adblock Detected" in removed


def test_people_with_aliases_and_roles(sample_article, expected):
    people = {e.name: e for e in sample_article.entities if e.type == "PERSON"}
    for want in expected["entities"]["PERSON"]:
        assert want["name"] in people, f"missing person {want['name']}"
        got = people[want["name"]]
        assert set(want.get("aliases", [])) <= set(got.aliases)
        assert got.role == want["role"]
    # no spurious people: the authors are not in the body
    assert set(people) == {p["name"] for p in expected["entities"]["PERSON"]}


def test_organizations_and_places(sample_article, expected):
    names = {(e.type, e.name) for e in sample_article.entities}
    for org in expected["entities"]["ORG"]:
        assert ("ORG", org) in names
    for place in expected["entities"]["PLACE"]:
        assert ("PLACE", place) in names
    all_names = {e.name for e in sample_article.entities} | {a for e in sample_article.entities for a in e.aliases}
    for bad in expected["entities"]["not_entities"]:
        assert bad not in all_names


def test_every_mention_points_at_its_text(sample_article):
    body = sample_article.body
    for entity in sample_article.entities:
        for mention in entity.mentions:
            assert body[mention.start : mention.end] == mention.text
        if entity.role_span:
            assert body[entity.role_span.start : entity.role_span.end] == entity.role_span.text
