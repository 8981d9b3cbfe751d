"""HTML to plain text, for WARC responses: keep the text, drop the markup.

Block elements (paragraphs, headings, list items, table rows, divs, ...) become
paragraphs separated by a blank line; ``<br>`` becomes a line break; runs of
(ASCII) whitespace inside a block collapse to one space (``<pre>`` keeps its own).
The content of ``<script>``, ``<style>`` and ``<template>`` is dropped, and so
is every tag, comment and declaration. Entities are decoded. Nothing else is
judged: menus, footers and cookie banners stay, since finding them is the
detector's job.

A small scanner rather than :mod:`html.parser`, whose handling of unclosed
tags is quadratic: here every step moves forward (a tag ends at the first
``>``, an unclosed ``<`` is text, an unclosed comment or script runs to the
end), so time is linear whatever the input.

>>> html_to_text("<html><head><title>T</title><style>p{}</style></head>"
...              "<body><p>Hello <b>big</b>\\n world.</p><ul><li>a</li><li>b&amp;c</li></ul>"
...              "<script>if (a<b) x = '</p>';</script></body></html>")
'T\\n\\nHello big world.\\n\\na\\n\\nb&c'
"""

from __future__ import annotations

import html as _html
import re

__all__ = ["BLOCK_TAGS", "DROPPED_TAGS", "html_to_text"]

#: Elements whose start and end break the text into paragraphs.
BLOCK_TAGS: frozenset[str] = frozenset(
    """address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li
    main menu nav ol option p pre section summary table tbody td tfoot th thead title tr ul""".split()
)

#: Elements whose content is not text at all.
DROPPED_TAGS: frozenset[str] = frozenset({"script", "style", "template"})

# Where markup may start: "<" then a letter (start tag), "/" (end tag),
# "!" (comment, doctype, CDATA) or "?" (processing instruction).
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
# The tag name at the start of a tag body (after "<" or "</"); bounded, anchored.
_TAG_NAME = re.compile(r"/?\s*([A-Za-z][A-Za-z0-9:-]{0,63})")
# The end tag closing each dropped element.
_DROPPED_END = {tag: re.compile(rf"</{tag}\b", re.IGNORECASE) for tag in DROPPED_TAGS}
# HTML whitespace is ASCII whitespace: a no-break space (&nbsp;) is kept, it is
# evidence for the spacing checks.
_ASCII_SPACE = " \t\n\r\f"
_SPACE = re.compile(r"[ \t\n\r\f]+")


class _Blocks:
    """Text pieces gathered into blocks."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.parts: list[str] = []
        self.pre = 0

    def text(self, raw: str) -> None:
        if not raw:
            return
        if not self.pre:
            # Newlines in the source are layout, not breaks: only <br> breaks a line.
            raw = raw.replace("\r", " ").replace("\n", " ")
        self.parts.append(_html.unescape(raw))

    def flush(self) -> None:
        if not self.parts:
            return
        text = "".join(self.parts)
        self.parts = []
        if self.pre:
            text = text.strip("\r\n")
        else:
            lines = (_SPACE.sub(" ", line).strip(_ASCII_SPACE) for line in text.split("\n"))
            text = "\n".join(line for line in lines if line)
        if text.strip():
            self.blocks.append(text)

    def tag(self, name: str, closing: bool) -> None:
        if name == "br":
            self.parts.append("\n")
        elif name in BLOCK_TAGS:
            self.flush()
            if name == "pre":
                self.pre = max(0, self.pre - 1) if closing else self.pre + 1


def html_to_text(html: str) -> str:
    """The visible text of ``html``, one block per paragraph (see the module doc)."""
    out = _Blocks()
    pos, n = 0, len(html)
    while pos < n:
        m = _MARKUP_START.search(html, pos)
        if m is None:
            out.text(html[pos:])
            break
        start = m.start()
        out.text(html[pos:start])
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            pos = n if end < 0 else end + 3
            continue
        end = html.find(">", start + 1)
        if end < 0:  # no ">" anywhere after: the rest is text
            out.text(html[start:])
            break
        pos = end + 1
        if html[start + 1] in "!?":  # doctype, CDATA, processing instruction
            continue
        name_match = _TAG_NAME.match(html, start + 1, end)
        if name_match is None:
            out.text(html[start:pos])
            continue
        name = name_match.group(1).lower()
        closing = html[start + 1] == "/"
        if not closing and name in DROPPED_TAGS and html[end - 1] != "/":
            close = _DROPPED_END[name].search(html, pos)
            if close is None:
                break
            close_end = html.find(">", close.end())
            pos = n if close_end < 0 else close_end + 1
            continue
        out.tag(name, closing)
    out.flush()
    return "\n\n".join(out.blocks)
