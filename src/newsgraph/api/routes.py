"""The JSON endpoints: read-only; one per named query (generated from its declaration), paged, plus
the info and article endpoints."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from newsgraph._version import __version__
from newsgraph.api.deps import PageDep, StoreDep, listing
from newsgraph.queries import QUERIES, article, article_links, parse_values, story
from newsgraph.queries.catalog import Query as NamedQuery
from newsgraph.queries.params import MAX_TEXT
from newsgraph.records import SCHEMA_VERSION
from newsgraph.store.duckdb import STORE_VERSION

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/info")
def info(store: StoreDep) -> dict[str, Any]:
    """Rows per table and the versions of the store and of the record schema."""
    return {"newsgraph": __version__, "store_version": store.version(), "supported_store_version": STORE_VERSION,
            "record_schema_version": SCHEMA_VERSION, "counts": store.counts()}


@router.get("/articles/{article_id}")
def article_detail(article_id: str, store: StoreDep) -> dict[str, Any]:
    """The full stored record (metadata, body, every extracted record with its offsets), where it was
    read from (``copies``) and the other articles of its story (``story``)."""
    found = article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return {**found.model_dump(mode="json"), **article_links(store, article_id)}


@router.get("/stories/{story_id}")
def story_detail(story_id: str, store: StoreDep) -> dict[str, Any]:
    """One story: its versions (role, outlet, date, URL), the original and why (ties shown as ties), the
    outlets the versions credit, the event thread, and the aligned facts with the disagreements first
    (each value with its characters in its version)."""
    found = story(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return found


@router.get("/ledger/{entry_id}")
def ledger_entry(entry_id: str, store: StoreDep,
                 as_of: Annotated[str | None, Query(description="status as of YYYY-MM-DD (default today)",
                                                    max_length=MAX_TEXT)] = None) -> dict[str, Any]:
    """One ledger entry: statements, changes and outcomes (each with its article and offsets), its
    status as of a date and the evidence trail in time order."""
    from newsgraph.ledger.store import entry
    from newsgraph.ledger.trail import entry_json
    from newsgraph.queries.params import day

    found = entry(store, entry_id)
    if found is None:
        raise HTTPException(404, f"no ledger entry with id {entry_id!r}")
    return entry_json(found, day(as_of, "as_of") if as_of else None)


def query_parameters(declared: NamedQuery) -> list[inspect.Parameter]:
    """The query's filters as FastAPI query parameters: text over the wire, parsed by the declaration."""
    return [inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                              annotation=Annotated[str | None, Query(alias=p.key, description=p.help,
                                                                      max_length=MAX_TEXT)])
            for p in declared.params]


def _endpoint(declared: NamedQuery) -> Any:
    def endpoint(request: Request, store: StoreDep, paging: PageDep, **raw: str | None) -> dict[str, Any]:
        values = parse_values(declared, raw)
        derived = declared.derive(values)
        window = {"from": derived["start"], "to": derived["end"]} if "start" in derived else {}
        return {**listing(store, declared, values, paging), **window}

    fixed = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
             inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=StoreDep),
             inspect.Parameter("paging", inspect.Parameter.KEYWORD_ONLY, annotation=PageDep)]
    endpoint.__signature__ = inspect.Signature(fixed + query_parameters(declared))  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{declared.name}"
    endpoint.__doc__ = declared.help
    return endpoint


for _declared in QUERIES:
    router.add_api_route(f"/{_declared.name}", _endpoint(_declared), methods=["GET"], summary=_declared.title,
                         description=_declared.help)
