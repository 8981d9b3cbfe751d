"""``AuditWriter``: the sink the audit pipeline feeds, one paragraph at a time.

It streams ``paragraphs.csv`` while it keeps bounded aggregates, then on
:meth:`AuditWriter.close` writes ``summary.json`` and ``report.html``. Every
file is written atomically into ``out_dir`` (created if missing); if anything
fails, or :meth:`AuditWriter.abort` is called, no partial file is left.

>>> import tempfile, pathlib
>>> from qa.records import Document, Paragraph, ParagraphScore
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> doc = Document("d1", "Hello , world.", source="a.txt")
>>> p = Paragraph("d1", 0, doc.text, 0, len(doc.text))
>>> with AuditWriter(out, {"tool_version": "0.1"}) as w:
...     w.add(ParagraphScore(p, "en", 0.9, {"spacing": 0.9}, ("spacing",)), doc)
...     summary = w.close({"count": 0, "by_reason": {}, "examples": []}, 0.1)
>>> summary["defective_share"], sorted(f.name for f in out.iterdir())
(1.0, ['paragraphs.csv', 'report.html', 'summary.json'])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from qa.records import Document, ParagraphScore
from qa.report.aggregate import CorpusStats
from qa.report.csv_sink import ParagraphCsvSink
from qa.report.html import render_report
from qa.report.summary import build_summary, summary_json
from qa.report.atomic import atomic_write_text

__all__ = ["AuditWriter", "CSV_NAME", "SUMMARY_NAME", "HTML_NAME"]

CSV_NAME = "paragraphs.csv"
SUMMARY_NAME = "summary.json"
HTML_NAME = "report.html"


class AuditWriter:
    """Writes the audit outputs of one run into ``out_dir``.

    ``run`` describes the run (inputs, options, tool_version, model, started) and
    is copied into the summary and the report. ``report_limit`` bounds the worst
    paragraphs detailed in the HTML page, ``document_limit`` the worst documents
    listed there. Paragraphs must arrive in document order (a document's
    paragraphs contiguous). Usable as a context manager: leaving the block with
    an exception, or without :meth:`close`, aborts (drops the partial CSV).
    """

    def __init__(
        self,
        out_dir: Path | str,
        run: Mapping[str, Any],
        report_limit: int = 1000,
        document_limit: int = 200,
    ):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.run = dict(run)
        self._stats = CorpusStats(report_limit=report_limit, document_limit=document_limit)
        self._csv = ParagraphCsvSink(self.out_dir / CSV_NAME)
        self._closed = False

    def add(self, score: ParagraphScore, doc: Document) -> None:
        """Record one scored paragraph of ``doc`` (call in document order)."""
        if self._closed:
            raise RuntimeError("AuditWriter is closed")
        try:
            self._csv.add(score, doc)
            self._stats.add(score, doc)
        except BaseException:
            self.abort()
            raise

    def close(self, skips: Mapping[str, Any], duration: float) -> dict[str, Any]:
        """Finish: write the CSV, ``summary.json`` and ``report.html``; return the summary.

        The page is rendered before anything is moved into place, so a
        rendering error leaves none of the three files.
        """
        if self._closed:
            raise RuntimeError("AuditWriter is closed")
        try:
            self._stats.finish()
            summary = build_summary(self._stats, skips, self.run, duration)
            page = render_report(summary, self._stats)
            text = summary_json(summary)
            self._csv.commit()
            atomic_write_text(self.out_dir / SUMMARY_NAME, text)
            atomic_write_text(self.out_dir / HTML_NAME, page)
        except BaseException:
            self.abort()
            raise
        self._closed = True
        return summary

    def abort(self) -> None:
        """Stop without writing anything (removes the temp CSV). Idempotent."""
        self._closed = True
        self._csv.abort()

    def __enter__(self) -> "AuditWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._closed:
            self.abort()
