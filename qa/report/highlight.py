"""Evidence highlighting: paragraph text as escaped HTML with ``<mark>`` spans.

Built in Python so the browser only displays it. Overlapping spans are split
into segments at every span boundary; each covered segment becomes one
``<mark>`` whose classes name every label covering it (``l-<label>``, plus
``multi`` when several labels overlap) and whose ``title`` lists the rules.
Carriage returns are written as ``&#13;`` so the page keeps them (an HTML
parser would turn a raw CR into LF), hence DOM offsets equal Python offsets.

>>> str(highlight("a<b , c", [Span(3, 5, "spacing", "space_before_comma")]))
'a&lt;b<mark class="l-spacing" title="space_before_comma (spacing)"> ,</mark> c'
>>> str(highlight("abcd", [Span(0, 3, "spliced", "r1"), Span(2, 4, "spacing", "r2")]))
'<mark class="l-spliced" title="r1 (spliced)">ab</mark><mark class="l-spliced l-spacing multi" \
title="r1 (spliced); r2 (spacing)">c</mark><mark class="l-spacing" title="r2 (spacing)">d</mark>'
"""

from __future__ import annotations

import re
from typing import Iterable

from markupsafe import Markup, escape

from features.spans import Span

__all__ = ["css_class", "escape_text", "highlight"]

_NOT_CLASS = re.compile(r"[^A-Za-z0-9_-]")


def css_class(label: str) -> str:
    """The CSS class of a label: ``l-`` plus the label with unsafe characters as ``_``.

    >>> css_class("leaked_code"), css_class('x" onclick="y')
    ('l-leaked_code', 'l-x__onclick__y')
    """
    return "l-" + _NOT_CLASS.sub("_", label)


def escape_text(text: str) -> str:
    """HTML-escape ``text`` for element content, keeping carriage returns.

    >>> escape_text("<a>\\r\\n")
    '&lt;a&gt;&#13;\\n'
    """
    return str(escape(text)).replace("\r", "&#13;")


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with each evidence range wrapped in ``<mark>`` (see module doc).

    Spans are clipped to the text; empty ones are ignored.
    """
    n = len(text)
    spans = [s for s in spans if min(s.end, n) > max(s.start, 0)]
    if not spans:
        return Markup(escape_text(text))
    spans = [Span(max(0, s.start), min(n, s.end), s.label, s.rule) for s in spans]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        starts.setdefault(s.start, []).append(i)
        ends.setdefault(s.end, []).append(i)
    cuts = sorted({0, n, *starts, *ends})
    active: dict[int, None] = {}  # insertion-ordered set of covering span indexes
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            active[i] = None
        piece = escape_text(text[a:b])
        if not active:
            out.append(piece)
            continue
        covering = sorted(spans[i] for i in active)
        labels = list(dict.fromkeys(s.label for s in covering))
        rules = list(dict.fromkeys(f"{s.rule} ({s.label})" for s in covering))
        classes = " ".join(css_class(label) for label in labels)
        if len(labels) > 1:
            classes += " multi"
        out.append(f'<mark class="{escape(classes)}" title="{escape("; ".join(rules))}">{piece}</mark>')
    return Markup("".join(out))
