"""The web UI: server-rendered pages over the same named queries as the CLI and the API.

Templates autoescape everything; the only pre-built HTML is the highlighted body (web/highlight.py),
which escapes each piece of article text itself. No scripts, no external assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsgraph.api.deps import PageDep, StoreDep
from newsgraph.queries import MAX_LIMIT, QUERIES, article, article_links, count, parse_values, select, story
from newsgraph.queries.catalog import Query as NamedQuery
from newsgraph.web.highlight import KINDS, fact_targets_css, highlight

HERE = Path(__file__).parent
HIDDEN = frozenset({"id", "article_id", "quote_id"})  # used for links, not shown
LINKED = ("headline", "article", "original")  # the column that links to the article page
router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)  # article text is untrusted
    env.globals["article_href"] = article_href
    env.globals["mark_href"] = mark_href
    env.globals["safe_url"] = safe_url
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


def mark_href(article_id: str, start: int, end: int) -> str:
    """The article page with the characters start..end marked and scrolled to (from a ledger or story page)."""
    return article_href(article_id) + f"?mark={int(start)}-{int(end)}#ledger-mark"


def _cells(names: list[str], row: tuple[Any, ...]) -> list[Cell]:
    values = dict(zip(names, row, strict=True))
    if "status" in values and "statements" in values and values.get("id"):  # a ledger row: link to its entry
        entry_href = f"/ledger/{quote(str(values['id']), safe='')}"
        return [Cell(_text(v), entry_href if n == "what" else None) for n, v in values.items() if n not in HIDDEN]
    target = values.get("article_id") or values.get("id")
    link = next((n for n in LINKED if n in values), None)
    href = article_href(str(target), values.get("quote_id")) if target else None
    story_href = f"/stories/{quote(str(values['story_id']), safe='')}" if values.get("story_id") else None
    return [Cell(_text(v), story_href if n == "story_id" else href if n == link else None)
            for n, v in values.items() if n not in HIDDEN]


def _pager(request: Request, offset: int, limit: int, total: int) -> dict[str, str | None]:
    def at(start: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
        return "?" + urlencode({**params, "offset": start})

    return {"previous": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if offset + limit < total else None}


def _list_page(request: Request, store: Any, declared: NamedQuery, paging: Any) -> Response:
    raw = {p.key: request.query_params.get(p.key) for p in declared.params}
    values = parse_values(declared, raw)
    names, rows = select(store, declared, values, paging.limit, paging.offset)
    total = count(store, declared, values)
    fields = [{"name": p.key, "label": p.name.replace("_", " "), "value": raw[p.key] or "", "help": p.help,
               "switch": p.switch, "on": bool(values.get(p.name))} for p in declared.params]
    context = {"title": declared.heading(values), "name": declared.name, "fields": fields, "total": total,
               "offset": paging.offset, "columns": [n for n in names if n not in HIDDEN],
               "rows": [_cells(names, r) for r in rows], "pager": _pager(request, paging.offset, paging.limit, total)}
    return templates().TemplateResponse(request, "list.html", context)


def _page(declared: NamedQuery) -> Any:
    def page(request: Request, store: StoreDep, paging: PageDep) -> Response:
        return _list_page(request, store, declared, paging)

    page.__name__ = f"{declared.name}_page"
    return page


for _declared in QUERIES:
    router.add_api_route(_declared.page, _page(_declared), methods=["GET"], response_class=HTMLResponse)


@router.get("/ledger/{entry_id}", response_class=HTMLResponse)
def ledger_page(request: Request, entry_id: str, store: StoreDep) -> Response:
    """One entry's timeline: statements, changes and outcomes, each linked to its characters."""
    from newsgraph.ledger.store import entry
    from newsgraph.ledger.trail import entry_json

    found = entry(store, entry_id)
    if found is None:
        raise HTTPException(404, f"no ledger entry with id {entry_id!r}")
    data = entry_json(found)
    for event in data["trail"]:
        event["href"] = mark_href(event["article_id"], event["start"], event["end"])
    return templates().TemplateResponse(request, "ledger.html", {"title": f"Ledger {found.id}", "e": data})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    """The API's endpoints and their parameters, from the same declarations (no scripts, works offline)."""
    return templates().TemplateResponse(request, "docs.html", {"title": "API", "queries": QUERIES,
                                                                "max_limit": MAX_LIMIT})


def _mark(raw: str | None) -> tuple[int, int] | None:
    """``?mark=START-END`` (from a ledger or story page): the characters to mark in the body."""
    if not raw or len(raw) > 40:
        return None
    start, _, end = raw.partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (an article's URL could be javascript:...)."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> Response:
    found = article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    context = {"title": found.metadata.headline or found.id, "a": found, "m": found.metadata,
               "body": highlight(found, _mark(request.query_params.get("mark"))), "kinds": KINDS,
               "url": safe_url(found.metadata.url),
               "quotes": {q.id: q for q in found.quotes}, **article_links(store, article_id)}
    return templates().TemplateResponse(request, "article.html", context)


@router.get("/articles/{article_id}/facts.css")
def article_facts_css(article_id: str, store: StoreDep) -> Response:
    """The article page's own styles: the fact a link leads to is outlined whole (no inline style may run)."""
    found = article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return PlainTextResponse(fact_targets_css(found), media_type="text/css")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep) -> Response:
    """A story: versions, the original and why, disagreements highlighted, each value linked to its
    characters in its version's page."""
    found = story(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    outlets = {v["article_id"]: v["outlet"] for v in found["versions"]}
    outlets.update({t["article_id"]: t["outlet"] for t in found["event_thread"]})
    return templates().TemplateResponse(request, "story.html", {"title": f"Story {story_id}", "s": found,
                                                                "outlets": outlets})
