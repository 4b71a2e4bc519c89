"""A time budget for one document: past it, the document is given up and recorded as an error.

The limit is a real-time timer (``SIGALRM``) that raises ``OverBudget`` in the Python code running
when it fires, so it cannot cut into a compiled loop; newsgraph's own passes return to Python
often, and the NLP pass grows about linearly with the text, so a document stops soon after its
time is up. Timers work only in a process's main thread (where ingest workers and the CLI run);
elsewhere the budget is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):  # noqa: N818 - BaseException, so no ``except Exception`` in an extractor swallows it
    """The document used up its time budget."""


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in this block after ``seconds`` of real time (no limit for None or 0)."""
    if not seconds or seconds <= 0 or not _enforceable():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_budget_reason(seconds: float) -> str:
    return f"gave up after the time budget of {seconds:g} s for one document (--time-budget)"
