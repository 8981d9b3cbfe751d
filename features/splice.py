"""Spliced text: two pieces joined, or a chunk missing inside a paragraph.

Verbose regexes find the candidates, each alternative a named group, and the
count, yes/no and span views all come from their matches: ``BYLINE_RE`` (at the
paragraph start only), ``PUNCT_RE`` (rules that start at a mark), ``LETTER_RE``
(rules that start at a capital) and ``DOUBLED_RE``; each starts at a rare
character so the engine skips fast. A short Python check per match (never per
character) applies the language tables of ``features.punctuation``:
abbreviations, brand CamelCase, legit doubled words. Quote balance is a last
pass over quote and bracket characters only.

=================  ======================================================  ===============================
rule               what it matches                                         not a defect
=================  ======================================================  ===============================
glue_script        lower->Upper across scripts (``NetworkВсичко``), or       ``iPhone-а`` (hyphen)
                   inside a Cyrillic/Greek word (``насНе``)
glue_lower         a lowercase word glued to a capital (``насНе``,          ``iPhone``, ``eBay``, ``deGrasse``,
                   ``contentSkip``)                                         ``mRNA``, ``kWh``
glue_word          a capitalised UI/credit word glued on (``CreditErik``,   ``PowerPoint``, ``YouTube``,
                   ``LinksSponsored``, ``ProfileFollowUnfollow``)          ``McDonald``, ``MacBook``, a
                                                                            handle closing a credit
                                                                            (``Artist: DanilLovesFood)``)
glue_line          a glue_word that is a line of its own, or opens a line   a brand on its own line
                   of at most three words (UI labels glued together:        (``LinkedIn``, ``iPhone``)
                   ``ProfileFollowUnfollow``, ``XDismissXUndismiss``,
                   ``CreditErik Smith``); counted with glue_word
glue_sentence      a word that opens sentences glued to a lowercase end     ``AddThis``, ``LinkedIn``
                   (``AllanThe Gray``, ``tripMr Obama``, ``faultThe``);
                   counted with glue_word
glue_digit         a number glued to a word (``$200See``, ``2024Read``)     ``3D``, ``4K``, ``9News``, a
                                                                            footnote's number (``24See ...``)
glue_end           a sentence end glued to the next (``it.So``,             ``U.S.``, ``Node.js``, ``ASP.NET``,
                   ``inside...LifeDaily``)                                  ``Football.London``
lower_after_end    a lowercase word after a period (``world. agreement``)    ``г. и``, ``e.g. the``, ``3. mai``,
                                                                            ``etc. and``, ``?`` and ``!``,
                                                                            ``. de Jong``, ``. example.com``
lower_after_quote  the same after a closing quote (``свят“. споразумение``)  (as lower_after_end)
lower_after_caps   the same after an all-capitals word (``САЩ. и``)         Roman numerals (``XIV. war``)
orphan_punct       punctuation left by a dropped word (``study, . "In``,   ``...``, ``, …``, ``в.`` (century)
                   ``( )``, ``the , and``)
doubled_word       the same word twice (``of of``)                          ``that that``, ``nous nous``,
                                                                            ``Bora Bora``
unclosed_quote     ``„`` ``«`` ``“`` ``(`` never closed, then another       a quote opening the paragraph
                   sentence starts
quote_left_open    a quote opened inside a clause (after a lowercase word)  a quotation after a colon or a
                   and still open at the paragraph's end, with another      sentence end, which may run on
                   sentence inside it (``че е „борба ... федерация.         to the next paragraph
                   Корейският ...``); counted with unclosed_quote
a11y_insert        a link's screen-reader label left inside a sentence     the label alone, or after a share
                   (``saidOpens a new window that``, ``(opens in new       button (``Share (Opens in new
                   tab) published``); counted with glue_word               window)``)
byline             ``By/От NAME ..., DATE TIME`` glued to the lede, at the   ``By 2020, Tesla ...``, a byline
                   paragraph's start or after a headline of at most 25      after a sentence
                   words (``Title By NAME · DATE The lede``)
ui_glue            ``[edit]``, ``[editar | modificar o codigo]`` or ``¶``   ``[1]`` references
                   glued to a heading
=================  ======================================================  ===============================

>>> [s.rule for s in signals("ABC News NetworkВсичко за Nielsen", "bg").spans]
['glue_script']
>>> signals("She bought an iPhone and a MacBook at McDonald's on YouTube.", "en").spans
()
>>> [s.rule for s in signals("He was a co-author of the study, . In our view", "en").spans]
['orphan_punct']
>>> [s.rule for s in signals("Kenya tripMr Obama was speaking to the BBC", "en").spans]
['glue_sentence']
"""

from __future__ import annotations

import math
import re

import regex

from features.punctuation import (
    GLUE_LEFT_WORDS,
    GLUE_RIGHT_WORDS,
    SENTENCE_START_WORDS,
    ORPHAN_WORDS,
    is_abbreviation,
    is_double_ok,
    is_orphan_word,
)
from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "RULES",
    "COUNTED_AS",
    "SPAN_RULES",
    "BYLINE_RE",
    "PUNCT_RE",
    "LETTER_RE",
    "DOUBLED_RE",
    "A11Y_RE",
    "QUOTE_RE",
    "signals",
    "splice_spans",
    "count_splices",
    "has_splice",
]

LABEL = "spliced"

#: Rules that produce evidence spans, in the order of their count features.
RULES: tuple[str, ...] = (
    "glue_script",
    "glue_lower",
    "glue_word",
    "glue_digit",
    "glue_end",
    "lower_after_end",
    "lower_after_quote",
    "lower_after_caps",
    "orphan_punct",
    "doubled_word",
    "unclosed_quote",
    "byline",
    "ui_glue",
)

#: Span rules counted in another rule's feature (the feature set stays the same).
COUNTED_AS: dict[str, str] = {
    "glue_sentence": "glue_word",
    "quote_left_open": "unclosed_quote",
    "a11y_insert": "glue_word",
    "glue_line": "glue_word",
}
#: Every rule a span may name: the counted ones and those counted as another.
SPAN_RULES: tuple[str, ...] = RULES + tuple(COUNTED_AS)
#: CamelCase names whose last hump is a sentence-opening word.
_GLUE_SENTENCE_OK = frozenset({"AddThis", "ShareThis", "BlogThis", "PrintThis", "EmailThis"})

NAMES: tuple[str, ...] = tuple(f"splice_{r}" for r in RULES) + (
    "splice_camel_share",
    "splice_lower_after_any",
    "splice_quote_imbalance",
    "splice_any",
)

_ORPHAN_ALT = "|".join(
    sorted({w.replace("_", r"\s+") for ws in ORPHAN_WORDS.values() for w in ws}, key=len, reverse=True)
)

#: The words that open a byline.
_BYLINE_WORDS = r"(?:By|BY|От|Von|VON|Par|Por|Door|Av|Από|Автор:?|Від|Przez|Teksti:|بقلم|作者[:：]?)"
#: Pass 0, at the start of the paragraph or after a headline: a byline glued to the lede.
BYLINE_RE = regex.compile(
    r"""
    \s{0,20}""" + _BYLINE_WORDS + r"""\s+                              # byline word
    [\p{Lu}\p{Lo}\d](?:[^\n]|\n(?![ \t]*\n)){0,200}?         # names, agency (one line break: By NAME\nDATE)
    (?:\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b)                      # a time or a year
    [^\n\p{L}]{0,6}
    (?:(?:ч|г|h|Uhr|[AaPp]\.?[Mm])\.?)?                       # 12:14 ч. / PM
    (?:\s?[A-Z]{2,4}\b)?                                     # time zone
    [^\n\p{L}\p{N}]{0,4}
    (?=\p{Lu}\p{Ll}+\s+[\p{L}\d]|(?<![\d:.,/-])\d[\d.,]*(?:\s+|-)\p{L}{2}|\p{Lo}{2})  # the lede: a word, a number, uncased script
    """,
    regex.VERBOSE,
)

#: A byline word after a headline (searched from its first letter: the engine skips fast).
_BYLINE_AFTER_RE = regex.compile(r"(?<=\S[ \t\u00a0]*\n?[ \t\u00a0]*)" + _BYLINE_WORDS + r"(?=\s)")
#: A headline before a glued byline holds at most this many words.
HEADLINE_WORDS = 25
#: A sentence end inside a text (not at its end).
_INNER_END_RE = regex.compile(r"[.!?…][\"”»)]?\s")

#: Pass 1, rules that start at a punctuation mark. Each alternative begins
#: with a character class and looks behind only after it, so the engine
#: rejects most positions at the first character.
PUNCT_RE = regex.compile(
    r"""
    # glue_end: sentence mark glued between a lowercase word and a capital
    (?P<glue_end>
        [.!?…](?<=\p{Ll}\p{Ll}.)(?=\p{Lu}\p{Ll})
        | \.\.\.(?<=\p{Ll}\.\.\.)(?=\p{Lu}\p{Ll})                # inside...LifeDaily
    )
    # lower_after_end: a period (maybe with a closing quote around it),
    # space, then a lowercase word (judged in Python: abbreviations, chat)
    | (?P<lower_after_end>
        [”“"’»)]?[.!?][”“"’»)]?
        [ \t\u00a0]+
        (?=\p{Ll})
    )
    # orphan_marks: comma or colon then a lone period or comma (study, . "In)
    | (?P<orphan_marks>
        [,;:](?<=[\p{L}\p{N}"”’»)].)
        [ \t\u00a0]+[.,;:](?![.,;:])
    )
    # orphan_word: , or . after a word that cannot end a clause (the , and)
    | (?P<orphan_word>
        (?:[ \t\u00a0](?<=\p{L}.)[,.] | [,.](?<=\p{L}.))
        (?=\s|$)
    )
    # orphan_empty: empty brackets or quotes at a word start: ( ), „“
    | (?P<orphan_empty>
        [(\[„“«](?<!\S.)[ \t\u00a0]*[)\]“”»]
    )
    # ui_glue: a wiki edit link or a permalink sign glued to a heading
    | (?P<ui_glue>
        (?:\[(?:edit|edit\ source|modifier|bearbeiten|Bearbeiten|editar|править|編集|编辑|編輯|редактиране|uredi|muokkaa
            |edytuj|upravit|modifica|bewerken|redigera|rediger|redigér|редагувати|편집|düzenle|επεξεργασία|تعديل
            |עריכה|szerkesztés|sunting|sửa)
           (?:[ \t]*\|[ \t]*[^\[\]\n|]{1,40}){0,2}\]|¶)           # [edit], [editar | modificar o codigo]
    )
    """,
    regex.VERBOSE,
)

_CASELESS = r"\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}"

#: Pass 2, rules that start at a capital letter (rare in text, so the engine
#: skips fast) and look behind it: words glued together.
LETTER_RE = regex.compile(
    r"""
    # glue: a lower->Upper change inside a word (the word is judged in Python)
    (?P<glue>
        \p{Lu}(?<=\p{Ll}\p{M}{0,3}.)
    )
    # glue_caseless: Arabic/Hebrew/Indic glued to a capitalised word, or a
    # lowercase word glued to such a script
    | (?P<glue_caseless>
        \p{Lu}(?<=[""" + _CASELESS + r"""].)(?=\p{Ll})
        | [""" + _CASELESS + r"""](?<=\p{Ll}\p{Ll}.)
    )
    # glue_digit: a price or 2+ digits glued to a capitalised word ($200See)
    | (?P<glue_digit>
        \p{Lu}(?<=[$€£¥\d]\d.)(?=\p{Ll}\p{Ll})
    )
    """,
    regex.VERBOSE,
)

#: Pass 2b: a screen-reader label of a link left inside a sentence, glued to the
#: word before it or in brackets, with the sentence going on after it
#: (``saidOpens a new window that``, ``a study (opens in new tab) published``).
#: Alone or after a share button (``Share (Opens in new window)``) it is furniture.
A11Y_RE = regex.compile(
    r"""
    (?:(?<=\p{Ll})|\([ \t]*)
    (?i:
        opens?\ (?:in\ )?(?:a\ )?new\ (?:browser\ )?(?:window|tab)
        | link\ is\ external | external\ link
        | öffnet\ (?:sich\ )?in\ (?:einem\ )?neue[mn]\ (?:fenster|tab) | externer\ link
        | s['’]ouvre\ dans\ (?:une\ nouvelle\ fenêtre|un\ nouvel\ onglet) | nouvelle\ fenêtre | lien\ externe
        | (?:se\ )?abre\ en\ (?:una\ )?nueva\ (?:ventana|pestaña) | enlace\ externo
        | abre\ (?:em|numa)\ (?:uma\ )?nova\ (?:janela|aba|guia) | link\ externo
        | (?:si\ )?apre\ in\ una\ nuova\ (?:finestra|scheda) | link\ esterno
        | opent\ in\ een\ nieuwe?\ (?:venster|tabblad) | externe\ link
        | откр(?:оется|ывается)\ в\ новом\ окне | внешняя\ ссылка
    )
    (?:[ \t]*\))?
    (?=[ \t]*,?[ \t]+\p{Ll})
    """,
    regex.VERBOSE,
)

#: Pass 3: the same word twice (stdlib ``re``: fast backreferences).
DOUBLED_RE = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)

#: Quote and bracket characters whose balance the unclosed_quote rule tracks.
QUOTE_RE = regex.compile(r"[„“”«»\"()]")

_SCRIPT_RE = regex.compile(
    r"(\p{Latin})|(\p{Cyrillic})|(\p{Greek})|(\p{Armenian})|(\p{Georgian})|(\p{L})"
)
_HUMP_SPLIT = regex.compile(r"(?<=\p{Ll}\p{M}*)(?=\p{Lu})")
_LEAD_CAPS = regex.compile(r"^\p{Lu}+(?=\p{Lu}\p{Ll})")
#: A quote opened inside a clause: right after a lowercase word and a space
#: (``че е „борба``), not after a colon or a sentence end, where a long
#: quotation that runs on to the next paragraph starts.
_INLINE_OPENER = regex.compile(r"[\p{Ll}\p{Lo}]\p{M}*\s$")
_SENTENCE_BREAK = regex.compile(r"[.!?…][”“\"’»)]?\s+[\"„“«(]?\p{Lu}")
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
_MAX_QUOTES = 20000
_WORD_TAIL = regex.compile(r"[\p{L}\p{M}]+$")
_DIGIT_TAIL = regex.compile(r"[$€£¥]?\d+$")
_URL_CHARS = frozenset("%/=#&_-")
_UNITS = frozenset("Mbps Kbps Gbps Tbps Mbit Gbit Kbit Yen Euro Euros Dollar Dollars Won Baht".split())
_EMPTY_PAIRS = frozenset(["()", "[]", "„“", "„”", "“”", "«»"])
_NAME_JOINERS = frozenset("and und et och og van von der den del della dos das".split())
_ROMAN = regex.compile(r"[IVXLCDM]+")
_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}")
_MOJIBAKE_LEADS = frozenset("ÂĂÃâ")
#: Scripts (codes of ``_script``: Cyrillic, Greek, Armenian, Georgian) whose
#: writers do not glue words into CamelCase names.
_NO_CAMEL_SCRIPTS = frozenset({2, 3, 4, 5})
_DOMAIN_START = regex.compile(r"[\p{Ll}\d][\p{L}\d-]*\.\p{Ll}{2,}")
_CAPITAL_NEXT = regex.compile(r"[ -]\p{Lu}")
_NAME_PARTICLES = frozenset("de van von der den da di du le la del della dos das bin ibn al el ten ter zu".split())
_UPPER_START = regex.compile(r"[.!?][”“\"’»)]?\s+[\"„“«(]?\p{Lu}")
_CODE_BEFORE = frozenset("\"'._$#@/\\`<{")
_CODE_AFTER = frozenset("\"'(_=:.[`>{}0123456789")
#: What may follow the first word of a glued-on sentence besides a space (``somethingMr.``);
#: not a comma (``NameIt, YouRanForIt,``: a list of user names) nor a semicolon (``var isThere;``).
_SENTENCE_GOES_ON = frozenset(".:!?")


def _log(n: int) -> float:
    """Count squashed to [0, 1]: log1p(n) / log1p(20), capped."""
    return min(1.0, math.log1p(n) / math.log1p(20))


def _script(ch: str) -> int:
    m = _SCRIPT_RE.match(ch)
    return m.lastindex if m else 0


def _glued_sentence(word: str, humps: list[str], after: str) -> bool:
    """True when the last hump of ``word`` is a word that opens sentences, glued to
    a lowercase end of 2+ letters, and a space or a sentence mark follows.

    >>> _glued_sentence("faultThe", ["fault", "The"], " "), _glued_sentence("isThere", ["is", "There"], " ")
    (True, False)
    """
    left, last = humps[-2], humps[-1]
    if last not in SENTENCE_START_WORDS or word in _GLUE_SENTENCE_OK:
        return False
    if len(left) < 2 or not (left[-2:].isalpha() and left[-2:].islower()):
        return False  # u003eThe, œHe: an escape or a mis-decoded byte before it
    if humps[0].islower() and len(humps[0]) <= 3:
        return False  # isThere, getThe, hasMy: code identifiers
    return not after or after.isspace() or after in _SENTENCE_GOES_ON


def _glue_rule(word: str, after: str = "") -> str | None:
    """Which glue rule a word with a lower->Upper change breaks, if any (``after``:
    the character after the word).

    >>> _glue_rule("AllanThe", " "), _glue_rule("GamesCom", "-"), _glue_rule("ScreamMyName", " ")
    ('glue_sentence', None, None)
    """
    humps = _HUMP_SPLIT.split(word)
    if len(humps) < 2:
        return None
    for a, b in zip(humps, humps[1:]):
        if _script(a[-1]) != _script(b[0]):
            if len(a) >= 2 and len(b) >= 2 and _script(a[-2]) == _script(a[-1]) and _script(b[0]) == _script(b[1]):
                return "glue_script"
            return None  # BOφWY: one foreign letter inside a name
    first, rest = humps[0], humps[1:]
    if _glued_sentence(word, humps, after):
        return "glue_sentence"  # AllanThe, tripMr, faultThe: a text glued to the next one's start
    if _script(first[-1]) in _NO_CAMEL_SCRIPTS and _LEAD_CAPS.match(first) is None and len(first) >= 3 and all(
        _CAPITALISED.match(h) for h in rest
    ):
        return "glue_script"  # насНе, поверителностУсловия: no CamelCase names in Cyrillic or Greek
    if first[:1].islower():
        if len(first) >= 3 and _CAPITALISED.match(rest[0]) is not None and first.isalpha():
            return "glue_lower"
        return None
    names = [_LEAD_CAPS.sub("", h) for h in humps]
    if any(n in GLUE_LEFT_WORDS for n in names[:-1]) or any(n in GLUE_RIGHT_WORDS for n in names[1:]):
        return "glue_word"
    if len(humps) >= 3 and all(len(n) >= 4 for n in names):
        return "glue_word"
    return None


#: ``glue_line``: a list mark before a line's text, and the most words a line may hold
#: when the glued word opens it.
_LIST_MARK_RE = regex.compile(r"(?:[*+•>#-]+|\d+\.)[ \t]+")
GLUE_LINE_WORDS = 3


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` (a glued word) a line of its own, list marks aside, or
    the opening of a line of at most ``GLUE_LINE_WORDS`` words? Such a line is UI
    labels glued together (``* XDismissXUndismiss``), not a word inside a sentence,
    a list of user names or code.

    >>> text, fans = "Reply\\n  * XDismissXUndismiss\\n  * Share", "Fans: KuroKitsune, LittleNovaStar, jenny"
    >>> _alone_on_line(text, text.index("XD"), text.index("XD") + 18), _alone_on_line(fans, 19, 33)
    (True, False)
    """
    head = text.rfind("\n", 0, start) + 1
    tail = text.find("\n", end)
    line = text[head:len(text) if tail < 0 else tail].strip()
    mark = _LIST_MARK_RE.match(line)
    if mark is not None:
        line = line[mark.end():]
    word = text[start:end]
    return line == word or (line.startswith(word) and len(line.split(None, GLUE_LINE_WORDS)) <= GLUE_LINE_WORDS)


def _credit_handle(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a user name closing a credit: the token before
    it ends with a colon (``Artist:``, ``Source:``) and a bracket or the paragraph's
    end follows it. Handles glue words (``DanilLovesFood``); a menu glued on after
    ``Servicios:`` goes on to more text.

    >>> _credit_handle("(Artist: PeaceFistArtist)", 9, 24), _credit_handle("Servicios: HoyMañanaAyer y más", 11, 25)
    (True, False)
    """
    after = text[end:end + 40].lstrip(" \t\n")[:1]
    if after not in ("", ")", "]"):
        return False
    before = text[max(0, start - 30):start].split()
    return bool(before) and before[-1].endswith(":")


def _token_left(text: str, pos: int) -> str:
    """The non-space run ending at ``pos`` (at most 60 characters back)."""
    chunk = text[max(0, pos - 60):pos]
    cut = max(chunk.rfind(" "), chunk.rfind("\n"), chunk.rfind("\t"), chunk.rfind("\u00a0"))
    return chunk[cut + 1:]


#: Quotes and brackets around a word before a period (``„САЩ“.``, ``(approx``).
_QUOTES_AROUND_RE = regex.compile(r"^[\"„“«(\[']+|[”“\"’»)]+$")


def _lower_after_end(text: str, s: int, e: int, lang: str) -> str | None:
    """Judge a period followed by a lowercase word: the rule it breaks, or None.

    >>> _lower_after_end("целият свят“. споразумение", 11, 14, "bg")
    'lower_after_quote'
    >>> _lower_after_end("Read it. de Jong said", 7, 9, "en") is None
    True
    """
    marks = text[s:e].strip()
    if "." not in marks or ".)" in marks:
        return None  # ? and ! before lowercase are common in quoted speech; (approx.)
    nxt = _WORD_RE.match(text, e)
    if nxt is None or any(c.isupper() for c in nxt.group()) or text[nxt.end():nxt.end() + 1] in (".", ":", "(", "_"):
        return None  # iPhone, eBay: brands that start lowercase; i.e., p. 5; http:; clone()
    if nxt.group() == "à" or nxt.group() == "i" and lang in ("en", "und"):
        return None  # French writes a lowercase à for À; English chat writes i for I
    if _DOMAIN_START.match(text, e):
        return None  # download-firefox.org, example.com: names written lowercase
    if nxt.group() in _NAME_PARTICLES and _CAPITAL_NEXT.match(text, nxt.end()):
        return None  # de Jong, van Gogh, al-Assad: a name starting a sentence
    left = _token_left(text, s)
    closer = any(c in "”“\"’»" for c in marks)
    word = _QUOTES_AROUND_RE.sub("", left).rstrip(".")
    if not word or "." in word or any(c.isdigit() for c in word) or not word.isalpha():
        return None  # U.S., т.е., 3., z.B.
    if is_abbreviation(word, lang):
        return None
    if len(word) == 1:
        return None
    if _ROMAN.fullmatch(word):
        return None  # Edward IV. und, II. mirovinski
    if closer:
        return "lower_after_quote"
    if word.isupper():
        return "lower_after_caps"  # САЩ. и
    if word[0].isupper() and len(word) <= 4:
        return None  # Bd., Jh., Abb.
    if word.islower() and len(word) <= 3:
        return None  # ca., vs., бр.
    return "lower_after_end"


def _byline_ok(byline: str) -> bool:
    """True when the words before the first digit look like names, not a sentence.

    >>> _byline_ok("By JOHN SMITH Associated Press, June 19, 2024, 12:14 PM "), _byline_ok("By the end of 2020 ")
    (True, False)
    """
    first_digit = regex.search(r"\d", byline)
    head = byline[:first_digit.start()] if first_digit else byline
    for w in _WORD_RE.findall(head)[1:]:
        if w[0].islower() and len(w) >= 3 and w not in _NAME_JOINERS:
            return False
    return True


def _glued_byline(text: str) -> regex.Match | None:
    """The match of a byline glued to the lede, at the paragraph's start or after a
    headline of at most ``HEADLINE_WORDS`` words (an extractor joined title, byline
    and lede), else None.

    >>> _glued_byline("Storm hits coast By Anna Berg · 03.02.2010 The storm reached land.").group()
    ' By Anna Berg · 03.02.2010 '
    >>> _glued_byline("Why now? By Anna Berg, 2024 The question is old.").group()
    ' By Anna Berg, 2024 '
    >>> _glued_byline("He wrote it. Then he left. By Anna Berg, 2024 The end came.") is None
    True
    """
    m = BYLINE_RE.match(text)
    if m is not None:
        return m if _byline_ok(m.group()) else None
    for cand in _BYLINE_AFTER_RE.finditer(text, 0, 250):
        head = text[:cand.start()].rstrip()
        if len(head.split()) > HEADLINE_WORDS or _INNER_END_RE.search(head):
            break  # a paragraph of sentences, not a headline
        m = BYLINE_RE.match(text, len(head))
        if m is not None and _byline_ok(m.group().strip()):
            return m
    return None


def _after_plain_word(text: str, s: int, lang: str) -> bool:
    """Does the period at ``s`` follow a word of 3+ letters that is no abbreviation?
    A lowercase word after it starts a sentence in lowercase (``так. играет``), where
    after ``г.`` or ``бр.`` it need not.

    >>> _after_plain_word("Именно так. играет", 10, "ru"), _after_plain_word("в 2004 г. и", 8, "bg")
    (True, False)
    """
    word = _QUOTES_AROUND_RE.sub("", _token_left(text, s))
    return len(word) >= 3 and word.isalpha() and not is_abbreviation(word, lang)


def _informal(text: str, lowers: int, lower_starts: int = 0) -> bool:
    """True when the writer often starts sentences in lowercase (chat, comments).

    Such text has lowercase after periods everywhere, so one more is no splice.
    ``lowers``: the lowercase starts judged suspect; ``lower_starts``: every
    lowercase start after a plain word (``_after_plain_word``), those excused as after
    a short word included (``Именно так. играет``: a writer who starts every sentence so).

    >>> _informal("Именно так. играет свет на их лицах обрывочных. надо же", 1, 2)
    True
    >>> _informal("Това стана в 2004 г. и после. Тогава САЩ. и Европа решиха.", 1, 1)
    False
    """
    first = _WORD_RE.search(text[:200])
    if first is not None and first.group()[0].islower():
        return True
    if lowers >= 3:
        return True
    lowers = max(lowers, lower_starts)
    return lowers >= 2 and lowers >= len(_UPPER_START.findall(text))


def _unclosed_quotes(text: str) -> list[Span]:
    """Openers never closed before another sentence begins (one pass over quote chars)."""
    events = [(m.start(), m.group()) for m in QUOTE_RE.finditer(text)]
    if not events or len(events) > _MAX_QUOTES:
        return []
    low_quote = any(c == "„" for _, c in events)
    guillemets = [c for _, c in events if c in "«»"]
    german_guillemets = bool(guillemets) and guillemets[0] == "»"
    lead = len(text) - len(text.lstrip(" \t\"'—–-"))
    open_q: dict[str, int] = {}
    parens: list[int] = []
    found: list[tuple[int, int]] = []  # (opener position, region end)
    for pos, ch in events:
        if ch == "„" or (ch == "“" and not low_quote) or (ch == "«" and not german_guillemets):
            kind = "«" if ch == "«" else "„"
            if kind in open_q:
                found.append((open_q[kind], pos))
            open_q[kind] = pos
        elif ch in "“”\"" and "„" in open_q:
            del open_q["„"]
        elif ch == "»" and "«" in open_q:
            del open_q["«"]
        elif ch == "(":
            if text[pos - 1:pos] not in (":", ";"):
                parens.append(pos)
        elif ch == ")" and parens:
            parens.pop()
    left_open = set(open_q.values())
    found.extend((p, len(text)) for p in open_q.values())
    found.extend((p, len(text)) for p in parens[-50:])
    spans = []
    for p, end in found:
        if p <= lead:
            continue  # a quote opening the paragraph may run on to the next one
        brk = _SENTENCE_BREAK.search(text, p + 1, end)
        if brk is not None and end - brk.end() >= 15:
            inline = p in left_open and _INLINE_OPENER.search(text, max(0, p - 4), p) is not None
            rule = "quote_left_open" if inline else "unclosed_quote"
            spans.append(Span(p, brk.start() + 1, LABEL, rule))
    return spans


def _word_around(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the letter run holding ``pos`` (looking back at most 60)."""
    back = _WORD_TAIL.search(text, max(0, pos - 60), pos + 1)
    start = back.start() if back else pos
    fwd = _WORD_RE.match(text, start)
    return start, fwd.end() if fwd else pos + 1


def _orphan(text: str, s: int, e: int, lang: str) -> bool:
    """True when the , or . in ``text[s:e]`` follows a word that cannot end a clause."""
    back = _WORD_TAIL.search(text, max(0, s - 20), s)
    if back is None or text[back.start() - 1:back.start()] in ("-", "'", "’"):
        return False
    word = back.group()
    key = word.lower()
    if key == "as":
        before = _WORD_TAIL.search(text, max(0, back.start() - 20), max(0, back.start() - 1))
        if before is None or before.group().lower() != "such":
            return False
        key = "such_as"
    if lang == "und":
        if not any(key in ws for ws in ORPHAN_WORDS.values()):
            return False
    elif not is_orphan_word(key, lang):
        return False
    spaced = text[s] != "," and text[s] != "."
    if len(word) == 1 and not spaced:
        return False  # а, б, в, enumerations; в. (century)
    return not (text[e - 1] == "." and is_abbreviation(word, lang))


#: A footnote's number opening its note: one to three digits at the paragraph's start,
#: then a sentence of at least this many words that ends with a stop.
FOOTNOTE_WORDS = 6
_FOOTNOTE_RE = regex.compile(r"\s*\d{1,3}\Z")


def _footnote_mark(text: str, run: regex.Match) -> bool:
    """Is the number ``run`` glued to a capitalised word a footnote's mark, not two
    blocks glued (``24See Applying ... for an example.`` in a book's notes, against
    ``2006Camp Slaughter``, ``2021Print this page``)?

    >>> text = "24See the chapter on alerting for an example of alert fatigue."
    >>> _footnote_mark(text, _DIGIT_TAIL.search(text, 0, 2))
    True
    >>> text = "417Yuri Dario"
    >>> _footnote_mark(text, _DIGIT_TAIL.search(text, 0, 3))
    False
    """
    if not _FOOTNOTE_RE.match(text[:run.end()]):
        return False
    rest = text[run.end():].rstrip()
    return len(rest.split()) >= FOOTNOTE_WORDS and rest.endswith((".", "!", "?", "。"))


def _scan(text: str, lang: str) -> tuple[list[Span], dict[str, int]]:
    """Run the passes; return accepted spans and per-rule counts."""
    counts = dict.fromkeys(RULES, 0)
    counts.update(camel=0, lower_any=0)
    spans: list[Span] = []
    lowers: list[Span] = []
    lower_starts = 0

    def add(kind: str, s: int, e: int) -> None:
        counts[COUNTED_AS.get(kind, kind)] += 1
        spans.append(Span(s, e, LABEL, kind))

    m = _glued_byline(text)
    if m is not None:
        add("byline", m.start(), m.end())

    for m in PUNCT_RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "lower_after_end":
            counts["lower_any"] += 1
            if not text[s - 1:s].isalnum():
                continue
            lower_starts += _after_plain_word(text, s, lang)
            if len(lowers) >= 3:
                continue  # three already make the writer informal: stop judging
            rule = _lower_after_end(text, s, e, lang)
            if rule is not None:
                nxt = _WORD_RE.match(text, e)
                lowers.append(Span(max(0, s - 1), nxt.end() if nxt else e, LABEL, rule))
        elif kind == "glue_end":
            left = _token_left(text, s)
            if left.isalpha() and left.islower():  # not Football.London, www.Site
                add("glue_end", s - 1, e + 1)
        elif kind == "orphan_word":
            if _orphan(text, s, e, lang):
                add("orphan_punct", max(0, s - 1), e)
        elif kind == "orphan_marks":
            add("orphan_punct", s, e)
        elif kind == "orphan_empty":
            pair = text[s] + text[e - 1]
            if pair in _EMPTY_PAIRS:
                add("orphan_punct", s, e)
        elif kind == "ui_glue":
            before, after = text[s - 1:s], text[e:e + 1]
            if before in _MOJIBAKE_LEADS or after.isalnum():
                continue  # "Ă¶rdÃ", "Â¶": a mis-decoded ö or ¶, not a permalink
            if before.isalnum() or before in (".", "!", "?", ")"):
                add("ui_glue", s, e)

    word_end = -1
    for m in LETTER_RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "glue":
            counts["camel"] += 1
            if s < word_end:
                continue  # another change inside a word already judged
            ws, we = _word_around(text, s)
            word_end = we
            if we - ws > 80 or text[ws - 1:ws] in _CODE_BEFORE or text[we:we + 1] in _CODE_AFTER:
                continue  # "strictMode":, obj.getItem(, $scope; not words
            rule = _glue_rule(text[ws:we], text[we:we + 1])
            if rule == "glue_word" and _credit_handle(text, ws, we):
                continue  # (Artist: PeaceFistArtist): a user name after a credit label
            if rule == "glue_word" and _alone_on_line(text, ws, we):
                rule = "glue_line"
            if rule is not None:
                add(rule, ws, we)
        elif kind == "glue_caseless":
            add("glue_script", max(0, s - 1), e + 1)
        elif kind == "glue_digit":
            run = _DIGIT_TAIL.search(text, max(0, s - 30), s)
            before = text[run.start() - 1:run.start()] if run else ""
            unit = _WORD_RE.match(text, s)
            if unit is not None and unit.group() in _UNITS:
                continue  # 10Mbps, 4,300Yen
            if run is not None and not (before.isalnum() or before in _URL_CHARS) and not _footnote_mark(text, run):
                add("glue_digit", run.start(), e + 2)

    for m in A11Y_RE.finditer(text):
        s, e = m.span()
        if text[s] != "(" and not text[s].isupper():
            continue  # "the page opens a new window that": prose about links
        add("a11y_insert", s, e)

    for m in DOUBLED_RE.finditer(text):
        if counts["doubled_word"] >= 50:
            break  # the feature saturates long before; spans are capped anyway
        s, e = m.span()
        word = m.group(1)
        second = text[e - len(word):e]
        if not word.isalpha() or len(word) < 2 or is_double_ok(word) or _script(word[0]) not in (1, 2, 3):
            continue
        if word[0].isupper() and second[0].isupper():
            continue  # Bora Bora, Duran Duran
        if text[s - 1:s] in ("-", "'", "’") or text[e:e + 1] in ("-", "'", "’"):
            continue
        add("doubled_word", s, e)

    if lowers and not _informal(text, len(lowers), lower_starts):
        for sp in lowers:
            counts[sp.rule] += 1
        spans.extend(lowers)
    quotes = _unclosed_quotes(text)
    counts["unclosed_quote"] = len(quotes)
    spans.extend(quotes)
    return spans, counts


def splice_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Evidence spans of every splice rule.

    >>> t = "The war began. САЩ. и южнокорейски служители"
    >>> [(s.rule, t[s.start:s.end]) for s in splice_spans(t, "bg")]
    [('lower_after_caps', 'Щ. и')]
    """
    return clip_spans(_scan(text, lang)[0], len(text))


def count_splices(text: str, lang: str = "und") -> int:
    """Number of splice defects found.

    >>> count_splices("Terms of of Use $200See more", "en")
    2
    """
    return len(_scan(text, lang)[0])


def has_splice(text: str, lang: str = "und") -> bool:
    """True when at least one splice defect is found.

    >>> has_splice("e.g. the U.S. and etc. and so on.", "en"), has_splice("Skip to contentSkip to index", "en")
    (False, True)
    """
    return bool(_scan(text, lang)[0])


def signals(text: str, lang: str = "und") -> Signals:
    """Feature values (aligned with ``NAMES``) and evidence spans.

    >>> sig = signals("CreditErik Carter", "es")
    >>> sig.spans[0].rule, dict(zip(NAMES, sig.values))["splice_any"], dict(zip(NAMES, sig.values))["splice_glue_word"] > 0
    ('glue_line', 1.0, True)
    """
    spans, counts = _scan(text, lang)
    words = max(1, text.count(" ") + 1)
    opens = text.count("„") + text.count("«") + text.count("(")
    closes = text.count("»") + text.count(")") + text.count("“") + text.count("”")
    imbalance = abs(opens - closes) + (text.count('"') % 2)
    values = tuple(_log(counts[r]) for r in RULES) + (
        min(1.0, 10.0 * counts["camel"] / words),
        _log(counts["lower_any"]),
        _log(imbalance),
        1.0 if spans else 0.0,
    )
    values = tuple(min(1.0, max(0.0, v)) for v in values)
    return Signals(values, clip_spans(spans, len(text)))
