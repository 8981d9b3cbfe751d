"""``read_documents``: every input, whatever its format, as one stream of Documents.

For each file (directories walked by :func:`~qa.readers.paths.iter_input_files`)
the codec is found by magic bytes, the format by extension (or
``options.format``; stdin is sniffed), and the format's reader yields
Documents. Bad records follow ``options.on_error``: ``"fail"`` raises
:class:`~qa.errors.InputError` naming file and line, ``"skip"`` counts them in
the :class:`~qa.readers.skips.SkipLog` and goes on. A file that cannot be
opened, or whose compressed stream is cut short, is one bad record; documents
already yielded from it stay yielded. Empty files yield nothing and are
counted in the SkipLog as "empty file" (never an error).

>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     with open(os.path.join(d, "a.jsonl"), "w") as f:
...         _ = f.write('{"id": 1, "text": "Hi."}\\nnot json\\n')
...     log = SkipLog()
...     docs = list(read_documents([d], ReadOptions(on_error="skip"), log))
>>> [(doc.id, doc.text) for doc in docs], log.by_reason
([('1', 'Hi.')], {'invalid JSON': 1})
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from typing import BinaryIO, Iterable, Iterator

from qa.errors import InputError
from qa.readers.compression import CHUNK_SIZE, StreamError, open_input
from qa.readers.cursor import FileCursor
from qa.readers.delimited import read_delimited
from qa.readers.jsonl import read_jsonl
from qa.readers.options import ReadOptions
from qa.readers.parquet import read_parquet
from qa.readers.paths import STDIN, detect_format, iter_input_files
from qa.readers.skips import ReadStats, SkipLog
from qa.readers.text import read_text
from qa.readers.warc import read_warc
from qa.records import Document

__all__ = ["read_documents"]

_UNITS = {"text": "file", "markdown": "file", "parquet": "row", "warc": "record"}


def read_documents(
    inputs: Iterable[str],
    options: ReadOptions = ReadOptions(),
    skips: SkipLog | None = None,
    *,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the Documents of every input in order (``"-"`` is stdin).

    ``skips`` receives what was skipped and why; ``stats``, when given, is
    kept up to date (bytes read and decoded, files, documents) for a
    progress bar. A single string is taken as one input, not as characters.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    log = skips if skips is not None else SkipLog()
    for path in iter_input_files(inputs):
        yield from _read_file(path, options, log, stats)


def _read_file(
    path: str, options: ReadOptions, log: SkipLog, stats: ReadStats | None
) -> Iterator[Document]:
    cursor = FileCursor(path, options, log, stats)
    with ExitStack() as stack:
        try:
            stream, codec = stack.enter_context(open_input(path, stats))
        except InputError as err:
            cursor.bad(None, err.message)
            return
        if stats is not None:
            stats.files += 1
        fmt = options.format
        if fmt is None:
            fmt = detect_format(path, stream.peek(CHUNK_SIZE)[:CHUNK_SIZE] if path == STDIN else b"")
        cursor.unit = _UNITS.get(fmt, "line")
        try:
            for doc in _format_reader(fmt, stream, cursor, path, codec, stats):
                if stats is not None:
                    stats.documents += 1
                yield doc
        except StreamError as err:
            reason = f"{err.kind} {err.codec} stream"
            message = " ".join(filter(None, (reason, cursor.where())))
            line = None if cursor.unit == "file" else cursor.line
            cursor.bad(line, reason, err.detail, message=message)
        except OSError as err:
            cursor.bad(cursor.line, "read error", str(err.strerror or err))


def _format_reader(
    fmt: str,
    stream: BinaryIO,
    cursor: FileCursor,
    path: str,
    codec: str | None,
    stats: ReadStats | None,
) -> Iterator[Document]:
    if fmt in ("text", "markdown"):
        return read_text(stream, cursor)
    if fmt == "jsonl":
        return read_jsonl(stream, cursor)
    if fmt == "csv":
        return read_delimited(stream, cursor, ",")
    if fmt == "tsv":
        return read_delimited(stream, cursor, "\t")
    if fmt == "parquet":
        if path != STDIN and codec is None:
            return _counted_file(read_parquet(stream, cursor, path), path, stats)
        return read_parquet(stream, cursor)
    if fmt == "warc":
        return read_warc(stream, cursor)
    raise ValueError(f"unknown format {fmt!r}")  # ReadOptions has validated it


def _counted_file(
    docs: Iterator[Document], path: str, stats: ReadStats | None
) -> Iterator[Document]:
    """Documents of a file read by path (not through our stream): count its size at the end."""
    yield from docs
    if stats is not None:
        size = os.path.getsize(path)
        stats.add_raw(size)
        stats.add_decoded(size)
