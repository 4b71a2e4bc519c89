"""The JSON endpoints: read-only, one named query each (the same SQL as the CLI), paged."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph import __version__
from newsgraph.api.deps import PageDep, StoreDep, listing
from newsgraph.records import SCHEMA_VERSION
from newsgraph.store.duckdb import STORE_VERSION
from newsgraph.store.queries import HELP, Filters, article, article_links

router = APIRouter(prefix="/api", tags=["api"])

Search = Annotated[str | None, Query(alias="q", description=HELP["search"])]
EntityType = Annotated[str | None, Query(alias="type", description=HELP["type"])]
Speaker = Annotated[str | None, Query(description=HELP["speaker"])]
EntityName = Annotated[str | None, Query(description=HELP["entity"])]
Within = Annotated[str, Query(description=HELP["within"])]
AsOf = Annotated[date | None, Query(description=HELP["as_of"])]


@router.get("/info")
def info(store: StoreDep) -> dict[str, Any]:
    """Rows per table and the versions of the store and of the record schema."""
    return {"newsgraph": __version__, "store_version": store.version(), "supported_store_version": STORE_VERSION,
            "record_schema_version": SCHEMA_VERSION, "counts": store.counts()}


@router.get("/articles")
def articles(store: StoreDep, paging: PageDep, q: Search = None) -> dict[str, Any]:
    """Stored articles, newest first; ``q`` searches the headlines."""
    return listing(store, "articles", Filters(search=q), paging)


@router.get("/articles/{article_id}")
def article_detail(article_id: str, store: StoreDep) -> dict[str, Any]:
    """The full stored record (metadata, body, every extracted record with its offsets), where it was
    read from (``copies``) and the other articles of its story (``story``)."""
    found = article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return {**found.model_dump(mode="json"), **article_links(store, article_id)}


@router.get("/entities")
def entities(store: StoreDep, paging: PageDep, entity_type: EntityType = None) -> dict[str, Any]:
    """Entities across articles, by the number of articles naming them."""
    return listing(store, "entities", Filters(type=entity_type), paging)


@router.get("/quotes")
def quotes(store: StoreDep, paging: PageDep, speaker: Speaker = None) -> dict[str, Any]:
    """Attributed quotes, optionally by one speaker."""
    return listing(store, "quotes", Filters(speaker=speaker), paging)


@router.get("/sources")
def sources(store: StoreDep, paging: PageDep) -> dict[str, Any]:
    """Groups of sources behind the stories, anonymous first."""
    return listing(store, "sources", Filters(), paging)


@router.get("/timeline")
def timeline(store: StoreDep, paging: PageDep, entity: EntityName = None) -> dict[str, Any]:
    """Dated events across articles, in time order."""
    return listing(store, "timeline", Filters(entity=entity), paging)


@router.get("/places")
def places(store: StoreDep, paging: PageDep) -> dict[str, Any]:
    """Places across articles, resolved where possible."""
    return listing(store, "places", Filters(), paging)


@router.get("/due")
def due(store: StoreDep, paging: PageDep, within: Within = "60d", as_of: AsOf = None) -> dict[str, Any]:
    """Commitments falling due between ``as_of`` (default today) and ``within`` later."""
    filters = Filters(as_of=as_of or date.today(), within=within)
    start, end = filters.due_window()
    return {**listing(store, "due", filters, paging), "from": start, "to": end}


@router.get("/stories")
def stories(store: StoreDep, paging: PageDep) -> dict[str, Any]:
    """Groups of linked articles (copies, rewrites), with the likely original."""
    return listing(store, "stories", Filters(), paging)
