"""The web UI: server-rendered pages over the same named queries as the CLI and the API.

Templates autoescape everything; the only pre-built HTML is the highlighted body (web/highlight.py),
which escapes each piece of article text itself. No scripts, no external assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsgraph.api.deps import PageDep, StoreDep
from newsgraph.errors import InputError
from newsgraph.store.queries import HELP, Filters, article, article_links, count, select
from newsgraph.web.highlight import KINDS, highlight

HERE = Path(__file__).parent
HIDDEN = frozenset({"id", "article_id", "quote_id"})  # used for links, not shown
LINKED = ("headline", "article", "original")  # the column that links to the article page
router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)  # article text is untrusted
    env.globals["article_href"] = article_href
    return Jinja2Templates(env=env)


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)


def error_page(request: Request, status: int, message: str) -> Response:
    return templates().TemplateResponse(request, "error.html", {"status": status, "message": message},
                                        status_code=status)


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def article_href(article_id: str, quote_id: str | None = None) -> str:
    return f"/articles/{quote(article_id, safe='')}" + (f"#quote-{quote(quote_id, safe='')}" if quote_id else "")


def _cells(names: list[str], row: tuple[Any, ...]) -> list[Cell]:
    values = dict(zip(names, row, strict=True))
    target = values.get("article_id") or values.get("id")
    link = next((n for n in LINKED if n in values), None)
    href = article_href(str(target), values.get("quote_id")) if target else None
    return [Cell(_text(v), href if n == link else None) for n, v in values.items() if n not in HIDDEN]


def _pager(request: Request, offset: int, limit: int, total: int) -> dict[str, str | None]:
    def at(start: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
        return "?" + urlencode({**params, "offset": start})

    return {"previous": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if offset + limit < total else None}


def _list_page(request: Request, store: Any, name: str, title: str, filters: Filters, paging: Any,
               form: dict[str, str | None]) -> Response:
    names, rows = select(store, name, filters, paging.limit, paging.offset)
    total = count(store, name, filters)
    context = {"title": title, "name": name, "form": form, "help": HELP, "total": total, "offset": paging.offset,
               "columns": [n for n in names if n not in HIDDEN], "rows": [_cells(names, r) for r in rows],
               "pager": _pager(request, paging.offset, paging.limit, total)}
    return templates().TemplateResponse(request, "list.html", context)


def _day(value: str | None, name: str) -> date | None:
    """A date from a form field; empty means none."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(name, f"expected a date as YYYY-MM-DD, not {value!r}") from None


@router.get("/", response_class=HTMLResponse)
def articles_page(request: Request, store: StoreDep, paging: PageDep, q: str = "") -> Response:
    return _list_page(request, store, "articles", "Articles", Filters(search=q or None), paging, {"q": q})


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep, paging: PageDep, speaker: str = "") -> Response:
    return _list_page(request, store, "quotes", "Quotes", Filters(speaker=speaker or None), paging,
                      {"speaker": speaker})


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, paging: PageDep, type: str = "") -> Response:
    return _list_page(request, store, "entities", "Entities", Filters(type=type or None), paging, {"type": type})


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, paging: PageDep, entity: str = "") -> Response:
    return _list_page(request, store, "timeline", "Timeline", Filters(entity=entity or None), paging,
                      {"entity": entity})


@router.get("/due", response_class=HTMLResponse)
def due_page(request: Request, store: StoreDep, paging: PageDep, within: str = "60d", as_of: str = "") -> Response:
    filters = Filters(as_of=_day(as_of, "as_of") or date.today(), within=within or "60d")
    start, end = filters.due_window()
    return _list_page(request, store, "due", f"Commitments due {start} to {end}", filters, paging,
                      {"within": within, "as_of": as_of})


@router.get("/places", response_class=HTMLResponse)
def places_page(request: Request, store: StoreDep, paging: PageDep) -> Response:
    return _list_page(request, store, "places", "Places", Filters(), paging, {})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep, paging: PageDep) -> Response:
    return _list_page(request, store, "sources", "Sources", Filters(), paging, {})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, paging: PageDep) -> Response:
    return _list_page(request, store, "stories", "Stories", Filters(), paging, {})


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (an article's URL could be javascript:...)."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> Response:
    found = article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    context = {"title": found.metadata.headline or found.id, "a": found, "m": found.metadata,
               "body": highlight(found), "kinds": KINDS, "url": safe_url(found.metadata.url),
               "quotes": {q.id: q for q in found.quotes}, **article_links(store, article_id)}
    return templates().TemplateResponse(request, "article.html", context)
