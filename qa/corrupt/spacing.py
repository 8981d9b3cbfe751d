"""Spacing defects, made the way extractors and NLP pipelines make them.

Mechanisms (each records its own name):

- ``detokenized``: text split like a tokenizer (every mark its own token, CJK cut into
  words) and joined back with spaces: ``"word , word ."``, ``"( 14 , 15 )"``, ``"我 喜欢 北京 。"``.
- ``inline_join_separator``: a few inline nodes (``<a>``, ``<b>``, ``<span>``) joined with
  ``" "`` where they touched punctuation: ``"the link ."``, ``"( see"``.
- ``node_join_no_space``: the whitespace between two sentences held in separate nodes is lost:
  ``"fix it.So, if"``.
- ``inline_boundary_split``: a word split by an inline boundary joined with a space:
  ``"H ong Kong"`` from ``<span>H</span>ong Kong`` (drop caps), ``"Str ong"``.

>>> import random
>>> detokenized("Yes, (14, 15) pages.", random.Random(0), "en", ()).text
'Yes , ( 14 , 15 ) pages .'
>>> node_join_no_space("Fix it. So, if you can.", random.Random(0), "en", ()).text
'Fix it.So, if you can.'
"""

from __future__ import annotations

import random
from typing import Sequence

import regex

from features.spans import Span
from qa.corrupt.corruption import Corruption, Mechanism, around, build
from qa.corrupt.textunits import sentence_starts, unspaced

__all__ = [
    "MECHANISMS",
    "detokenized",
    "inline_join_separator",
    "node_join_no_space",
    "inline_boundary_split",
    "tokenize",
]

LABEL = "spacing"

_UNSPACED_RUN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}ー々]+")
_TOKEN = regex.compile(
    r"""
      (?:\p{L}\.){2,}              # abbreviations stay whole: U.S. e.g.
    | \d+(?:[.,:]\d+)*             # numbers stay whole: 3.5 1,000 12:14
    | \w+(?:[-'’]\w+)*             # words, with inner hyphens and apostrophes
    | [^\w\s]                      # any other mark is a token of its own
    """,
    regex.VERBOSE,
)
# punctuation that an inline node boundary can meet: closing marks after a word, opening before
_CLOSING = regex.compile(r"(?<=\w)[,.;:!?)\]”»،؟](?!\d)")
_OPENING = regex.compile(r"[(\[“«](?=\w)")
_FRENCH_SPACED = frozenset(";:!?")
_WORD_LETTERS = regex.compile(r"\b\p{L}{3,}\b")
_UNSPACED_PAIR = regex.compile(r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}])(?=[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}。、，！？])")


def tokenize(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """Token ``(start, end)`` offsets; runs of unspaced scripts are cut into 1-3 character words.

    >>> t = "Hi, U.S. 3.5"
    >>> [t[s:e] for s, e in tokenize(t, random.Random(1))]
    ['Hi', ',', 'U.S.', '3.5']
    """
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        pos = s
        for run in _UNSPACED_RUN.finditer(text, s, e):
            out.extend(_chunks(pos, run.start()))
            out.extend(_chunks(run.start(), run.end(), rng))
            pos = run.end()
        out.extend(_chunks(pos, e))
    return out


def _chunks(start: int, end: int, rng: random.Random | None = None) -> list[tuple[int, int]]:
    """One token ``[start, end)``, or word-sized pieces of it when ``rng`` is given."""
    if end <= start:
        return []
    if rng is None:
        return [(start, end)]
    pieces = []
    while start < end:
        step = min(end - start, rng.choice((1, 2, 2, 2, 3, 4)))
        pieces.append((start, start + step))
        start += step
    return pieces


def detokenized(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Re-join the text's tokens with single spaces where they touched; None when nothing touched."""
    parts: list[str] = []
    spans: list[Span] = []
    prev_end, length = 0, 0
    for i, (s, e) in enumerate(tokenize(text, rng)):
        gap = text[prev_end:s]
        if i and not gap:
            gap = " "
            spans.append(Span(max(0, length - 1), length + 2, LABEL, "detokenized"))
        parts.extend((gap, text[s:e]))
        length += len(gap) + e - s
        prev_end = e
    parts.append(text[prev_end:])
    if not spans:
        return None
    return build("".join(parts), [LABEL], "detokenized", spans)


def _insert(text: str, positions: Sequence[int], rule: str, label: str = LABEL, what: str = " ") -> Corruption:
    """Insert ``what`` at each of ``positions`` (offsets into the old text) and mark each insertion."""
    out: list[str] = []
    spans: list[Span] = []
    prev = 0
    for k, pos in enumerate(sorted(positions)):
        out.append(text[prev:pos])
        new = pos + k * len(what)
        spans.append(Span(max(0, new - 1), new + len(what) + 1, label, rule))
        out.append(what)
        prev = pos
    out.append(text[prev:])
    return build("".join(out), [label], rule, spans)


def inline_join_separator(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Put a space where 1-3 inline nodes met punctuation (or, in CJK, met each other)."""
    if unspaced(text, lang):
        candidates = [m.start() for m in _UNSPACED_PAIR.finditer(text)]
    else:
        french = lang.startswith("fr")
        candidates = [m.start() for m in _CLOSING.finditer(text) if not (french and m.group() in _FRENCH_SPACED)]
        candidates += [m.end() for m in _OPENING.finditer(text)]
    if not candidates:
        return None
    chosen = rng.sample(sorted(set(candidates)), min(len(set(candidates)), rng.randint(1, 3)))
    return _insert(text, chosen, "inline_join_separator")


def node_join_no_space(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Drop the whitespace between 1-2 sentence pairs after ``. ! ?``: ``"it.So"``."""
    joins = []
    for start in sentence_starts(text)[1:]:
        gap_start = start
        while gap_start > 0 and text[gap_start - 1].isspace():
            gap_start -= 1
        if gap_start < start and text[gap_start - 1 : gap_start] in {".", "!", "?", "…", "؟", "।"}:
            joins.append((gap_start, start))
    if not joins:
        return None
    chosen = sorted(rng.sample(joins, min(len(joins), rng.choice((1, 1, 2)))))
    out: list[str] = []
    spans: list[Span] = []
    prev, removed = 0, 0
    for gs, ge in chosen:
        out.append(text[prev:gs])
        pos = gs - removed
        spans.append(Span(max(0, pos - 2), pos + 2, LABEL, "node_join_no_space"))
        removed += ge - gs
        prev = ge
    out.append(text[prev:])
    return build("".join(out), [LABEL], "node_join_no_space", spans)


def inline_boundary_split(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Split one word with a space at an inline boundary: a drop cap (``"H ong"``) or a styled part."""
    if unspaced(text, lang):
        candidates = [m.start() for m in _UNSPACED_PAIR.finditer(text)]
        if not candidates:
            return None
        return _insert(text, [rng.choice(candidates)], "inline_boundary_split")
    words = [m.span() for m in _WORD_LETTERS.finditer(text)]
    if not words:
        return None
    s, e = rng.choice(words)
    if text[s].isupper() and rng.random() < 0.6:
        cut = s + 1
    else:
        cut = rng.randint(s + 1, e - 1)
    return _insert(text, [cut], "inline_boundary_split")


MECHANISMS: tuple[Mechanism, ...] = (detokenized, inline_join_separator, node_join_no_space, inline_boundary_split)
