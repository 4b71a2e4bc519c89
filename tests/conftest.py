"""Shared fixtures: the sample article, the shared data folder, one Pipeline per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "iraq-withdrawal.txt"
SAMPLE_EXPECTED = SHARED / "samples" / "iraq-withdrawal.expected.json"
DATA = SHARED / "data"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared data sits beside the project in CI)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def stock():
    """spaCy's pipeline exactly as ``spacy.load`` gives it: what newsgraph's faster pass must equal."""
    import spacy

    from newsgraph.options import default_model

    return spacy.load(default_model())


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(require(SAMPLE_EXPECTED).read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_article(pipeline):
    return pipeline.run(str(require(SAMPLE)))


@pytest.fixture(scope="session")
def sample_article_2024(pipeline):
    from dataclasses import replace
    from datetime import date

    return pipeline.run(str(require(SAMPLE)), replace(pipeline.options, published=date(2024, 9, 6)))
