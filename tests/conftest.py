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


@pytest.fixture(scope="session")
def live_server():
    """``serve(db) -> base URL``: the project's own server (create_app under uvicorn) in a thread, on a free
    port of 127.0.0.1, stopped at the end of the session. Needs the ``serve`` extra."""
    import socket
    import threading
    import time

    uvicorn = pytest.importorskip("uvicorn", reason="the server needs the serve extra: pip install -e '.[serve]'")
    from newsgraph.server import create_app

    running: list[tuple[object, threading.Thread]] = []

    def serve(db: str) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))  # a free port, held from here on: no race with another process
        port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 60
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        running.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield serve
    for server, thread in running:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
