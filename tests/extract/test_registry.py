"""The extractor registry: the running order is checked once, against what each extractor declares."""

from __future__ import annotations

import pytest

from newsgraph.extract import Extractor, all_extractors, check_order, describe_order


def _noop(doc, ctx):  # type: ignore[no-untyped-def]
    return []


def test_the_shipped_order_satisfies_every_need() -> None:
    extractors = all_extractors()
    check_order(extractors)
    order = [e.fills for e in extractors]
    assert order.index("entities") < order.index("quotes") < order.index("sourcing") < order.index("commitments")
    assert {row["fills"] for row in describe_order(extractors)} == set(order)


def test_a_need_filled_later_is_an_error_at_start_up() -> None:
    with pytest.raises(RuntimeError, match="'quotes' needs \\['entities'\\]"):
        check_order([Extractor("quotes", _noop, needs=("entities",)), Extractor("entities", _noop)])


def test_unknown_or_twice_filled_results_are_errors() -> None:
    with pytest.raises(RuntimeError, match="not a result field"):
        check_order([Extractor("gossip", _noop)])
    with pytest.raises(RuntimeError, match="filled by two"):
        check_order([Extractor("entities", _noop), Extractor("entities", _noop)])
