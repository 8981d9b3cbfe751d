"""HTML-level mechanisms: parse a page into blocks and inline nodes, then extract it badly.

The page is read with the stdlib ``html.parser`` into :class:`Block` s (``p``, ``h1``, ``li``,
``td`` ...), each a list of :class:`Segment` s (text nodes with the inline tags around them), plus
the page's own ``<script>``/``<style>``/JSON-LD text and IE conditional comments. Blocks inside
``nav``/``header``/``footer``/``aside`` or with a menu/footer/cookie/share class are furniture.

``corrupt_html`` runs the extraction mistakes real scrapers make on it:

- ``inline_join_separator`` / ``inline_boundary_split`` (spacing): inline nodes joined with
  ``" "`` (``get_text(" ")``): ``"the link ."``, ``"H ong Kong"`` from ``<span>H</span>ong``.
- ``link_text_dropped`` (spliced): the text of an inline ``<a>`` lost.
- ``block_glue`` (spliced, + spacing after a sentence end, + boilerplate with furniture): two
  neighbouring blocks joined with ``""``: ``"ABC News NetworkВсичко"``.
- ``furniture_glue`` (boilerplate): two furniture blocks joined (``"HomeNews"``).
- ``furniture_paragraph`` (boilerplate): a nav/footer/cookie block kept as a paragraph.
- ``page_script`` (leaked_code, + truncated when capped): the page's script/style/JSON-LD text
  kept, alone or glued to a block (+ spliced).

>>> import random
>>> page = '<p>See <a href="/x">the report</a>. Then <span>H</span>ong Kong.</p>'
>>> [b.text for b in page_blocks(page)]
['See the report. Then Hong Kong.']
>>> [c.mechanism for c in corrupt_html(page, random.Random(0))]
['inline_join_separator', 'link_text_dropped']
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterator

import regex

from features.spans import Span
from qa.corrupt.corruption import Corruption, around, build, glue, tail
from qa.corrupt.leak import capped

__all__ = ["Segment", "Block", "Page", "parse_page", "page_blocks", "corrupt_html"]

BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd td th blockquote figcaption caption pre div section article "
    "header footer nav aside main ul ol table tr form address title body html".split()
)
INLINE_TAGS = frozenset("a b strong i em span small sup sub u mark abbr cite q code time font label s del ins".split())
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_FURNITURE_CLASS = regex.compile(
    r"menu|nav|footer|cookie|consent|share|social|breadcrumb|sidebar|related|banner|newsletter|subscribe|promo|widget",
    regex.IGNORECASE,
)
_VOID = frozenset("br hr img input meta link wbr source area col embed param track".split())
_WS = regex.compile(r"\s+")
_LETTER = regex.compile(r"\w")


@dataclass(frozen=True)
class Segment:
    """One text node and the inline tags around it (outermost first)."""

    text: str
    inline: tuple[str, ...]

    @property
    def in_link(self) -> bool:
        """True inside an ``<a>``."""
        return "a" in self.inline


@dataclass(frozen=True)
class Block:
    """A block's text nodes in order; ``furniture`` when it sits in page furniture."""

    tag: str
    segments: tuple[Segment, ...]
    furniture: bool

    @property
    def text(self) -> str:
        """The block's text as a careful extractor gives it: nodes concatenated, whitespace squeezed."""
        return _WS.sub(" ", "".join(s.text for s in self.segments)).strip()


@dataclass(frozen=True)
class Page:
    """A parsed page: blocks in document order and code texts (``(kind, text)``)."""

    blocks: tuple[Block, ...]
    code: tuple[tuple[str, str], ...]


class _Parser(HTMLParser):
    """Collects blocks, segments and code; tolerant of unclosed tags like browsers are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.code: list[tuple[str, str]] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, furniture)
        self._inline: list[str] = []
        self._segments: list[Segment] = []
        self._code_kind: str | None = None
        self._code_buf: list[str] = []
        self._skip = 0

    def _furniture(self) -> bool:
        return any(f for _, f in self._stack)

    def _flush(self) -> None:
        if any(s.text.strip() for s in self._segments):
            tag = self._stack[-1][0] if self._stack else "body"
            self.blocks.append(Block(tag, tuple(self._segments), self._furniture()))
        self._segments = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._code_kind is not None:
            return
        if tag in {"script", "style"}:
            kinds = {k: (v or "") for k, v in attrs}
            self._code_kind = "json-ld" if "ld+json" in kinds.get("type", "") else tag
            self._code_buf = []
            return
        if tag in {"head", "noscript", "template", "svg", "iframe", "select", "button"}:
            self._skip += 1
            return
        if tag in INLINE_TAGS:
            self._inline.append(tag)
        elif tag in BLOCK_TAGS:
            self._flush()
            names = " ".join((v or "") for k, v in attrs if k in {"class", "id", "role"})
            self._stack.append((tag, tag in FURNITURE_TAGS or bool(_FURNITURE_CLASS.search(names))))
        elif tag == "br":
            self._segments.append(Segment("\n", tuple(self._inline)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self._code_kind is None:
            self._segments.append(Segment("\n", tuple(self._inline)))

    def handle_endtag(self, tag: str) -> None:
        if self._code_kind is not None:
            if tag in {"script", "style"}:
                text = "".join(self._code_buf).strip()
                if text:
                    self.code.append((self._code_kind, text))
                self._code_kind = None
            return
        if tag in {"head", "noscript", "template", "svg", "iframe", "select", "button"}:
            self._skip = max(0, self._skip - 1)
            return
        if tag in INLINE_TAGS:
            if tag in self._inline:
                del self._inline[len(self._inline) - 1 - self._inline[::-1].index(tag) :]
        elif tag in BLOCK_TAGS:
            self._flush()
            for k in range(len(self._stack) - 1, -1, -1):
                if self._stack[k][0] == tag:
                    del self._stack[k:]
                    break

    def handle_data(self, data: str) -> None:
        if self._code_kind is not None:
            self._code_buf.append(data)
        elif not self._skip and data:
            self._segments.append(Segment(data, tuple(self._inline)))

    def handle_comment(self, data: str) -> None:
        if data.lstrip().startswith("[if"):
            self.code.append(("conditional-comment", f"<!--{data}-->"))

    def close(self) -> None:
        super().close()
        self._flush()


def parse_page(html: str) -> Page:
    """Parse ``html`` into blocks and code texts."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return Page(tuple(parser.blocks), tuple(parser.code))


def page_blocks(html: str) -> list[Block]:
    """The page's blocks with text, content and furniture alike, in order."""
    return [b for b in parse_page(html).blocks if b.text]


def _joined_with_space(block: Block) -> Corruption | None:
    """``get_text(" ", strip=True)`` on one block; a Corruption when a join landed where no space was."""
    pieces: list[str] = []
    spans: list[Span] = []
    length = 0
    touching = False  # did the previous node end without whitespace?
    for seg in block.segments:
        raw = seg.text
        stripped = _WS.sub(" ", raw).strip()
        if not stripped:
            touching = touching and not raw.isspace() if raw else touching
            if raw and raw.isspace():
                touching = False
            continue
        if pieces:
            if touching and not raw[0].isspace():
                left, right = pieces[-1][-1], stripped[0]
                rule = "inline_boundary_split" if _LETTER.match(left) and _LETTER.match(right) else "inline_join_separator"
                spans.append(Span(length - 1, length + 2, "spacing", rule))
            pieces.append(" ")
            length += 1
        pieces.append(stripped)
        length += len(stripped)
        touching = not raw[-1].isspace()
    if not spans:
        return None
    rule = spans[0].rule if all(s.rule == spans[0].rule for s in spans) else "inline_join_separator"
    return build("".join(pieces), ["spacing"], rule, spans)


def _link_dropped(block: Block, rng: random.Random) -> Corruption | None:
    """Drop the text of one ``<a>`` that has other text before it."""
    segs = block.segments
    links = [i for i, s in enumerate(segs) if s.in_link and s.text.strip() and any(t.text.strip() for t in segs[:i] if not t.in_link)]
    if not links:
        return None
    i = rng.choice(links)
    before = _WS.sub(" ", "".join(s.text for s in segs[:i])).lstrip()
    after = _WS.sub(" ", "".join(s.text for s in segs[i + 1 :])).rstrip()
    if rng.random() < 0.5 and before.endswith(" ") and after.startswith(" "):
        after = after[1:]
    new = before + after
    if not new.strip() or new == block.text:
        return None
    return build(new, ["spliced"], "link_text_dropped", [around(len(new), len(before), "spliced", "link_text_dropped", 2)])


def _glued(left: Block, right: Block) -> Corruption:
    """Two neighbouring blocks joined with no separator (two furniture blocks: boilerplate only)."""
    if left.furniture and right.furniture:
        new = left.text + right.text
        return build(new, ["boilerplate"], "furniture_glue", [Span(0, len(new), "boilerplate", "furniture")])
    c = glue(left.text, right.text, "block_glue")
    if not (left.furniture or right.furniture):
        return c
    cut = len(left.text)
    where = Span(0, cut, "boilerplate", "furniture") if left.furniture else Span(cut, len(c.text), "boilerplate", "furniture")
    return build(c.text, c.labels + ("boilerplate",), "block_glue", c.spans + (where,))


def _script(code: str, kind: str, rng: random.Random, blocks: list[Block]) -> Corruption:
    """The page's own code kept: alone (maybe capped) or glued after a neighbouring block."""
    code = _WS.sub(" ", code) if rng.random() < 0.5 else code
    code, cut = capped(code, rng)
    content = [b for b in blocks if not b.furniture]
    if content and rng.random() < 0.4:
        body = rng.choice(content).text
        sep = rng.choice(("", " ", "\n"))
        new = body + sep + code
        spans = [Span(len(body) + len(sep), len(new), "leaked_code", kind), around(len(new), len(body), "spliced", "page_script")]
        labels = ["leaked_code", "spliced"]
    else:
        new, spans, labels = code, [Span(0, len(code), "leaked_code", kind)], ["leaked_code"]
    if cut:
        labels.append("truncated")
        spans.append(tail(new, "truncated", "byte_cap"))
    return build(new, labels, "page_script", spans)


def corrupt_html(html: str, rng: random.Random, lang: str = "und", limit: int = 5) -> Iterator[Corruption]:
    """Yield up to ``limit`` corrupted paragraphs per mechanism, made by extracting ``html`` badly."""
    page = parse_page(html)
    blocks = [b for b in page.blocks if b.text]
    content = [b for b in blocks if not b.furniture]

    def some(items: list) -> list:
        return rng.sample(items, min(limit, len(items)))

    for made in some([c for c in map(_joined_with_space, content) if c is not None]):
        yield made
    for made in some([c for c in (_link_dropped(b, rng) for b in content) if c is not None]):
        yield made
    for i in some(list(range(len(blocks) - 1))):
        yield _glued(blocks[i], blocks[i + 1])
    seen: set[str] = set()
    for block in blocks:
        if block.furniture and block.text not in seen and len(seen) < limit:
            seen.add(block.text)
            yield build(block.text, ["boilerplate"], "furniture_paragraph", [Span(0, len(block.text), "boilerplate", "furniture")])
    for kind, code in some(list(page.code)):
        yield _script(code, kind, rng, blocks)
