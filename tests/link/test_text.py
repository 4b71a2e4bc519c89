"""What the linkers compare: house style folded away, figures and missing evidence."""

from __future__ import annotations

from newsgraph.link import rewrites as rw
from newsgraph.link import text as tx
from newsgraph.pipeline import article_id
from newsgraph.records import Article, Metadata

WIRE = ('The U.S.-led coalition\u2019s plan \u2014 "a new phase," officials said \u2014 would see '
        "hundreds of U.S. troops leave by September 2025.")
HOUSE = ("The US-led coalition's plan - \u201ca new phase,\u201d officials said - would see hundreds of US troops "
         "leave by September 2025.")


def art(text: str) -> Article:
    return Article(id=article_id(text), source="x", body=text, metadata=Metadata())


def test_house_style_is_normalized() -> None:
    assert tx.normalize(WIRE) == tx.normalize(HOUSE)
    assert tx.shingles(WIRE) == tx.shingles(HOUSE)
    assert tx.normalize("U.N.  officials \u2018said\u2019") == "UN officials 'said'"


def test_missing_figures_are_neutral() -> None:
    words = "The council voted to close the old bridge after engineers found cracks in the supports."
    with_figures = art(words + " Repairs will cost 12 million dollars.")
    without = art(words)
    other_figures = art(words + " Repairs will cost 40 million dollars.")
    f1, f2, f3 = (rw.features(a) for a in (with_figures, without, other_figures))
    assert "numbers" not in rw.parts(rw.cosine(f1, f2), f1, f2)  # one text has none: not compared
    assert rw.parts(rw.cosine(f1, f3), f1, f3)["numbers"] == 0.0  # both have figures, and they differ
    # the missing term scores as half-agreeing figures: above figures that differ, below figures that match
    assert rw.WEIGHTS["numbers"] * 0.0 < rw.WEIGHTS["numbers_missing"] < rw.WEIGHTS["numbers"] * 1.0
    assert rw.WEIGHTS["numbers_missing"] == rw.WEIGHTS["numbers"] * 0.5


def test_scores_do_not_depend_on_other_articles() -> None:
    a, b = art(WIRE), art(HOUSE + " Officials confirmed the plan on Friday.")
    alone = rw.rewrites([a, b], threshold=0.0)
    crowd = [art(f"Unrelated story number {i} about the weather and sport in town {i}.") for i in range(30)]
    with_crowd = [x for x in rw.rewrites([a, b, *crowd], threshold=0.0) if {x.a, x.b} == {a.id, b.id}]
    assert alone == with_crowd and alone


def test_a_word_in_too_many_articles_proposes_no_pair() -> None:
    """Candidates stay linear in the store: a word among the top words of more than MAX_POSTING articles
    proposes nothing; two rarer shared words still do."""
    import numpy as np

    from newsgraph.link import rewrites as rw

    def feats(top: tuple[int, ...]) -> rw.Features:
        ids = np.array(sorted(top), dtype=np.int64)
        empty = np.array([], dtype=np.int64)
        return rw.Features(ids, np.full(len(ids), 1 / np.sqrt(len(ids))), top, empty, empty)

    common = [feats((0, 1)) for _ in range(rw.MAX_POSTING + 1)]  # words 0 and 1 everywhere
    pair = [feats((0, 7, 8)), feats((1, 7, 8))]  # and 7, 8 only here
    found = rw.Index(common + pair).pairs(0.0)
    assert [(i, j) for i, j, _ in found] == [(len(common), len(common) + 1)]
