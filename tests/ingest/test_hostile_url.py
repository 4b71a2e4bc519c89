"""URL fetching under hostile servers (issue #21, item 7): a total deadline per fetch, and no
request to loopback/private/link-local/multicast/reserved addresses, on every redirect hop.

The network, the resolver and the clock are replaced (httpx.MockTransport, a dict, a counter):
no test here opens a socket or sleeps."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.url import ALLOW_PRIVATE_ENV, fetch_url, non_public_kind

PAGE = (b"<html><head><title>Talks</title></head>"
        b"<body><article><p>The talks resumed on Monday.</p></article></body></html>")
PUBLIC = "93.184.216.34"
DNS = {"news.example": [PUBLIC], "intranet.example": ["10.1.2.3"], "mixed.example": [PUBLIC, "127.0.0.1"],
       "v6.example": ["2606:2800:220:1:248:1893:25c8:1946"], "metadata.example": ["169.254.169.254"]}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _resolver(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise OSError("no such host")
    return DNS[host]


@pytest.fixture(autouse=True)
def _guard_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)


def _fetch(url: str, handler, **kwargs) -> object:  # type: ignore[no-untyped-def]
    return fetch_url(url, transport=httpx.MockTransport(handler), resolver=_resolver, clock=FakeClock(), **kwargs)


@pytest.mark.parametrize(("url", "kind"), [
    ("http://127.0.0.1/", "loopback"), ("http://[::1]:8080/", "loopback"), ("http://10.0.0.5/", "private"),
    ("http://192.168.1.1/", "private"), ("http://172.16.0.1/", "private"), ("http://169.254.169.254/", "link-local"),
    ("http://224.0.0.1/", "multicast"), ("http://0.0.0.0/", "unspecified"), ("http://240.0.0.1/", "reserved"),
    ("http://[::ffff:127.0.0.1]/", "loopback (inside an IPv6 address)"), ("http://[fe80::1]/", "link-local"),
    ("http://[fd00::1]/", "private"), ("http://100.64.0.1/", "non-public"),
    ("http://intranet.example/", "private"), ("http://metadata.example/latest", "link-local"),
    ("http://mixed.example/", "loopback"),
])
def test_non_public_addresses_are_refused_before_any_request(url: str, kind: str) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=PAGE)

    with pytest.raises(InputError, match="refused") as info:
        _fetch(url, handler)
    assert f"a {kind} address" in info.value.reason and ALLOW_PRIVATE_ENV in info.value.reason
    assert info.value.source == url and not requests


@pytest.mark.parametrize("location", ["http://127.0.0.1/admin", "http://intranet.example/x", "//10.9.9.9/",
                                      "http://[::1]/"])
def test_a_redirect_to_a_non_public_address_is_refused(location: str) -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.headers["host"])
        return httpx.Response(302, headers={"Location": location})

    with pytest.raises(InputError, match="refused"):
        _fetch("http://news.example/story", handler)
    assert hosts == ["news.example"]  # the first hop only


def test_a_redirect_to_another_scheme_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "file:///etc/passwd"})

    with pytest.raises(InputError, match="not http"):
        _fetch("http://news.example/story", handler)


def test_the_request_goes_to_the_address_that_was_checked() -> None:
    """A second DNS answer (rebinding) cannot redirect the connection: the checked address is used."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://v6.example/new?id=1"})
        return httpx.Response(200, content=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})

    doc = _fetch("http://news.example/old", handler)
    assert [r.url.host for r in seen] == [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"]
    assert [r.headers["host"] for r in seen] == ["news.example", "v6.example"]
    assert seen[1].extensions.get("sni_hostname") == "v6.example" and seen[1].url.query == b"id=1"
    assert doc.url == "https://v6.example/new?id=1" and doc.is_html  # type: ignore[attr-defined]


def test_the_switch_allows_private_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=PAGE)

    doc = _fetch("http://intranet.example/wiki", handler)
    assert "talks resumed" in doc.text  # type: ignore[attr-defined]


def test_a_slow_drip_stops_at_the_total_deadline() -> None:
    """Before: only each read had a timeout; a server sending a byte per second held a fetch 76 s."""
    clock = FakeClock()
    sent: list[int] = []

    def drip() -> Iterator[bytes]:
        for n in range(10_000):
            clock.now += 1.0  # each byte arrives a second after the last, within any per-read timeout
            sent.append(n)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=drip())

    with pytest.raises(InputError, match=r"took longer than 30 s in all"):
        fetch_url("http://news.example/drip", timeout=10, deadline=30, transport=httpx.MockTransport(handler),
                  resolver=_resolver, clock=clock)
    assert len(sent) <= 31


def test_the_deadline_counts_redirect_hops() -> None:
    clock = FakeClock()

    def handler(request: httpx.Request) -> httpx.Response:
        clock.now += 25.0  # each hop answers slowly
        hops = {"/a": "/b", "/b": "/c"}
        if request.url.path in hops:
            return httpx.Response(302, headers={"Location": hops[request.url.path]})
        return httpx.Response(200, content=PAGE)

    with pytest.raises(InputError, match="in all"):
        fetch_url("http://news.example/a", timeout=20, transport=httpx.MockTransport(handler),
                  resolver=_resolver, clock=clock)  # default deadline: 3 x 20 s, the third hop is past it
    assert _fetch("http://news.example/c", handler).text  # type: ignore[attr-defined]


def test_unresolvable_host_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="cannot resolve host nowhere.example"):
        _fetch("http://nowhere.example/", lambda request: httpx.Response(200, content=PAGE))


def test_public_addresses_pass() -> None:
    assert non_public_kind(PUBLIC) is None and non_public_kind("2606:4700:4700::1111") is None
    assert non_public_kind("8.8.8.8") is None
