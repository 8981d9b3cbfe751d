"""Boilerplate: page furniture (footers, menus, cookie, share and teaser lines) kept by the scraper.

Phrases come from :mod:`qa.corrupt.phrases`, in the paragraph's language (10% of the time in
English, as many sites keep English furniture).

Mechanisms:

- ``furniture_glued``: a furniture line glued before or after the paragraph with no break or a
  space: ``"... agreed on Tuesday.Privacy Policy Terms of Use"`` (``boilerplate`` + ``spliced``,
  and ``spacing`` when the join follows a sentence end).
- ``furniture_newline``: the line kept in the same paragraph after a newline
  (``boilerplate`` + ``spliced``).
- ``furniture_paragraph``: the line emitted as a paragraph of its own (``boilerplate``):
  a menu, a footer, a cookie banner, a share bar, a teaser headline, a separator.

>>> import random
>>> c = furniture_paragraph("Щом се наям, ставам.", random.Random(2), "bg", ())
>>> c.labels, c.text != "Щом се наям, ставам."
(('boilerplate',), True)
"""

from __future__ import annotations

import random
from typing import Sequence

from features.spans import Span
from qa.corrupt import phrases
from qa.corrupt.corruption import Corruption, Mechanism, around, build, glue
from qa.corrupt.textunits import sentence_starts

__all__ = ["MECHANISMS", "furniture_line", "furniture_glued", "furniture_newline", "furniture_paragraph"]

LABEL = "boilerplate"
_SEPARATORS = ("___", "* * *", "———", "•", "|", "»", "Advertisement", "ADVERTISEMENT", "Anzeige", "Publicité", "Реклама", "広告")


def furniture_line(rng: random.Random, lang: str, text: str = "", context: Sequence[str] = ()) -> str:
    """One furniture line: footer, cookie, share, menu, teaser ("Read more: <a neighbour's first sentence>")."""
    if rng.random() < 0.1:
        lang = "en"
    kind = rng.choice(("footer", "footer", "cookie", "share", "share", "menu", "menu", "related", "separator"))
    if kind == "menu":
        return phrases.menu_line(rng, lang, text)
    if kind == "separator":
        return rng.choice(_SEPARATORS)
    line = phrases.phrase(kind, rng, lang, text)
    usable = [c.strip() for c in context if c and c.strip()]
    if kind == "related" and usable:
        other = rng.choice(usable)
        starts = sentence_starts(other) + [len(other)]
        teaser = other[: starts[1] if len(starts) > 1 else len(other)].strip()[:120]
        line = f"{line} {teaser.rstrip('.。')}"
    return line


def furniture_glued(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Glue a furniture line before or after the paragraph (no break, or a single space)."""
    if not text.strip():
        return None
    line = furniture_line(rng, lang, text, context)
    before = rng.random() < 0.4
    left, right = (line, text) if before else (text, line)
    if rng.random() < 0.6:
        joined = glue(left, right, "furniture_glued", ("spliced", LABEL))
        cut = len(left.rstrip())
    else:
        left, right = left.rstrip(), right.lstrip()
        new = left + " " + right
        cut = len(left) + 1
        joined = build(new, ("spliced", LABEL), "furniture_glued", [around(len(new), cut, "spliced", "furniture_glued", 2)])
    new = joined.text
    where = Span(0, cut, LABEL, "furniture") if before else Span(cut, len(new), LABEL, "furniture")
    return build(new, joined.labels, "furniture_glued", joined.spans + (where,))


def furniture_newline(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Keep a furniture line in the paragraph after (or before) a single newline."""
    if not text.strip():
        return None
    line = furniture_line(rng, lang, text, context)
    if rng.random() < 0.7:
        body = text.rstrip()
        new = body + "\n" + line
        spans = [Span(len(body) + 1, len(new), LABEL, "furniture"), around(len(new), len(body) + 1, "spliced", "furniture_newline")]
    else:
        body = text.lstrip()
        new = line + "\n" + body
        spans = [Span(0, len(line), LABEL, "furniture"), around(len(new), len(line), "spliced", "furniture_newline")]
    return build(new, (LABEL, "spliced"), "furniture_newline", spans)


def furniture_paragraph(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """A furniture line as a paragraph of its own (the clean text only picks the language)."""
    line = furniture_line(rng, lang, text, context)
    if line == text or not line.strip():
        return None
    return build(line, (LABEL,), "furniture_paragraph", [Span(0, len(line), LABEL, "furniture")])


MECHANISMS: tuple[Mechanism, ...] = (furniture_glued, furniture_glued, furniture_newline, furniture_paragraph)
