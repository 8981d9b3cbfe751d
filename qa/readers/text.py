"""Plain text and Markdown files: one Document per file.

The id is the path as given (relative when the input was), ``meta`` is
``{"path": path}``. Line endings are normalised to ``\\n`` and a UTF-8 byte
order mark is dropped. A file of only whitespace counts as empty.

>>> import io
>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> cur = FileCursor("a.txt", ReadOptions(), SkipLog())
>>> [d.text for d in read_text(io.BytesIO(b"Hi.\\r\\n\\r\\nBye."), cur)]
['Hi.\\n\\nBye.']
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from qa.readers.cursor import FileCursor
from qa.records import Document

__all__ = ["BINARY_SNIFF_BYTES", "UTF8_BOM", "read_text", "utf8_error_detail"]

#: A NUL byte within this many leading bytes marks a file as binary.
BINARY_SNIFF_BYTES = 8192

#: The UTF-8 byte order mark, dropped at the start of a file.
UTF8_BOM = b"\xef\xbb\xbf"


def utf8_error_detail(data: bytes, err: UnicodeDecodeError, first_line: int = 1) -> tuple[int, str]:
    """``(line, message)`` locating a UTF-8 error within ``data``.

    >>> try:
    ...     b"ok\\nb\\xffd".decode("utf-8")
    ... except UnicodeDecodeError as e:
    ...     utf8_error_detail(b"ok\\nb\\xffd", e)
    (2, 'byte 0xff at line 2, column 2')
    """
    line = first_line + data.count(b"\n", 0, err.start)
    line_start = data.rfind(b"\n", 0, err.start) + 1
    column = err.start - line_start + 1
    bad = data[err.start : err.start + 1].hex()
    return line, f"byte 0x{bad} at line {line}, column {column}"


def read_text(stream: BinaryIO, cursor: FileCursor) -> Iterator[Document]:
    """Read the whole stream as one document (text or Markdown alike)."""
    data = stream.read()
    if not data or data.isspace():
        cursor.empty()
        return
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        cursor.bad(None, "binary file", "NUL bytes in the first 8 KiB")
        return
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, detail = utf8_error_detail(data, err)
        cursor.bad(line, "invalid UTF-8", detail)
        return
    del data
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    cursor.line = 1
    yield Document(
        id=cursor.source, text=text, meta={"path": cursor.source}, source=cursor.source, line=1
    )
