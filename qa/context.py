"""Corpus context: how often the same line recurs across a corpus.

Footers, menus and share prompts repeat across pages; article sentences rarely
do. ``RepeatCounter`` counts normalised paragraph keys with bounded memory: past
``max_keys`` distinct keys, only keys already present keep counting.

>>> rc = RepeatCounter()
>>> rc.observe(["Share this article", "share  THIS article", "A sentence."])
>>> rc.count("Share this article"), rc.count("A sentence."), rc.count("unseen")
(2, 1, 0)
"""

from __future__ import annotations

import hashlib
from typing import Iterable

import regex

__all__ = ["RepeatCounter", "repeat_key"]

_DIGITS = regex.compile(r"\d+")
_SPACE = regex.compile(r"\s+")


def repeat_key(text: str) -> int:
    """A 64-bit key equal for texts that differ only in case, digits or spacing.

    >>> repeat_key("Comments (12)") == repeat_key("comments (7)")
    True
    """
    norm = _SPACE.sub(" ", _DIGITS.sub("0", text[:500].casefold())).strip()
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class RepeatCounter:
    """Counts how many times each normalised paragraph was seen."""

    def __init__(self, max_keys: int = 5_000_000):
        self.max_keys = max_keys
        self._counts: dict[int, int] = {}

    def observe(self, texts: Iterable[str]) -> None:
        """Add each text once to the counts."""
        counts = self._counts
        full = len(counts) >= self.max_keys
        for text in texts:
            key = repeat_key(text)
            if key in counts:
                counts[key] += 1
            elif not full:
                counts[key] = 1
                full = len(counts) >= self.max_keys

    def count(self, text: str) -> int:
        """How many times ``text`` (normalised) was observed."""
        return self._counts.get(repeat_key(text), 0)

    def __len__(self) -> int:
        return len(self._counts)
