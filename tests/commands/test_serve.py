"""``newsgraph serve``: checks the store before starting, then hands the app to uvicorn (not started here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store.duckdb import Store

runner = CliRunner()


def test_serve_hands_the_app_to_uvicorn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "news.duckdb")
    Store(db).close()  # an empty store
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append({"app": application, **kw}))
    result = runner.invoke(app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123", "--busy-wait", "12.5"])
    assert result.exit_code == 0, result.output
    assert "http://0.0.0.0:8123/" in result.output
    [call] = calls
    assert (call["host"], call["port"]) == ("0.0.0.0", 8123) and call["app"].state.busy_wait == 12.5
    client = TestClient(call["app"])
    assert client.get("/api/articles").json()["total"] == 0 and client.get("/").status_code == 200


def test_serve_without_a_store_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such store" in result.output
    assert len(result.output.strip().splitlines()) == 1
