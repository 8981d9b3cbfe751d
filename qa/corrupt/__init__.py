"""The corruption synthesizer: labelled defective variants of clean text, made by real mechanisms.

Mechanisms, not random noise: inline nodes joined with a separator, link text dropped, blocks
glued without a break, byte caps, wrong-codec decoding, script and JSON blobs kept, footers kept.
Each variant carries honest labels, the name of the mechanism and spans showing the damage.

>>> import random
>>> c = corrupt_text("Café, déjà vu.", "mojibake", random.Random(0), "fr")
>>> c.labels, c.text != "Café, déjà vu."
(('mojibake',), True)
>>> KINDS
('spacing', 'spliced', 'truncated', 'mojibake', 'leaked_code', 'boilerplate')
"""

from __future__ import annotations

from qa.corrupt.corruption import Corruption
from qa.corrupt.html_blocks import corrupt_html, page_blocks
from qa.corrupt.kinds import FAMILIES, KINDS, corrupt_text
from qa.corrupt.records import corrupt_records

__all__ = ["KINDS", "FAMILIES", "Corruption", "corrupt_text", "corrupt_records", "corrupt_html", "page_blocks"]
