"""Leaked code: script, style, JSON-LD and template text kept by the scraper, and escaped markup.

Mechanisms:

- ``script_blob_glued``: a generated blob (see :mod:`qa.corrupt.blobs`) glued before or after the
  paragraph (no break, a space or a newline). Content and code from two places in one
  paragraph: ``leaked_code`` + ``spliced``; a blob at the end cut at a byte cap adds ``truncated``.
- ``script_blob_alone``: the blob emitted as a paragraph of its own (``leaked_code``, plus
  ``truncated`` when capped).
- ``escaped_markup``: markup kept as text, escaped (``&lt;a href=&quot;...&quot;&gt;``) or raw
  (``<strong>``), around a phrase or the whole paragraph.

>>> import random
>>> c = escaped_markup("Read the full report today.", random.Random(0), "en", ())
>>> c.labels, "lt;" in c.text or "<" in c.text
(('leaked_code',), True)
"""

from __future__ import annotations

import random
from typing import Sequence

from features.spans import Span
from qa.corrupt.blobs import blob
from qa.corrupt.corruption import Corruption, Mechanism, around, build, tail
from qa.corrupt.textunits import word_spans
from qa.corrupt.truncation import CAPS, cut_bytes

__all__ = ["MECHANISMS", "script_blob_glued", "script_blob_alone", "escaped_markup", "capped"]

LABEL = "leaked_code"


def capped(code: str, rng: random.Random, probability: float = 0.35) -> tuple[str, bool]:
    """Cut ``code`` at a byte cap smaller than it with ``probability``; return it and whether it was cut.

    >>> code, cut = capped("x" * 300, random.Random(0), 1.0)
    >>> len(code) in CAPS, cut
    (True, True)
    """
    size = len(code.encode("utf-8"))
    caps = [c for c in CAPS if c < size - 8]
    if not caps or rng.random() >= probability:
        return code, False
    return cut_bytes(code, rng.choice(caps)), True


def script_blob_glued(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Glue a generated code blob before or after the paragraph."""
    if not text.strip():
        return None
    code = blob(rng, text)
    after = rng.random() < 0.6
    sep = rng.choice(("", " ", "\n"))
    labels = [LABEL, "spliced"]
    spans: list[Span] = []
    if after:
        code, cut = capped(code, rng)
        body = text.rstrip()
        new = body + sep + code
        start = len(body) + len(sep)
        spans.append(Span(start, len(new), LABEL, "script_blob"))
        spans.append(around(len(new), len(body), "spliced", "script_blob_glued"))
        if cut:
            labels.append("truncated")
            spans.append(tail(new, "truncated", "byte_cap"))
    else:
        code, _ = capped(code, rng)  # a cut blob before the text ends mid-code: the join shows it
        body = text.lstrip()
        new = code + sep + body
        spans.append(Span(0, len(code), LABEL, "script_blob"))
        spans.append(around(len(new), len(code), "spliced", "script_blob_glued"))
    return build(new, labels, "script_blob_glued", spans)


def script_blob_alone(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """A code blob as its own paragraph (the clean text only seeds it, e.g. as a JSON-LD headline)."""
    code, cut = capped(blob(rng, text), rng)
    if not code.strip() or code == text:
        return None
    labels = [LABEL] + (["truncated"] if cut else [])
    spans = [Span(0, len(code), LABEL, "script_blob")]
    if cut:
        spans.append(tail(code, "truncated", "byte_cap"))
    return build(code, labels, "script_blob_alone", spans)


_TAGS = (
    ('<a href="{url}">', "</a>"),
    ('<a href="{url}" target="_blank" rel="noopener">', "</a>"),
    ("<strong>", "</strong>"),
    ("<em>", "</em>"),
    ('<span class="{cls}">', "</span>"),
    ('<p class="{cls}">', "</p>"),
    ('<div class="{cls}">', "</div>"),
)
_CLASSES = ("lead", "highlight", "article-body", "text-muted", "caption", "dropcap", "intro")


def _escape(markup: str, style: int) -> str:
    """Markup as a scraper kept it: raw (0), HTML-escaped (1) or double-escaped (2)."""
    if style == 0:
        return markup
    out = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return out.replace("&", "&amp;") if style == 2 else out


def escaped_markup(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Wrap a phrase (or the whole paragraph) in markup kept as text."""
    if not text.strip():
        return None
    opening, closing = rng.choice(_TAGS)
    opening = opening.format(url=f"https://www.example.org/{rng.randrange(10**5)}", cls=rng.choice(_CLASSES))
    style = rng.choice((0, 1, 1, 2))
    left, right = _escape(opening, style), _escape(closing, style)
    words = word_spans(text)
    if opening.startswith(("<p", "<div")) or len(words) < 3:
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    else:
        i = rng.randrange(len(words))
        j = min(len(words) - 1, i + rng.randint(0, 3))
        start, end = words[i][0], words[j][1]
    new = text[:start] + left + text[start:end] + right + text[end:]
    spans = [
        Span(start, start + len(left), LABEL, "escaped_markup"),
        Span(end + len(left), end + len(left) + len(right), LABEL, "escaped_markup"),
    ]
    return build(new, [LABEL], "escaped_markup", spans)


MECHANISMS: tuple[Mechanism, ...] = (script_blob_glued, script_blob_glued, script_blob_alone, escaped_markup)
