"""Split documents into paragraphs with character offsets.

Modes:

- ``blank``: blocks separated by one or more blank lines;
- ``line``: one paragraph per non-empty line;
- ``none``: the whole record is one paragraph;
- ``auto``: ``blank`` when the document has a blank line, else ``line``
  (scraped pages often put single newlines between paragraphs).

Leading and trailing whitespace is trimmed from each paragraph; offsets point at
the trimmed text, so ``doc.text[p.start:p.end] == p.text`` always holds.

>>> from qa.records import Document
>>> doc = Document("d", "Title\\n\\n  First para.\\nstill first.\\n\\nSecond.")
>>> [(p.index, p.text, p.start, p.end) for p in segment(doc, "auto")]
[(0, 'Title', 0, 5), (1, 'First para.\\nstill first.', 9, 33), (2, 'Second.', 35, 42)]
>>> [p.text for p in segment(Document("d", "a\\nb\\n"), "auto")]
['a', 'b']
"""

from __future__ import annotations

from typing import Iterator

import regex

from qa.errors import ConfigError
from qa.records import Document, Paragraph

__all__ = ["MODES", "segment", "paragraph_spans"]

MODES = ("auto", "blank", "line", "none")

# A blank line: a newline, optional horizontal space, a newline (CRLF aware).
_BLANK_LINE = regex.compile(r"\r?\n[^\S\r\n]*\r?\n")
# Separators for each mode; "none" never splits.
_SPLITTERS = {
    "blank": regex.compile(r"(?:\r?\n[^\S\r\n]*){2,}"),
    "line": regex.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+"),
}
_NON_SPACE = regex.compile(r"\S")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of ``text[start:end]`` without surrounding whitespace, or None if blank."""
    m = _NON_SPACE.search(text, start, end)
    if m is None:
        return None
    first = m.start()
    last = end
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


def paragraph_spans(text: str, mode: str = "auto") -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph of ``text`` under ``mode``.

    >>> paragraph_spans("a\\n\\nb", "blank")
    [(0, 1), (3, 4)]
    >>> paragraph_spans("   ", "none")
    []
    """
    if mode not in MODES:
        raise ConfigError(f"unknown segment mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode == "auto":
        mode = "blank" if _BLANK_LINE.search(text) else "line"
    if mode == "none":
        bounds = [(0, len(text))]
    else:
        bounds = []
        pos = 0
        for m in _SPLITTERS[mode].finditer(text):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(text)))
    out = []
    for start, end in bounds:
        trimmed = _trimmed(text, start, end)
        if trimmed is not None:
            out.append(trimmed)
    return out


def segment(doc: Document, mode: str = "auto") -> Iterator[Paragraph]:
    """Yield the paragraphs of ``doc``; ``Paragraph.count`` is the document's total."""
    spans = paragraph_spans(doc.text, mode)
    n = len(spans)
    for index, (start, end) in enumerate(spans):
        yield Paragraph(doc.id, index, doc.text[start:end], start, end, n)
