"""``newsgraph serve``: the REST API and the web UI over a store, read-only."""

from __future__ import annotations

import typer

from newsgraph.commands.common import DB_OPTION, user_errors


def register(app: typer.Typer) -> None:
    @app.command()
    @user_errors
    def serve(db: str = DB_OPTION,
              host: str = typer.Option("127.0.0.1", help="address to listen on (0.0.0.0: every interface)"),
              port: int = typer.Option(8000, min=1, max=65535, help="port to listen on")) -> None:
        """Serve the store read-only: the web UI at /, the JSON API at /api, its docs at /docs."""
        import uvicorn

        from newsgraph.server import create_app

        application = create_app(db)  # a missing or outdated store fails here, in one line
        typer.echo(f"newsgraph: serving {db} at http://{host}:{port}/ (API at /api, docs at /docs); Ctrl-C stops")
        uvicorn.run(application, host=host, port=port, log_level="warning")
