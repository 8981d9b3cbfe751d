"""Splice defects: text from two places joined, or a chunk missing inside a paragraph.

Mechanisms:

- ``link_text_dropped``: the text of an inline link (a noun-phrase-sized chunk) is lost and the
  surrounding text kept as it was: ``"co-author of the study, . In our"``.
- ``block_glue`` / ``heading_glue``: a neighbouring block (from ``context``) glued to the paragraph
  without a break: ``"ABC News NetworkВсичко за"``. After a sentence end the join is also a spacing
  defect (``"it.So"``), and is labelled so.
- ``byline_glued``: an author/date line glued to the lede: ``"By Sarah MitchellThe court said"``.
- ``sentence_middle_lost``: the text stops at one point and resumes mid-sentence from a later
  point: ``"... the whole world. agreement to build ..."``.
- ``quote_unclosed``: a quotation is opened, its closing part lost, and an unrelated sentence follows.

>>> import random
>>> c = block_glue("Всичко за Nielsen.", random.Random(1), "bg", ["ABC News Network"])
>>> c.text, c.labels
('ABC News NetworkВсичко за Nielsen.', ('spliced',))
"""

from __future__ import annotations

import random
from typing import Sequence

import regex

from features.spans import Span
from qa.corrupt import phrases
from qa.corrupt.corruption import Corruption, Mechanism, around, build, glue
from qa.corrupt.textunits import sentence_starts, unspaced, word_spans

__all__ = [
    "MECHANISMS",
    "link_text_dropped",
    "block_glue",
    "heading_glue",
    "byline_glued",
    "sentence_middle_lost",
    "quote_unclosed",
]

LABEL = "spliced"
_UNSPACED_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_QUOTES = {"“": "”", "„": "“", "«": "»", '"': '"', "「": "」", "『": "』", "‘": "’", "‚": "‘", "»": "«"}


def _cut(text: str, start: int, end: int, rule: str, labels: Sequence[str] = (LABEL,), joiner: str = "") -> Corruption:
    """Remove ``text[start:end]`` (inserting ``joiner``) and mark the join."""
    new = text[:start] + joiner + text[end:]
    pos = start + len(joiner) // 2
    return build(new, labels, rule, [around(len(new), pos, LABEL, rule, 2)])


def link_text_dropped(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Drop 1-4 words (or 2-6 CJK characters) from inside a sentence, keeping the spaces around them."""
    if unspaced(text, lang):
        chars = [m.start() for m in _UNSPACED_CHAR.finditer(text)]
        if len(chars) < 6:
            return None
        i = rng.randrange(1, len(chars) - 3)
        n = rng.randint(2, 6)
        start = chars[i]
        end = chars[min(i + n, len(chars) - 1)]
        if end <= start:
            return None
        return _cut(text, start, end, "link_text_dropped")
    words = word_spans(text)
    if len(words) < 4:
        return None
    before_mark = [i for i, (s, e) in enumerate(words[1:], 1) if text[e : e + 1] in {",", ".", ";", ":", ")"}]
    i = rng.choice(before_mark) if before_mark and rng.random() < 0.5 else rng.randrange(1, len(words))
    n = rng.randint(1, 4)
    if before_mark and i in before_mark:
        first = max(1, i - n + 1)
        start, end = words[first][0], words[i][1]
    else:
        last = min(len(words) - 1, i + n - 1)
        start, end = words[i][0], words[last][1]
    new = text[:start] + text[end:]
    pos = start
    if rng.random() < 0.5 and new[pos - 1 : pos + 1] == "  ":  # a pipeline squeezed the double space
        new = new[:pos] + new[pos + 1 :]
    if new == text:
        return None
    return build(new, [LABEL], "link_text_dropped", [around(len(new), pos, LABEL, "link_text_dropped", 2)])


def _neighbour(context: Sequence[str], rng: random.Random) -> str:
    """A non-blank neighbour from ``context``, or ''."""
    usable = [c.strip() for c in context if c and c.strip()]
    return rng.choice(usable) if usable else ""


def block_glue(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Glue a neighbouring block (its end or start sentence when long) before or after the paragraph."""
    other = _neighbour(context, rng)
    if not other or not text.strip():
        return None
    starts = sentence_starts(other)
    before = rng.random() < 0.6
    if len(other) > 300 and len(starts) > 1:
        other = other[starts[-1] :] if before else other[: starts[1]].rstrip()
    if before:
        return glue(other, text, "block_glue")
    return glue(text, other, "block_glue")


def heading_glue(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Glue a heading (the first words of a neighbour, no final mark) to the start of the paragraph."""
    other = _neighbour(context, rng)
    if not other or not text.strip():
        return None
    if unspaced(other, "und"):
        heading = other[: rng.randint(6, 16)]
    else:
        words = word_spans(other)
        if len(words) < 2:
            return None
        heading = other[: words[min(len(words) - 1, rng.randint(2, 7))][1]]
    heading = heading.rstrip(" ,;:.!?。、")
    if not heading:
        return None
    return glue(heading, text, "heading_glue")


def byline_glued(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Glue an author/date line to the lede, with no break (or a single space)."""
    if not text.strip():
        return None
    line = phrases.byline(rng, lang, text)
    if rng.random() < 0.7:
        return glue(line, text, "byline_glued")
    new = line + " " + text.lstrip()
    return build(new, [LABEL], "byline_glued", [around(len(new), len(line), LABEL, "byline_glued", 2)])


def _resume_points(text: str, lang: str) -> list[int]:
    """Offsets where a cut text may stop or resume: word starts (characters in CJK)."""
    if unspaced(text, lang):
        return [m.start() for m in _UNSPACED_CHAR.finditer(text)]
    return [s for s, _ in word_spans(text)]


def sentence_middle_lost(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Stop at a sentence end or mid-sentence and resume in the middle of a later sentence.

    At least two words (characters in CJK) are lost, and the resume point is never a sentence start.
    """
    starts = set(sentence_starts(text))
    points = _resume_points(text, lang)
    if len(points) < 8:
        return None
    resumes = [k for k in range(3, len(points)) if points[k] not in starts]
    if not resumes:
        return None
    k = rng.choice(resumes[len(resumes) // 3 :])
    resume = points[k]
    ends = [s for s in starts if 0 < s and s <= points[k - 2]]
    if ends and rng.random() < 0.5:
        stop = rng.choice(ends)  # after a sentence end: "... world. agreement ..."
    else:
        stops = [points[j] for j in range(max(1, k - 8), k - 1) if points[j] not in starts]
        if not stops:
            return None
        stop = rng.choice(stops)
    left = text[:stop].rstrip()
    joiner = "" if unspaced(text, lang) else " "
    new = left + joiner + text[resume:]
    pos = len(left) + len(joiner) // 2
    return build(new, [LABEL], "sentence_middle_lost", [around(len(new), pos, LABEL, "sentence_middle_lost", 2)])


def quote_unclosed(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Lose the end of a quotation (and the rest of its sentence) before the next sentence."""
    starts = sentence_starts(text)
    options = []
    for i, ch in enumerate(text):
        close = _QUOTES.get(ch)
        if close is None:
            continue
        j = text.find(close, i + 1)
        if j < 0:
            continue
        inner = [p for p in _resume_points(text[i + 1 : j], lang)[1:]]
        nxt = [s for s in starts if s > j]
        if inner and nxt:
            options.append((i + 1 + rng.choice(inner), nxt[0]))
    if not options:
        return None
    stop, resume = rng.choice(options)
    left = text[:stop].rstrip()
    joiner = "" if unspaced(text, lang) else " "
    new = left + joiner + text[resume:]
    pos = len(left) + len(joiner) // 2
    return build(new, [LABEL], "quote_unclosed", [around(len(new), pos, LABEL, "quote_unclosed", 2)])


MECHANISMS: tuple[Mechanism, ...] = (
    link_text_dropped, block_glue, heading_glue, byline_glued, sentence_middle_lost, quote_unclosed,
)
