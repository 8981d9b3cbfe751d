"""Spacing defects: whitespace wrong next to punctuation or inside a word.

One verbose regex holds every rule; each alternative is a named group, and the
count, yes/no and span views all come from its matches. A short Python check
per match (never per character) applies the language rules that a regex cannot
express compactly: French typography, abbreviations, domains, brand names.

==================  =====================================================  ==========================
rule                what it matches                                        not a defect
==================  =====================================================  ==========================
before_comma        a space before a comma between two words (``ръцете ,``)  (as before_punct)
before_period       a space between a word and its sentence's period         (as before_punct)
                    (``devices .``)
before_punct        space before the other marks: ``, . ; : ! ? ) ] }``      French ``; : ! ? »``, ``...``,
                    and CJK/Arabic marks (``14 ,``, ``( 14 )``); a line     ``.com``, ``.5``, ``:)``, Hindi ``।``,
                    break before ``, . ; : ! ?`` counts as such a space     a line break before ``)`` (code)
                    (``right now\n, and``, ``more\n. The``); such a line
                    break gives its span the rule ``newline_punct`` (counted
                    as the space it stands for); after words set off by a
                    double space (``a  median .``: a link) the rule is
                    ``link_gap`` (counted as the space it stands for);
                    a space before ``; : ! ? »`` outside French text gets
                    ``spaced_mark``: counted, but weak evidence alone
after_open          space after ``( [ {`` before a word (``( 14``)          ``( )`` (a splice, not spacing)
                    or a line break on each side of one short line in     code's ``fetch\n(\n"/a"\n)``
                    brackets (``Request (\nRequest.headers\n)``, span
                    rule ``newline_bracket``, counted as after_open);
                    also a bracketed phrase whose ``)`` starts a line
                    (``(in\nMay\nand\nJune\n) we``), the ``(`` on a word
missing_after       no space after ``. , ; ! ?`` between a lowercase        ``U.S.``, ``e.g.``, ``3.5``,
                    and a capitalised word (``it.So``, ``cards,”Kaplan``)   ``abcnews.com``, ``Node.js``, ``ASP.NET``
broken_word         a lone capital split from its word (``H ong Kong``),    ``В городе``, ``Plan B is``, ``I am``
                    or a drop cap opening the paragraph (``W\nhatever``,
                    and ``T he``, ``I n contrast`` when capital and
                    fragment make a common short word)
multi_space         3+ spaces between words, or 2+ runs of 2 in a line       two spaces after a sentence end
quote_space         a closing quote after a space before punctuation        French ``« … »``, straight
                    (``„агресия“ ”,``) or an opening quote before a space  ``"`` (direction unknown),
                                                                           ``More »`` (an arrow)
split_clitic        a clitic split off (``do n't``, ``l' homme``), or   Italian ``po' di``
                    put on a line of its own (``Yahoo\n’s``, span
                    rule ``newline_clitic``)
cjk_space           a space between two CJK characters (``オープニングア     names in Japanese: so its span
                    クト``, ``社会 制度``: inline nodes or tokens joined   is no defect found, only the
                    with a space)                                          place to show when the model
                                                                           flags spacing on the number
==================  =====================================================  ==========================

``count_spacing``, ``has_spacing`` and the ``spacing_any`` number count the defects
found, not ``cjk_space``.

>>> [s.rule for s in signals("Kim shook hands , then left .", "en").spans]
['before_comma', 'before_period']
>>> signals("Il a dit : « bonjour » ; puis il est parti !", "fr").spans
()
>>> signals("Visit abcnews.com or read report.pdf, e.g. today; U.S. data 3.5 v1.2.3.", "en").spans
()
>>> [s.rule for s in signals("We fix it.So, if it breaks", "en").spans]
['missing_after']
"""

from __future__ import annotations

import math

import regex

from features.punctuation import COMMON_SHORT_WORDS, is_one_letter_word
from features.scripts import is_french_spacing
from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "RULES",
    "SPAN_RULES",
    "SPACING_RE",
    "signals",
    "spacing_spans",
    "count_spacing",
    "has_spacing",
]

LABEL = "spacing"

#: Rules that produce evidence spans, in the order of their count features.
RULES: tuple[str, ...] = (
    "before_comma",
    "before_period",
    "before_punct",
    "after_open",
    "missing_after",
    "broken_word",
    "multi_space",
    "quote_space",
    "split_clitic",
)

#: Every rule a span may name: ``RULES``, ``newline_punct``, a line break before
#: a mark (``now\n, and``: inline nodes joined with a newline), and
#: ``newline_bracket``, line breaks inside brackets around one short line
#: (``Request (\nRequest.headers\n)``) or before the ``)`` of a bracketed phrase,
#: ``newline_clitic``, a clitic on a line of its own (``Yahoo\n’s``), and ``link_gap``,
#: a space before a mark after words set off by a double space (``a  median .``). Each is
#: counted in the feature of the space it stands for (before_comma, before_period,
#: before_punct, after_open or split_clitic) and named apart because writers do not
#: type it: its evidence can be trusted alone.
#: ``cjk_space`` marks a space between CJK characters: a place, not a defect found.
#: ``spaced_mark`` is the other way round: a space before ``; : ! ? »`` outside French
#: text (``드라마 버젼 !``, ``veszély ? tették``, ``Sugar가수 : 수민``), counted as
#: before_punct, but many writers type it, so alone it supports no spacing flag
#: (``qa.model.decisions.WEAK_KEYS``).
SPAN_RULES: tuple[str, ...] = RULES + (
    "newline_punct", "newline_bracket", "newline_clitic", "link_gap", "cjk_space", "spaced_mark")
#: The marks after which a space is ``spaced_mark`` rather than ``before_punct``.
_SPACED_MARKS = frozenset(";:!?»")

NAMES: tuple[str, ...] = tuple(f"spacing_{r}" for r in RULES) + (
    "spacing_before_punct_share",
    "spacing_raw_before_share",
    "spacing_french_style",
    "spacing_cjk_space_share",
    "spacing_any",
)

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"

SPACING_RE = regex.compile(
    r"""
    # Alternatives start with a character class and check what comes before
    # with a lookbehind placed AFTER it; the rules that start at a space share
    # one prefix. The engine thus rejects most positions at the first character.
    (?:
        [ \t\u00a0\u202f]
        (?<=[\p{L}\p{N}\p{M}”’"»“,;].)              # a space after a word, closer or comma
        (?:
            # before_punct: space between a word (or closer) and a mark that
            # attaches to its left; the mark must not start a token (.com, .5)
            (?P<before_punct>
                (?<=[\p{L}\p{N}\p{M}”’"»].)        # not after ) : emoticons ;) )
                [ \t\u00a0\u202f]*
                (?:
                    [,;:!?)\]}，。！？；：、」』）】،؛؟]  # marks that never begin a token
                    | \.(?![.\p{L}\p{N}])(?!\ \.)     # a period, not an ellipsis or .com
                )
            )
            # multi_space: two or more spaces between words, not after a sentence end
            | (?P<multi_space>
                (?<=[\p{L}\p{N},;].)
                [ \u00a0]+
                (?=[\p{L}\p{N}])
            )
            # quote_close: space, then a closing quote, then punctuation or the end
            | (?P<quote_close>
                [ \t\u00a0\u202f]*
                [”“»]                                 # not the ambiguous straight quote
                (?=[,.;:!?)]|\s*$)
            )
            # split_clitic: a clitic split from its host word (do n't, it 's)
            | (?P<split_clitic>
                (?<=\p{L}\ )
                (?:n['’]t|['’](?:s|re|ve|ll|d|m))(?![\p{L}\p{N}'’])
            )
            # cjk_space (number only): a space between two CJK characters
            | (?P<cjk_space>
                (?<=[""" + _CJK + r"""]\ )(?=[""" + _CJK + r"""])
            )
            # cjk_dot: a stray space before a Japanese middle dot (誕生花 ・有名人)
            | (?P<cjk_dot>
                (?<=[""" + _CJK + r"""]\ )・(?=[""" + _CJK + r"""])
            )
        )
    )
    # Rules that start at a line break after a word (one shared prefix):
    | \n
      (?<=[\p{L}\p{N}\p{M}”’"»][ \t\u00a0\u202f]{0,8}\n)
      (?:
        # newline_punct: a mark that attaches to its left (now\n, and / more\n. The):
        # inline nodes joined with a newline
        (?P<newline_punct>
            [ \t\u00a0\u202f\n]*
            (?:
                [,;:!?，。！？；：、،؛؟]
                | \.(?![.\p{L}\p{N}])
            )
        )
        # newline_clitic: a clitic or possessive put on a line of its own
        # (Yahoo\n’s, Nyong\n'\no\n's): the name before it was a link
        | (?P<newline_clitic>
            [ \t\u00a0\u202f]*
            (?:n['’]t|['’](?:s|re|ve|ll|d|m|t))(?![\p{L}\p{N}'’])
        )
      )
    # newline_bracket: round brackets around one short line (Request (\nRequest.headers\n).,
    # (\nArtist: X\n)): a link inside brackets, inline nodes joined with a newline.
    # Code splits every token so (fetch\n(\n...): the bracket must follow a word
    # and one space, or open the paragraph.
    | (?P<newline_bracket>
        \((?<=^\(|\S[ \t]\()                        # the bracket first: a fast scan
        \n[ \t]*[^\n()]{1,60}?\n[ \t]*\)           # not [ ]: JSON arrays
    )
    # newline_close: a bracketed phrase whose closing bracket starts a line
    # ((in\nFebruary\nand\nMarch\n) digging): a link inside brackets, inline
    # nodes joined with a newline. The opening bracket holds on to a word, which
    # code that puts every token on its own line never does (max\n(\nx\n)).
    | (?P<newline_close>
        \((?<=^\(|\s\()(?=\p{L})
        (?:[^()\n]{1,80}+\n[ \t]*){1,5}+                 # possessive: no backtracking
        (?<=[\p{L}\p{N}.?!][ \t]*\n[ \t]*)\)
    )
    # split_elision: French elision split from its word (l' homme, qu' il);
    # Italian po' is not in the list
    | (?P<split_elision>
        [ldjnscmtLDJNSCMT](?<![\p{L}'’].)['’]\ (?=\p{L})     # l' d' j' ... at a word start
        | [Qq]u(?<![\p{L}'’]..)['’]\ (?=\p{L})                # qu'
    )
    # after_open: an opening bracket followed by space then a word
    | (?P<after_open>
        [(\[{（【]
        [ \t\u00a0]+
        (?=[\p{L}\p{N}])
    )
    # missing_after: sentence or clause mark glued between two words,
    # optionally followed by a closing quote (cards,”Kaplan)
    | (?P<missing_after>
        [.,;!?]
        (?<=\p{Ll}\p{Ll}.)
        ["”’»]?
        (?=\p{Lu}\p{Ll})
    )
    # broken_word: a single capital, one space, a lowercase fragment
    | (?P<broken_word>
        \p{Lu}
        (?<![\p{L}\p{N}\p{M}.'’\-].)
        [\ \n]\p{Ll}{2,}
        (?![\p{L}\p{M}])
    )
    # quote_open: a typographic opening quote at a word start, space after it
    | (?P<quote_open>
        [„“«‚]
        (?<!\S.)
        [ \t\u00a0\u202f]+
        (?=\p{L})
    )
    """,
    regex.VERBOSE,
)

_FRENCH_MARKS = frozenset(";:!?»")
_NBSP = frozenset("\u00a0\u202f")
_EMOTICON_NEXT = frozenset(")(DPpO/\\|[]3-")
_FRENCH_HINT = regex.compile(r"[\u00a0\u202f][;:!?»]|«[ \u00a0\u202f]")
_PUNCT_CHARS = ",.;:!?，。！？；：،؛؟"


def _log(n: int) -> float:
    """Count squashed to [0, 1]: log1p(n) / log1p(20), capped."""
    return min(1.0, math.log1p(n) / math.log1p(20))


def _token_left(text: str, pos: int) -> str:
    """The non-space run ending at ``pos`` (at most 60 characters back)."""
    lo = max(0, pos - 60)
    chunk = text[lo:pos]
    cut = max(chunk.rfind(" "), chunk.rfind("\n"), chunk.rfind("\t"))
    return chunk[cut + 1:]


def _token_right(text: str, pos: int) -> str:
    """The non-space run starting at ``pos`` (at most 60 characters on)."""
    chunk = text[pos:pos + 60]
    for i, ch in enumerate(chunk):
        if ch.isspace():
            return chunk[:i]
    return chunk


_GAP_RULES = frozenset({"before_comma", "before_period", "before_punct"})
_LINK_GAP_REACH = 42
_LINK_GAP_LEFT = regex.compile(r"[\p{L}\p{N},;:]")
_LINK_GAP_RIGHT = regex.compile(r"[\p{L}\p{N}]")
_LINK_GAP_WORD = regex.compile(r"[\p{L}\p{N}]\p{M}*[\p{L}\p{N}]")


def _as_link_gap(text: str, span: Span) -> Span:
    """``span`` renamed ``link_gap`` when the words before its mark were set off by a
    double space (``is a  median .``, ``( see the  user guide ),``): a link joined to
    the sentence with a space on each side, then a space before the mark. Counted as
    the space before the mark it stands for; writers do not type it.

    >>> t = "A robust measure is a  median . It is"
    >>> _as_link_gap(t, Span(28, 30, "spacing", "before_period")).rule
    'link_gap'
    >>> _as_link_gap("A robust measure is a median . It is", Span(27, 29, "spacing", "before_period")).rule
    'before_period'
    """
    if span.rule not in _GAP_RULES:
        return span
    lo = max(0, span.start - _LINK_GAP_REACH)
    gap = text.rfind("  ", lo, span.start)
    if gap <= 0 or "\n" in text[gap:span.start] or gap + 2 >= span.start:
        return span
    if _LINK_GAP_LEFT.match(text, gap - 1) is None or _LINK_GAP_RIGHT.match(text, gap + 2) is None:
        return span
    if _LINK_GAP_WORD.search(text, gap + 2, span.start) is None:
        return span  # ( ∑  k  =  1  n ): a formula spaced out, not a link
    return Span(span.start, span.end, span.label, "link_gap")


def _spaced_mark(text: str, span: Span, inverted_end: int) -> Span:
    """``span`` renamed ``spaced_mark`` when it is a space before ``; : ! ? »`` (see
    ``SPAN_RULES``). A line break before the mark stays ``newline_punct``: writers do
    not type that; nor do they put a space after an opening ``¿`` or ``¡``, so in a
    paragraph that has one (tokenised Spanish) the space before ``?`` ``!`` stays
    ``before_punct``. ``inverted_end``: where the text's first spaced ``¿``/``¡`` ends
    (``_inverted_end``).

    >>> _spaced_mark("Vraiment ?", Span(8, 10, "spacing", "before_punct"), 10).rule
    'spaced_mark'
    >>> _spaced_mark("word , word", Span(4, 6, "spacing", "before_punct"), 11).rule
    'before_punct'
    >>> t = "¿ Dónde está ?"
    >>> _spaced_mark(t, Span(11, 13, "spacing", "before_punct"), _inverted_end(t)).rule
    'before_punct'
    """
    mark = text[span.end - 1:span.end]
    if span.rule != "before_punct" or mark not in _SPACED_MARKS:
        return span
    if mark in "?!" and inverted_end <= span.start:
        return span
    return Span(span.start, span.end, span.label, "spaced_mark")


_SPACED_INVERTED = regex.compile(r"[¿¡][ \t]+\p{L}")


def _inverted_end(text: str) -> int:
    """Where the first ``¿`` or ``¡`` followed by a space and a letter ends (past the
    text's end when there is none), looked up once per paragraph.

    >>> _inverted_end("¿ Dónde?"), _inverted_end("Where?")
    (3, 7)
    """
    m = _SPACED_INVERTED.search(text)
    return m.end() if m is not None else len(text) + 1


#: A paragraph's first capital split from one or two lowercase letters (``T he``, ``I n``).
_OPENING_SPLIT_RE = regex.compile(r"\s*(\p{Lu})[ \n]\p{Ll}{1,2}(?![\p{L}\p{M}])")


def _short_drop_cap(text: str, s: int, e: int) -> bool:
    """A paragraph that opens with a capital split from the rest of a short word
    (``T he``, ``I n contrast``: the drop cap of a magazine page), with a word after it.

    >>> _short_drop_cap("T he minister said", 0, 4), _short_drop_cap("I n contrast to", 0, 3)
    (True, True)
    >>> _short_drop_cap("A t-shirt", 0, 3), _short_drop_cap("Then T he said", 5, 9), _short_drop_cap("I a m", 0, 3)
    (False, False, False)
    """
    if text[:s].strip() or (text[s] + text[s + 2:e]).lower() not in COMMON_SHORT_WORDS:
        return False
    return regex.match(r"[ \t]+\p{Ll}{2,}", text[e:e + 40]) is not None


def _scan(text: str, lang: str) -> tuple[list[Span], dict[str, int], list[Span]]:
    """Run the pattern once; return accepted spans, per-rule counts and the
    ``cjk_space`` spans (places, not defects: see the module's table)."""
    french = is_french_spacing(lang) or (lang == "und" and _FRENCH_HINT.search(text) is not None)
    counts = dict.fromkeys(RULES, 0)
    counts.update(raw_before=0, french_style=0, cjk_space=0)
    spans: list[Span] = []
    multi: list[Span] = []
    cjk: list[Span] = []
    opening = _OPENING_SPLIT_RE.match(text)
    if opening is not None and _short_drop_cap(text, opening.start(1), opening.end()):
        counts["broken_word"] += 1  # T he, I n contrast: a drop cap split from a short word
        spans.append(Span(opening.start(1), opening.end(), LABEL, "broken_word"))
    for m in SPACING_RE.finditer(text):
        kind = m.lastgroup
        newline = kind == "newline_punct"
        s, e = m.span()
        if kind == "cjk_space":
            counts["cjk_space"] += 1
            cjk.append(Span(s, e, LABEL, kind))
            continue
        if kind == "cjk_dot":
            kind = "before_punct"
        elif kind in ("before_punct", "newline_punct"):
            kind = "before_punct"
            counts["raw_before"] += 1
            mark = text[e - 1]
            spaces = text[s:e - 1]
            if mark in _FRENCH_MARKS and (french or any(c in _NBSP for c in spaces)):
                counts["french_style"] += 1
                continue
            if mark in ":;" and e < len(text) and text[e] in _EMOTICON_NEXT:
                continue  # emoticon :) ;-)
            if mark == ")" and text[s - 1:s] in (":", ";"):
                continue
            if text[s - 1:s].isalpha():
                after = text[e:e + 2]
                if mark == "," and after[:1] == " " and after[1:2].isalpha():
                    kind = "before_comma"  # word , word: inline nodes joined with a space
                elif mark == "." and (after == "" or after[:1].isspace()):
                    kind = "before_period"  # word . (end of a sentence)
        elif kind in ("newline_bracket", "newline_close"):
            counts["after_open"] += 1  # counted as the space after an opening bracket
            spans.append(Span(s, e, LABEL, "newline_bracket"))
            continue
        elif kind == "newline_clitic":
            counts["split_clitic"] += 1  # counted as a clitic split off by a space
            spans.append(Span(s, e, LABEL, kind))
            continue
        elif kind == "split_elision":
            kind = "split_clitic"
        elif kind == "missing_after":
            left = _token_left(text, s)
            right = _token_right(text, e)
            if not left.isalpha() or not left.islower() or "(" in right:
                continue  # www.Site, path/To, obj.Method(
            word = regex.match(r"\p{L}+", right)
            rest = right[word.end():] if word else right
            if rest[:1] == "." and rest[1:2].isalpha():
                continue  # Domain.Com, Class.Method
        elif kind == "broken_word":
            letter, frag = text[s], text[s + 2:e]
            if is_one_letter_word(letter, lang) or frag.lower() in COMMON_SHORT_WORDS:
                continue
            prev = _token_left(text, s - 1) if s > 0 and text[s - 1] == " " else ""
            if prev[:1].isupper() or prev.endswith((".", ":")) or any(c.isdigit() for c in prev):
                continue  # Plan B was, J. R. Smith, 2 X faster
            nxt = _token_right(text, e + 1) if text[e:e + 1] == " " else ""
            drop_cap = not text[:s].strip() and len(frag) >= 3
            if not nxt[:1].isupper() and not drop_cap:
                continue  # H ong Kong, N ew York: the broken word starts a name; W hatever: a drop cap
        elif kind in ("quote_close", "quote_open"):
            q = text[e - 1] if kind == "quote_close" else text[s]
            if french and q in "«»":
                continue
            if q == "»" and text[e:].strip() == "" or q == "«" and text[:s].strip() == "":
                continue  # "View all »", "« Previous": a navigation arrow, not a quote
            kind = "quote_space"
        elif kind == "multi_space":
            multi.append(Span(s, e, LABEL, kind))
            counts[kind] += 1
            continue
        counts[kind] += 1
        spans.append(Span(s, e, LABEL, "newline_punct" if newline else kind))
    inverted = _inverted_end(text) if spans else 0
    spans = [_spaced_mark(text, _as_link_gap(text, sp), inverted) for sp in spans]
    # A lone double space is a common harmless typo; runs of 3+ or repeated
    # runs are what joining inline nodes with a separator leaves behind.
    if len(multi) >= 2:
        spans.extend(multi)
    else:
        spans.extend(sp for sp in multi if sp.end - sp.start >= 3)
    return spans, counts, cjk


def spacing_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Evidence spans of every spacing rule.

    >>> t = "( 14 , 15 )"
    >>> [t[s.start:s.end] for s in spacing_spans(t)]
    ['( ', ' ,', ' )']
    >>> [s.rule for s in spacing_spans("if we have an anomaly \\nright now\\n, and send alerts")]
    ['newline_punct']
    """
    return clip_spans(_scan(text, lang)[0], len(text))


def count_spacing(text: str, lang: str = "und") -> int:
    """Number of spacing defects found.

    >>> count_spacing("H ong Kong is big , really .", "en")
    3
    """
    return len(_scan(text, lang)[0])


def has_spacing(text: str, lang: str = "und") -> bool:
    """True when at least one spacing defect is found.

    >>> has_spacing("東京は晴れ。大阪は雨。", "ja"), has_spacing("東京は晴れ 。", "ja")
    (False, True)
    """
    return bool(_scan(text, lang)[0])


def signals(text: str, lang: str = "und") -> Signals:
    """Feature values (aligned with ``NAMES``) and evidence spans.

    >>> sig = signals("mobile devices .", "en")
    >>> dict(zip(NAMES, sig.values))["spacing_before_period"] > 0, sig.spans[0].rule
    (True, 'before_period')
    """
    spans, counts, cjk = _scan(text, lang)
    marks = sum(text.count(c) for c in _PUNCT_CHARS)
    cjk_chars = len(text) - text.count(" ") if counts["cjk_space"] else 1
    values = tuple(_log(counts[r]) for r in RULES) + (
        min(1.0, (counts["before_punct"] + counts["before_comma"] + counts["before_period"]) / marks) if marks else 0.0,
        min(1.0, counts["raw_before"] / marks) if marks else 0.0,
        _log(counts["french_style"]),
        min(1.0, counts["cjk_space"] / max(1, cjk_chars)) * 10 if counts["cjk_space"] else 0.0,
        1.0 if spans else 0.0,
    )
    values = tuple(min(1.0, max(0.0, v)) for v in values)
    return Signals(values, clip_spans(spans + cjk, len(text)))
