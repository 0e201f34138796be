"""Errors raised while reading input: each names the file and, where known, the line."""
from __future__ import annotations


class IngestError(Exception):
    """Bad input. `str()` is the one-line message shown to the user."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
