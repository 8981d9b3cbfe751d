"""The frozen records that stream through the pipeline.

``Document`` -> ``Paragraph`` -> ``ParagraphScore``. They are small, immutable
and cheap to pickle, so engines can ship them between processes.

>>> doc = Document("d1", "Hello.\\n\\nWorld.", {"url": "http://x"}, source="a.txt", line=1)
>>> p = Paragraph("d1", 0, "Hello.", 0, 6)
>>> doc.text[p.start:p.end] == p.text
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from features.spans import Span

__all__ = ["Document", "Paragraph", "ParagraphScore"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input record.

    ``id`` is the record id (from the id field, or ``FILE:LINE`` when absent),
    ``meta`` holds the record's other fields, ``source`` the file it came from
    (``-`` for stdin) and ``line`` the 1-based line or record number there.
    """

    id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A piece of a document: ``document.text[start:end] == text``.

    ``index`` is 0-based within the document; ``count`` is how many paragraphs the
    document has (0 when unknown), used as context by the model.
    """

    doc_id: str
    index: int
    text: str
    start: int
    end: int
    count: int = 0


@dataclass(frozen=True, slots=True)
class ParagraphScore:
    """The verdict on one paragraph.

    ``score`` is the calibrated probability of any defect; ``probs`` maps each
    label to its probability; ``labels`` are the labels whose probability passed
    the model's per-label threshold; ``evidence`` spans are offsets within the
    paragraph; ``signals`` are the top (feature name, weight) pairs behind the score.
    """

    paragraph: Paragraph
    lang: str
    score: float
    probs: Mapping[str, float]
    labels: tuple[str, ...]
    evidence: tuple[Span, ...] = ()
    signals: tuple[tuple[str, float], ...] = ()

    @property
    def defective(self) -> bool:
        """True when at least one label was predicted."""
        return bool(self.labels)
