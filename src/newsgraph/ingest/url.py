"""Fetching an article over http(s): timeout, size cap, redirects, a real user agent."""

from __future__ import annotations

import httpx

from newsgraph._version import __version__
from newsgraph.errors import InputError
from newsgraph.ingest.raw import RawDocument, decode_bytes, looks_like_html

USER_AGENT = f"newsgraph/{__version__} (+https://pypi.org/project/newsgraph/)"
MAX_REDIRECTS = 5


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _read_capped(response: httpx.Response, source: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(source, f"too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(source, f"too large (over {max_bytes:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, timeout: float = 20.0, max_bytes: int = 20_000_000) -> RawDocument:
    """GET one article page; any failure becomes an InputError naming the URL."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    try:
        client = httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers)
        with client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            data = _read_capped(response, url, max_bytes)
            content_type = response.headers.get("content-type", "").lower()
            final_url = str(response.url)
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch: {type(exc).__name__}: {exc}") from None
    text, encoding = decode_bytes(data, url, max_bytes)
    html = "html" in content_type or looks_like_html(text)
    return RawDocument(uri=url, text=text, content_type="text/html" if html else "text/plain",
                       encoding=encoding, url=final_url)
