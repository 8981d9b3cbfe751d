"""Words, sentences and scripts: the units the mechanisms cut and join.

A tiny, dependency-light view of text, enough to place damage realistically:
scripts written without spaces (Han, kana, Thai) are cut by characters,
the others by words.

>>> dominant_script("Съвсем загуби власт."), dominant_script("我喜欢北京。"), dominant_script("1, 2")
('Cyrillic', 'Han', 'Common')
>>> unspaced("東京は晴れ。", "und"), unspaced("Hello there.", "en")
(True, False)
>>> [m.group() for m in WORD.finditer("co-author of the U.S. study, 3.5 km")]
['co-author', 'of', 'the', 'U', 'S', 'study', '3', '5', 'km']
>>> sentence_starts("One. Two! 三。四")
[0, 5, 10, 12]
"""

from __future__ import annotations

import collections

import regex

__all__ = [
    "WORD",
    "SCRIPTS",
    "UNSPACED_SCRIPTS",
    "UNSPACED_LANGS",
    "dominant_script",
    "unspaced",
    "sentence_starts",
    "word_spans",
]

SCRIPTS: tuple[str, ...] = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana",
    "Hangul", "Devanagari", "Thai", "Armenian", "Georgian",
)
"""Scripts told apart by :func:`dominant_script`; anything else is ``Common``."""

UNSPACED_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Thai"})
UNSPACED_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my", "yue", "wuu"})

WORD = regex.compile(r"\w+(?:[-'’]\w+)*")
"""A word: letters/digits, with inner hyphens and apostrophes (``co-author``, ``don't``)."""

_SCRIPT_RE = regex.compile("|".join(rf"(?P<{s}>\p{{Script={s}}})" for s in SCRIPTS))
_SENTENCE_END = regex.compile(
    r"""
    (?<=[.!?…؟।](?:\s?[\"'”»)\]])?)\s+(?=[\"'“«(\[]?[\p{Lu}\p{Lo}\d])   # '. Next' in spaced scripts
    | (?<=[。！？])(?=\S)                                           # CJK marks need no space
    """,
    regex.VERBOSE,
)


def dominant_script(text: str, sample: int = 2000) -> str:
    """Name of the most frequent script among the first ``sample`` letters, else ``Common``."""
    counts: collections.Counter[str] = collections.Counter()
    for m in _SCRIPT_RE.finditer(text[:sample]):
        counts[m.lastgroup or "Common"] += 1
    if not counts:
        return "Common"
    if counts["Hiragana"] + counts["Katakana"] and counts["Han"] >= max(counts["Hiragana"], counts["Katakana"]):
        return "Han"
    return counts.most_common(1)[0][0]


def unspaced(text: str, lang: str) -> bool:
    """True when ``text`` is written without spaces between words (Chinese, Japanese, Thai)."""
    if lang.split("-")[0].lower() in UNSPACED_LANGS:
        return True
    return dominant_script(text) in UNSPACED_SCRIPTS


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included when the text is not blank)."""
    starts = [0] if text.strip() else []
    starts.extend(m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text))
    return sorted(set(starts))


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word in ``text``."""
    return [m.span() for m in WORD.finditer(text)]
