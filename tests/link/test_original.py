"""The original of a story: credited outlet first, then dates (undated not assumed late), then
completeness; ties shown as ties, whatever the order of the versions."""

from __future__ import annotations

from datetime import date

from newsgraph.link.original import choose, publisher_outlet
from newsgraph.records import Article, Citation, Metadata

TEXT = "The United States and Iraq reached an understanding on the withdrawal of coalition forces. " * 3


def make(name: str, url: str, published: date | None, text: str = TEXT, credits: tuple[str, ...] = (),
         cue: str = "according to") -> Article:
    citations = [Citation(start=0, end=0, text="", extractor="t", outlet=o, cue=cue) for o in credits]  # type: ignore[arg-type]
    return Article(id=name, source=url, body=text, metadata=Metadata(url=url, published=published),
                   citations=citations)


def test_the_credited_outlet_is_the_original() -> None:
    own = make("tmz", "https://www.tmz.com/2020/01/26/kobe", date(2020, 1, 27), TEXT[:100])
    copies = [make(f"c{i}", f"https://site{i}.example/a", date(2020, 1, 26), credits=("TMZ",)) for i in range(3)]
    assert publisher_outlet(own) == "TMZ"
    result = choose([*copies, own])
    assert result.ids == ("tmz",) and result.reason == "published by TMZ, which 3 of 4 versions credit"


def test_ties_are_ties_in_any_order() -> None:
    a = make("a", "https://a.example/x", date(2024, 9, 6))
    b = make("b", "https://b.example/x", date(2024, 9, 6))
    later = make("c", "https://c.example/x", date(2024, 9, 7))
    for order in ([a, b, later], [later, b, a]):
        result = choose(order)
        assert result.ids == ("a", "b") and result.tie and result.reason.startswith("tie between 2 versions")


def test_undated_is_not_last_and_the_dateline_decides() -> None:
    dated = make("dated", "https://a.example/x", date(2024, 9, 6), credits=("Reuters",))
    undated = make("undated", "https://b.example/x", None, credits=("Reuters",), cue="dateline")
    result = choose([dated, undated])
    assert result.ids == ("undated",)
    assert result.reason == "earliest date 2024-09-06 or undated; carries the Reuters dateline"


def test_completeness_breaks_a_date_tie() -> None:
    full = make("full", "https://a.example/x", date(2024, 9, 6))
    cut = make("cut", "https://b.example/x", date(2024, 9, 6), TEXT[:90])
    assert choose([cut, full]).ids == ("full",)
