"""What was skipped and why (``SkipLog``), and how much was read (``ReadStats``).

Both are plain mutable tallies owned by the caller: pass one in, read it after
(or during) the stream. Nothing here is global.

>>> log = SkipLog()
>>> log.record("a.jsonl", 3, "invalid JSON", "Expecting value: column 1")
>>> log.record("b.txt", None, "empty file")
>>> log.count, log.by_reason
(2, {'invalid JSON': 1, 'empty file': 1})
>>> log.examples[0]["line"]
3
>>> stats = ReadStats()
>>> stats.add_raw(10); stats.add_decoded(40)
>>> (stats.bytes_read, stats.bytes_decoded)
(10, 40)
"""

from __future__ import annotations

from typing import Any

__all__ = ["SkipLog", "ReadStats", "MAX_EXAMPLES"]

#: How many skipped records a :class:`SkipLog` keeps as examples.
MAX_EXAMPLES = 50


class SkipLog:
    """Counts skipped records (and files) by reason; keeps the first examples.

    ``reason`` is a short fixed category ("invalid JSON", "missing text field",
    "empty file", ...) so counts group well; ``detail`` says what exactly was
    wrong and is only kept in the examples.
    """

    def __init__(self, max_examples: int = MAX_EXAMPLES) -> None:
        self._max_examples = max_examples
        self._count = 0
        self.by_reason: dict[str, int] = {}
        self.examples: list[dict[str, Any]] = []

    def record(self, path: str, line: int | None, reason: str, detail: str = "") -> None:
        """Count one skipped record of ``path`` (``line`` 1-based, or None for a whole file)."""
        self._count += 1
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1
        if len(self.examples) < self._max_examples:
            self.examples.append({"path": path, "line": line, "reason": reason, "detail": detail})

    @property
    def count(self) -> int:
        """How many records (or files) were skipped in all."""
        return self._count

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: ``{"count", "by_reason", "examples"}``."""
        return {
            "count": self._count,
            "by_reason": dict(self.by_reason),
            "examples": [dict(e) for e in self.examples],
        }

    def __repr__(self) -> str:
        return f"SkipLog(count={self._count}, by_reason={self.by_reason!r})"


class ReadStats:
    """Running counters for a progress bar, updated while documents stream.

    ``bytes_read`` counts bytes taken from the inputs as stored (compressed
    size: compare it with file sizes for a progress fraction);
    ``bytes_decoded`` counts the bytes after decompression (for MB/s).
    Both advance in read-ahead chunks, so they lead the documents a little.
    ``files`` counts inputs opened, ``documents`` the documents yielded, and
    ``ignored_records`` WARC records that carry no text (requests, metadata,
    images): they are not errors and not in the :class:`SkipLog`.
    """

    def __init__(self) -> None:
        self.bytes_read = 0
        self.bytes_decoded = 0
        self.files = 0
        self.documents = 0
        self.ignored_records = 0

    def add_raw(self, n: int) -> None:
        """Count ``n`` more bytes read from storage."""
        self.bytes_read += n

    def add_decoded(self, n: int) -> None:
        """Count ``n`` more decompressed bytes."""
        self.bytes_decoded += n

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready copy of the counters."""
        return {
            "bytes_read": self.bytes_read,
            "bytes_decoded": self.bytes_decoded,
            "files": self.files,
            "documents": self.documents,
            "ignored_records": self.ignored_records,
        }

    def __repr__(self) -> str:
        return f"ReadStats({self.to_dict()!r})"
