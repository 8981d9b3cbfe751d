"""Mojibake: text decoded with the wrong codec, replacement and control characters.

Mojibake is made by a mechanism, so we detect it by undoing the mechanism.
Every rule below is one row of a table; the numbers and the spans come from
the same matches.

=====================  ==========================================================
rule                   what fires
=====================  ==========================================================
``replacement``        U+FFFD: bytes a UTF-8 decoder could not read
``control``            C0 controls (except tab/newline/CR), DEL and C1 controls
``lost_char``          "?" between Han characters: an encoder's stand-in for a
                       character it could not write ("巴兹?奥尔德林")
``utf8_as_<codec>``    a run of non-ASCII characters that, encoded back with
                       ``<codec>`` and decoded as strict UTF-8, gives plausible
                       text ("Ã©tÃ©" -> "été", "Р‘СЉР»" -> "Бъл", "鍙戝竷" -> "发布")
``legacy_as_latin1``   a word of Latin-1 letters that, encoded as cp1252 and
                       decoded with an 8-bit codec of another script, gives one
                       clean word of that script ("Áúëãàðèÿ" -> "България")
``ftfy``               a word where ftfy's badness regex fires and
                       ``ftfy.fix_encoding`` changes the word ("Justinâ¤")
=====================  ==========================================================

Correct but unusual text is not touched: a run only counts when the round
trip decodes *every* byte into letters of one script, which accented Latin
("naïve", "SÃO PAULO", "Ångström", „Spaß“), Vietnamese, Turkish or Hungarian
words do not.

>>> sig = signals("Le cafÃ© est prÃªt.")
>>> [(s.rule, "Le cafÃ© est prÃªt."[s.start:s.end]) for s in sig.spans]
[('utf8_as_cp1252', 'Ã©'), ('utf8_as_cp1252', 'Ãª')]
>>> signals("Le café est prêt, naïve « SÃO PAULO ».").spans
()
>>> fix_run("Р‘СЉР»РіР°СЂРёСЏ")
('cp1251', 'България')
"""

from __future__ import annotations

import math
import unicodedata

import ftfy
import regex
from ftfy.badness import BADNESS_RE

from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "UTF8_CODECS",
    "LEGACY_CODECS",
    "signals",
    "spans",
    "fix_run",
    "is_mojibake",
    "replacement_spans",
    "control_spans",
    "lost_char_spans",
    "roundtrip_spans",
    "legacy_spans",
    "latin_legacy_spans",
    "LATIN_LEGACY_LETTERS",
    "ftfy_spans",
]

LABEL = "mojibake"

NAMES: tuple[str, ...] = (
    "mojibake_replacement_rate",    # share of characters that are U+FFFD (x10, capped at 1)
    "mojibake_replacement_any",     # 1 when a U+FFFD is present
    "mojibake_control_rate",        # share of C0/C1 control characters (x10, capped)
    "mojibake_ftfy_badness",        # ftfy badness matches, log-scaled to [0, 1]
    "mojibake_ftfy_badness_rate",   # ftfy badness matches per non-ASCII character
    "mojibake_roundtrip_share",     # share of non-ASCII characters in UTF-8 round-trip runs
    "mojibake_legacy_share",        # share of non-ASCII characters in 8-bit legacy runs
    "mojibake_latin1_letter_share", # share of letters in Latin-1 Supplement (soft cue)
    "mojibake_mixed_script_words",  # share of words mixing two letter scripts (soft cue)
    "mojibake_span_share",          # share of characters covered by any mojibake span
)

#: Codecs that UTF-8 bytes are commonly mis-decoded with ("utf8_as_<codec>").
#: Single-byte codecs are encoded "sloppily": undefined bytes map to the
#: Latin-1 character of the same value, as browsers do.
UTF8_CODECS: tuple[str, ...] = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp874", "koi8_r", "cp866", "mac_roman", "cp437",
    "gbk", "big5", "cp932", "euc_jp", "cp949",
)

#: 8-bit codecs of non-Latin scripts whose bytes are often shown as Latin-1/cp1252.
LEGACY_CODECS: tuple[str, ...] = (
    "cp1251", "koi8_r", "iso8859_5", "cp866", "cp855", "mac_cyrillic",
    "cp1253", "iso8859_7", "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp874",
)

_SINGLE_BYTE = frozenset(UTF8_CODECS[:13]) | frozenset(LEGACY_CODECS)

#: Longest stretch of text (characters) the round-trip tests look at; beyond
#: it the counts are extrapolated from the sample. Keeps the cost linear and small.
_SAMPLE = 20_000

#: Longest prefix of one run / one word that the round-trip tests decode.
_RUN_PROBE = 400
_WORD_PROBE = 48


def _sloppy_tables(codec: str) -> tuple[dict[int, int], str]:
    """(char -> byte-as-latin1-char table, byte -> char decode string) for an 8-bit codec."""
    chars = []
    for i in range(256):
        try:
            chars.append(bytes([i]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(i))
    encode = {ord(c): i for i, c in reversed(list(enumerate(chars))) if len(c) == 1}
    return encode, "".join(chars)


_ENCODE = {c: _sloppy_tables(c)[0] for c in _SINGLE_BYTE}
_DECODE = {c: _sloppy_tables(c)[1] for c in LEGACY_CODECS}
_DECODE_TRANS = {c: {i: ch for i, ch in enumerate(_DECODE[c])} for c in LEGACY_CODECS}

_RULES_RE = regex.compile(
    r"""
    (?P<replacement>\uFFFD+)                          # U+FFFD replacement characters
    | (?P<control>[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]+)  # C0 controls except \t \n \r, and DEL
    | (?<=\p{Han})(?<![吗呢吧啊么嗎呀嘛哪谁誰何])        # "?" between Han characters, not after a
      (?P<lost_char>\?+)(?=\p{Han})                   #   question particle: an encoder lost a
                                                      #   character ("巴兹?奥尔德林" for "巴兹·奥尔德林")
    """,
    regex.VERBOSE,
)

#: Maximal runs of non-ASCII characters, split at U+FFFD and whitespace-like
#: separators that survive any mis-decoding. C1 controls stay inside runs: they
#: are what cp1252 shows for some UTF-8 continuation bytes.
_RUN_RE = regex.compile(r"[^\x00-\x7F\uFFFD\u00A0\s]+")

#: C1 controls, counted separately so the run detector can use them.
_C1_RE = regex.compile(r"[\x80-\x9F]+")

#: A "word" for the legacy test: non-ASCII, non-space characters, 3 or more.
_WORD_RE = regex.compile(r"[^\x00-\x7F\s\uFFFD]{3,}")

_LATIN1_LETTER_RE = regex.compile(r"[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]")
_LETTER_RE = regex.compile(r"\p{L}")
_NON_ASCII_RE = regex.compile(r"[^\x00-\x7F]")
#: A word whose letters switch script: Latin then Cyrillic/Greek/... or back.
_MIXED_WORD_RE = regex.compile(
    r"(?<!\p{L})\p{L}*(?:\p{Latin}\p{M}*[\p{Cyrillic}\p{Greek}\p{Hebrew}\p{Arabic}\p{Thai}]"
    r"|[\p{Cyrillic}\p{Greek}\p{Hebrew}\p{Arabic}\p{Thai}]\p{M}*\p{Latin})\p{L}*"
)
_WORD_ANY_RE = regex.compile(r"\p{L}+")
_SCRIPT_OF = tuple(
    (name, regex.compile(r"\p{Script=%s}" % name))
    for name in ("Latin", "Cyrillic", "Greek", "Hebrew", "Arabic", "Thai", "Han",
                 "Hiragana", "Katakana", "Hangul", "Devanagari", "Armenian", "Georgian")
)
#: What may be cut off the ends of a tolerant round trip: broken bytes and ASCII.
_STRIP_ENDS = "\ufffd" + "".join(map(chr, range(128)))
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs"})


_NEUTRAL_RE = regex.compile(r"[\p{Script=Common}\p{Script=Inherited}]")


def _script(ch: str) -> str:
    """The script of one letter: a listed name, ``Common`` (e.g. "ー") or ``Other``."""
    for name, rx in _SCRIPT_OF:
        if rx.match(ch):
            return name
    return "Common" if _NEUTRAL_RE.match(ch) else "Other"


def _encode(run: str, codec: str) -> bytes | None:
    """Bytes of ``run`` in ``codec`` (sloppy for 8-bit codecs), None if impossible."""
    table = _ENCODE.get(codec)
    if table is not None:
        mapped = run.translate(table)
        try:
            return mapped.encode("latin-1")
        except UnicodeEncodeError:
            return None
    try:
        return run.encode(codec)
    except UnicodeEncodeError:
        return None


def _plausible(decoded: str, nbytes: int) -> bool:
    """True when UTF-8 ``decoded`` (from ``nbytes`` bytes) reads as real text.

    Every character must be assigned and printable, at least two must be
    letters and the letters must all belong to one script (Japanese kana
    count with Han). A single decoded character is accepted only for the
    classic two-byte Latin case ("Ã©" -> "é", "Â£" -> "£").
    """
    if not decoded or "\ufffd" in decoded:
        return False
    if len(decoded) == 1:
        return nbytes == 2 and "\u00a0" <= decoded <= "\u017f"
    scripts = set()
    mark_scripts = set()
    letters = 0
    for ch in decoded:
        cat = unicodedata.category(ch)
        if cat in _BAD_CATEGORIES or ch.isascii():
            return False
        if cat[0] == "M":
            mark_scripts.add(_script(ch))
        elif cat[0] == "L":
            s = _script(ch)
            if s == "Other":
                return False
            letters += 1
            if s != "Common":
                scripts.add("Han" if s in ("Hiragana", "Katakana") else s)
    # combining marks must belong to the letters' script ("ҧ֧" is Cyrillic + a Hebrew accent)
    if mark_scripts - scripts - {"Common"}:
        return False
    return letters >= 2 and len(scripts) == 1 and 2 * letters >= len(decoded)


#: Typographic punctuation whose three UTF-8 bytes are a classic mojibake source.
_SMART_PUNCT = frozenset("‘’“”–—…•")

#: Codecs whose two-byte round trip may yield a single character ("Ã©" -> "é").
_LATIN_CODECS = frozenset({"cp1252", "cp1250", "cp1254", "cp1257", "mac_roman", "cp437"})


def _may_lead(ch: str, codec: str) -> bool:
    """Cheap filter: does ``ch`` in ``codec`` start with a UTF-8 lead byte (C2-F4)?"""
    table = _ENCODE.get(codec)
    if table is not None:
        b = table.get(ord(ch), ord(ch) if ord(ch) < 256 else -1)
        return 0xC2 <= b <= 0xF4
    try:
        b = ch.encode(codec)[0]
    except UnicodeEncodeError:
        return False
    return 0xC2 <= b <= 0xF4


def _undo(run: str, codec: str, slack: int) -> str | None:
    """Decode ``run`` re-encoded with ``codec`` as UTF-8; None unless plausible.

    Up to ``slack`` bytes at either end may be broken (a multi-byte sequence
    cut by partial corruption or a lead byte that swallowed an ASCII byte).
    """
    if slack == 0 and not _may_lead(run[0], codec):
        return None
    data = _encode(run, codec)
    if data is None or len(data) < 2:
        return None
    if slack == 0:
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        core = decoded
        if len(run) <= 3 and decoded[:1] in _SMART_PUNCT and decoded[1:].isascii():
            return decoded[0]  # "鈥檓" -> "’m": a curly quote and the ASCII byte it swallowed
    else:
        decoded = data.decode("utf-8", errors="replace")
        core = decoded.strip(_STRIP_ENDS)
        if len(data) - len(core.encode("utf-8")) > slack or len(core) < 2:
            return None
    if len(core) >= len(run) or not _plausible(core, len(data)):
        return None
    if len(core) == 1 and codec not in _LATIN_CODECS:
        return None
    own = _letter_script(run)
    if own is not None and own != _letter_script(core):
        # the run already reads as one clean word of another script: coincidence
        return None
    return core


def _letter_script(text: str) -> str | None:
    """The one script of ``text`` if it is letters and marks only, else None."""
    script = None
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "M":
            continue
        if cat[0] != "L":
            return None
        s = _script(ch)
        s = "Han" if s in ("Hiragana", "Katakana") else s
        if s == "Common":
            continue
        if script is not None and s != script:
            return None
        script = s
    return script


def fix_run(run: str) -> tuple[str, str] | None:
    """Undo UTF-8-as-``codec`` on one non-ASCII run: ``(codec, fixed)`` or None.

    >>> fix_run("Ã©")
    ('cp1252', 'é')
    >>> fix_run("鍙戝竷")
    ('gbk', '发布')
    >>> fix_run("été") is None
    True
    """
    for codec in UTF8_CODECS:
        fixed = _undo(run, codec, 0)
        if fixed is not None:
            return codec, fixed
    return None


def _run_ok(run: str) -> tuple[str, int] | None:
    """Like :func:`fix_run`, but tolerant of a broken first/last character.

    Partial mojibake and truncated blobs cut a multi-byte sequence; a run of
    six or more characters is accepted when all bytes but at most three at
    the ends decode. Returns ``(codec, n_decoded_chars)``.
    """
    hit = fix_run(run)
    if hit is not None:
        return hit[0], len(hit[1])
    if len(run) < 6:
        return None
    for codec in UTF8_CODECS:
        fixed = _undo(run, codec, 3)
        if fixed is not None and len(fixed) >= 3:
            return codec, len(fixed)
    return None


def replacement_spans(text: str) -> list[Span]:
    """U+FFFD runs.

    >>> replacement_spans("ab\\ufffd\\ufffdc")
    [Span(start=2, end=4, label='mojibake', rule='replacement')]
    """
    return [Span(m.start(), m.end(), LABEL, "replacement")
            for m in _RULES_RE.finditer(text) if m.lastgroup == "replacement"]


def lost_char_spans(text: str) -> list[Span]:
    """ASCII "?" between Han characters: a character the encoder could not write.

    >>> lost_char_spans("巴兹?奥尔德林"), lost_char_spans("你好吗?我很好")
    ([Span(start=2, end=3, label='mojibake', rule='lost_char')], [])
    """
    return [Span(m.start(), m.end(), LABEL, "lost_char")
            for m in _RULES_RE.finditer(text) if m.lastgroup == "lost_char"]


def control_spans(text: str) -> list[Span]:
    """C0 (except tab, LF, CR), DEL and C1 control characters.

    >>> control_spans("a\\x01b\\tc")
    [Span(start=1, end=2, label='mojibake', rule='control')]
    """
    out = [Span(m.start(), m.end(), LABEL, "control")
           for m in _RULES_RE.finditer(text) if m.lastgroup == "control"]
    out += [Span(m.start(), m.end(), LABEL, "control") for m in _C1_RE.finditer(text)]
    return sorted(out)


def roundtrip_spans(text: str) -> list[Span]:
    """Non-ASCII runs that are UTF-8 decoded with a wrong codec.

    >>> [(s.rule, s.start, s.end) for s in roundtrip_spans("Ð¡Ð¾Ñ„Ð¸Ñ")]
    [('utf8_as_cp1252', 0, 9)]
    """
    out = []
    seen = 0
    for m in _RUN_RE.finditer(text):
        if seen > _SAMPLE:
            break
        run = m.group()
        seen += len(run)
        if len(run) < 2 or (len(run) > 2 and len(set(run)) <= 2):
            continue  # too short, or a rule of repeated symbols ("＝＝＝＝", "▥▥▥┃")
        hit = _run_ok(run[:_RUN_PROBE])
        if hit is not None:
            out.append(Span(m.start(), m.end(), LABEL, "utf8_as_" + hit[0]))
    return out


def _legacy_word(word: str) -> str | None:
    """The 8-bit codec whose decoding turns a Latin-1 ``word`` into one clean word."""
    table = _ENCODE["cp1252"]
    try:
        data = word.translate(table).encode("latin-1")
    except UnicodeEncodeError:
        return None
    if data.isascii():
        return None
    for codec in LEGACY_CODECS:
        decoded = data.decode("latin-1").translate(_DECODE_TRANS[codec])
        script = None
        ok = True
        for ch in decoded:
            cat = unicodedata.category(ch)
            if cat[0] == "M" and script is not None:
                continue
            if cat[0] != "L":
                ok = False
                break
            s = _script(ch)
            if s in ("Latin", "Other") or (script is not None and s != script):
                ok = False
                break
            script = s
        if ok and script is not None:
            return codec
    return None


def legacy_spans(text: str) -> list[Span]:
    """Words of Latin-1 letters that are really Cyrillic/Greek/Hebrew/Arabic/Thai bytes.

    Needs two such words, or one of six or more characters, in the text.

    >>> [s.rule for s in legacy_spans("Áúëãàðèÿ å ÷ëåíêà")]
    ['legacy_as_latin1', 'legacy_as_latin1']
    >>> legacy_spans("Jäääär ja Ånge éèê")
    []
    """
    out = []
    seen = 0
    for m in _WORD_RE.finditer(text):
        if seen > _SAMPLE:
            break
        word = m.group()
        seen += len(word)
        # glued to ASCII letters on either side: a real Latin word ("Größe")
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
            continue
        if m.end() < len(text) and text[m.end()].isascii() and text[m.end()].isalpha():
            continue
        if _legacy_word(word[:_WORD_PROBE]) is not None:
            out.append(Span(m.start(), m.end(), LABEL, "legacy_as_latin1"))
    if len(out) == 1 and out[0].end - out[0].start < 6:
        return []
    return out


#: Latin-1 letters that correct spelling of a Central European or Turkish
#: language never uses, but that its 8-bit bytes (iso8859_2, cp1250, cp1254)
#: show as when read as Latin-1/cp1252: Czech "pøi¹el" (přišel), Hungarian
#: "érkezõ" (érkező), Turkish "vardý" (vardı), Polish "³¹ka" (łąka).
LATIN_LEGACY_LETTERS: dict[str, str] = {
    "cs": "ìèøòùï»¹¾ÌÈØÒÙ©®«",
    "sk": "èøòù»¹¾µÈØ©®¥",
    "hu": "õûÕÛ",
    "pl": "êæñ³¿±¶¹¼ÊÆÑ£¯¡¦",
    "tr": "ýþðÝÞÐ",
    "hr": "èæð¹¾ÈÆÐ©®",
    "sl": "èæ¹¾ÈÆ©®",
    "bs": "èæð¹¾ÈÆÐ©®",
    "ro": "ãºþªÞ",
}

_LATIN_LEGACY_RE = {
    lang: regex.compile(r"(?<!\p{L})\p{L}*[%s]\p{L}*" % regex.escape(chars))
    for lang, chars in LATIN_LEGACY_LETTERS.items()
}

#: A symbol that 8-bit Central European bytes become, between two letters ("dal¹í").
_SYMBOL_IN_WORD_RE = regex.compile(r"(?<!\p{L})\p{L}+[¹¾¼¦¨¸]\p{L}+")


def latin_legacy_spans(text: str, lang: str = "und") -> list[Span]:
    """Words with letters the language never uses but its 8-bit bytes turn into.

    Needs two such words (one is enough for a symbol between letters).

    >>> [text[s.start:s.end] for text in ["Taþta kan vardý."] for s in latin_legacy_spans(text, "tr")]
    ['Taþta', 'vardý']
    >>> latin_legacy_spans("Os órgãos são ótimos.", "pt"), latin_legacy_spans("Vardı.", "tr")
    ([], [])
    """
    out = [Span(m.start(), m.end(), LABEL, "latin2_as_latin1")
           for m in _SYMBOL_IN_WORD_RE.finditer(text, 0, min(len(text), _SAMPLE * 4))]
    rx = _LATIN_LEGACY_RE.get(lang)
    if rx is not None:
        words = [Span(m.start(), m.end(), LABEL, "latin2_as_latin1")
                 for m in rx.finditer(text, 0, min(len(text), _SAMPLE * 4))]
        if len(words) >= 2:
            out += words
    return sorted(set(out))


_WORD_AROUND_RE = regex.compile(r"\S+")


def _badness(text: str, end: int):
    """ftfy's badness matches in ``text[:end]``, without a lone capital ``Ã`` or
    ``Â`` standing as a word before a plain space (``Ã is a letter in
    Portuguese``): that is the letter itself far more often than ``à``/NBSP
    whose no-break space became a plain one, which other words then betray.

    >>> [m.group() for m in _badness("Ã is a letter; the symbol Â too; allÃ© Ã  la", 99)]
    ['lÃ©']
    """
    for m in BADNESS_RE.finditer(text, 0, end):
        odd = [i for i in range(m.start(), m.end()) if not text[i].isascii()]
        if len(odd) == 1 and text[odd[0]] in "ÃÂ":
            j = odd[0]
            if text[j + 1:j + 2] == " " and (j == 0 or text[j - 1].isspace()):
                continue
        yield m


def ftfy_spans(text: str) -> list[Span]:
    """Words where ftfy's badness regex fires and ftfy's own fixer changes the word.

    >>> [(s.rule, "He's Justinâ€™s"[s.start:s.end]) for s in ftfy_spans("He's Justinâ€™s")]
    [('ftfy', 'Justinâ€™s')]
    """
    out: list[Span] = []
    last_end = -1
    for tried, m in enumerate(_badness(text, min(len(text), _SAMPLE * 4))):
        if tried >= 200:
            break
        if m.start() < last_end:
            continue
        # widen to the surrounding whitespace-delimited word
        start = text.rfind(" ", 0, m.start()) + 1
        end = text.find(" ", m.end())
        end = len(text) if end < 0 else end
        if end - start > 200:
            start, end = m.start(), m.end()
        word = text[start:end]
        if ftfy.fix_encoding(word) != word:
            out.append(Span(start, end, LABEL, "ftfy"))
        last_end = end
        if len(out) >= 50:
            break
    return out


def spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """All mojibake evidence in ``text``, sorted, clipped."""
    return _analyse(text, lang)[1]


def is_mojibake(text: str) -> bool:
    """Yes/no view: does any mojibake rule fire?

    >>> is_mojibake("Ã©tÃ©"), is_mojibake("été")
    (True, False)
    """
    return bool(_analyse(text)[1])


def _analyse(text: str, lang: str = "und") -> tuple[dict[str, float], tuple[Span, ...]]:
    n = len(text)
    if not n:
        return {}, ()
    rep = replacement_spans(text)
    ctl = control_spans(text)
    lost = lost_char_spans(text) if not text.isascii() else []
    if text.isascii():
        found = rep + ctl
        return ({"rep": sum(s.end - s.start for s in rep), "ctl": sum(s.end - s.start for s in ctl)},
                clip_spans(found, n))
    rt = roundtrip_spans(text)
    lg = legacy_spans(text) + latin_legacy_spans(text, lang)
    bad = [m.group() for m in _badness(text, min(n, _SAMPLE * 4))]
    found = rep + ctl + lost + rt + lg
    if bad and not (rep or rt or lg):
        # ftfy's word-level fix only adds evidence where no other rule fired
        found += ftfy_spans(text)
    stats = {
        "rep": sum(s.end - s.start for s in rep),
        "ctl": sum(s.end - s.start for s in ctl),
        "rt": sum(s.end - s.start for s in rt),
        "lg": sum(s.end - s.start for s in lg),
        "bad": len(bad),
    }
    return stats, clip_spans(found, n)


def signals(text: str, lang: str = "und") -> Signals:
    """Values (aligned with ``NAMES``) and evidence spans for ``text``.

    >>> sig = signals("Ð¡Ð¾Ñ„Ð¸Ñ")
    >>> dict(zip(NAMES, sig.values))["mojibake_roundtrip_share"]
    1.0
    """
    n = len(text)
    stats, found = _analyse(text, lang)
    if not n:
        return Signals((0.0,) * len(NAMES), ())
    non_ascii = len(_NON_ASCII_RE.findall(text)) if not text.isascii() else 0
    na = max(1, non_ascii)
    letters = _LETTER_RE.findall(text, 0, min(n, _SAMPLE * 4))
    latin1 = len(_LATIN1_LETTER_RE.findall(text, 0, min(n, _SAMPLE * 4)))
    words = len(_WORD_ANY_RE.findall(text, 0, min(n, _SAMPLE * 4))) if non_ascii else 0
    mixed = len(_MIXED_WORD_RE.findall(text, 0, min(n, _SAMPLE * 4))) if non_ascii else 0
    covered = 0
    last = 0
    for s in found:
        start = max(s.start, last)
        if s.end > start:
            covered += s.end - start
            last = s.end
    bad = stats.get("bad", 0)
    values = (
        min(1.0, 10.0 * stats.get("rep", 0) / n),
        1.0 if stats.get("rep", 0) else 0.0,
        min(1.0, 10.0 * stats.get("ctl", 0) / n),
        min(1.0, math.log1p(bad) / math.log1p(100)),
        min(1.0, bad / na),
        min(1.0, stats.get("rt", 0) / na),
        min(1.0, stats.get("lg", 0) / na),
        min(1.0, latin1 / max(1, len(letters))),
        min(1.0, mixed / max(1, words)),
        min(1.0, covered / n),
    )
    return Signals(values, found)
