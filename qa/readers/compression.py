"""Opening an input as one stream of decompressed bytes.

The codec is recognised by its magic bytes, so a mislabelled file (or stdin)
still opens; the suffix (:func:`strip_compression`) only matters for picking
the format. Streams are read in bounded chunks; a stream that ends early or
fails its checksum raises :class:`StreamError`, which the caller turns into an
:class:`~qa.errors.InputError` naming the last line reached.

>>> strip_compression("corpus.jsonl.zst")
('corpus.jsonl', 'zstd')
>>> sniff_codec(b"\\x1f\\x8b\\x08\\x00")
'gzip'
>>> sniff_codec(b"hello") is None
True
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import contextmanager
from typing import BinaryIO, Callable, Iterator

from qa.errors import InputError, MissingExtraError, QAError
from qa.readers.skips import ReadStats

__all__ = [
    "CODEC_SUFFIXES",
    "CHUNK_SIZE",
    "StreamError",
    "strip_compression",
    "sniff_codec",
    "open_input",
]

#: Compression suffixes stripped before the format is picked.
CODEC_SUFFIXES: dict[str, str] = {
    ".gz": "gzip",
    ".zst": "zstd",
    ".zstd": "zstd",
    ".bz2": "bzip2",
}

#: Bytes read at a time from storage or a decompressor.
CHUNK_SIZE = 1 << 16

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_BZIP2_BLOCK = b"\x31\x41\x59\x26\x53\x59"
_BZIP2_EMPTY = b"\x17\x72\x45\x38\x50\x90"


class StreamError(QAError):
    """A compressed stream is truncated (``kind="truncated"``) or corrupt."""

    def __init__(self, codec: str, kind: str, detail: str = ""):
        self.codec = codec
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind} {codec} stream" + (f" ({detail})" if detail else ""))


def strip_compression(name: str) -> tuple[str, str | None]:
    """Split a compression suffix off ``name``: ``(rest, codec or None)``."""
    root, ext = os.path.splitext(name)
    codec = CODEC_SUFFIXES.get(ext.lower())
    return (root, codec) if codec else (name, None)


def sniff_codec(head: bytes) -> str | None:
    """The codec whose magic bytes start ``head`` (10 bytes suffice), or None."""
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head.startswith(_ZSTD_MAGIC):
        return "zstd"
    if (
        len(head) >= 10
        and head.startswith(b"BZh")
        and head[3:4] in b"123456789"
        and head[4:10] in (_BZIP2_BLOCK, _BZIP2_EMPTY)
    ):
        return "bzip2"
    return None


class _ChunkReader(io.RawIOBase):
    """A raw stream over a ``read(n) -> bytes`` callable that counts what passes.

    Decompressor failures are turned into :class:`StreamError` here, so they
    surface the same way whichever parser (json, csv, warcio) is reading.
    """

    def __init__(
        self, read: Callable[[int], bytes], count: Callable[[int], None] | None, codec: str | None
    ) -> None:
        super().__init__()
        self._read = read
        self._count = count
        self._codec = codec

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        if self._codec is None:
            data = self._read(len(buffer))
        else:
            try:
                data = self._read(len(buffer))
            except EOFError as err:
                raise StreamError(self._codec, "truncated", str(err)) from err
            except QAError:
                raise
            except Exception as err:  # zlib.error, OSError, zstandard.ZstdError, ...
                raise StreamError(self._codec, "corrupt", str(err) or type(err).__name__) from err
        n = len(data)
        buffer[:n] = data
        if self._count is not None and n:
            self._count(n)
        return n


class _Stream(io.BufferedReader):
    """A buffered reader whose ``read(n)`` returns what one chunk gives (like ``read1``).

    So a stream error surfaces only after every byte decoded before it was
    handed out: a reader asking for 16 KiB at a time (warcio) still gets the
    records that precede a truncation, instead of losing a partly filled buffer.
    """

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return super().read()
        return self.read1(size)


class _ZstdRead:
    """``read(n)`` over zstd frames that notices a frame cut short.

    (zstandard's own stream reader returns a clean EOF on a truncated frame.)
    """

    def __init__(self, source: BinaryIO) -> None:
        try:
            import zstandard
        except ImportError as err:
            raise MissingExtraError("zstandard", "zstd") from err
        self._decompressor = zstandard.ZstdDecompressor()
        self._read_source = getattr(source, "read1", source.read)
        self._obj = self._decompressor.decompressobj()
        self._pending = b""
        self._offset = 0
        self._in_frame = False

    def __call__(self, size: int) -> bytes:
        while self._offset >= len(self._pending):
            self._pending, self._offset = b"", 0
            chunk = self._read_source(CHUNK_SIZE // 16)
            if not chunk:
                if self._in_frame:
                    raise EOFError("compressed stream ended inside a zstd frame")
                return b""
            while chunk:
                if self._obj.eof:
                    self._obj = self._decompressor.decompressobj()
                self._in_frame = True
                self._pending += self._obj.decompress(chunk)
                if self._obj.eof:
                    self._in_frame = False
                    chunk = self._obj.unused_data
                else:
                    chunk = b""
        out = self._pending[self._offset : self._offset + size]
        self._offset += len(out)
        return out


def _decompressed_read(codec: str, source: BinaryIO) -> Callable[[int], bytes]:
    """A bounded ``read(n)`` giving the decompressed bytes of ``source``."""
    if codec == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=source, mode="rb").read1
    if codec == "bzip2":
        import bz2

        return bz2.BZ2File(source, mode="rb").read1
    if codec == "zstd":
        return _ZstdRead(source)
    raise ValueError(f"unknown codec {codec!r}")


def _open_base(path: str) -> BinaryIO:
    if path == "-":
        stdin = sys.stdin
        if stdin is None:
            raise InputError(path, None, "no standard input")
        return stdin.buffer if hasattr(stdin, "buffer") else stdin  # type: ignore[return-value]
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory") from None
    except PermissionError:
        raise InputError(path, None, "permission denied") from None
    except OSError as err:
        raise InputError(path, None, f"cannot open: {err.strerror or err}") from None


@contextmanager
def open_input(path: str, stats: ReadStats | None = None) -> Iterator[tuple[BinaryIO, str | None]]:
    """Open ``path`` (``"-"``: stdin) as buffered decompressed bytes: ``(stream, codec)``.

    Counts stored bytes into ``stats.bytes_read`` and decompressed bytes into
    ``stats.bytes_decoded`` as they are read. Stdin is not closed.

    >>> import tempfile, gzip, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "a.txt.gz")
    ...     with gzip.open(p, "wb") as f: _ = f.write(b"hi\\n")
    ...     with open_input(p) as (stream, codec): (stream.read(), codec)
    (b'hi\\n', 'gzip')
    """
    base = _open_base(path)
    try:
        if not hasattr(base, "peek"):  # e.g. a BytesIO standing in for stdin
            base = io.BufferedReader(_ChunkReader(base.read, None, None), CHUNK_SIZE)  # type: ignore[assignment]
        head = base.peek(16)[:16]  # type: ignore[attr-defined]
        codec = sniff_codec(head)
        read1 = getattr(base, "read1", base.read)
        if codec is None:
            counters = [c for c in (stats and stats.add_raw, stats and stats.add_decoded) if c]

            def count(n: int) -> None:
                for c in counters:
                    c(n)

            raw = _ChunkReader(read1, count if counters else None, None)
        else:
            stored = io.BufferedReader(
                _ChunkReader(read1, stats.add_raw if stats else None, None), CHUNK_SIZE
            )
            raw = _ChunkReader(
                _decompressed_read(codec, stored),  # type: ignore[arg-type]
                stats.add_decoded if stats else None,
                codec,
            )
        yield _Stream(raw, CHUNK_SIZE), codec
    finally:
        if path != "-":
            base.close()
