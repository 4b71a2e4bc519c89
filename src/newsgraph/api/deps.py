"""What the API and the web routes share per request: the store, opened read-only, and paging."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from newsgraph.queries import MAX_LIMIT, MAX_OFFSET, count, select
from newsgraph.queries.catalog import Query as NamedQuery
from newsgraph.store.duckdb import Store, open_for_reading

DEFAULT_LIMIT = 50


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for this request only, so an ingest can take the file between requests."""
    with open_for_reading(request.app.state.db, request.app.state.busy_wait) as store:
        yield store


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="most rows to return")] = DEFAULT_LIMIT,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0) -> Page:
    return Page(limit, offset)


StoreDep = Annotated[Store, Depends(open_store)]
PageDep = Annotated[Page, Depends(page)]


def listing(store: Store, declared: NamedQuery, values: dict[str, Any], paging: Page) -> dict[str, Any]:
    """One page of a named query: its rows as objects, with the total for paging."""
    names, rows = select(store, declared, values, paging.limit, paging.offset)
    return {"query": declared.name, "total": count(store, declared, values), "limit": paging.limit,
            "offset": paging.offset, "items": [dict(zip(names, row, strict=True)) for row in rows]}
