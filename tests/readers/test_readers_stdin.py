"""Reading "-" from stdin: the format from options, else sniffed; compression by magic."""

from __future__ import annotations

import io
import json
import sys

import pytest

from qa.errors import InputError
from qa.readers import ReadOptions, ReadStats, SkipLog, read_documents

from .conftest import compress, warc_bytes


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    return raw


def test_stdin_jsonl_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, b'\n  {"id": "a", "text": "One."}\n{"text": "Two."}\n')
    docs = list(read_documents(["-"]))
    assert [(d.id, d.text, d.source, d.line) for d in docs] == [
        ("a", "One.", "-", 2), ("-:3", "Two.", "-", 3),
    ]


def test_stdin_text_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, "Plain text.\n\nSecond paragraph.".encode())
    (doc,) = read_documents(["-"])
    assert (doc.id, doc.text, dict(doc.meta)) == ("-", "Plain text.\n\nSecond paragraph.", {"path": "-"})


def test_stdin_format_option_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, b'{"text": "not parsed"}\n')
    (doc,) = read_documents(["-"], ReadOptions(format="text"))
    assert doc.text == '{"text": "not parsed"}\n'


@pytest.mark.parametrize("codec", ["gzip", "zstd", "bzip2"])
def test_stdin_compressed(monkeypatch: pytest.MonkeyPatch, codec: str) -> None:
    lines = "".join(json.dumps({"text": f"L{i}"}) + "\n" for i in range(100)).encode()
    feed(monkeypatch, compress(lines, codec))
    stats = ReadStats()
    docs = list(read_documents(["-"], stats=stats))
    assert [d.text for d in docs] == [f"L{i}" for i in range(100)]
    assert stats.bytes_decoded == len(lines) and stats.bytes_read == len(compress(lines, codec))


def test_stdin_csv_and_warc(monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, b"text,id\nHello,1\n")
    assert [d.id for d in read_documents(["-"], ReadOptions(format="csv"))] == ["1"]
    feed(monkeypatch, warc_bytes(gzip_records=True))
    assert len(list(read_documents(["-"]))) == 3  # sniffed as WARC after gunzip


def test_stdin_parquet_is_spooled(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.table({"text": ["a", "b"]}), buf)
    feed(monkeypatch, buf.getvalue())
    assert [d.text for d in read_documents(["-"])] == ["a", "b"]


def test_stdin_empty_and_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    feed(monkeypatch, b"")
    log = SkipLog()
    assert list(read_documents(["-"], skips=log)) == [] and log.by_reason == {"empty file": 1}
    feed(monkeypatch, b'{"text": "ok"}\n{oops\n')
    with pytest.raises(InputError) as err:
        list(read_documents(["-"]))
    assert (err.value.path, err.value.line) == ("-", 2)


def test_stdin_is_not_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = feed(monkeypatch, b"text")
    list(read_documents(["-"]))
    assert not raw.closed
