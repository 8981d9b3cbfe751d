"""Text statistics: context numbers for the model (no spans).

Length, word count, script shares and mixing, character-class shares, mean
word length, stop-word share, title-case share, repetition inside the
paragraph, and two shape flags. Every value is in ``[0, 1]``; counts are
log-scaled against a stated cap. Most values come from C-level string methods
(``str.count``, ``split``, ``findall``) so this family stays fast: it runs on
every paragraph.

Script shares are letters of that script over all letters. ``kana`` joins
Hiragana and Katakana. ``script_mixing`` is ``1 - top share`` (0 for a text in
one script; Japanese mixing kana and Han scores high by nature, the model sees
``lang`` too).

>>> sig = signals("Hello world. Hello world.", "en")
>>> dict(zip(NAMES, sig.values))["textstats_script_latin"]
1.0
>>> sig.spans
()
"""

from __future__ import annotations

import functools
import math
import string

import regex

from features.data import table
from features.scripts import SENTENCE_END
from features.spans import Signals

__all__ = ["LABEL", "NAMES", "SCRIPT_GROUPS", "signals"]

LABEL = "none"

#: Script groups reported as shares, in ``NAMES`` order (``other`` is the rest).
SCRIPT_GROUPS: tuple[str, ...] = (
    "latin", "cyrillic", "greek", "han", "kana", "hangul", "arabic", "hebrew", "devanagari", "other",
)

NAMES: tuple[str, ...] = (
    "textstats_chars_log",
    "textstats_words_log",
    "textstats_lines_log",
    *(f"textstats_script_{g}" for g in SCRIPT_GROUPS),
    "textstats_script_mixing",
    "textstats_letter_share",
    "textstats_digit_share",
    "textstats_punct_share",
    "textstats_symbol_share",
    "textstats_space_share",
    "textstats_upper_share",
    "textstats_mean_word_len",
    "textstats_stopword_share",
    "textstats_title_case_share",
    "textstats_repeated_line_share",
    "textstats_repeated_trigram_share",
    "textstats_ends_with_terminator",
    "textstats_starts_with_upper",
)

#: Caps for log scaling: ``log1p(n) / log1p(cap)``, clipped to 1.
CHARS_CAP = 1_000_000
WORDS_CAP = 100_000
LINES_CAP = 10_000
#: Mean word length is divided by this and clipped.
WORD_LEN_CAP = 20.0
#: Repetition and stop words are measured on this many leading words/lines.
SAMPLE_WORDS = 5_000

_SCRIPT_RE = {
    "latin": regex.compile(r"(?V1)[\p{Script=Latin}&&[\p{L}\p{M}]]+"),
    "cyrillic": regex.compile(r"(?V1)[\p{Script=Cyrillic}&&[\p{L}\p{M}]]+"),
    "greek": regex.compile(r"(?V1)[\p{Script=Greek}&&[\p{L}\p{M}]]+"),
    "han": regex.compile(r"(?V1)[\p{Script=Han}&&[\p{L}\p{M}]]+"),
    "kana": regex.compile(r"(?V1)[[\p{Script=Hiragana}\p{Script=Katakana}]&&[\p{L}\p{M}]]+"),
    "hangul": regex.compile(r"(?V1)[\p{Script=Hangul}&&[\p{L}\p{M}]]+"),
    "arabic": regex.compile(r"(?V1)[\p{Script=Arabic}&&[\p{L}\p{M}]]+"),
    "hebrew": regex.compile(r"(?V1)[\p{Script=Hebrew}&&[\p{L}\p{M}]]+"),
    "devanagari": regex.compile(r"(?V1)[\p{Script=Devanagari}&&[\p{L}\p{M}]]+"),
}
_LETTERS_RE = regex.compile(r"[\p{L}\p{M}]+")
_DIGITS_RE = regex.compile(r"\p{N}+")
_PUNCT_RE = regex.compile(r"\p{P}+")
_SYMBOL_RE = regex.compile(r"\p{S}+")
_UPPER_RE = regex.compile(r"\p{Lu}+")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)?")
_TERMS = "".join(sorted(SENTENCE_END | {"\u037e"}))
_TERMINATOR_RE = regex.compile(
    "[" + regex.escape(_TERMS) + "][\"'”’»)\\]」』）“]*\\s*\\Z", regex.REVERSE
)
#: Greek writes its question mark as ``;``.
_TERMINATOR_EL_RE = regex.compile(
    "[" + regex.escape(_TERMS + ";") + "][\"'”’»)\\]」』）“]*\\s*\\Z", regex.REVERSE
)
_FIRST_LETTER_RE = regex.compile(r"[\p{L}\p{N}]")
#: ASCII characters of Unicode category S (symbols); the other ASCII punctuation is P.
_ASCII_SYMBOLS = "$+<=>^`|~"
_ASCII_PUNCT = "".join(c for c in string.punctuation if c not in _ASCII_SYMBOLS)


def _run_len(rx: regex.Pattern, text: str) -> int:
    return sum(map(len, rx.findall(text)))


@functools.cache
def _stopwords(lang: str) -> frozenset[str]:
    words = table("function_words")
    return frozenset(words[lang]["stop"]) if lang in words else frozenset()


def _log_share(n: int, cap: int) -> float:
    return min(1.0, math.log1p(n) / math.log1p(cap))


def signals(text: str, lang: str = "und") -> Signals:
    """Context numbers aligned with ``NAMES``; never any spans.

    >>> v = dict(zip(NAMES, signals("東京は晴れ。", "ja").values))
    >>> v["textstats_script_han"], round(v["textstats_script_kana"], 2), v["textstats_ends_with_terminator"]
    (0.6, 0.4, 1.0)
    """
    n = len(text)
    if n == 0:
        return Signals((0.0,) * len(NAMES), ())
    ascii_only = text.isascii()
    if ascii_only:  # str.count per character is much faster than a regex pass
        upper = sum(map(text.count, string.ascii_uppercase))
        letters = upper + sum(map(text.count, string.ascii_lowercase))
        digits = sum(map(text.count, string.digits))
        symbols = sum(map(text.count, _ASCII_SYMBOLS))
        punct = sum(map(text.count, _ASCII_PUNCT))
    else:
        letters = _run_len(_LETTERS_RE, text)
        digits = _run_len(_DIGITS_RE, text)
        punct = _run_len(_PUNCT_RE, text)
        symbols = _run_len(_SYMBOL_RE, text)
        upper = _run_len(_UPPER_RE, text)
    if ascii_only:
        counts = {g: 0 for g in SCRIPT_GROUPS}
        counts["latin"] = letters
    else:
        counts = {g: _run_len(rx, text) for g, rx in _SCRIPT_RE.items()}
        counts["other"] = max(0, letters - sum(counts.values()))
    shares = [counts[g] / letters if letters else 0.0 for g in SCRIPT_GROUPS]
    mixing = 1.0 - max(shares) if letters else 0.0

    tokens = text.split()
    spaces = n - sum(map(len, tokens))

    words = _WORD_RE.findall(text[: SAMPLE_WORDS * 12])[:SAMPLE_WORDS]
    n_words = len(tokens) if len(tokens) > len(words) else len(words)
    mean_len = sum(map(len, words)) / len(words) / WORD_LEN_CAP if words else 0.0
    lowered = [w.lower() for w in words]
    stop = _stopwords(lang)
    stop_share = sum(1 for w in lowered if w in stop) / len(words) if words and stop else 0.0
    title = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0

    lines = [ln.strip() for ln in text[: SAMPLE_WORDS * 20].split("\n")]
    lines = [ln for ln in lines if ln]
    rep_lines = (len(lines) - len(set(lines))) / len(lines) if len(lines) > 1 else 0.0
    grams = list(zip(lowered, lowered[1:], lowered[2:]))
    rep_grams = (len(grams) - len(set(grams))) / len(grams) if grams else 0.0

    first = _FIRST_LETTER_RE.search(text[:200])
    values = (
        _log_share(n, CHARS_CAP),
        _log_share(n_words, WORDS_CAP),
        _log_share(text.count("\n") + 1, LINES_CAP),
        *shares,
        mixing,
        letters / n,
        digits / n,
        punct / n,
        symbols / n,
        spaces / n,
        upper / letters if letters else 0.0,
        min(1.0, mean_len),
        stop_share,
        title,
        rep_lines,
        rep_grams,
        1.0 if (_TERMINATOR_EL_RE if lang == "el" else _TERMINATOR_RE).search(text[-20:]) else 0.0,
        1.0 if first is not None and first.group().isupper() else 0.0,
    )
    return Signals(tuple(min(1.0, max(0.0, float(v))) for v in values), ())
