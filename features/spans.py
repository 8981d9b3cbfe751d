"""Evidence spans: where in a paragraph a signal fired.

A span is a half-open character range ``[start, end)`` into the paragraph text,
with the defect label it supports and the name of the rule that produced it.

>>> s = Span(3, 5, "spacing", "space_before_comma")
>>> s.start, s.end, s.label, s.rule
(3, 5, 'spacing', 'space_before_comma')
>>> list(s)
[3, 5, 'spacing', 'space_before_comma']
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Span", "Signals", "clip_spans"]


class Span(NamedTuple):
    """One piece of evidence: ``text[start:end]`` triggered ``rule`` for ``label``."""

    start: int
    end: int
    label: str
    rule: str


class Signals(NamedTuple):
    """What one extractor measured on one text.

    ``values`` line up with the extractor module's ``NAMES``; ``spans`` are the
    evidence, computed from the same patterns as the numbers.
    """

    values: tuple[float, ...]
    spans: tuple[Span, ...]


def clip_spans(spans, length: int, limit: int = 200) -> tuple[Span, ...]:
    """Keep spans inside ``[0, length]``, non-empty, sorted, at most ``limit``.

    >>> clip_spans([Span(5, 9, "x", "r"), Span(-1, 2, "x", "r"), Span(4, 4, "x", "r")], 7)
    (Span(start=0, end=2, label='x', rule='r'), Span(start=5, end=7, label='x', rule='r'))
    """
    out = []
    for s in spans:
        start, end = max(0, s.start), min(length, s.end)
        if end > start:
            out.append(Span(start, end, s.label, s.rule))
    out.sort()
    return tuple(out[:limit])
