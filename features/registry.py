"""The list of extractor families and the combined feature vector.

>>> FEATURE_NAMES[0].startswith("code_")
True
"""

from __future__ import annotations

import hashlib

from features import boilerplate, code, mojibake, spacing, splice, textstats, truncation
from features.spans import Signals, clip_spans

__all__ = ["FAMILIES", "FEATURE_NAMES", "FEATURE_SET_VERSION", "extract"]

#: Extractor modules, in the order their values appear in the feature vector.
FAMILIES = (code, boilerplate, splice, spacing, truncation, mojibake, textstats)

#: Names of all features, in vector order.
FEATURE_NAMES: tuple[str, ...] = tuple(name for fam in FAMILIES for name in fam.NAMES)

#: Changes whenever a feature is added, removed or renamed; bump the prefix when
#: a feature's meaning changes without a rename. Models record it and refuse a mismatch.
FEATURE_SET_VERSION = "1." + hashlib.sha256("\n".join(FEATURE_NAMES).encode()).hexdigest()[:12]


def extract(text: str, lang: str = "und") -> Signals:
    """Run every family on ``text`` and concatenate values and spans."""
    values: list[float] = []
    spans = []
    for fam in FAMILIES:
        sig = fam.signals(text, lang)
        values.extend(sig.values)
        spans.extend(sig.spans)
    return Signals(tuple(values), clip_spans(spans, len(text)))
