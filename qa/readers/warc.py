"""WARC and WET: one Document per record that carries text.

Text records are WET ``conversion`` records, and ``resource`` or ``response``
records whose content type (for responses, the HTTP ``Content-Type``) is
text/plain or HTML. HTML becomes text by :func:`~qa.readers.html_text.html_to_text`.
Other records (warcinfo, request, metadata, images, ...) are not documents:
they are counted in ``ReadStats.ignored_records``, not as skips.

Bytes are decoded with the charset of the headers, else an HTML ``<meta>``
charset, else UTF-8; undecodable bytes become U+FFFD, and ``meta`` says so.
``id`` is the WARC-Record-ID; ``line`` the record's 1-based ordinal in the file.
Needs warcio (extra ``warc``).

>>> import io
>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> body = "Hello.\\n".encode()
>>> rec = (b"WARC/1.0\\r\\nWARC-Type: conversion\\r\\nWARC-Record-ID: <urn:uuid:1>\\r\\n"
...        b"WARC-Target-URI: http://x/\\r\\nContent-Type: text/plain\\r\\n"
...        b"Content-Length: %d\\r\\n\\r\\n%s\\r\\n\\r\\n" % (len(body), body))
>>> [(d.id, d.text, d.meta["url"]) for d in read_warc(io.BytesIO(rec), FileCursor("a.wet", ReadOptions(), SkipLog()))]
[('<urn:uuid:1>', 'Hello.\\n', 'http://x/')]
"""

from __future__ import annotations

import codecs
import re
from typing import Any, BinaryIO, Iterator

from qa.errors import MissingExtraError
from qa.readers.cursor import FileCursor
from qa.readers.html_text import html_to_text
from qa.records import Document

__all__ = ["TEXT_TYPES", "HTML_TYPES", "read_warc", "decode_body"]

#: Media types read as plain text.
TEXT_TYPES: frozenset[str] = frozenset({"text/plain"})
#: Media types read as HTML.
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})

_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_META_SNIFF_BYTES = 4096


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(value: str | None) -> str | None:
    if not value:
        return None
    m = _CHARSET_PARAM.search(value)
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        return None


def decode_body(body: bytes, content_type: str | None, html: bool) -> tuple[str, dict[str, Any]]:
    """Decode ``body``: ``(text, {"charset", "charset_source", "decode_errors"})``.

    >>> decode_body("é".encode("latin-1"), "text/plain; charset=ISO-8859-1", False)
    ('é', {'charset': 'iso8859-1', 'charset_source': 'header', 'decode_errors': False})
    >>> decode_body(b"\\xff", None, False)[1]["decode_errors"]
    True
    """
    charset, source = _charset(content_type), "header"
    if charset is None and html:
        head = body[:_META_SNIFF_BYTES].decode("ascii", "replace")
        charset, source = _charset(head if "<meta" in head.lower() else None), "meta"
    if charset is None:
        charset, source = "utf-8", "default"
    try:
        text, errors = body.decode(charset), False
    except UnicodeDecodeError:
        text, errors = body.decode(charset, "replace"), True
    return text, {"charset": charset, "charset_source": source, "decode_errors": errors}


def read_warc(stream: BinaryIO, cursor: FileCursor) -> Iterator[Document]:
    """Yield one Document per text-carrying record of a (decompressed) WARC stream."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as err:
        raise MissingExtraError("warcio", "warc") from err
    ordinal = 0
    records = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as err:
            cursor.bad(ordinal + 1, "invalid WARC record", str(err).strip())
            return
        ordinal += 1
        doc = _record_document(record, cursor, ordinal)
        cursor.line = ordinal  # only once the record was read whole
        if doc is None:
            cursor.ignored()
        else:
            yield doc
    if ordinal == 0:
        cursor.empty()


def _record_document(record: Any, cursor: FileCursor, ordinal: int) -> Document | None:
    headers = record.rec_headers
    kind = record.rec_type
    if kind == "conversion":
        content_type = headers.get_header("Content-Type")
        if _media_type(content_type) not in ("", *TEXT_TYPES):
            return None
        html = False
    elif kind in ("resource", "response"):
        if kind == "response":
            http = record.http_headers
            content_type = http.get_header("Content-Type") if http is not None else None
        else:
            content_type = headers.get_header("Content-Type")
        media = _media_type(content_type)
        if media not in TEXT_TYPES and media not in HTML_TYPES:
            return None
        html = media in HTML_TYPES
    else:
        return None
    body = record.content_stream().read()
    text, decoding = decode_body(body, content_type, html)
    text = html_to_text(text) if html else text.replace("\r\n", "\n")
    record_id = headers.get_header("WARC-Record-ID") or f"{cursor.source}:{ordinal}"
    meta: dict[str, Any] = {
        "url": headers.get_header("WARC-Target-URI"),
        "record_id": record_id,
        "warc_type": kind,
        "content_type": content_type,
        "date": headers.get_header("WARC-Date"),
        **decoding,
    }
    if kind == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        meta["http_status"] = int(status) if status and status.isdigit() else status
    return Document(id=record_id, text=text, meta=meta, source=cursor.source, line=ordinal)
