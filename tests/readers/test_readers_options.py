"""ReadOptions, SkipLog, ReadStats, detect_format and iter_input_files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.errors import ConfigError
from qa.readers import FORMATS, ReadOptions, ReadStats, SkipLog, detect_format, iter_input_files
from qa.readers.skips import MAX_EXAMPLES


def test_options_defaults_and_aliases() -> None:
    opts = ReadOptions()
    assert (opts.format, opts.text_field, opts.id_field, opts.on_error) == (None, "text", "id", "fail")
    assert ReadOptions(format="wet").format == "warc"
    assert ReadOptions(format="JSONL").format == "jsonl"
    assert set(FORMATS) == {"text", "markdown", "jsonl", "csv", "tsv", "parquet", "warc"}


@pytest.mark.parametrize("kwargs", [{"format": "xml"}, {"on_error": "ignore"}, {"text_field": ""}])
def test_options_reject_bad_values(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        ReadOptions(**kwargs)


def test_options_frozen() -> None:
    with pytest.raises(AttributeError):
        ReadOptions().format = "text"  # type: ignore[misc]


def test_skiplog_counts_and_caps_examples() -> None:
    log = SkipLog()
    for i in range(MAX_EXAMPLES + 10):
        log.record("a.jsonl", i + 1, "invalid JSON", "x")
    log.record("b.txt", None, "empty file")
    assert log.count == MAX_EXAMPLES + 11
    assert log.by_reason == {"invalid JSON": MAX_EXAMPLES + 10, "empty file": 1}
    assert len(log.examples) == MAX_EXAMPLES
    assert log.examples[0] == {"path": "a.jsonl", "line": 1, "reason": "invalid JSON", "detail": "x"}
    d = log.to_dict()
    assert d["count"] == log.count and d["by_reason"] == log.by_reason
    d["by_reason"]["x"] = 1  # a copy
    assert "x" not in log.by_reason


def test_read_stats_counters() -> None:
    stats = ReadStats()
    stats.add_raw(3)
    stats.add_decoded(5)
    assert stats.to_dict() == {
        "bytes_read": 3, "bytes_decoded": 5, "files": 0, "documents": 0, "ignored_records": 0,
    }


@pytest.mark.parametrize(
    "path, fmt",
    [
        ("a.txt", "text"), ("a.TXT.gz", "text"), ("a.md", "markdown"), ("a.markdown.zst", "markdown"),
        ("a.jsonl", "jsonl"), ("a.ndjson.bz2", "jsonl"), ("a.json-lines", "jsonl"),
        ("a.csv", "csv"), ("a.tsv.zstd", "tsv"), ("a.tab", "tsv"), ("a.parquet", "parquet"),
        ("a.pq", "parquet"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.wet", "warc"),
        ("a.wet.gz", "warc"), ("CC-MAIN-1.warc.wet.gz", "warc"), ("noext", "text"), ("a.html", "text"),
    ],
)
def test_detect_format_by_extension(path: str, fmt: str) -> None:
    assert detect_format(os.path.join("dir.csv", path)) == fmt


@pytest.mark.parametrize(
    "head, fmt",
    [(b'{"text": 1}', "jsonl"), (b'\n\n  {"a"', "jsonl"), (b"WARC/1.0\r\n", "warc"),
     (b"PAR1xxxx", "parquet"), (b"Hello", "text"), (b"", "text"), (b"[1, 2]", "text")],
)
def test_detect_format_stdin_sniff(head: bytes, fmt: str) -> None:
    assert detect_format("-", head) == fmt


def test_iter_input_files_order_and_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.txt", "sub/z.txt", "sub/a.txt", "a_dir/x.txt", ".hidden.txt",
                ".git/config", "sub/.cache/y.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    got = [os.path.relpath(p, tmp_path) for p in iter_input_files([str(tmp_path)])]
    assert got == ["a.txt", "b.txt", os.path.join("a_dir", "x.txt"),
                   os.path.join("sub", "a.txt"), os.path.join("sub", "z.txt")]
    # Explicit paths, stdin and missing files pass through in the order given.
    explicit = [str(tmp_path / ".hidden.txt"), "-", "missing.txt"]
    assert list(iter_input_files(explicit)) == explicit


def test_iter_input_files_keeps_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert list(iter_input_files(["corpus"])) == [os.path.join("corpus", "a.txt")]


def test_iter_input_files_is_lazy() -> None:
    it = iter_input_files(iter(["a", "b"]))
    assert next(it) == "a"
