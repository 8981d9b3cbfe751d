"""Mojibake, made by the wrong-codec round trips that make it in the wild.

Mechanisms (the codec is part of the recorded name):

- ``utf8_as_<codec>``: UTF-8 bytes decoded with a legacy codec picked by the text's script:
  ``"Ã©tÃ©"`` (cp1252), ``"Ð¡Ð¾Ñ„Ð¸Ñ"``, ``"РЎРѕС„РёСЏ"`` (cp1251), ``"鏄"``-style garbage (gbk, shift_jis,
  big5, euc-kr). Single-byte codecs are decoded "sloppily" the way browsers do: a byte the codec
  leaves undefined becomes the C1 control of the same number (stray control characters).
- ``<codec>_as_utf8``: legacy-encoded bytes decoded as UTF-8 with replacement: ``"\ufffd"`` runs.
- ``double_utf8``: UTF-8 misread as cp1252 twice: ``"Ã©"`` becomes ``"ÃƒÂ©"``.
- ``partial_utf8_as_<codec>``: only one stretch of the paragraph damaged (a title or a field
  that came from another source).

Only non-ASCII text can be damaged this way; pure ASCII gives None.

>>> import random
>>> misread("été", "cp1252"), misread("Ж", "cp1251"), misread("é", "latin-1")
('Ã©tÃ©', 'Р–', 'Ã©')
>>> utf8_as_legacy("Café déjà vu", random.Random(2), "fr", ()).text
'CafÃ© dÃ©jÃ\\xa0 vu'
"""

from __future__ import annotations

import functools
import random
from typing import Sequence

import regex

from features.spans import Span
from qa.corrupt.corruption import Corruption, Mechanism, build
from qa.corrupt.textunits import dominant_script, unspaced, word_spans

__all__ = [
    "MECHANISMS",
    "MISREAD_CODECS",
    "LEGACY_CODECS",
    "misread",
    "legacy_misread",
    "utf8_as_legacy",
    "legacy_as_utf8",
    "double_utf8",
    "partial_misread",
]

LABEL = "mojibake"
MULTIBYTE = frozenset({"gbk", "gb18030", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949"})

MISREAD_CODECS: dict[str, tuple[str, ...]] = {
    "Latin": ("cp1252", "cp1252", "cp1252", "latin-1", "mac_roman", "cp1250"),
    "Cyrillic": ("cp1252", "cp1251", "cp1251", "koi8_r", "latin-1"),
    "Greek": ("cp1252", "cp1253", "iso8859_7", "cp1251"),
    "Arabic": ("cp1252", "cp1256", "cp1251"),
    "Hebrew": ("cp1252", "cp1255"),
    "Han": ("cp1252", "gbk", "gbk", "gb18030", "big5"),
    "Japanese": ("cp1252", "shift_jis", "shift_jis", "euc_jp", "gbk"),
    "Hangul": ("cp1252", "euc_kr", "gbk", "shift_jis"),
    "Thai": ("cp1252", "cp874"),
    "Common": ("cp1252", "latin-1"),
}
"""Codecs that UTF-8 bytes are wrongly decoded with, by the script of the text (repeats = weights)."""

LEGACY_CODECS: dict[str, tuple[str, ...]] = {
    "Latin": ("cp1252", "latin-1", "cp1250"),
    "Cyrillic": ("cp1251", "koi8_r", "cp866"),
    "Greek": ("cp1253", "iso8859_7"),
    "Arabic": ("cp1256",),
    "Hebrew": ("cp1255",),
    "Han": ("gbk", "gbk", "big5"),
    "Japanese": ("shift_jis", "cp932", "euc_jp"),
    "Hangul": ("euc_kr", "cp949"),
    "Thai": ("cp874",),
    "Common": ("cp1252",),
}
"""Legacy codecs a text in each script was commonly stored in (then read as UTF-8)."""

_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")


def _script(text: str, lang: str) -> str:
    """The script used to choose codecs; Japanese (by ``lang`` or kana) is told apart from Chinese."""
    script = dominant_script(text)
    if lang.split("-")[0].lower() == "ja" or script in {"Hiragana", "Katakana"} or (script == "Han" and _KANA.search(text)):
        return "Japanese"
    return script


@functools.cache
def _sloppy_table(codec: str) -> tuple[str, ...]:
    """Byte -> character for a single-byte codec; undefined bytes map to the same code point."""
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return tuple(out)


def _decode(data: bytes, codec: str) -> str:
    """Decode ``data`` with ``codec``: sloppily for single-byte codecs, with U+FFFD for multi-byte ones."""
    if codec in MULTIBYTE:
        return data.decode(codec, "replace")
    table = _sloppy_table(codec)
    return "".join(table[b] for b in data)


def misread(text: str, codec: str) -> str:
    """``text`` encoded as UTF-8 and decoded with ``codec``."""
    return _decode(text.encode("utf-8", "surrogatepass"), codec)


def legacy_misread(text: str, codec: str) -> str:
    """``text`` encoded with ``codec`` (unencodable characters as UTF-8) and decoded as UTF-8 with replacement.

    >>> legacy_misread("Жена", "cp1251")
    '\\ufffd\\ufffd\\ufffd\\ufffd'
    """
    data = bytearray()
    for ch in text:
        try:
            data += ch.encode(codec)
        except UnicodeEncodeError:
            data += ch.encode("utf-8", "surrogatepass")
    return bytes(data).decode("utf-8", "replace")


def _apply(text: str, start: int, end: int, damage, rule: str) -> tuple[str, list[Span]]:
    """Damage every non-ASCII run inside ``text[start:end]``; return new text and the damaged spans."""
    out: list[str] = [text[:start]]
    spans: list[Span] = []
    length, prev = start, start
    for m in _NON_ASCII.finditer(text, start, end):
        out.append(text[prev : m.start()])
        length += m.start() - prev
        bad = damage(m.group())
        if bad != m.group():
            if spans and length - spans[-1].end <= 2:  # one span over words damaged together
                spans[-1] = Span(spans[-1].start, length + len(bad), LABEL, rule)
            else:
                spans.append(Span(length, length + len(bad), LABEL, rule))
        out.append(bad)
        length += len(bad)
        prev = m.end()
    out.append(text[prev:])
    return "".join(out), spans


def _result(text: str, new: str, spans: list[Span], mechanism: str) -> Corruption | None:
    """A Corruption when something changed, else None."""
    if new == text or not spans:
        return None
    return build(new, [LABEL], mechanism, spans)


def utf8_as_legacy(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Decode the UTF-8 of every non-ASCII run with a legacy codec chosen by script."""
    codec = rng.choice(MISREAD_CODECS.get(_script(text, lang), MISREAD_CODECS["Common"]))
    new, spans = _apply(text, 0, len(text), lambda s: misread(s, codec), "wrong_codec")
    return _result(text, new, spans, f"utf8_as_{codec}")


def legacy_as_utf8(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Encode the text in its script's legacy codec and decode it as UTF-8 with replacement."""
    codecs = list(LEGACY_CODECS.get(_script(text, lang), LEGACY_CODECS["Common"]))
    rng.shuffle(codecs)
    for codec in codecs + ["cp1252"]:  # a codec that cannot encode the text leaves it intact: try another
        new, spans = _apply(text, 0, len(text), lambda s: legacy_misread(s, codec), "replacement_char")
        result = _result(text, new, spans, f"{codec}_as_utf8")
        if result is not None:
            return result
    return None


def double_utf8(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Misread as cp1252 and re-encode twice: ``"é"`` -> ``"ÃƒÂ©"``."""
    new, spans = _apply(text, 0, len(text), lambda s: misread(misread(s, "cp1252"), "cp1252"), "double_utf8")
    return _result(text, new, spans, "double_utf8")


def partial_misread(text: str, rng: random.Random, lang: str, context: Sequence[str]) -> Corruption | None:
    """Damage one stretch of 2-12 words (or 4-40 characters) that holds non-ASCII text."""
    runs = list(_NON_ASCII.finditer(text))
    if not runs:
        return None
    words = [] if unspaced(text, lang) else word_spans(text)
    anchor = rng.choice(runs)
    if len(words) > 4:
        i = next((k for k, (s, e) in enumerate(words) if e > anchor.start()), 0)
        n = rng.randint(2, 12)
        start, end = words[i][0], words[min(len(words) - 1, i + n - 1)][1]
        start = min(start, anchor.start())
    else:
        start = rng.randint(anchor.start(), max(anchor.start(), anchor.end() - 4))
        end = min(len(text), start + rng.randint(4, max(4, min(40, len(text) // 2))))
    if start == 0 and end >= len(text.rstrip()):
        return None
    codec = rng.choice(MISREAD_CODECS.get(_script(text, lang), MISREAD_CODECS["Common"]))
    new, spans = _apply(text, start, end, lambda s: misread(s, codec), "wrong_codec_partial")
    return _result(text, new, spans, f"partial_utf8_as_{codec}")


MECHANISMS: tuple[Mechanism, ...] = (utf8_as_legacy, utf8_as_legacy, legacy_as_utf8, double_utf8, partial_misread)
