"""Where a reader is in one input, and what happens to a bad record there.

Every format reader gets a :class:`FileCursor`. It keeps the last line (or
record, or row) reached, which names the place when the stream breaks, and
applies the ``on_error`` policy: raise :class:`~qa.errors.InputError`, or
count the record in the :class:`~qa.readers.skips.SkipLog` and go on.

>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> log = SkipLog()
>>> cur = FileCursor("a.jsonl", ReadOptions(on_error="skip"), log)
>>> cur.bad(4, "invalid JSON", "Expecting value")
>>> log.by_reason
{'invalid JSON': 1}
>>> FileCursor("a.jsonl", ReadOptions(), log).bad(4, "invalid JSON", "Expecting value")
Traceback (most recent call last):
...
qa.errors.InputError: a.jsonl:4: invalid JSON: Expecting value
"""

from __future__ import annotations

from qa.errors import InputError
from qa.readers.options import ReadOptions
from qa.readers.skips import ReadStats, SkipLog

__all__ = ["FileCursor"]


class FileCursor:
    """The reading position in ``source`` plus the policy for bad records.

    ``line`` is the last line/record/row fully read (None before the first);
    ``unit`` names it in messages ("line", "record", "row", or "file" when the
    whole file is one record).
    """

    def __init__(
        self,
        source: str,
        options: ReadOptions,
        skips: SkipLog,
        stats: ReadStats | None = None,
        unit: str = "line",
    ) -> None:
        self.source = source
        self.options = options
        self.skips = skips
        self.stats = stats
        self.unit = unit
        self.line: int | None = None

    def bad(
        self, line: int | None, reason: str, detail: str = "", message: str | None = None
    ) -> None:
        """A bad record at ``line``: raise in fail mode, count it in skip mode.

        ``reason`` is the short category counted in the SkipLog; the error's
        message is ``message`` if given, else ``"reason: detail"``.
        """
        if self.options.on_error == "fail":
            if message is None:
                message = f"{reason}: {detail}" if detail else reason
            raise InputError(self.source, line, message)
        self.skips.record(self.source, line, reason, detail)

    def empty(self) -> None:
        """The input holds no records: never an error, always counted."""
        self.skips.record(self.source, None, "empty file")

    def ignored(self) -> None:
        """A record that carries no text by its nature (e.g. a WARC request)."""
        if self.stats is not None:
            self.stats.ignored_records += 1

    def where(self) -> str:
        """``"after line 12"``, or ``"before the first line"``: for stream errors.

        Empty when the unit is the whole file (text, Markdown).
        """
        if self.unit == "file":
            return ""
        if self.line is None:
            return f"before the first {self.unit}"
        return f"after {self.unit} {self.line}"
