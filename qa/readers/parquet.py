"""Parquet: one Document per row, streamed by record batches.

Needs pyarrow (extra ``parquet``). Rows come ``BATCH_ROWS`` at a time, so memory
is bounded by a batch, not the file. ``line`` is the 1-based row number. A
file that is compressed or comes from stdin (not seekable) is first spooled
to a temporary file, since Parquet keeps its index at the end.

>>> import io
>>> import pyarrow as pa, pyarrow.parquet as pq
>>> from qa.readers.cursor import FileCursor
>>> from qa.readers.options import ReadOptions
>>> from qa.readers.skips import SkipLog
>>> buf = io.BytesIO()
>>> pq.write_table(pa.table({"id": [1, 2], "text": ["a", "b"], "lang": ["en", "fr"]}), buf)
>>> cur = FileCursor("t.parquet", ReadOptions(), SkipLog(), unit="row")
>>> [(d.id, d.text, dict(d.meta), d.line) for d in read_parquet(io.BytesIO(buf.getvalue()), cur)]
[('1', 'a', {'lang': 'en'}, 1), ('2', 'b', {'lang': 'fr'}, 2)]
"""

from __future__ import annotations

import io
import shutil
import tempfile
from typing import Any, BinaryIO, Iterator

from qa.errors import MissingExtraError
from qa.readers.cursor import FileCursor
from qa.readers.fields import record_document
from qa.records import Document

__all__ = ["BATCH_ROWS", "read_parquet"]

#: Rows per record batch.
BATCH_ROWS = 1024


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError):
        return False


def read_parquet(
    stream: BinaryIO, cursor: FileCursor, path: str | None = None
) -> Iterator[Document]:
    """Yield one Document per row. ``path``, when given, is opened directly by pyarrow."""
    try:
        import pyarrow.parquet as pq
        from pyarrow import ArrowException
    except ImportError as err:
        raise MissingExtraError("pyarrow", "parquet") from err
    spool: Any = None
    try:
        if path is not None:
            source: Any = path
        elif _seekable(stream):
            source = stream
        else:
            spool = tempfile.TemporaryFile()
            shutil.copyfileobj(stream, spool, io.DEFAULT_BUFFER_SIZE * 16)
            spool.seek(0)
            source = spool
        try:
            handle = pq.ParquetFile(source)
        except (ArrowException, OSError) as err:
            cursor.bad(None, "not a Parquet file", str(err))
            return
        if handle.metadata.num_rows == 0:
            cursor.empty()
            return
        row = 0
        batches = handle.iter_batches(batch_size=BATCH_ROWS)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                break
            except (ArrowException, OSError) as err:
                cursor.bad(row + 1, "corrupt Parquet data", str(err))
                return
            for fields in batch.to_pylist():
                row += 1
                cursor.line = row
                doc = record_document(fields, cursor, row)
                if doc is not None:
                    yield doc
    finally:
        if spool is not None:
            spool.close()
