"""Fetching articles over HTTP, against a local server the test starts."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import fetch_url
from newsgraph.ingest.url import ALLOW_PRIVATE_ENV, USER_AGENT

PAGE = (
    b"<html><head><title>Talks resume</title></head>"
    b"<body><article><p>The talks resumed on Monday.</p></article></body></html>"
)
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, PAGE, "text/html")
        elif self.path == "/huge":
            self._send(200, b"<p>" + b"x" * 50_000 + b"</p>", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def _local_server_allowed(monkeypatch):
    """The test server listens on 127.0.0.1, which fetching refuses unless the user allows it."""
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")


def test_local_server_is_refused_without_the_switch(server, monkeypatch):
    """Before: any loopback or private address was fetched (an SSRF in a server that ingests URLs)."""
    monkeypatch.delenv(ALLOW_PRIVATE_ENV)
    count = len(SEEN_AGENTS)
    with pytest.raises(InputError, match="refused: 127.0.0.1 is a loopback address") as info:
        fetch_url(f"{server}/article")
    assert ALLOW_PRIVATE_ENV in info.value.reason and len(SEEN_AGENTS) == count


def test_fetches_html_with_our_user_agent(server):
    doc = fetch_url(f"{server}/article")
    assert doc.is_html and "talks resumed" in doc.text
    assert SEEN_AGENTS[-1] == USER_AGENT


def test_follows_redirects(server):
    doc = fetch_url(f"{server}/moved")
    assert doc.url == f"{server}/article"


def test_404_is_a_clear_error(server):
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(f"{server}/missing")


def test_timeout_is_a_clear_error(server):
    with pytest.raises(InputError, match="timed out"):
        fetch_url(f"{server}/slow", timeout=0.5)


def test_redirect_loop(server):
    with pytest.raises(InputError, match="redirects"):
        fetch_url(f"{server}/loop")


def test_size_cap(server):
    with pytest.raises(InputError, match="too large"):
        fetch_url(f"{server}/huge", max_bytes=10_000)
