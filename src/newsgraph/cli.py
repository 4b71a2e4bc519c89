"""The ``newsgraph`` command line."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from newsgraph._version import __version__
from newsgraph.commands import register as register_commands
from newsgraph.commands.common import parse_date_option, user_errors
from newsgraph.options import MODEL_ENV, Options, default_model

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="News articles in, structured and verifiable facts out."
)
class Format(StrEnum):
    text = "text"
    json = "json"
    geojson = "geojson"


@app.command()
@user_errors
def extract(
    source: str = typer.Argument(..., help="path to an HTML or text file, an http(s) URL, or - for standard input"),
    published: str | None = typer.Option(None, help="publication date YYYY-MM-DD; the reference for relative dates"),
    url: str | None = typer.Option(None, help="the article's URL, when reading a file"),
    as_of: str | None = typer.Option(None, "--as-of", help="date commitments are checked against (default today)"),
    format: Format = typer.Option(Format.text, "--format", "-f",
                                  help="text: a report to read; json: the full record; geojson: the places"),
    model: str = typer.Option(default_model(), help=f"spaCy pipeline to use (env {MODEL_ENV})"),
    allow_non_english: bool = typer.Option(False, help="process a non-English article with the English models anyway"),
) -> None:
    """Extract everything from one article."""
    from newsgraph.pipeline import Pipeline
    from newsgraph.report import render_text

    options = Options(published=parse_date_option(published, "--published"), url=url,
                      as_of=parse_date_option(as_of, "--as-of"), model=model, allow_non_english=allow_non_english)
    article = Pipeline(options).run(source)
    if format is Format.json:
        sys.stdout.write(article.model_dump_json(indent=2) + "\n")
    elif format is Format.geojson:
        from newsgraph.geojson import feature_collection

        sys.stdout.write(json.dumps(feature_collection(article), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(article))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Article record."""
    from newsgraph.records import article_schema

    sys.stdout.write(json.dumps(article_schema(), indent=2) + "\n")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.command("pipeline")
def pipeline_order() -> None:
    """Print the extractors in running order, with what each needs (like spaCy's analyze_pipes)."""
    from newsgraph.extract import all_extractors, describe_order

    for row in describe_order(all_extractors()):
        needs = ", ".join(row["needs"]) or "-"
        sys.stdout.write(f"{row['fills']:<12} needs {needs:<28} {row['module']}  {row['describe']}\n")


register_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
