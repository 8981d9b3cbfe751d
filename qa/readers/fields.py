"""Turning one record's fields into a Document (JSONL, CSV/TSV, Parquet alike).

The text comes from ``options.text_field`` (missing or null: a bad record; not a
string: a bad record), the id from ``options.id_field`` (missing or null:
``"FILE:LINE"``; other types: ``str(value)``), and every other field goes to
``meta`` unchanged.

>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> cur = FileCursor("a.jsonl", ReadOptions(), SkipLog())
>>> doc = record_document({"id": 7, "text": "Hi.", "url": "u"}, cur, 3)
>>> (doc.id, doc.text, dict(doc.meta), doc.line)
('7', 'Hi.', {'url': 'u'}, 3)
>>> record_document({"text": "Hi."}, cur, 4).id
'a.jsonl:4'
"""

from __future__ import annotations

from typing import Any, Mapping

from qa.readers.cursor import FileCursor
from qa.records import Document

__all__ = ["record_document"]


def record_document(fields: Mapping[str, Any], cursor: FileCursor, line: int) -> Document | None:
    """The Document for one record at ``line``, or None when it was bad and skipped."""
    options = cursor.options
    text = fields.get(options.text_field)
    if text is None:
        cursor.bad(line, "missing text field", f"no {options.text_field!r} field")
        return None
    if not isinstance(text, str):
        cursor.bad(
            line,
            "text not a string",
            f"field {options.text_field!r} is {type(text).__name__}, not a string",
        )
        return None
    raw_id = fields.get(options.id_field)
    doc_id = f"{cursor.source}:{line}" if raw_id is None else str(raw_id)
    meta = {
        k: v for k, v in fields.items() if k != options.text_field and k != options.id_field
    }
    return Document(id=doc_id, text=text, meta=meta, source=cursor.source, line=line)
