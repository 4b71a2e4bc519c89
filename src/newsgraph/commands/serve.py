"""``newsgraph serve``: the REST API and the web UI over a store, read-only.

The server's libraries (fastapi, uvicorn, jinja2) come with the ``serve`` extra; the library and the
other commands work without them.
"""

from __future__ import annotations

import importlib.util

import typer

from newsgraph.commands.common import DB_OPTION, EXIT_SETUP, fail, user_errors

SERVER_MODULES = ("fastapi", "starlette", "uvicorn", "jinja2")
INSTALL_HINT = "pip install 'newsgraph[serve]'"


def missing_server_modules() -> list[str]:
    """The server's libraries that cannot be imported here (none when the ``serve`` extra is installed)."""
    missing = []
    for name in SERVER_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a module blocked or half-installed
            found = False
        if not found:
            missing.append(name)
    return missing


def register(app: typer.Typer) -> None:
    @app.command()
    @user_errors
    def serve(db: str = DB_OPTION,
              host: str = typer.Option("127.0.0.1", help="address to listen on (0.0.0.0: every interface)"),
              port: int = typer.Option(8000, min=1, max=65535, help="port to listen on"),
              busy_wait: float = typer.Option(5.0, "--busy-wait", min=0.0, max=600.0,
                                              help="seconds a request waits for an ingest's write to end "
                                                   "before answering 503")) -> None:
        """Serve the store read-only: the web UI at /, the JSON API at /api, its docs at /docs."""
        missing = missing_server_modules()
        if missing:
            fail(f"serve needs the server extra ({', '.join(missing)} not installed): {INSTALL_HINT}", EXIT_SETUP)
        import uvicorn

        from newsgraph.server import create_app

        application = create_app(db, busy_wait)  # a missing or outdated store fails here, in one line
        typer.echo(f"newsgraph: serving {db} at http://{host}:{port}/ (API at /api, docs at /docs); Ctrl-C stops")
        uvicorn.run(application, host=host, port=port, log_level="warning")
