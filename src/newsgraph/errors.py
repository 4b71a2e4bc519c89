"""Errors shown to users: one line naming the input and the reason."""

from __future__ import annotations


class NewsgraphError(Exception):
    """A problem with one input; the batch goes on with the next one."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputError(NewsgraphError):
    """The input cannot be read or is not an article (binary, empty, too big, ...)."""
