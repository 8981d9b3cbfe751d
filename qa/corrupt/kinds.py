"""The corruption kinds, the mechanisms of each, and ``corrupt_text`` which picks one.

>>> import random
>>> c = corrupt_text("Yes, it works (mostly).", "spacing", random.Random(1), "en")
>>> c.labels, c.text != "Yes, it works (mostly)."
(('spacing',), True)
>>> corrupt_text("plain ascii", "mojibake", random.Random(1)) is None
True
"""

from __future__ import annotations

import random
from types import MappingProxyType
from typing import Mapping, Sequence

from qa.corrupt import codec, furniture, leak, spacing, splice, truncation
from qa.corrupt.corruption import Corruption, Mechanism
from qa.errors import ConfigError

__all__ = ["KINDS", "FAMILIES", "corrupt_text", "mechanism_order", "check_kinds"]

KINDS: tuple[str, ...] = ("spacing", "spliced", "truncated", "mojibake", "leaked_code", "boilerplate")

FAMILIES: Mapping[str, tuple[Mechanism, ...]] = MappingProxyType({
    "spacing": spacing.MECHANISMS,
    "spliced": splice.MECHANISMS,
    "truncated": truncation.MECHANISMS,
    "mojibake": codec.MECHANISMS,
    "leaked_code": leak.MECHANISMS,
    "boilerplate": furniture.MECHANISMS,
})
"""Kind -> its mechanisms; a mechanism listed twice is tried first twice as often."""


def check_kinds(kinds: Sequence[str] | None) -> tuple[str, ...]:
    """Validate a list of kinds (None or empty = all); raise ConfigError naming the bad one."""
    chosen = tuple(kinds) if kinds else KINDS
    for kind in chosen:
        if kind not in FAMILIES:
            raise ConfigError(f"unknown corruption kind {kind!r}; choose from {', '.join(KINDS)}")
    return chosen


def mechanism_order(kind: str, rng: random.Random) -> list[Mechanism]:
    """The mechanisms of ``kind`` in a random order weighted by how often each is listed."""
    pool = list(check_kinds([kind]) and FAMILIES[kind])
    order: list[Mechanism] = []
    while pool:
        pick = rng.choice(pool)
        order.append(pick)
        pool = [m for m in pool if m is not pick]
    return order


def corrupt_text(
    text: str, kind: str, rng: random.Random, lang: str = "und", context: Sequence[str] = ()
) -> Corruption | None:
    """A defective variant of ``text`` made by one mechanism of ``kind``, or None when none applies.

    ``context`` holds neighbouring clean paragraphs of the same document (for glued blocks and
    teasers). The result always differs from ``text``; the same ``rng`` state gives the same result.
    """
    for mechanism in mechanism_order(kind, rng):
        result = mechanism(text, rng, lang or "und", tuple(context))
        if result is not None and result.text != text:
            return result
    return None
