"""Scripts and per-language punctuation rules shared by the extractors.

Character classes are Unicode script properties (via the ``regex`` module), so
the same code serves Latin, Cyrillic, Greek, CJK, Arabic and Indic text.

>>> dominant_script("Привет, мир")
'Cyrillic'
>>> dominant_script("東京は晴れ。")
'Han'
>>> dominant_script("1234 !!")
'Common'
>>> is_spaceless("ja"), is_spaceless("fr")
(True, False)
"""

from __future__ import annotations

import regex

__all__ = [
    "SCRIPTS",
    "SENTENCE_END",
    "CLOSERS",
    "OPENERS",
    "ends_with_reference_marks",
    "SPACELESS_SCRIPTS",
    "dominant_script",
    "is_spaceless",
    "is_french_spacing",
    "script_counts",
    "wide_count",
]

#: Scripts we count separately; everything else with letters is "Other".
SCRIPTS = (
    "Latin", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul",
    "Arabic", "Hebrew", "Devanagari", "Bengali", "Thai",
)

_SCRIPT_RE = {name: regex.compile(r"\p{Script=%s}" % name) for name in SCRIPTS}
_LETTER_RE = regex.compile(r"\p{L}")

#: Scripts written without spaces between words.
SPACELESS_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Thai"})

#: Languages written without spaces between words.
SPACELESS_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my", "yue", "wuu"})

#: Languages whose typography puts a space before ``; : ! ?`` and inside « ».
FRENCH_SPACING_LANGS = frozenset({"fr", "br", "oc", "co", "ht"})

#: Characters that can end a sentence, in any script (also Armenian ``։``, Myanmar ``။``,
#: Khmer ``។ ៕`` and Tibetan ``།``).
SENTENCE_END = frozenset(".!?。！？｡…‼⁇⁈⁉؟۔।॥።፧჻" + "؛" + "\u0589\u104b\u17d4\u17d5\u0f0d")

#: Closing quotes and brackets that may follow a sentence end.
CLOSERS = frozenset("\"'”’»›)]}」』）】〉》〕〗〙〛\u201c\u201d\u2019")

#: Opening quotes and brackets.
OPENERS = frozenset("\"'“‘«‹([{「『（【〈《〔〖〘〚„‚")

#: Regex source of the reference marks a sentence may end with
#: after its stop: Wikipedia's ``.[12]`` or ``.[note 3][4]``, a game wiki's
#: ``. [MP3 SP]``, a source in brackets. A paragraph ending so ends a sentence.
#: At most 40 characters per mark, no markup (``<![endif]`` is code, not a reference)
#: and no ellipsis (``[…]`` is an editorial cut).
_REFERENCE_MARKS = r"(?:\s?\[[^\[\]\n<>…]{1,40}(?<!\.\.)\])+"

_STOPS = regex.escape("".join(sorted(SENTENCE_END)), special_only=False)
_CLOSERS_NO_BRACKET = regex.escape("".join(sorted(CLOSERS - {"]"})), special_only=False)
_REFERENCE_END_RE = regex.compile(
    rf"(?<=[\p{{L}}\p{{M}}\p{{N}}{_CLOSERS_NO_BRACKET}\]])[{_STOPS}][{_CLOSERS_NO_BRACKET}]*{_REFERENCE_MARKS}\s*\Z",
    regex.REVERSE,
)


def ends_with_reference_marks(text: str) -> bool:
    """Whether ``text`` ends with a sentence stop followed by reference marks.

    >>> ends_with_reference_marks("It was used for the film trilogy.[336]")
    True
    >>> ends_with_reference_marks("the planet. [M2 SP / MF]"), ends_with_reference_marks("<![endif]")
    (True, False)
    >>> ends_with_reference_marks("Contents [edit]"), ends_with_reference_marks("We stop here. […]")
    (False, False)
    """
    if text[-1:] not in "] \n\t\r":
        return False
    return _REFERENCE_END_RE.search(text[-120:]) is not None


_WIDE_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def wide_count(text: str) -> int:
    """How many Han, kana and Hangul characters ``text`` holds: such a character
    carries about as much as two Latin letters, so length measures count it twice.

    >>> wide_count("天氣 非常 good"), wide_count("ひらがな")
    (4, 4)
    """
    return len(_WIDE_RE.findall(text))


def script_counts(text: str) -> dict[str, int]:
    """Count letters per script; letters of unlisted scripts count as ``Other``.

    >>> script_counts("Abc Где")["Cyrillic"]
    3
    """
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPT_RE.items()}
    letters = len(_LETTER_RE.findall(text))
    counts["Other"] = max(0, letters - sum(counts.values()))
    return counts


def dominant_script(text: str) -> str:
    """The script with most letters, ``Common`` when there are no letters.

    Hiragana and Katakana count as Han's companions: mixed Japanese returns
    whichever of the three has most letters.
    """
    counts = script_counts(text)
    best = max(counts, key=counts.get)
    return best if counts[best] else "Common"


def is_spaceless(lang: str, script: str | None = None) -> bool:
    """True when words are not separated by spaces in this language or script."""
    return lang in SPACELESS_LANGS or (script in SPACELESS_SCRIPTS)


def is_french_spacing(lang: str) -> bool:
    """True when a space before ``; : ! ?`` and inside guillemets is correct."""
    return lang in FRENCH_SPACING_LANGS
