"""Readers: every input format as one stream of :class:`~qa.records.Document`.

Formats: text, Markdown, JSON Lines, CSV, TSV, Parquet, WARC/WET; compressed
with gzip, zstd or bzip2 (found by magic bytes); files, directory trees, and
stdin (``"-"``). One module per format; :func:`read_documents` ties them.

>>> from qa.readers import FORMATS, ReadOptions, detect_format
>>> "jsonl" in FORMATS and detect_format("a.ndjson.gz") == "jsonl"
True
"""

from __future__ import annotations

from qa.readers.documents import read_documents
from qa.readers.options import FORMATS, ReadOptions
from qa.readers.paths import detect_format, iter_input_files
from qa.readers.skips import ReadStats, SkipLog

__all__ = [
    "FORMATS",
    "ReadOptions",
    "ReadStats",
    "SkipLog",
    "detect_format",
    "iter_input_files",
    "read_documents",
]
