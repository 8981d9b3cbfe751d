"""CSV and TSV: a header row, then one Document per record.

Parsed by the standard :mod:`csv` module (double-quote quoting for both; TSV
fields may be quoted too), strict about quotes, with the field size limit
raised so a 50 MB field reads. Each line is decoded as strict UTF-8 before
parsing, so a bad byte is reported on its own line. ``line`` is the line on
which the record starts. A row whose field count differs from the header's
is a bad record.

>>> import io
>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> cur = FileCursor("a.csv", ReadOptions(), SkipLog())
>>> data = b'id,text\\n1,"two\\nlines"\\n2,plain\\n'
>>> [(d.id, d.text, d.line) for d in read_delimited(io.BytesIO(data), cur, ",")]
[('1', 'two\\nlines', 2), ('2', 'plain', 4)]
"""

from __future__ import annotations

import csv
from typing import BinaryIO, Iterator

from qa.readers.cursor import FileCursor
from qa.readers.fields import record_document
from qa.readers.text import UTF8_BOM, utf8_error_detail
from qa.records import Document

__all__ = ["FIELD_SIZE_LIMIT", "read_delimited"]

#: The csv field size limit the reader needs (the stdlib default is 128 KiB).
FIELD_SIZE_LIMIT = 2**31 - 1


class _Lines:
    """Decoded lines of a byte stream, counting them; a bad byte is remembered.

    A line that is not UTF-8 is replaced by an empty line so that the csv
    parser stays in step, and its error is kept for the reader to report.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0
        self.errors: list[tuple[int, str]] = []

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        raw = self._stream.readline()
        if not raw:
            raise StopIteration
        self.count += 1
        if self.count == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as err:
            self.errors.append(utf8_error_detail(raw, err, self.count))
            return "\n"


def _raise_field_limit() -> None:
    # The limit is process-wide in the csv module; only ever raised, never lowered.
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)


def read_delimited(stream: BinaryIO, cursor: FileCursor, delimiter: str) -> Iterator[Document]:
    """Yield one Document per record of a CSV (``","``) or TSV (``"\\t"``) stream."""
    _raise_field_limit()
    lines = _Lines(stream)
    rows = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    while True:
        start = lines.count + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as err:
            cursor.line = lines.count
            if lines.errors:
                cursor.bad(*_utf8_bad(lines))
            else:
                cursor.bad(start, "malformed CSV", str(err))
            if header is None:
                return
            continue
        cursor.line = lines.count
        if lines.errors:
            cursor.bad(*_utf8_bad(lines))
            if header is None:
                return
            continue
        if not row:  # a blank line
            continue
        if header is None:
            if any(cell.strip() for cell in row):
                header = row
            continue
        if len(row) != len(header):
            cursor.bad(start, "wrong field count", f"{len(row)} fields, header has {len(header)}")
            continue
        doc = record_document(dict(zip(header, row)), cursor, start)
        if doc is not None:
            yield doc
    if header is None:
        cursor.empty()


def _utf8_bad(lines: _Lines) -> tuple[int, str, str]:
    line, detail = lines.errors[0]
    lines.errors.clear()
    return line, "invalid UTF-8", detail
