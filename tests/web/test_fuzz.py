"""Hostile parameters on every list endpoint and page: a 422 naming the parameter (or a 200), never a 500."""

from __future__ import annotations

import pytest

from newsgraph.queries import QUERIES
from tests.web.conftest import Corpus

OVERFLOW = str(2**63)  # 9223372036854775808: one past DuckDB's BIGINT
VALUES = [OVERFLOW, "-" + OVERFLOW, "99999999999d", "1000000y", "9999-12-31", "0001-01-01", "10000-01-01", "",
          "%", "_", "%_%", "' OR 1=1 --", "'; DROP TABLE articles; --", "\x00", "a\x00b", "é\u202e\u0301🙂",
          "\ud7ff", "x" * 5000, "<script>alert(1)</script>", "../../etc/passwd", "NaN", "1e309", "true"]


def _urls(prefix: str) -> list[str]:
    urls = []
    for query in QUERIES:
        path = prefix + (f"/{query.name}" if prefix else query.page)
        keys = [p.key for p in query.params] + ["limit", "offset"]
        urls += [(path, key) for key in keys]
    return urls


# The pages read the same declared parameters as the API; their half of the matrix runs in the full suite
# only, which keeps the fast tier (-m "not slow") short.
@pytest.mark.parametrize(("path", "key"), _urls("/api") + [pytest.param(*u, marks=pytest.mark.slow) for u in _urls("")])
def test_no_hostile_value_gives_a_server_error(corpus: Corpus, path: str, key: str) -> None:
    for value in VALUES:
        response = corpus.client.get(path, params={key: value})
        assert response.status_code in (200, 422), (path, key, value, response.status_code, response.text[:300])
        if response.status_code == 422 and path.startswith("/api"):
            assert response.json()["error"].startswith(f"{key}: "), (path, key, value)


def test_the_overflowing_offset_and_windows_of_the_report(corpus: Corpus) -> None:
    for url in ("/api/articles?offset=9223372036854775808", "/api/due?within=99999999999d", "/api/due?within=1000000y"):
        assert corpus.client.get(url).status_code == 422, url
    end_of_time = corpus.client.get("/api/due?as_of=9999-12-31")
    assert end_of_time.status_code == 200 and end_of_time.json()["to"] == "9999-12-31"  # the window is clamped
    assert corpus.client.get("/?offset=9223372036854775808").status_code == 422


def test_search_text_is_literal(corpus: Corpus) -> None:
    assert corpus.client.get("/api/articles", params={"q": "%"}).json()["total"] == 0  # not a wildcard
    assert corpus.client.get("/api/quotes", params={"speaker": "_"}).json()["total"] == 0
