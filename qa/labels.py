"""The defect labels, in the order used by every table, file and model.

>>> LABELS[0], len(LABELS)
('leaked_code', 6)
>>> prob_column("spacing")
'p_spacing'
"""

from __future__ import annotations

__all__ = ["LABELS", "prob_column", "PROB_COLUMNS"]

LABELS: tuple[str, ...] = (
    "leaked_code",
    "boilerplate",
    "spliced",
    "spacing",
    "truncated",
    "mojibake",
)


def prob_column(label: str) -> str:
    """Name of the CSV column holding the probability of ``label``."""
    return f"p_{label}"


PROB_COLUMNS: tuple[str, ...] = tuple(prob_column(label) for label in LABELS)
