"""The quality report: ``paragraphs.csv``, ``summary.json`` and ``report.html``.

The audit pipeline feeds an :class:`AuditWriter` one scored paragraph at a time:

>>> from qa.report import AuditWriter  # doctest: +SKIP
>>> writer = AuditWriter(out_dir, run, report_limit=1000)  # doctest: +SKIP
>>> for score, doc in scored:  # doctest: +SKIP
...     writer.add(score, doc)
>>> summary = writer.close(skips, duration)  # doctest: +SKIP
"""

from __future__ import annotations

from qa.report.csv_sink import CSV_COLUMNS, guard, unguard
from qa.report.writer import AuditWriter

__all__ = ["AuditWriter", "CSV_COLUMNS", "guard", "unguard"]
