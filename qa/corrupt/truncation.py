"""Truncation defects: a paragraph that starts or ends in the middle of something.

Mechanisms:

- ``byte_cap``: the UTF-8 bytes cut at a storage or API cap (255, 256, 512, 1024 ... bytes),
  possibly inside a character, then decoded ignoring the broken tail (or, sometimes, replacing it
  with U+FFFD, which is mojibake too); sometimes an ellipsis is added the way snippets do.
- ``start_cut``: pagination or a lost first node: the text starts mid-sentence, often lowercase
  or right at a comma: ``", we would not completely rule out"``.
- ``end_cut_word``: the end lost at a word boundary mid-sentence: ``"The medical staff"``.

>>> import random
>>> c = byte_cap("é" * 200, random.Random(0), "fr", ())
>>> len(c.text.encode()) <= 256, c.labels
(True, ('truncated',))
"""

from __future__ import annotations

import random
from typing import Sequence

import regex

from features.spans import Span
from qa.corrupt.corruption import Corruption, Mechanism, build, head, tail
from qa.corrupt.textunits import sentence_starts, unspaced, word_spans

__all__ = ["MECHANISMS", "CAPS", "byte_cap", "cut_bytes", "start_cut", "end_cut_word"]

LABEL = "truncated"
CAPS: tuple[int, ...] = (100, 128, 140, 150, 155, 160, 200, 255, 256, 500, 512, 1000, 1024, 2000, 2048, 4096)
"""Byte caps seen in the wild: SMS/tweet/meta-description sizes, VARCHAR(255), buffer sizes."""
_UNSPACED_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_FINAL = frozenset(".!?…。！？؟।\"'”»)")


def cut_bytes(text: str, cap: int, errors: str = "ignore") -> str:
    """The first ``cap`` UTF-8 bytes of ``text``, decoded with ``errors`` (a broken last character goes).

    >>> cut_bytes("Жена", 3), cut_bytes("Жена", 3, "replace")
    ('Ж', 'Ж\\ufffd')
    """
    return text.encode("utf-8", "surrogatepass")[:cap].decode("utf-8", errors)


def byte_cap(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Cut the text at a byte cap shorter than it; None when the text is under every cap."""
    size = len(text.encode("utf-8", "surrogatepass"))
    caps = [c for c in CAPS if c < size and c >= size // 5]
    rng.shuffle(caps)
    for cap in caps:
        replace = rng.random() < 0.15
        new = cut_bytes(text, cap, "replace" if replace else "ignore")
        if not new.strip() or not text[len(new.rstrip("\ufffd")) :].strip():
            continue
        labels = [LABEL]
        spans = [tail(new, LABEL, "byte_cap")]
        if "\ufffd" in new[-1:] and "\ufffd" not in text:
            labels.append("mojibake")
            spans.append(Span(len(new) - 1, len(new), "mojibake", "byte_cap_replacement"))
        elif rng.random() < 0.15:
            new = new.rstrip() + rng.choice(("...", "…", " ...", " [...]"))
            spans = [tail(new, LABEL, "byte_cap")]
        return build(new, labels, "byte_cap", spans)
    return None


def _points(text: str, lang: str) -> list[int]:
    """Word starts (character offsets in unspaced scripts) that are not sentence starts."""
    starts = set(sentence_starts(text))
    if unspaced(text, lang):
        return [m.start() for m in _UNSPACED_CHAR.finditer(text) if m.start() not in starts]
    return [s for s, _ in word_spans(text) if s not in starts]


def start_cut(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Start the text at a mid-sentence point in its first 60% (at a comma, or at a word)."""
    limit = int(len(text.rstrip()) * 0.6)
    points = [p for p in _points(text, lang) if 0 < p <= limit]
    commas = [m.start() for m in regex.finditer(r"[,،、，;]", text[:limit])]
    if not points and not commas:
        return None
    if commas and (not points or rng.random() < 0.3):
        pos = rng.choice(commas)
        if rng.random() < 0.5:  # the comma went with the lost part
            pos += 1
    else:
        pos = rng.choice(points)
    new = text[pos:]
    if new.strip() == text.strip() or not new.strip():
        return None
    new = new.lstrip() if rng.random() < 0.7 else new
    return build(new, [LABEL], "start_cut", [head(new, LABEL, "start_cut")])


def end_cut_word(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """End the text at a word boundary in its last 70% that is not after a sentence-final mark."""
    body = text.rstrip()
    if unspaced(text, lang):
        ends = [m.end() for m in _UNSPACED_CHAR.finditer(body)]
    else:
        ends = [e for _, e in word_spans(body)]
    lower = int(len(body) * 0.3)
    ends = [e for e in ends if lower <= e < len(body) and text[e] not in _FINAL and body[e:].strip()]
    if not ends:
        return None
    pos = rng.choice(ends)
    new = text[:pos]
    return build(new, [LABEL], "end_cut_word", [tail(new, LABEL, "end_cut_word")])


MECHANISMS: tuple[Mechanism, ...] = (byte_cap, start_cut, end_cut_word)
