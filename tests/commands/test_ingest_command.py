"""``newsgraph ingest`` from the command line: summary, errors kept in the store, re-run stores nothing new."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store.duckdb import Store
from tests.engine.texts import write_articles

runner = CliRunner()


def test_ingest_twice_and_bad_documents(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", str(tmp_path / "n.duckdb")
    write_articles(folder, 3)
    (folder / "bad.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    first = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 3 new articles" in first.output and "bad.html" in first.output and "binary" in first.output
    second = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert second.exit_code == 0 and "stored 0 new articles" in second.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3
        assert [Path(s).name for s, in store.query("SELECT source FROM errors")[1]] == ["bad.html"]


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "n.duckdb")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_a_wrong_engine_option_is_one_line_not_an_internal_error(tmp_path: Path) -> None:
    db = str(tmp_path / "n.duckdb")
    for args in (["link", "--engine", "nope", "--db", db], ["ingest", str(tmp_path), "--engine", "spark"],
                 ["ingest", str(tmp_path), "--engine", "nope", "--db", db]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "internal error" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
        assert "--engine" in result.output
