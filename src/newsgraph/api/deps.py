"""What the API and the web routes share per request: the store, opened read-only, and paging."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from newsgraph.store.duckdb import Store
from newsgraph.store.queries import Filters, count, select

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for this request only, so an ingest can take the file between requests."""
    with Store(request.app.state.db, read_only=True) as store:
        yield store


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="most rows to return")] = DEFAULT_LIMIT,
         offset: Annotated[int, Query(ge=0, description="rows to skip")] = 0) -> Page:
    return Page(limit, offset)


StoreDep = Annotated[Store, Depends(open_store)]
PageDep = Annotated[Page, Depends(page)]


def listing(store: Store, name: str, filters: Filters, paging: Page) -> dict[str, Any]:
    """One page of a named query: its rows as objects, with the total for paging."""
    names, rows = select(store, name, filters, paging.limit, paging.offset)
    return {"query": name, "total": count(store, name, filters), "limit": paging.limit, "offset": paging.offset,
            "items": [dict(zip(names, row, strict=True)) for row in rows]}
