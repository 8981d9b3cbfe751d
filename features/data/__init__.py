"""Constant word and phrase tables shipped with the extractors, loaded lazily.

Tables are JSON files in this folder. :func:`table` reads one once (cached) and
returns it frozen: mappings become read-only, lists become tuples, so no caller
can change what another caller sees. Keys starting with ``_`` (documentation)
are dropped.

>>> words = table("function_words")
>>> "the" in words["en"]["dangling"]
True
>>> words["en"]["dangling"][:2]
('the', 'a')
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

__all__ = ["table", "TABLES"]

#: Names of the tables in this folder (file name without ``.json``).
TABLES = ("boilerplate_phrases", "function_words")


def _freeze(obj: Any) -> Any:
    if isinstance(obj, dict):
        return MappingProxyType({k: _freeze(v) for k, v in obj.items() if not k.startswith("_")})
    if isinstance(obj, list):
        return tuple(_freeze(v) for v in obj)
    return obj


@functools.cache
def table(name: str) -> Mapping[str, Any]:
    """The named table, read once and frozen. Raises ``KeyError`` for an unknown name."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    raw = resources.files("features.data").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return _freeze(json.loads(raw))
