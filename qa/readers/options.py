"""The one frozen config object of the readers, and the names of the formats.

>>> ReadOptions(format="wet").format
'warc'
>>> ReadOptions(on_error="ignore")
Traceback (most recent call last):
...
qa.errors.ConfigError: on_error must be 'fail' or 'skip', not 'ignore'
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.errors import ConfigError

__all__ = ["FORMATS", "FORMAT_ALIASES", "ON_ERROR", "ReadOptions"]

#: The formats ``read_documents`` understands, by their option name.
FORMATS: tuple[str, ...] = ("text", "markdown", "jsonl", "csv", "tsv", "parquet", "warc")

#: Other names accepted for ``ReadOptions.format``.
FORMAT_ALIASES: dict[str, str] = {
    "wet": "warc",
    "txt": "text",
    "md": "markdown",
    "ndjson": "jsonl",
}

#: Policies for a bad record: raise at the first one, or count it and go on.
ON_ERROR: tuple[str, ...] = ("fail", "skip")


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs.

    ``format`` is one of :data:`FORMATS` (or an alias such as ``"wet"``), or
    ``None`` to pick it from each file's extension (stdin: sniffed from the
    first bytes). ``text_field`` and ``id_field`` name the fields of JSONL,
    CSV/TSV and Parquet records. ``on_error`` is ``"fail"`` (raise
    :class:`~qa.errors.InputError` at the first bad record) or ``"skip"``
    (count it in the :class:`~qa.readers.skips.SkipLog` and go on).

    >>> ReadOptions(format="jsonl", text_field="content").text_field
    'content'
    """

    format: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    on_error: str = "fail"

    def __post_init__(self) -> None:
        if self.format is not None:
            name = FORMAT_ALIASES.get(self.format.lower(), self.format.lower())
            if name not in FORMATS:
                raise ConfigError(
                    f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}"
                )
            object.__setattr__(self, "format", name)
        if self.on_error not in ON_ERROR:
            raise ConfigError(f"on_error must be 'fail' or 'skip', not {self.on_error!r}")
        if not self.text_field:
            raise ConfigError("text_field must not be empty")
        if not self.id_field:
            raise ConfigError("id_field must not be empty")
