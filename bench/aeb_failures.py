"""Robustness on real pages: the full newsgraph Pipeline on every aeb page.

Reads each page as a user's file would be read, then clean → spaCy → every extractor.
A failure is any exception other than a clean ``InputError`` (which names the input and the
reason, and is what users should see for a page that is not an article). The pages run with
``allow_non_english=True`` so that non-English pages also go through spaCy and every
extractor (more code paths exercised); they are listed separately by detected language.
Exits non-zero when any page fails.

    python bench/aeb_failures.py [--limit N]
"""

from __future__ import annotations

import argparse
import traceback
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.options import Options
from newsgraph.pipeline import Pipeline

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "aeb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    pipeline = Pipeline(Options(allow_non_english=True))
    paths = sorted((args.data / "html").glob("*.html.gz"))[: args.limit]
    failures: list[tuple[str, str]] = []
    refused: list[tuple[str, str]] = []
    non_english: list[tuple[str, str]] = []
    for path in paths:
        try:
            article = pipeline.run(str(path))
        except InputError as error:
            refused.append((path.name, error.reason))
            continue
        except Exception:  # noqa: BLE001 - every other exception is what this script counts
            failures.append((path.name, traceback.format_exc(limit=3)))
            continue
        if article.metadata.language not in (None, "en"):
            non_english.append((path.name, str(article.metadata.language)))
    print(f"aeb pages: {len(paths)}; processed: {len(paths) - len(failures) - len(refused)}; "
          f"failures: {len(failures)}; clean InputErrors: {len(refused)}; non-English (processed): {len(non_english)}")
    for name, reason in refused:
        print(f"  input error  {name}: {reason}")
    for name, language in non_english:
        print(f"  non-English  {name}: {language}")
    for name, trace in failures:
        print(f"  FAILURE      {name}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
