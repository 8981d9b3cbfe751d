"""Atomic file writes: a temp file in the target's directory, then ``os.replace``.

A reader never sees a half-written report: either the previous file (or none)
or the complete new one. A failure while writing removes the temp file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_open(d / "a.txt") as f:
...     _ = f.write("done")
>>> (d / "a.txt").read_text()
'done'
>>> sorted(p.name for p in d.iterdir())
['a.txt']
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import IO, Iterator

__all__ = ["AtomicFile", "atomic_open", "atomic_write_text"]


class AtomicFile:
    """A text file that appears at ``path`` only when :meth:`commit` is called.

    Stream into :attr:`file` for as long as needed, then ``commit()`` (flush,
    fsync, rename) or ``abort()`` (delete the temp file). Both are idempotent.
    Unencodable characters (lone surrogates) are written as ``?``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> af = AtomicFile(d / "x.csv")
    >>> _ = af.file.write("a,b\\n")
    >>> (d / "x.csv").exists()
    False
    >>> af.commit(); (d / "x.csv").read_text()
    'a,b\\n'
    """

    def __init__(self, path: Path | str, encoding: str = "utf-8", newline: str | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp_path = _create_temp(self.path)
        try:
            self.file: IO[str] = open(fd, "w", encoding=encoding, errors="replace", newline=newline)
        except BaseException:
            os.close(fd)
            self.tmp_path.unlink(missing_ok=True)
            raise
        self._done = False

    def commit(self) -> None:
        """Flush to disk and move the temp file over ``path``."""
        if self._done:
            return
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp_path, self.path)
        except BaseException:
            self.abort()
            raise
        self._done = True
        _fsync_dir(self.path.parent)

    def abort(self) -> None:
        """Close and delete the temp file; ``path`` is left as it was."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(OSError):
            self.file.close()
        self.tmp_path.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(path: Path | str, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Open ``path`` for writing text; it appears only if the block ends without error."""
    af = AtomicFile(path, encoding=encoding, newline=newline)
    try:
        yield af.file
    except BaseException:
        af.abort()
        raise
    af.commit()


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (``newline=""``: written as given)."""
    with atomic_open(path, encoding=encoding, newline="") as f:
        f.write(text)


def _create_temp(path: Path) -> tuple[int, Path]:
    """Create ``.NAME.RANDOM.tmp`` next to ``path`` with the usual mode (0o666 minus umask)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temp file next to {path}")  # pragma: no cover


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself where the platform allows it (best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
