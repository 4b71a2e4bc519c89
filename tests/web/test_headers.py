"""Every response the server sends, pages, API, static files and errors alike, carries the security headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from newsgraph.server import create_app
from newsgraph.store.duckdb import Store
from tests.web.conftest import Corpus

REQUIRED = {
    "content-security-policy": None,  # checked below, directive by directive
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def assert_secured(response: object, where: str) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in REQUIRED.items():
        assert name in headers, f"{where}: no {name}"
        if value is not None:
            assert headers[name] == value, where
    policy = {d.split()[0]: d.split()[1:] for d in headers["content-security-policy"].split(";") if d.strip()}
    assert policy["default-src"] == ["'none'"], where  # no script, frame, font or connection from anywhere
    assert "script-src" not in policy or policy["script-src"] == ["'none'"], where
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"], where
    assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'"], where


def routes(items: list[Any]) -> Iterator[Any]:
    """Every route, also inside included routers (FastAPI keeps those as one entry wrapping the router)."""
    for route in items:
        inner = getattr(route, "original_router", None)
        yield from routes(inner.routes) if inner is not None else [route]


def every_route(corpus: Corpus) -> list[str]:
    """One URL per GET route the app declares, path parameters filled with a stored article's, story's
    and ledger entry's id."""
    article_id = corpus.articles["bridge"].id
    with Store(corpus.db, read_only=True) as store:
        story_id = store.query("SELECT min(story_id) FROM stories")[1][0][0]
        entry_id = store.query("SELECT min(id) FROM ledger_entries")[1][0][0]
    assert story_id and entry_id, "the corpus should hold a story and a ledger entry"
    urls = []
    for route in routes(corpus.client.app.routes):  # type: ignore[attr-defined]
        if isinstance(route, Mount):
            urls += [f"{route.path}/{path.name}" for path in Path(route.app.directory).iterdir()]  # type: ignore
        elif "GET" in (getattr(route, "methods", None) or ()):
            urls.append(route.path.replace("{article_id}", article_id).replace("{story_id}", story_id)
                        .replace("{entry_id}", entry_id))
    return urls


def test_every_route_is_covered(corpus: Corpus) -> None:
    urls = every_route(corpus)
    assert {"/", "/quotes", "/docs", "/openapi.json", "/api/info", "/api/quotes", "/static/style.css"} <= set(urls)
    assert f"/articles/{corpus.articles['bridge'].id}" in urls and all("{" not in u for u in urls)


def test_every_page_and_api_route_sends_the_headers(corpus: Corpus) -> None:
    for url in every_route(corpus):
        response = corpus.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert_secured(response, url)


@pytest.mark.parametrize(("method", "url", "status"), [
    ("GET", "/no/such/page", 404), ("GET", "/api/no/such/endpoint", 404), ("GET", "/articles/none", 404),
    ("GET", "/api/articles/none", 404), ("GET", "/static/none.css", 404), ("GET", "/?limit=0", 422),
    ("GET", "/api/quotes?offset=-1", 422), ("GET", "/due?as_of=tomorrow", 422), ("POST", "/api/info", 405),
    ("DELETE", "/", 405),
])
def test_error_responses_send_the_headers(corpus: Corpus, method: str, url: str, status: int) -> None:
    response = corpus.client.request(method, url)
    assert response.status_code == status, response.text
    assert_secured(response, f"{method} {url}")


def test_store_unavailable_and_internal_errors_send_the_headers(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    Store(path).close()
    app = create_app(str(path))

    @app.get("/api/broken")
    @app.get("/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/api/broken")
    assert response.status_code == 500 and response.json()["error"] == "internal error (please report it)"
    assert_secured(response, "500 /api/broken")
    response = client.get("/broken")
    assert response.status_code == 500 and "internal error (please report it)" in response.text
    assert_secured(response, "500 /broken")
    path.unlink()
    for url in ("/api/info", "/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert_secured(response, f"503 {url}")
