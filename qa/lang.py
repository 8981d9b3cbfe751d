"""Language identification for paragraphs (py3langid, loaded on first use).

Short paragraphs are unreliable to identify, so a caller can pass the
document's language as ``fallback``: it is used when the paragraph has fewer
than ``MIN_CHARS`` letters.

>>> detect("Le chat est assis sur le tapis, et il regarde la pluie tomber.")
'fr'
>>> detect("12:14", fallback="bg")
'bg'
>>> detect("")
'und'
"""

from __future__ import annotations

import regex

__all__ = ["detect", "MIN_LETTERS", "UNDETERMINED"]

UNDETERMINED = "und"
#: Fewer letters than this and the paragraph takes the fallback language.
MIN_LETTERS = 25
#: Only the first characters are read: enough to identify, bounded cost.
MAX_CHARS = 2000

_LETTER = regex.compile(r"\p{L}")


def _classify(text: str) -> str:
    import py3langid  # lazy: loads its model on first call

    return py3langid.classify(text)[0]


def detect(text: str, fallback: str = UNDETERMINED) -> str:
    """Return the ISO 639-1 code of ``text``'s language, or ``fallback``."""
    head = text[:MAX_CHARS]
    letters = len(_LETTER.findall(head, overlapped=False)) if head else 0
    if letters < 3:
        return fallback
    if letters < MIN_LETTERS and fallback != UNDETERMINED:
        return fallback
    return _classify(head)
