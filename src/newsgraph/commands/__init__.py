"""CLI commands beyond ``extract``: ingest, the store, queries, exports and the server."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app (called once from cli.py)."""
    from newsgraph.commands import export, ingest, ledger, query, serve

    ingest.register(app)
    query.register(app)
    ledger.register(app)
    export.register(app)
    serve.register(app)
