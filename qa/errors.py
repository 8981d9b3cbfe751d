"""Typed errors raised inside the library; the CLI turns them into messages.

>>> err = InputError("corpus.jsonl", 12, "invalid JSON")
>>> str(err)
'corpus.jsonl:12: invalid JSON'
"""

from __future__ import annotations

__all__ = ["QAError", "InputError", "ModelError", "ConfigError", "MissingExtraError"]


class QAError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(QAError):
    """A record or file could not be read. Names the file and line (1-based, or None)."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ModelError(QAError):
    """A model file is missing, tampered with, or does not match this code."""


class ConfigError(QAError):
    """An option or combination of options is invalid."""


class MissingExtraError(QAError):
    """An optional dependency is not installed; the message names the extra."""

    def __init__(self, module: str, extra: str):
        self.module = module
        self.extra = extra
        super().__init__(f"{module} is not installed; install it with: pip install 'qa[{extra}]'")
