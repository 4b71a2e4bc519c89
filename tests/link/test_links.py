"""Copies, near-duplicates, rewrites and stories on small hand-made articles."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.link.dedup import near_duplicates, overlap, shingles
from newsgraph.link.rewrites import outlet, rewrites
from newsgraph.link.stories import find_links, link_articles
from newsgraph.pipeline import article_id
from newsgraph.records import Article, Entity, Metadata

PARAS = [
    "The city council of Riverton voted on Tuesday to close the old Main Street bridge to cars from next month.",
    "Engineers found cracks in two of the bridge's steel supports during an inspection in August, officials said.",
    "Mayor Helen Park said the closure would last at least eighteen months while the supports are replaced.",
    "Local businesses on the east bank warned that the detour would cost them customers during the holidays.",
    "The repairs are expected to cost 12 million dollars, paid for by a state infrastructure grant.",
]
REWRITE = ("Riverton will shut its aging Main Street bridge to traffic starting next month after the council "
           "approved the move on Tuesday. An August inspection turned up cracked steel supports, and Mayor Helen "
           "Park said replacing them will keep the crossing closed for a year and a half or longer. A state grant "
           "covers the 12 million dollar bill, though shop owners on the east side fear the detour will hurt "
           "holiday sales.")
OTHER = ("Heavy snow closed schools across the northern valley on Friday, and the weather service said another "
         "storm would arrive on Sunday. Plows worked through the night to clear the main highway to the airport, "
         "where dozens of flights were cancelled. Officials urged drivers to stay home unless travel was essential.")
SAME_TOPIC = ("The Riverton council on Tuesday approved a new parking plan for Main Street, adding meters to two "
              "blocks near the river. Mayor Helen Park said the revenue would go to street repairs. Shop owners "
              "said they feared customers would shop elsewhere.")


def make(text: str, url: str, published: date | None = None, entities: tuple[str, ...] = ()) -> Article:
    ents = [Entity(id=f"e{i}", name=n, type="PERSON" if " " in n else "PLACE", label="X")
            for i, n in enumerate(entities)]
    return Article(id=article_id(text), source=url, body=text, entities=ents,
                   metadata=Metadata(url=url, published=published))


def test_overlap_ignores_order_and_dropped_paragraphs() -> None:
    full = shingles("\n\n".join(PARAS))
    assert overlap(full, shingles("\n\n".join(PARAS[::-1]))) > 0.8
    assert overlap(full, shingles("\n\n".join(PARAS[:2] + PARAS[3:]))) > 0.8
    assert overlap(full, shingles(OTHER)) == 0.0


def test_near_duplicates_link_copies_only() -> None:
    bodies = ["\n\n".join(PARAS), "\n\n".join(PARAS[1:] + ["Share this article on social media."]), OTHER, REWRITE]
    links = near_duplicates(["a", "b", "c", "d"], bodies)
    assert [(x.a, x.b, x.kind) for x in links] == [("a", "b", "near_duplicate")]
    assert links[0].score >= 0.8


@pytest.mark.xfail(strict=True, reason="the dev-fitted pair model links a short same-topic piece naming the same "
                   "people and street (issue #17: known gap, see bench/reports/stories.md)")
def test_rewrite_linked_unrelated_and_same_topic_not() -> None:
    people: tuple[str, ...] = ()  # the names are read from the texts
    original = make("\n\n".join(PARAS), "https://wire.example/bridge", date(2024, 9, 3), people)
    retold = make(REWRITE, "https://daily.example/riverton-bridge", date(2024, 9, 4), people)
    unrelated = make(OTHER, "https://daily.example/snow", date(2024, 9, 4))
    parking = make(SAME_TOPIC, "https://post.example/parking", date(2024, 9, 4), people)
    links = rewrites([original, retold, unrelated, parking])
    assert {(x.a, x.b) for x in links} == {(original.id, retold.id)}


def test_same_outlet_is_not_a_rewrite() -> None:
    a = make("\n\n".join(PARAS), "https://www.wire.example/bridge")
    b = make(REWRITE, "https://wire.example/bridge-update")
    assert outlet(a) == outlet(b) == "wire.example"
    assert rewrites([a, b]) == []


def test_story_names_the_earliest_as_original() -> None:
    first = make("\n\n".join(PARAS), "https://wire.example/bridge", date(2024, 9, 3), ("Helen Park",))
    copy = make("\n\n".join(PARAS[:4]), "https://mirror.example/bridge", date(2024, 9, 5))
    retold = make(REWRITE, "https://daily.example/bridge", date(2024, 9, 4), ("Helen Park",))
    alone = make(OTHER, "https://daily.example/snow", date(2024, 9, 1))
    articles = [copy, retold, alone, first]
    links = find_links(articles)
    assert {x.kind for x in links} == {"copy", "rewrite"}  # the first four paragraphs, verbatim
    rows = link_articles(articles).stories
    assert {r[1] for r in rows} == {first.id, copy.id, retold.id}
    assert [r[1] for r in rows if r[2]] == [first.id] and len({r[0] for r in rows}) == 1
    assert [r[5] for r in rows if r[2]] == ["earliest date 2024-09-03"]
