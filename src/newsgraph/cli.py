"""The ``newsgraph`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

import typer

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.nlp import ModelNotInstalled
from newsgraph.options import MODEL_ENV, Options, default_model

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="News articles in, structured and verifiable facts out."
)
F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT = 2
EXIT_SETUP = 3
EXIT_INTERNAL = 1


class Format(StrEnum):
    text = "text"
    json = "json"
    geojson = "geojson"


def fail(message: str, code: int) -> None:
    typer.echo(f"newsgraph: {message}", err=True)
    raise typer.Exit(code)


def user_errors(func: F) -> F:
    """Turn every failure into one line on stderr and a non-zero exit, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except NewsgraphError as error:
            fail(f"{error.source}: {error.reason}", EXIT_INPUT)
        except ModelNotInstalled as error:
            fail(str(error), EXIT_SETUP)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as error:  # noqa: BLE001 - last line of defence for users
            fail(f"internal error: {type(error).__name__}: {error} (please report it)", EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def parse_date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be a date as YYYY-MM-DD, not {value!r}", EXIT_INPUT)
    return None


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


from newsgraph.commands import register as _register_commands  # noqa: E402 - needs user_errors above

_register_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
