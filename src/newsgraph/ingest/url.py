"""Fetching an article over http(s): a per-read timeout and a total deadline, a size cap, redirects
followed one hop at a time, a real user agent, and no requests to the machine's own network.

Every hop (the first URL and each redirect) is resolved here and refused when any address it
resolves to is loopback, private, link-local, multicast, reserved or otherwise not public; the
request then goes to the address that was checked (the name stays in the Host header and TLS
SNI), so a second DNS answer cannot point it elsewhere. ``NEWSGRAPH_ALLOW_PRIVATE_FETCH=1`` lifts
the guard for people fetching from their own intranet.

The network, the resolver and the clock are parameters (``transport``, ``resolver``, ``clock``),
so tests need neither a network nor sleeps.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Callable
from urllib.parse import urljoin

import httpx

from newsgraph._version import __version__
from newsgraph.errors import InputError
from newsgraph.ingest.raw import RawDocument, charset_of, decode, looks_like_html

USER_AGENT = f"newsgraph/{__version__} (+https://pypi.org/project/newsgraph/)"
MAX_REDIRECTS = 5
DEADLINE_PER_TIMEOUT = 3.0
"""The total deadline of one fetch, when not given: this many per-read timeouts (60 s for 20 s)."""
ALLOW_PRIVATE_ENV = "NEWSGRAPH_ALLOW_PRIVATE_FETCH"
_REDIRECTS = {301, 302, 303, 307, 308}
_HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}

Resolver = Callable[[str, int], list[str]]
"""(host, port) -> the IP addresses a connection to it may use."""
Clock = Callable[[], float]


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def private_fetch_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes"}


def resolve(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for host (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def non_public_kind(address: str) -> str | None:
    """What kind of non-public address this is (e.g. "loopback"); None for a public one."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            kind = non_public_kind(str(embedded))
            if kind:
                return f"{kind} (inside an IPv6 address)"
    for kind, test in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return kind
    return None if ip.is_global else "non-public"


class _Fetch:
    """One fetch: its deadline, its resolver and transport, and the hops so far."""

    def __init__(self, url: str, timeout: float, deadline: float, max_bytes: int, client: httpx.Client,
                 resolver: Resolver, clock: Clock, allow_private: bool) -> None:
        self.url, self.timeout, self.deadline, self.max_bytes = url, timeout, deadline, max_bytes
        self.client, self.resolver, self.clock, self.allow_private = client, resolver, clock, allow_private
        self.started = clock()

    def remaining(self) -> float:
        left = self.deadline - (self.clock() - self.started)
        if left <= 0:
            raise InputError(self.url, f"took longer than {self.deadline:g} s in all (the limit for one fetch)")
        return left

    def checked_address(self, target: httpx.URL) -> str | None:
        """The address to connect to (None: let the transport resolve, the guard being off)."""
        if self.allow_private:
            return None
        host = target.host
        try:
            addresses = [host] if _is_ip(host) else self.resolver(host, target.port or _default_port(target))
        except (OSError, UnicodeError):
            raise InputError(self.url, f"cannot resolve host {host}") from None
        if not addresses:
            raise InputError(self.url, f"cannot resolve host {host}")
        for address in addresses:
            kind = non_public_kind(address)
            if kind:
                shown = host if host == address else f"{host} ({address})"
                raise InputError(self.url, f"refused: {shown} is a {kind} address (set {ALLOW_PRIVATE_ENV}=1 to "
                                           "fetch from your own network)")
        self.remaining()  # resolving counts against the deadline
        return addresses[0]

    def request(self, target: httpx.URL) -> httpx.Request:
        address = self.checked_address(target)
        timeout = httpx.Timeout(min(self.timeout, self.remaining()))
        if address is None:
            return self.client.build_request("GET", target, headers=_HEADERS, timeout=timeout)
        pinned = target.copy_with(host=address)
        headers = {**_HEADERS, "Host": _host_header(target)}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        return self.client.build_request("GET", pinned, headers=headers, timeout=timeout, extensions=extensions)

    def body(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(self.url, f"too large ({int(declared):,} bytes; the limit is {self.max_bytes:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(self.url, f"too large (over {self.max_bytes:,} bytes)")
            chunks.append(chunk)
            self.remaining()
        return b"".join(chunks)

    def run(self) -> tuple[bytes, str, httpx.URL]:
        """Body, Content-Type and final URL, following redirects one hop at a time."""
        target = httpx.URL(self.url)
        if target.scheme not in ("http", "https") or not target.host:
            raise InputError(self.url, "not an http(s) URL")
        for _ in range(MAX_REDIRECTS + 1):
            response = self.client.send(self.request(target), stream=True)
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise InputError(self.url, f"HTTP {response.status_code} redirect without a Location")
                    target = _redirect_target(self.url, target, location)
                    continue
                if response.status_code >= 400:
                    raise InputError(self.url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                return self.body(response), response.headers.get("content-type", "").lower(), target
            finally:
                response.close()
        raise InputError(self.url, f"more than {MAX_REDIRECTS} redirects")


def _redirect_target(source: str, current: httpx.URL, location: str) -> httpx.URL:
    try:
        target = httpx.URL(urljoin(str(current), location.strip()))
    except (ValueError, httpx.InvalidURL):
        raise InputError(source, "redirected to an invalid URL") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise InputError(source, "redirected to a URL that is not http(s)")
    return target


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _host_header(url: httpx.URL) -> str:
    host = f"[{url.host}]" if ":" in url.host else url.host
    return host if url.port is None else f"{host}:{url.port}"


def fetch_url(url: str, timeout: float = 20.0, max_bytes: int = 20_000_000, *, deadline: float | None = None,
              transport: httpx.BaseTransport | None = None, resolver: Resolver | None = None,
              clock: Clock | None = None, allow_private: bool | None = None) -> RawDocument:
    """GET one article page; any failure becomes an InputError naming the URL.

    ``timeout``: seconds one read (or connect) may wait; ``deadline``: seconds the whole fetch may
    take, redirects included (default ``DEADLINE_PER_TIMEOUT`` × timeout). ``allow_private``
    defaults to the ``NEWSGRAPH_ALLOW_PRIVATE_FETCH`` environment variable.
    """
    total = deadline if deadline is not None else timeout * DEADLINE_PER_TIMEOUT
    allowed = private_fetch_allowed() if allow_private is None else allow_private
    clock = clock or time.monotonic
    try:
        with httpx.Client(transport=transport, follow_redirects=False, timeout=timeout) as client:
            fetch = _Fetch(url, timeout, total, max_bytes, client, resolver or resolve, clock, allowed)
            data, content_type, final = fetch.run()
    except httpx.TimeoutException:
        fetch.remaining()  # past the deadline: say so, not "timed out"
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise InputError(url, f"cannot fetch: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None
    decoded = decode(data, url, max_bytes, declared=charset_of(content_type))
    html = "html" in content_type or looks_like_html(decoded.text)
    return RawDocument(uri=url, text=decoded.text, content_type="text/html" if html else "text/plain",
                       encoding=decoded.encoding, url=str(final), warnings=decoded.warnings)
