"""Which files to read, and in which format.

>>> detect_format("crawl/CC-MAIN-0001.warc.wet.gz")
'warc'
>>> detect_format("notes/readme.md")
'markdown'
>>> detect_format("data.unknown")
'text'
>>> detect_format("-", b'  {"text": "hi"}')
'jsonl'
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from qa.readers.compression import strip_compression

__all__ = ["EXTENSIONS", "STDIN", "detect_format", "iter_input_files"]

#: The name that means standard input.
STDIN = "-"

#: Format by file extension (after a compression suffix is stripped).
#: Anything else is read as text. ``.json`` is taken as JSON Lines: a single
#: JSON array then fails loudly on its first line rather than being read as prose.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json-lines": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".warc": "warc",
    ".wet": "warc",
    ".arc": "warc",
}


def detect_format(path: str, head: bytes = b"") -> str:
    """The format of ``path`` by extension; for stdin (``"-"``), sniffed from ``head``.

    Stdin: a first non-blank byte ``{`` means JSON Lines, ``WARC/`` a WARC
    stream, ``PAR1`` Parquet; anything else is text.
    """
    if path == STDIN:
        stripped = head.lstrip()
        if stripped.startswith(b"{"):
            return "jsonl"
        if stripped.startswith(b"WARC/"):
            return "warc"
        if head.startswith(b"PAR1"):
            return "parquet"
        return "text"
    name, _ = strip_compression(os.path.basename(path))
    _, ext = os.path.splitext(name)
    return EXTENSIONS.get(ext.lower(), "text")


def iter_input_files(inputs: Iterable[str]) -> Iterator[str]:
    """Yield the files to read: files as given, directories walked recursively.

    Within a directory the files come first, then each subdirectory, all in
    sorted name order, so runs are reproducible. Hidden files and directories
    (name starting with ``.``) inside a walked directory are skipped; a path
    named explicitly is always yielded, even when hidden or missing (reading
    it then reports "no such file"). ``"-"`` (stdin) passes through.
    Directory symlinks are not followed (no cycles); file symlinks are read.

    >>> list(iter_input_files(["-", "missing.txt"]))
    ['-', 'missing.txt']
    """
    for item in inputs:
        if item != STDIN and os.path.isdir(item):
            yield from _walk(item)
        else:
            yield item


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)
