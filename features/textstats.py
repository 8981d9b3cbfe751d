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
import operator
import re
import string

import regex

from features.data import table
from features.scripts import SENTENCE_END, ends_with_reference_marks
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
#: ``_WORD_RE`` on ASCII text (letters/digits are exactly A-Z a-z 0-9 there), with ``re``: faster.
_WORD_ASCII_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
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


def _delete_table(keep: str) -> bytes:
    """ASCII bytes not in ``keep``: ``len(b.translate(None, table))`` counts ``keep`` in ``b``."""
    return bytes(c for c in range(128) if chr(c) not in keep)


_DEL_UPPER = _delete_table(string.ascii_uppercase)
_DEL_LETTERS = _delete_table(string.ascii_letters)
_DEL_DIGITS = _delete_table(string.digits)
_DEL_SYMBOLS = _delete_table(_ASCII_SYMBOLS)
_DEL_PUNCT = _delete_table(_ASCII_PUNCT)
_NON_ASCII_RE = regex.compile(r"[^\x00-\x7f]+")
_FIRST = operator.itemgetter(0)


def _ascii_counts(raw: bytes) -> tuple[int, int, int, int, int]:
    """(letters, upper, digits, punct, symbols) of ASCII bytes, all in C."""
    return (
        len(raw.translate(None, _DEL_LETTERS)),
        len(raw.translate(None, _DEL_UPPER)),
        len(raw.translate(None, _DEL_DIGITS)),
        len(raw.translate(None, _DEL_PUNCT)),
        len(raw.translate(None, _DEL_SYMBOLS)),
    )


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
    # Every value below counts characters (run lengths), so the ASCII part is
    # counted with bytes.translate and only the non-ASCII rest goes through the
    # Unicode regexes. ASCII letters are Latin; ASCII punctuation splits into
    # P and S as in _ASCII_PUNCT / _ASCII_SYMBOLS.
    letters, upper, digits, punct, symbols = _ascii_counts(
        text.encode("ascii") if ascii_only else text.encode("ascii", "ignore"))
    counts = dict.fromkeys(SCRIPT_GROUPS, 0)
    counts["latin"] = letters
    if not ascii_only:
        rest = "".join(_NON_ASCII_RE.findall(text))
        rest_letters = _run_len(_LETTERS_RE, rest)
        letters += rest_letters
        digits += _run_len(_DIGITS_RE, rest)
        punct += _run_len(_PUNCT_RE, rest)
        symbols += _run_len(_SYMBOL_RE, rest)
        upper += _run_len(_UPPER_RE, rest)
        # Script classes are disjoint subsets of the letters: once they account
        # for every letter of ``rest`` the others are 0. Start with the script
        # of the first letter, which is usually the main one.
        first = _LETTERS_RE.search(rest)
        order = list(_SCRIPT_RE.items())
        if first is not None:
            ch = first.group()[0]
            order.sort(key=lambda item: item[1].match(ch) is None)
        found = 0
        for g, rx in order:
            if found >= rest_letters:
                break
            k = _run_len(rx, rest)
            counts[g] += k
            found += k
        counts["other"] = max(0, letters - sum(counts.values()))
    shares = [counts[g] / letters if letters else 0.0 for g in SCRIPT_GROUPS]
    mixing = 1.0 - max(shares) if letters else 0.0

    tokens = text.split()
    spaces = n - sum(map(len, tokens))

    words = (_WORD_ASCII_RE if ascii_only else _WORD_RE).findall(text[: SAMPLE_WORDS * 12])[:SAMPLE_WORDS]
    n_words = len(tokens) if len(tokens) > len(words) else len(words)
    mean_len = sum(map(len, words)) / len(words) / WORD_LEN_CAP if words else 0.0
    lowered = list(map(str.lower, words))
    stop = _stopwords(lang)
    stop_share = sum(map(stop.__contains__, lowered)) / len(words) if words and stop else 0.0
    # words are non-empty: w[:1].isupper() is w[0].isupper()
    title = sum(map(str.isupper, map(_FIRST, words))) / len(words) if words else 0.0

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
        1.0 if _ends_sentence(text, lang) else 0.0,
        1.0 if first is not None and first.group().isupper() else 0.0,
    )
    # every value is a float already: clip to [0, 1] as min(1.0, max(0.0, v)) would
    return Signals(tuple([v if 0.0 <= v <= 1.0 else (1.0 if v > 1.0 else 0.0) for v in values]), ())


def _ends_sentence(text: str, lang: str) -> bool:
    """Whether the text ends like a sentence: a stop, then closing quotes or brackets,
    or reference marks after the stop.

    >>> _ends_sentence("It was used for the film trilogy.[336]", "en"), _ends_sentence("Contents", "en")
    (True, False)
    >>> _ends_sentence("Τι ώρα είναι;", "el"), _ends_sentence("<![endif]", "en")
    (True, False)
    """
    if (_TERMINATOR_EL_RE if lang == "el" else _TERMINATOR_RE).search(text[-20:]):
        return True
    return ends_with_reference_marks(text)
