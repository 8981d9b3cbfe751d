"""Truncation: a paragraph that starts or ends in the middle of a sentence.

Scrapers cut text at byte limits, lose the first or last node of a block, or
keep a teaser that stops with ``…`` or "Read more". The END of a paragraph is
read from its last line (at most the last ``TAIL`` characters), the START from
its first ``HEAD`` characters, so the cost does not grow with the paragraph.

Rules (one named group each in ``_END_RE`` / ``_START_RE``, or a check below):

==========================  =====================================================
rule                        fires when
==========================  =====================================================
end_replacement_char        the text ends with U+FFFD: a byte cap split a character
end_bracketed_ellipsis      ends with an editorial cut mark ``[…]``, ``(...)``
end_read_more               ends with "Read more", "Lire la suite", "阅读全文" …
                            after at least a few words of teaser
end_ellipsis                ends with ``...``/``…`` right after a comma, a number
                            or a word that cannot end a sentence (``by 6...``)
end_comma                   ends with ``,`` ``，`` ``、`` ``،`` (sentence-like text)
end_hyphen                  ends with a hyphen glued to a word (``inter-``)
end_dangling_word           prose of 8+ words, no terminator, last word is an
                            article / preposition / conjunction / auxiliary
end_open_string             code-like text ends inside an opened JSON string
end_open_bracket            ends with an unclosed bracket or quotation mark
end_unterminated_prose      CJK text of several sentences whose last sentence (12+
                            characters) stops on a character with no 。！？ (in
                            spaced scripts informal writing often drops the final
                            period, so there it is only a number)
end_round_length            no terminator and the UTF-8 size is a round limit ±1
end_at_limit                the size is just under a round limit of 1,000 or more
                            (chars or UTF-8 bytes, see ``near_limit``) and the
                            text stops mid-sentence (a lowercase letter, a comma)
                            or is code that does not end a sentence: a chunk cut
                            at a size limit
start_punct                 starts with a comma or semicolon (``,`` ``，`` ``、`` ``،``
                            ``;`` ``；`` ``؛``): it lost its start
start_period                starts with ``. x``: the stop of a sentence it lost (``. The
                            Inquisitr. Retrieved 2016-10-26.``, a reference split at a link)
start_continuation          starts with a lowercase conjunction/relative word
==========================  =====================================================

Headings, list items, captions and table cells lack a final period: the
numbers describe the shape of the ending (terminator, letter, comma, dangling
word, title case, sentence count) and leave the decision to the model; spans
are emitted only for the confident cases above.

>>> sig = signals("The study ran for ten years. It found that the results of the", "en")
>>> [s.rule for s in sig.spans]
['end_dangling_word']
>>> signals("Results and discussion", "en").spans
()
>>> [s.rule for s in signals(", we would not rule it out.", "en").spans]
['start_punct']
"""

from __future__ import annotations

import functools
import math
import operator
from typing import Mapping

import regex

from features.data import table
from features.punctuation import is_abbreviation
from features.scripts import CLOSERS, SENTENCE_END, ends_with_reference_marks
from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "RULES",
    "ROUND_LIMITS",
    "signals",
    "end_spans",
    "start_spans",
    "count",
    "is_truncated",
    "runs_on",
]

LABEL = "truncated"

#: How many characters of the last line the end rules look at.
TAIL = 400
#: How many characters of the first line the start rules look at.
HEAD = 200

#: Byte or character caps that scrapers and databases cut at (±1 is matched).
ROUND_LIMITS = frozenset(
    {255, 256, 500, 512, 1000, 1024, 2000, 2048, 4096, 5000, 8192, 10000, 16384, 32768,
     65535, 65536}
)

RULES: tuple[str, ...] = (
    "end_replacement_char",
    "end_bracketed_ellipsis",
    "end_read_more",
    "end_ellipsis",
    "end_comma",
    "end_hyphen",
    "end_dangling_word",
    "end_open_string",
    "end_open_bracket",
    "end_unterminated_prose",
    "end_round_length",
    "end_at_limit",
    "start_punct",
    "start_period",
    "start_continuation",
)

NAMES: tuple[str, ...] = (
    "truncation_no_terminator",
    "truncation_ends_letter",
    "truncation_ends_lowercase",
    "truncation_ends_digit",
    "truncation_ends_closer",
    "truncation_ends_comma",
    "truncation_ends_hyphen",
    "truncation_ends_dangling_word",
    "truncation_ends_ellipsis",
    "truncation_ends_read_more",
    "truncation_ends_open_bracket",
    "truncation_ends_open_string",
    "truncation_ends_url",
    "truncation_ends_replacement",
    "truncation_starts_lowercase",
    "truncation_starts_continuation",
    "truncation_starts_punct",
    "truncation_round_length",
    "truncation_near_limit",
    "truncation_sentences_log",
    "truncation_last_sentence_words_log",
    "truncation_tail_title_share",
    "truncation_multiline",
    "truncation_rule_count",
)

_TERMINATORS = "".join(sorted(SENTENCE_END | set(";:")))
_CLOSERS = "".join(sorted(CLOSERS | set("“‘")))
_CLOSERS_CLASS = regex.escape(_CLOSERS, special_only=False)
_TERM_CLASS = regex.escape(_TERMINATORS, special_only=False)

#: "Read more" in the languages a scraper meets; matched at the very end.
READ_MORE = (
    "read more", "read the full story", "read full article", "continue reading", "more»",
    "lire la suite", "lire plus", "weiterlesen", "mehr lesen", "leer más", "seguir leyendo",
    "leia mais", "continuar lendo", "continua a leggere", "leggi tutto", "lees verder",
    "lees meer", "czytaj dalej", "czytaj więcej", "číst dále", "читать далее",
    "читать полностью", "прочетете още", "прочети още", "читати далі", "devamını oku",
    "اقرأ المزيد", "阅读全文", "閱讀全文", "查看全文", "阅读更多", "続きを読む", "더보기",
)

_READ_MORE_ALT = "|".join(
    regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(READ_MORE, key=len, reverse=True)
)

#: End rules, tried on the tail of the last line. One alternative per ending.
_END_RE = regex.compile(
    rf"""
    (?P<replacement>\uFFFD+)\s*\Z                         # a byte cap split a multi-byte character
  | (?P<bracketed_ellipsis>[\[(]\s?(?:\.{{3}}|…)\s?[\])])\s*\Z   # editorial cut mark [...] (…)
  | (?<=\S\s?)(?P<read_more>(?i:{_READ_MORE_ALT}))\s*(?:[»›→>.…]{{1,3}}\s*)?\Z   # teaser link
  | (?P<ellipsis>(?:\.\s?){{2}}\.|…)\s*\Z                  # ends on an ellipsis
  | (?P<comma>[,，、،])\s*\Z                               # ends on a comma
  | (?<=\p{{L}})(?P<hyphen>[-‐])\s*\Z                      # ends on a hyphen glued to a word
  | (?P<terminator>[{_TERM_CLASS}][{_CLOSERS_CLASS}]*)\s*\Z   # a proper sentence end
  | (?P<closer>[{_CLOSERS_CLASS}])\s*\Z                    # a closing quote/bracket, no period
  | (?P<digit>\d)\s*\Z                                     # a number
  | (?P<letter>\p{{L}}\p{{M}}*)\s*\Z                        # a letter: the interesting case
    """,
    regex.VERBOSE | regex.REVERSE,  # matched from the end: cost does not depend on the tail
)

#: Start rules, tried on the head of the first line.
_START_RE = regex.compile(
    r"""
    \A\s*(?P<punct>[,，、،;；؛](?=\s?\p{L})    # ", we would not ...", "、蓝色的": lost its start
      | \.(?=\s+\p{L})                         # ". The Inquisitr. Retrieved ..."
      | [)\]](?=\s+\p{Ll}))                    # ") and then ..."
  | \A\s*(?P<first>\p{Ll}[\p{Ll}\p{M}'’]*)(?P<after>\s+\S*)?   # first word, lowercase
    """,
    regex.VERBOSE,
)

#: Sentence ends inside a text: terminator, optional closers, then space (or a CJK mark).
_SENT_RE = regex.compile(
    rf"[.!?…؟।][{_CLOSERS_CLASS}]*(?=\s+[\p{{Lu}}\p{{Lo}}\d„“\"«])|[。！？][{_CLOSERS_CLASS}]*(?=.)"
)
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*")
_CODE_RE = regex.compile(
    r"\"\s*:\s*[\"\[{\dtfn-]|\"\s*,\s*[\"\[{]|[\[{]\s*\"|[{;]\s*[\w-]+\s*:\s*[\w#\"'-]")
_LAST_WORD_RE = regex.compile(r"([\p{L}\p{M}'’]+)[^\p{L}\p{M}\p{N}]*\Z", regex.REVERSE)
_SPACELESS_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_EMOTICON_RE = regex.compile(r"[:;=8][-^o']?[()\[\]DPp3]|[()\[\]][-^']?[:;=]")
_URLISH_RE = regex.compile(r"\A(?:https?:|www\.)|[/@#]|\.[a-z]{2,4}\Z")
_LOWER_START_RE = regex.compile(r"[.!?]\s+\p{Ll}")
_SCRIPT_NAMES = ("Latin", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul", "Arabic",
                 "Hebrew", "Devanagari")
_SCRIPT_RE = regex.compile("|".join(r"(\p{Script=%s}+)" % name for name in _SCRIPT_NAMES))
_FIRST = operator.itemgetter(0)
_NON_ASCII_RE = regex.compile(r"[^\x00-\x7f]+")
_DEL_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_BICAMERAL = frozenset({"Latin", "Cyrillic", "Greek"})

#: Script of each language we hold word lists for; used when ``lang`` disagrees
#: with the text (language ID is unreliable on short text).
_LANG_SCRIPT: Mapping[str, str] = {
    "en": "Latin", "fr": "Latin", "de": "Latin", "es": "Latin", "pt": "Latin", "it": "Latin",
    "nl": "Latin", "pl": "Latin", "cs": "Latin", "tr": "Latin", "fi": "Latin", "hr": "Latin",
    "ru": "Cyrillic", "bg": "Cyrillic", "uk": "Cyrillic", "el": "Greek", "ar": "Arabic",
    "he": "Hebrew", "hi": "Devanagari", "ja": "Han", "zh": "Han", "ko": "Hangul",
}
#: Word lists to use when the language is unknown, per script.
_SCRIPT_LANGS: Mapping[str, tuple[str, ...]] = {
    "Latin": ("en",), "Cyrillic": ("ru", "bg", "uk"), "Greek": ("el",), "Arabic": ("ar",),
    "Hebrew": ("he",), "Devanagari": ("hi",), "Han": ("zh",), "Hiragana": ("ja",),
    "Katakana": ("ja",), "Hangul": ("ko",),
}
_BRACKETS = {"(": ")", "[": "]", "{": "}", "«": "»", "„": "“”", "“": "”", "「": "」",
             "『": "』", "（": "）", "【": "】", "《": "》", "‹": "›"}
_CLOSE_ALL = frozenset("".join(_BRACKETS.values()))
_OPENER_RE = regex.compile("[" + regex.escape("".join(_BRACKETS), special_only=False) + "]")
_BRACKET_RE = regex.compile(
    "[" + regex.escape("".join(sorted(set(_BRACKETS) | _CLOSE_ALL)), special_only=False) + "]")


@functools.cache
def _words_for(lang: str, script: str, kind: str) -> frozenset[str]:
    """Closed-class words of ``kind`` for the language, falling back on the script."""
    words = table("function_words")
    if lang in words and _LANG_SCRIPT.get(lang) in (script, None) or (
        lang == "ja" and script in ("Hiragana", "Katakana", "Han")
    ):
        return frozenset(words[lang][kind])
    out: set[str] = set()
    for code in _SCRIPT_LANGS.get(script, ()):
        out.update(words[code][kind])
    return frozenset(out)


@functools.lru_cache(maxsize=256)
def _as_tuple(words: frozenset[str]) -> tuple[str, ...]:
    """``words`` as a tuple, for ``str.endswith`` (cached per word set)."""
    return tuple(words)


def _script(sample: str) -> str:
    """Script with most letters in a short sample (``Common`` when none)."""
    if sample.isascii():
        return "Latin" if any(c.isalpha() for c in sample) else "Common"
    counts = [0] * (len(_SCRIPT_NAMES) + 1)
    # Only letters count, by character: ASCII letters are Latin (counted in C),
    # the rest is scanned with its runs glued together (fewer, longer runs).
    counts[1] = len(sample.encode("ascii", "ignore").translate(None, _DEL_NON_LETTERS))
    for m in _SCRIPT_RE.finditer("".join(_NON_ASCII_RE.findall(sample))):
        counts[m.lastindex] += m.end() - m.start()
    best = max(range(1, len(counts)), key=counts.__getitem__)
    return _SCRIPT_NAMES[best - 1] if counts[best] else "Common"


def _unclosed(tail: str) -> int:
    """Index in ``tail`` of the innermost bracket or quote still open at the end, or -1."""
    if _OPENER_RE.search(tail) is None:  # nothing is ever pushed
        return -1
    tail = _EMOTICON_RE.sub(lambda m: " " * len(m.group()), tail)
    stack: list[int] = []
    # only openers and closers change the stack: visit just those
    for m in _BRACKET_RE.finditer(tail):
        i = m.start()
        ch = tail[i]
        if stack and ch in _BRACKETS[tail[stack[-1]]]:
            stack.pop()
        elif ch in _BRACKETS and not (ch == "“" and stack and tail[stack[-1]] == "„") and (
            ch != "(" or (tail[i + 1 : i + 2] not in ("", " ", "(") and tail[i - 1 : i] != "(")
        ):
            stack.append(i)
        elif ch in _CLOSE_ALL and stack:
            # a closer that does not match: drop openers until one matches (lenient)
            while stack and ch not in _BRACKETS[tail[stack[-1]]]:
                stack.pop()
            if stack:
                stack.pop()
    return stack[-1] if stack else -1


def _open_string(tail: str) -> int:
    """Index of an opening ``"`` of a JSON string that never closes, or -1."""
    q = tail.rfind('"')
    if q < 0 or "\n" in tail[q:]:
        return -1
    before = tail[:q].rstrip()
    if before and before[-1] in ":,[{(=":
        return q
    return -1


_ROUND_MAX = max(ROUND_LIMITS)


def _sizes(text: str) -> tuple[int, int]:
    """``(characters, UTF-8 bytes)``; the byte count is only measured when some
    round limit could still match (it is at least the character count)."""
    m = len(text)
    if m > _ROUND_MAX + 1 or text.isascii():
        return m, m
    return m, len(text.encode("utf-8", "surrogatepass"))


def near_limit(text: str, window: float = 0.08, smallest: int = 1000, sizes: tuple[int, int] | None = None) -> float:
    """How close the text's size is to a round limit (``smallest`` or more) it
    stays under: 1.0 at the limit, falling to 0 at ``window`` below it (chars or
    UTF-8 bytes). Chunkers that cut at a size limit, then back off to a space,
    land here; below 1,000 the windows are narrow and short texts fall in by chance.
    ``sizes``: ``_sizes(text)`` when the caller has it already.

    >>> near_limit("x" * 2000), near_limit("x" * 1960), near_limit("x" * 1700)
    (1.0, 0.75, 0.0)
    """
    m = len(text)
    if m > _ROUND_MAX + 1 or 4 * m < smallest * (1 - window):  # UTF-8 has at most 4 bytes a character
        return 0.0
    best = 0.0
    for n in set(sizes or _sizes(text)):
        for limit in ROUND_LIMITS:
            if limit >= smallest and limit * (1 - window) <= n <= limit + 1:
                best = max(best, 1.0 - max(0, limit - n) / (window * limit))
    return round(best, 4)


def _round(text: str, sizes: tuple[int, int] | None = None) -> bool:
    m, n = sizes or _sizes(text)
    if m > _ROUND_MAX + 1:  # the UTF-8 size is at least m: no limit can match
        return False
    return n >= 200 and not ROUND_LIMITS.isdisjoint((n - 1, n, n + 1, m - 1, m, m + 1))


class _Shape:
    """Everything the rules need, measured once."""

    __slots__ = ("values", "spans")

    def __init__(self, text: str, lang: str) -> None:
        n = len(text)
        stripped_end = len(text.rstrip())
        last_nl = text.rfind("\n", 0, stripped_end)
        line_start = max(last_nl + 1, stripped_end - TAIL)
        tail = text[line_start:stripped_end]
        first_line_end = text.find("\n", 0, HEAD)
        head = text[: first_line_end if first_line_end >= 0 else HEAD]
        script = _script(tail[-50:] + " " + head[:30])
        spaceless = bool(_SPACELESS_RE.search(tail[-40:])) and script in (
            "Han", "Hiragana", "Katakana")
        spans: list[Span] = []

        def add(start: int, end: int, rule: str) -> None:
            spans.append(Span(start, end, LABEL, rule))

        words = tail.split()
        # split() words are non-empty: w[:1].isupper() is w[0].isupper()
        title = sum(map(str.isupper, map(_FIRST, words))) / len(words) if words else 0.0
        sent_ends = _SENT_RE.findall(text) if n < 200_000 else _SENT_RE.findall(text[-200_000:])
        n_sent = len(sent_ends)
        last_sent = tail
        m_last = None
        for m_last in _SENT_RE.finditer(tail):
            pass
        if m_last is not None:
            last_sent = tail[m_last.end():]
        last_sent_words = len(last_sent.split()) if not spaceless else len(last_sent) // 2
        total_words = len(text.split()) if n < 100_000 else 10_000
        if spaceless:
            total_words = max(total_words, len(_SPACELESS_RE.findall(tail)) // 2)

        m = _END_RE.search(tail)
        kind = m.lastgroup if m else "other"
        start_of = (line_start + m.start(kind)) if m else stripped_end
        if kind in ("letter", "digit", "other") and words and _URLISH_RE.search(words[-1]):
            kind = "url"
        elif kind == "closer" and ends_with_reference_marks(tail):
            kind = "reference"  # a sentence end, then marks: .[12], . [MP3 SP]
        terminated = kind in ("terminator", "reference", "bracketed_ellipsis", "ellipsis", "read_more")
        last_word_m = _LAST_WORD_RE.search(tail[-60:])
        last_word = last_word_m.group(1) if last_word_m else ""
        dangling = _words_for(lang, script, "dangling")
        ends_dangling = False
        if spaceless:
            core = tail.rstrip(".…，,、 ")
            ends_dangling = core.endswith(_as_tuple(dangling)) and kind != "terminator"
        elif last_word and last_word == last_word.lower() and last_word.lower() in dangling:
            ends_dangling = kind in ("letter", "ellipsis")
        sentence_like = total_words >= 3 or (spaceless and len(tail) >= 6)

        # -- end spans ------------------------------------------------------------
        end = stripped_end
        if kind == "replacement":
            add(start_of, end, "end_replacement_char")
        elif kind == "bracketed_ellipsis":
            add(start_of, end, "end_bracketed_ellipsis")
        elif kind == "read_more" and m is not None and m.start(kind) >= 15:
            add(start_of, end, "end_read_more")
        elif kind == "ellipsis":
            before = tail[: m.start(kind)].rstrip() if m else ""
            if before and (before[-1] in ",，、" or before[-1].isdigit() or ends_dangling):
                add(line_start + before.rfind(" ") + 1, end, "end_ellipsis")
        elif kind == "comma" and (
            (last_sent_words >= 6 and last_word[:1].islower()) or (spaceless and len(last_sent) >= 8)
        ):
            add(start_of, end, "end_comma")
        elif kind == "hyphen" and total_words >= 3:
            add(max(line_start, start_of - len(last_word)), end, "end_hyphen")

        lower_letter = kind == "letter" and tail[-1:].islower()
        if kind == "letter" and ends_dangling and title < 0.5:
            if (not spaceless and total_words >= 8) or (
                spaceless and len(tail) >= 25 and regex.search(r"[，、,。]", tail)
            ):
                add(end - len(last_word) if not spaceless else end - 1, end, "end_dangling_word")

        code_like = bool(_CODE_RE.search(tail))
        open_string = _open_string(tail) if code_like and not terminated else -1
        if open_string >= 0:
            add(line_start + open_string, end, "end_open_string")
        unclosed = -1 if terminated or kind == "closer" else _unclosed(tail)
        after_opener = len(tail[unclosed + 1:].strip()) if unclosed >= 0 else 0
        if unclosed >= 0 and open_string < 0 and (
            code_like
            or (total_words >= 6 and after_opener >= 4 and not _SENT_RE.search(tail, unclosed))
        ):  # "（笑" / "(^^♪" (a net idiom, a kaomoji) leave 1-3 characters after the opener
            add(line_start + unclosed, end, "end_open_bracket")

        if (
            spaceless and kind == "letter" and n_sent >= 1 and len(last_sent) >= 12
            and script in ("Han", "Hiragana", "Katakana")
        ):
            add(line_start + len(tail) - len(last_sent), end, "end_unterminated_prose")

        sizes = _sizes(text)
        is_round = _round(text, sizes)
        round_cut = is_round and (lower_letter or kind == "hyphen") and total_words >= 3
        if round_cut:
            add(max(0, end - 1), end, "end_round_length")

        near = near_limit(text, sizes=sizes)
        if near >= 0.5 and not round_cut and (code_like or lower_letter or kind in ("comma", "hyphen")):
            last = tail.rstrip().rstrip(_CLOSERS)
            if last and last[-1] not in SENTENCE_END:
                add(max(0, end - 1), end, "end_at_limit")

        # -- start spans ----------------------------------------------------------
        sm = _START_RE.search(head)
        starts_lower = starts_cont = starts_punct = 0.0
        if sm is not None and sm.group("punct"):
            starts_punct = 1.0
            rule = "start_period" if sm.group("punct") == "." else "start_punct"
            add(sm.start("punct"), sm.end("punct"), rule)
        elif sm is not None and sm.group("first"):
            first = sm.group("first")
            first_script = _script(first)
            if first_script in _BICAMERAL:
                starts_lower = 1.0
                after = (sm.group("after") or "").strip()
                cont = _words_for(lang, first_script, "continuation")
                name_particle = after[:1].isupper()
                if first in cont and not name_particle:
                    starts_cont = 1.0
                    capitalises = any(c.isupper() for c in text[:2000]) and not _LOWER_START_RE.search(
                        text[:2000])
                    if total_words >= 5 and capitalises and n_sent >= 1:
                        add(sm.start("first"), sm.end("first"), "start_continuation")

        self.spans = spans
        self.values = (
            0.0 if terminated else 1.0,
            1.0 if kind == "letter" else 0.0,
            1.0 if lower_letter else 0.0,
            1.0 if kind == "digit" else 0.0,
            1.0 if kind == "closer" else 0.0,
            1.0 if kind == "comma" else 0.0,
            1.0 if kind == "hyphen" else 0.0,
            1.0 if ends_dangling else 0.0,
            1.0 if kind in ("ellipsis", "bracketed_ellipsis") else 0.0,
            1.0 if kind == "read_more" else 0.0,
            1.0 if unclosed >= 0 else 0.0,
            1.0 if open_string >= 0 else 0.0,
            1.0 if kind == "url" else 0.0,
            1.0 if kind == "replacement" else 0.0,
            starts_lower,
            starts_cont,
            starts_punct,
            1.0 if is_round else 0.0,
            near,
            min(1.0, math.log1p(n_sent) / math.log(50)),
            min(1.0, math.log1p(last_sent_words) / math.log(100)),
            title,
            1.0 if last_nl >= 0 else 0.0,
            min(1.0, len({s.rule for s in spans}) / 4),
        )


def signals(text: str, lang: str = "und") -> Signals:
    """Numbers (aligned with ``NAMES``) and evidence spans for truncation.

    >>> signals("Сделката беше подписана в сряда и", "bg").values[0]
    1.0
    """
    shape = _Shape(text, lang)
    return Signals(shape.values, clip_spans(shape.spans, len(text)))


def end_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Spans of the ``end_*`` rules only.

    >>> [s.rule for s in end_spans("A much longer teaser about the match, read on [...]")]
    ['end_bracketed_ellipsis']
    """
    return tuple(s for s in signals(text, lang).spans if s.rule.startswith("end_"))


def start_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Spans of the ``start_*`` rules only.

    >>> [s.rule for s in start_spans("; and so the meeting ended without a deal.")]
    ['start_punct']
    """
    return tuple(s for s in signals(text, lang).spans if s.rule.startswith("start_"))


def count(text: str, lang: str = "und") -> int:
    """How many truncation rules fired (count view).

    >>> count("This is complete.")
    0
    """
    return len({s.rule for s in signals(text, lang).spans})


def is_truncated(text: str, lang: str = "und") -> bool:
    """Yes/no view: did any confident rule fire?

    >>> is_truncated("We looked at the data for any pair of", "en")
    True
    """
    return bool(signals(text, lang).spans)


#: ``runs_on``: the words a paragraph must have to end on a function word, and to end
#: as prose (a lowercase last word, or a capitalised one after a lowercase word).
RUNS_ON_STOP_WORDS, RUNS_ON_PROSE_WORDS = 4, 8
_RUNS_ON_END_RE = regex.compile(r"[\p{L}\p{M}]\s*\Z")
_RUNS_ON_INFORMAL_RE = regex.compile(r"\A[^\p{L}]*\p{Ll}")
_LOWER_AFTER_STOP_RE = regex.compile(r"([\p{L}\p{N}]*)[.!?]\s*\p{Ll}")


def _lower_after_stop(text: str, lang: str = "und") -> bool:
    """Does a sentence in ``text`` start lowercase (``pls help .thank you``)? A
    period after a number (an ordinal date: ``na skupu 2004. potakao``, ``am 3.
    Mai``) or after an abbreviation (``npr. i``, ``e.g. the``) ends no sentence.

    >>> _lower_after_stop("ok. then it rained"), _lower_after_stop("na skupu 2004. potakao je", "hr")
    (True, False)
    """
    for m in _LOWER_AFTER_STOP_RE.finditer(text):
        word = m.group(1)
        if text[m.end(1)] == "." and word and (word[-1].isdigit() or is_abbreviation(word, lang)):
            continue
        return True
    return False


def runs_on(text: str, lang: str = "und") -> str:
    """How ``text`` stops mid-sentence, so that a next paragraph starting lowercase
    continues it: ``"function_word"`` when it ends on a lowercase word (no stop, comma
    or colon) that is a frequent function word of the language (``function_words.json``
    "stop"), in a text of ``RUNS_ON_STOP_WORDS``+ words; ``"prose"`` when a text of
    ``RUNS_ON_PROSE_WORDS``+ words ends on another lowercase word, or on a capitalised
    one right after a lowercase word (a name, a German noun: ``... aber die Böden``;
    a Title Case heading has no lowercase word before its last); else ``""``. The
    caller checks the next paragraph: alone, such an ending is as often informal
    writing without stops (and after ``"prose"``, a forum post that ends without a
    stop is followed by a reply that starts lowercase: the caller wants the next
    paragraph to end the sentence). Text that starts lowercase, or starts a sentence
    lowercase (``pls help .thank you``), is informal: ``""``.

    >>> runs_on("Uber and its supporters don't seem to understand that", "en")
    'function_word'
    >>> runs_on("The report was long. Most readers stopped at the summary table", "en")
    'prose'
    >>> runs_on("Im Jahr 2016 wuchs der Ertrag, aber die Böden", "de")
    'prose'
    >>> runs_on("Results and discussion", "en"), runs_on("It ends here.", "en")
    ('', '')
    >>> runs_on("Why Every Small Town Should Keep Its Public Library Open", "en")
    ''
    >>> runs_on("ok so we went there. then it rained and we sat in the", "en")
    ''
    """
    tail = text[-TAIL:]
    if not _RUNS_ON_END_RE.search(tail) or _RUNS_ON_INFORMAL_RE.search(text[:TAIL]) or _lower_after_stop(tail, lang):
        return ""  # (a writer who starts sentences lowercase drops stops too)
    m = _LAST_WORD_RE.search(tail)
    if m is None:
        return ""
    words = tail.split()
    if not m.group(1)[:1].islower():
        # a capitalised last word continues a sentence only right after a lowercase word
        return "prose" if len(words) >= RUNS_ON_PROSE_WORDS and words[-2][:1].islower() else ""
    if len(words) >= RUNS_ON_STOP_WORDS:
        stop = _words_for(lang, _script(tail[-200:]), "stop")
        if m.group(1).casefold().strip("'’") in stop:
            return "function_word"
    return "prose" if len(words) >= RUNS_ON_PROSE_WORDS else ""
