"""``paragraphs.csv``: one row per paragraph, streamed, a contract other tools read.

Columns (in this order): see :data:`CSV_COLUMNS`. Plain UTF-8 (no BOM),
``csv.QUOTE_MINIMAL``, ``\\r\\n`` line ends; text cells keep their newlines
(quoted). ``evidence`` is a JSON list of ``[start, end, label, rule]`` with
offsets within the paragraph; ``signals`` a JSON list of ``[name, weight]``.

Formula-injection guard: a cell of a *text* column (``doc_id``, ``lang``,
``labels``, ``evidence``, ``signals``, ``source``, ``text``) that starts with
``= + - @``, a tab or a CR, possibly after apostrophes, gets one leading
apostrophe; :func:`unguard` removes it exactly. Numeric columns are never
touched (negative numbers cannot occur there).

>>> guard("=1+1"), guard("plain"), guard("'=x")
("'=1+1", 'plain', "''=x")
>>> unguard(guard("-- list item")), unguard("'quoted'")
('-- list item', "'quoted'")
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Iterable, Mapping

from features.spans import Span, clip_spans
from qa.labels import LABELS, PROB_COLUMNS
from qa.records import Document, ParagraphScore
from qa.report.atomic import AtomicFile

__all__ = [
    "CSV_COLUMNS",
    "GUARDED_COLUMNS",
    "ParagraphCsvSink",
    "csv_row",
    "guard",
    "unguard",
    "unit_score",
    "clean_spans",
    "finite_weight",
]

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id", "paragraph", "start", "end", "chars", "lang", "score", "labels",
    *PROB_COLUMNS,
    "evidence", "signals", "source", "text",
)  # fmt: skip

#: Columns whose cells may get the formula guard apostrophe.
GUARDED_COLUMNS: frozenset[str] = frozenset(
    {"doc_id", "lang", "labels", "evidence", "signals", "source", "text"}
)

_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
_IS_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def guard(cell: str) -> str:
    """Prefix ``'`` when a spreadsheet would read ``cell`` as a formula."""
    return "'" + cell if _NEEDS_GUARD.match(cell) else cell


def unguard(cell: str) -> str:
    """Undo :func:`guard` (for tools reading the CSV back)."""
    return cell[1:] if _IS_GUARDED.match(cell) else cell


def unit_score(x: float) -> float:
    """Clamp a probability to ``[0, 1]``; a NaN is a bug upstream and raises.

    >>> unit_score(1.2), unit_score(-0.1), unit_score(0.25)
    (1.0, 0.0, 0.25)
    """
    x = float(x)
    if math.isnan(x):
        raise ValueError("score is NaN")
    return min(1.0, max(0.0, x))


def clean_spans(spans: Iterable[Span], length: int) -> tuple[Span, ...]:
    """Evidence clipped to the paragraph, non-empty, sorted (no count limit).

    >>> clean_spans([Span(4, 9, "spacing", "r")], 6)
    (Span(start=4, end=6, label='spacing', rule='r'),)
    """
    spans = tuple(spans)
    if not spans:
        return ()
    if all(
        type(s) is Span and type(s.start) is int and type(s.end) is int and 0 <= s.start < s.end <= length
        for s in spans
    ) and all(
        a <= b for a, b in zip(spans, spans[1:])
    ):
        return spans  # the common case: the extractors already return clean spans
    rebuilt = [Span(int(s[0]), int(s[1]), str(s[2]), str(s[3])) for s in spans]
    return clip_spans(rebuilt, length, limit=len(rebuilt))


def _num(x: float | None) -> str:
    if x is None:
        return ""
    x = float(x)
    if x != x:
        raise ValueError("probability is NaN")
    return str(round(1.0 if x > 1.0 else 0.0 if x < 0.0 else x, 4))


def finite_weight(w: float) -> float | None:
    """A signal weight rounded to 4 places; ``None`` (JSON null) when not finite.

    >>> finite_weight(0.123456), finite_weight(float("inf"))
    (0.1235, None)
    """
    w = float(w)
    return round(w, 4) if math.isfinite(w) else None


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # stateless


def _json(value: list) -> str:
    return _ENCODE(value) if value else "[]"


def csv_row(score: ParagraphScore, doc: Document) -> list[str]:
    """The cells of one paragraph's row, in :data:`CSV_COLUMNS` order, guarded.

    >>> from qa.records import Paragraph
    >>> p = Paragraph("d", 0, "=cmd|' /C calc'!A0", 0, 18)
    >>> row = csv_row(ParagraphScore(p, "en", 0.9, {}, ("leaked_code",)), Document("d", p.text))
    >>> row[0], row[6], row[7], row[-1]
    ('d', '0.9', 'leaked_code', "'=cmd|' /C calc'!A0")
    """
    p = score.paragraph
    text = p.text
    evidence = clean_spans(score.evidence, len(text))
    probs: Mapping[str, float] = score.probs
    cells: list[str] = [
        guard(str(p.doc_id)),
        str(p.index),
        str(p.start),
        str(p.end),
        str(len(text)),
        guard(str(score.lang or "")),
        _num(score.score),
        guard(";".join(score.labels)),
        *(_num(probs.get(label)) for label in LABELS),
        guard(_json([list(s) for s in evidence])),
        guard(_json([[str(n), finite_weight(w)] for n, w in score.signals])),
        guard(str(doc.source or "")),
        guard(text),
    ]
    return cells


class ParagraphCsvSink:
    """Streams rows into ``path`` (atomically: nothing appears until :meth:`commit`).

    Memory stays bounded: each row is written as soon as it arrives.
    """

    def __init__(self, path: Path | str):
        self._file = AtomicFile(path, newline="")
        self._writer = csv.writer(self._file.file, quoting=csv.QUOTE_MINIMAL)
        self._writer.writerow(CSV_COLUMNS)
        self.rows = 0

    def add(self, score: ParagraphScore, doc: Document) -> None:
        """Write one paragraph's row."""
        self._writer.writerow(csv_row(score, doc))
        self.rows += 1

    def commit(self) -> None:
        """Finish the file and move it into place."""
        self._file.commit()

    def abort(self) -> None:
        """Drop the partial file."""
        self._file.abort()
