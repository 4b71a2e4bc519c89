"""The server: the JSON API under /api and the web UI at /, with errors as JSON (API) or a page (UI).

Every response carries security headers: no script may run (``script-src 'none'``), nothing
loads from elsewhere, the pages may not be framed, and no referrer leaves the host.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from newsgraph._version import __version__
from newsgraph.errors import InputError
from newsgraph.store.duckdb import StoreBusy, StoreError, open_for_reading

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def secured(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        return secured(await call_next(request))


def _message(error: RequestValidationError) -> str:
    """One line per bad parameter, e.g. "limit: Input should be less than or equal to 500"."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else str(item.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _respond(request: Request, status: int, message: str) -> Response:
    """The error as JSON (API) or a page, with the security headers: a 500 is answered from outside the
    middleware (Starlette's last-resort handler), so the headers are set here too."""
    if request.url.path.startswith("/api"):
        return secured(JSONResponse({"error": message, "status": status}, status_code=status))
    from newsgraph.web.routes import error_page

    return secured(error_page(request, status, message))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _respond(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        return _respond(request, 422, _message(error))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, error: InputError) -> Response:
        return _respond(request, 422, f"{error.source}: {error.reason}")

    @app.exception_handler(StoreError)
    async def store_unavailable(request: Request, error: StoreError) -> Response:
        # the store's file name only: never a server path, an interpreter or a process id
        response = _respond(request, 503, f"{Path(error.source).name}: {error.reason}")
        if isinstance(error, StoreBusy):
            response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        return _respond(request, 500, "internal error (please report it)")


def create_app(db: str, busy_wait: float = 5.0) -> FastAPI:
    """The app over the store ``db``; fails at once (StoreError) if it cannot be opened. While an ingest
    commits a batch, a request waits up to ``busy_wait`` seconds for the store, then answers 503."""
    from newsgraph.api.routes import router as api_router
    from newsgraph.web.routes import mount as mount_web

    open_for_reading(db, busy_wait).close()  # a missing or outdated store is reported before serving
    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only access to a newsgraph store: articles, their records, and queries "
                              "across them. Every record carries start/end offsets into its article's body.")
    app.state.db, app.state.busy_wait = db, busy_wait
    app.add_middleware(SecurityHeaders)
    _add_error_handlers(app)
    app.include_router(api_router)
    mount_web(app)
    return app
