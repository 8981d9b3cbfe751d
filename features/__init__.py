"""Pure signal extractors for scrape defects.

One module per defect family; each exposes ``LABEL``, ``NAMES`` (the feature
names, in order) and ``signals(text, lang="und") -> Signals``. Nothing here does
I/O, holds global mutable state or imports scikit-learn.

>>> sig = extract("Hello , world .", "en")
>>> len(sig.values) == len(FEATURE_NAMES)
True
>>> any(s.label == "spacing" for s in sig.spans)
True
"""

from features.registry import FAMILIES, FEATURE_NAMES, FEATURE_SET_VERSION, extract
from features.spans import Signals, Span

__all__ = ["FAMILIES", "FEATURE_NAMES", "FEATURE_SET_VERSION", "Signals", "Span", "extract"]
