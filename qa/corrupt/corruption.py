"""The record a mechanism returns, and the helpers every mechanism uses to build it.

>>> c = build("word , word", ["spacing"], "detokenized", [Span(4, 6, "spacing", "detokenized")])
>>> c.labels, c.mechanism, c.text[c.spans[0].start:c.spans[0].end]
(('spacing',), 'detokenized', ' ,')
>>> around(10, 3, "spliced", "link_text_dropped")
Span(start=2, end=4, label='spliced', rule='link_text_dropped')
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from features.spans import Span
from qa.labels import LABELS

__all__ = ["Corruption", "Mechanism", "build", "around", "tail", "head", "glue"]

_SENTENCE_FINAL = frozenset(".!?…؟।")
_OPENERS = frozenset("\"“«„('")


@dataclass(frozen=True)
class Corruption:
    """A defective variant of a clean text.

    ``labels`` are in ``LABELS`` order; ``mechanism`` names the function that made it;
    ``spans`` say where the damage is, as offsets into ``text``.
    """

    text: str
    labels: tuple[str, ...]
    mechanism: str
    spans: tuple[Span, ...]


Mechanism = Callable[[str, random.Random, str, Sequence[str]], "Corruption | None"]
"""Every mechanism takes ``(text, rng, lang, context)`` and returns a Corruption or None."""


def build(text: str, labels: Iterable[str], mechanism: str, spans: Iterable[Span]) -> Corruption:
    """Make a Corruption with labels in canonical order and spans clipped to ``text``.

    A span that would be empty is widened to one character so that the damage stays visible.
    """
    wanted = set(labels)
    ordered = tuple(label for label in LABELS if label in wanted)
    n = len(text)
    kept: set[Span] = set()
    for s in spans:
        start, end = max(0, min(s.start, n)), max(0, min(s.end, n))
        if end <= start:
            start, end = max(0, min(start, n - 1)), min(n, max(start, 0) + 1)
        if end > start:
            kept.add(Span(start, end, s.label, s.rule))
    return Corruption(text, ordered, mechanism, tuple(sorted(kept)))


def around(length: int, pos: int, label: str, rule: str, width: int = 1) -> Span:
    """A span of ``width`` characters on each side of a join point ``pos`` in a text of ``length``."""
    return Span(max(0, pos - width), min(length, pos + width), label, rule)


def tail(text: str, label: str, rule: str, width: int = 12) -> Span:
    """A span covering the last ``width`` characters of ``text`` (where an end cut shows)."""
    return Span(max(0, len(text) - width), len(text), label, rule)


def head(text: str, label: str, rule: str, width: int = 12) -> Span:
    """A span covering the first ``width`` characters of ``text`` (where a start cut shows)."""
    return Span(0, min(len(text), width), label, rule)


def glue(left: str, right: str, rule: str, labels: Sequence[str] = ("spliced",)) -> Corruption:
    """``left`` and ``right`` joined with no break; a join after a sentence end is also spacing.

    >>> glue("fix it.", "So, if", "block_glue").labels
    ('spliced', 'spacing')
    """
    left, right = left.rstrip(), right.lstrip()
    new = left + right
    labels = list(labels)
    spans = [around(len(new), len(left), "spliced", rule, 2)]
    if left and right and left[-1] in _SENTENCE_FINAL and (right[0].isalnum() or right[0] in _OPENERS):
        labels.append("spacing")
        spans.append(around(len(new), len(left), "spacing", rule, 2))
    return build(new, labels, rule, spans)
