"""The REST API (and, mounted beside it, the web UI) over a DuckDB store: ``create_app(db)``."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
