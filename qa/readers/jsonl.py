"""JSON Lines: one Document per non-blank line.

Each line must be a JSON object in UTF-8; text and id come from the fields
named in :class:`~qa.readers.options.ReadOptions` (see
:func:`~qa.readers.fields.record_document`). Lines are read one at a time,
so memory is bounded by the longest line, and a long line costs linear time.

>>> import io
>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> log = SkipLog()
>>> cur = FileCursor("a.jsonl", ReadOptions(on_error="skip"), log)
>>> data = b'{"id": "x", "text": "Hi."}\\n\\n{bad\\n{"text": "Yo.", "lang": "en"}\\n'
>>> [(d.id, d.text, d.line) for d in read_jsonl(io.BytesIO(data), cur)]
[('x', 'Hi.', 1), ('a.jsonl:4', 'Yo.', 4)]
>>> log.by_reason
{'invalid JSON': 1}
"""

from __future__ import annotations

import json
from typing import BinaryIO, Iterator

from qa.readers.cursor import FileCursor
from qa.readers.fields import record_document
from qa.readers.text import UTF8_BOM, utf8_error_detail
from qa.records import Document

__all__ = ["read_jsonl"]


def read_jsonl(stream: BinaryIO, cursor: FileCursor) -> Iterator[Document]:
    """Yield one Document per JSON object line of ``stream``; blank lines are ignored."""
    lineno = 0
    seen = False
    for raw in stream:
        lineno += 1
        cursor.line = lineno
        if lineno == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        if not raw or raw.isspace():
            continue
        seen = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            _, detail = utf8_error_detail(raw, err, lineno)
            cursor.bad(lineno, "invalid UTF-8", detail)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            cursor.bad(lineno, "invalid JSON", f"{err.msg} at column {err.colno}")
            continue
        except RecursionError:
            cursor.bad(lineno, "invalid JSON", "nested too deeply")
            continue
        if not isinstance(obj, dict):
            cursor.bad(lineno, "not a JSON object", f"line holds a JSON {type(obj).__name__}")
            continue
        doc = record_document(obj, cursor, lineno)
        if doc is not None:
            yield doc
    if not seen:
        cursor.empty()
