"""The command line: reports, JSON, schema, and one-line errors with non-zero exits."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from tests.conftest import SAMPLE, require

runner = CliRunner()


def test_extract_json_is_the_full_record():
    result = runner.invoke(app, ["extract", str(require(SAMPLE)), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["metadata"]["dateline"] == "BAGHDAD"
    assert any(e["name"] == "Farhad Alaaldin" for e in record["entities"])


def test_extract_text_report_has_sections():
    result = runner.invoke(app, ["extract", str(require(SAMPLE))])
    assert result.exit_code == 0
    for heading in ("Article", "Entities", "Headline", "Mohammed Shia al-Sudani — Iraqi Prime Minister"):
        assert heading in result.stdout


def test_the_report_sets_statements_apart_and_dates_in_words():
    result = runner.invoke(app, ["extract", str(require(SAMPLE)), "--published", "2024-09-06"])
    assert result.exit_code == 0, result.output
    statements, others = result.stdout.split("Statements (", 1)[1].split("Other attributions (", 1)
    others = others.split("\n\n", 1)[0]
    assert "We have an agreement" in statements and "the presence" not in statements
    assert "acknowledging" in others and "the presence" in others
    timeline = result.stdout.split("Timeline (", 1)[1].split("\n\n", 1)[0]
    assert "late 2026: the remaining personnel" in timeline and "(END)" not in timeline


def test_extract_from_stdin():
    text = require(SAMPLE).read_text("utf-8")
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"


def test_published_option_sets_reference_date():
    result = runner.invoke(app, ["extract", str(require(SAMPLE)), "-f", "json", "--published", "2024-09-06"])
    meta = json.loads(result.stdout)["metadata"]
    assert meta["published"] == "2024-09-06" and meta["published_source"] == "option"


def test_bad_published_date_is_one_line():
    result = runner.invoke(app, ["extract", str(require(SAMPLE)), "--published", "yesterday"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "YYYY-MM-DD" in result.stderr


def test_schema_is_json_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Article"
    assert {"Entity", "Quote", "Timex", "Place", "Commitment"} <= set(schema["$defs"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty input"), (b"\x7fELF\x02\x01" + bytes(range(256)) * 8, "binary"),
     (b"Menu\nHome\nSearch\n", "no article text found")],
)
def test_bad_inputs_exit_non_zero_with_one_line(tmp_path, content, reason):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"newsgraph: {path}: {result.stderr.split(': ', 2)[2].strip()}"
    assert reason in result.stderr


def test_non_english_is_reported_not_processed(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "Die Regierung hat am Dienstag angekündigt, dass die Gespräche in der nächsten Woche in Genf "
        "fortgesetzt werden. Der Minister sagte, man sei zuversichtlich, eine Einigung zu erzielen.\n", "utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2 and "not English" in result.stderr and "'de'" in result.stderr


def test_console_script_never_prints_a_traceback(tmp_path):
    missing = tmp_path / "missing.html"
    proc = subprocess.run([sys.executable, "-m", "newsgraph.cli", "extract", str(missing)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"newsgraph: {missing}: no such file"
    assert "Traceback" not in proc.stderr
