"""Bad input in fail and skip modes: clear errors naming file and line, and counts."""

from __future__ import annotations

import json
import time
from typing import Callable

import pytest

from qa.errors import InputError
from qa.readers import ReadOptions, SkipLog, read_documents
from qa.records import Document

from .conftest import CODECS, compress

Write = Callable[..., str]
FAIL = ReadOptions()
SKIP = ReadOptions(on_error="skip")


def skim(paths: list[str], options: ReadOptions = SKIP) -> tuple[list[Document], SkipLog]:
    log = SkipLog()
    return list(read_documents(paths, options, log)), log


def fails(paths: list[str], options: ReadOptions = FAIL) -> InputError:
    with pytest.raises(InputError) as err:
        list(read_documents(paths, options))
    return err.value


BAD_JSONL = [
    ('{"id": 1, "text": "ok"}', None),
    ('{"id": 2, "text": "unterminated', "invalid JSON"),
    ('["a", "list"]', "not a JSON object"),
    ('{"id": 4}', "missing text field"),
    ('{"id": 5, "text": null}', "missing text field"),
    ('{"id": 6, "text": 12}', "text not a string"),
    ('"just a string"', "not a JSON object"),
    ("[" * 100_000, "invalid JSON"),
    ('{"id": 9, "text": "fine"}', None),
]


def test_jsonl_fail_mode_names_file_and_line(write: Write) -> None:
    path = write("c.jsonl", "\n".join(line for line, _ in BAD_JSONL) + "\n")
    err = fails([path])
    assert (err.path, err.line) == (path, 2)
    assert str(err).startswith(f"{path}:2: invalid JSON")


@pytest.mark.parametrize("index", range(1, len(BAD_JSONL) - 1))
def test_jsonl_each_bad_line_fails_alone(write: Write, index: int) -> None:
    line, reason = BAD_JSONL[index]
    path = write("c.jsonl", '{"text": "a"}\n' + line + "\n")
    err = fails([path])
    assert err.line == 2 and reason is not None and reason in err.message


def test_jsonl_skip_mode_counts_every_bad_line(write: Write) -> None:
    path = write("c.jsonl", "\n".join(line for line, _ in BAD_JSONL) + "\n")
    docs, log = skim([path])
    assert [d.id for d in docs] == ["1", "9"]
    expected: dict[str, int] = {}
    for _, reason in BAD_JSONL:
        if reason:
            expected[reason] = expected.get(reason, 0) + 1
    assert log.by_reason == expected and log.count == 7
    assert [e["line"] for e in log.examples] == [2, 3, 4, 5, 6, 7, 8]
    assert all(e["path"] == path for e in log.examples)


def test_jsonl_invalid_utf8(write: Write) -> None:
    path = write("c.jsonl", b'{"text": "a"}\n{"text": "caf\xe9"}\n{"text": "b"}\n')
    err = fails([path])
    assert err.line == 2 and "invalid UTF-8" in err.message and "0xe9" in err.message
    docs, log = skim([path])
    assert [d.text for d in docs] == ["a", "b"] and log.by_reason == {"invalid UTF-8": 1}


def test_text_invalid_utf8_names_line_and_skips_file(write: Write) -> None:
    path = write("c.txt", b"line one\nline two\nbad \xff\xfe here\n")
    ok = write("d.txt", "fine")
    err = fails([path, ok])
    assert err.line == 3 and "invalid UTF-8" in err.message and "line 3, column 5" in err.message
    docs, log = skim([path, ok])
    assert [d.text for d in docs] == ["fine"]
    assert log.by_reason == {"invalid UTF-8": 1} and log.examples[0]["line"] == 3


def test_binary_file(write: Write) -> None:
    path = write("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    err = fails([path])
    assert err.line is None and err.message.startswith("binary file")
    docs, log = skim([path])
    assert docs == [] and log.by_reason == {"binary file": 1}


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.jsonl", "e.csv", "e.tsv", "e.warc"])
@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_files_are_counted_not_errors(write: Write, name: str, content: bytes) -> None:
    if name == "e.warc" and content:
        pytest.skip("whitespace is not an empty WARC")
    path = write(name, content)
    for options in (FAIL, SKIP):
        docs, log = skim([path], options)
        assert docs == [] and log.by_reason == {"empty file": 1}
        assert log.examples[0] == {"path": path, "line": None, "reason": "empty file", "detail": ""}


def test_empty_compressed_file(write: Write) -> None:
    docs, log = skim([write("e.jsonl", b"", "gzip")], FAIL)
    assert docs == [] and log.by_reason == {"empty file": 1}


def test_empty_parquet(write: Write) -> None:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), buf)
    docs, log = skim([write("e.parquet", buf.getvalue())], FAIL)
    assert docs == [] and log.by_reason == {"empty file": 1}


def test_missing_file(write: Write, tmp_path) -> None:
    missing = str(tmp_path / "nope.jsonl")
    ok = write("ok.txt", "ok")
    err = fails([missing, ok])
    assert (err.path, err.line, err.message) == (missing, None, "no such file")
    docs, log = skim([missing, ok])
    assert [d.text for d in docs] == ["ok"] and log.by_reason == {"no such file": 1}


def test_long_line_without_newline_is_linear(write: Write) -> None:
    big = "word " * 10_000_000  # 50 MB, no newline
    t0 = time.perf_counter()
    (doc,) = list(read_documents([write("big.txt", big)]))
    assert len(doc.text) == len(big)
    (doc,) = list(read_documents([write("big.jsonl", json.dumps({"text": big}))]))
    assert len(doc.text) == len(big)
    assert time.perf_counter() - t0 < 10


def test_long_line_gzip(write: Write) -> None:
    big = "x" * 20_000_000
    (doc,) = list(read_documents([write("big.jsonl", '{"text": "%s"}' % big, "gzip")]))
    assert len(doc.text) == len(big)


def _lines(n: int) -> bytes:
    return "".join(json.dumps({"id": i, "text": f"Record {i} " + "pad " * 20}) + "\n"
                   for i in range(1, n + 1)).encode()


@pytest.mark.parametrize("codec", [c for c in CODECS if c])
def test_truncated_stream_jsonl(write: Write, codec: str) -> None:
    whole = compress(_lines(6000), codec)
    path = write("t.jsonl", b"")  # placeholder name, rewritten below
    with open(path, "wb") as f:
        f.write(whole[: len(whole) * 2 // 3])
    ok = write("ok.txt", "after")
    seen: list[Document] = []
    with pytest.raises(InputError) as err:
        for doc in read_documents([path, ok]):
            seen.append(doc)
    reached = len(seen)
    assert 100 < reached < 6000
    assert err.value.line == reached
    assert err.value.message == f"truncated {codec} stream after line {reached}"
    docs, log = skim([path, ok])
    assert len(docs) == reached + 1 and docs[-1].text == "after"
    assert log.by_reason == {f"truncated {codec} stream": 1}
    assert log.examples[0]["line"] == reached


def test_truncated_text_file_is_skipped_whole(write: Write) -> None:
    whole = compress(b"some text\n" * 50_000, "gzip")
    path = write("t.txt", b"")
    with open(path, "wb") as f:
        f.write(whole[:-20])
    err = fails([path])
    assert err.line is None and err.message == "truncated gzip stream"
    docs, log = skim([path])
    assert docs == [] and log.by_reason == {"truncated gzip stream": 1}


def test_corrupt_gzip(write: Write) -> None:
    data = bytearray(compress(_lines(2000), "gzip"))
    data[-6] ^= 0xFF  # in the CRC-32 trailer: every line decodes, the check fails
    path = write("c.jsonl", bytes(data))
    err = fails([path])
    assert err.message == "corrupt gzip stream after line 2000"
    docs, log = skim([path])
    assert len(docs) == 2000 and log.by_reason == {"corrupt gzip stream": 1}


def test_csv_bad_rows(write: Write) -> None:
    data = b'id,text\n1,ok\n2,"a","b"\n3\n4,caf\xe9\n5,"unclosed\n'
    path = write("c.csv", data)
    err = fails([path])
    assert err.line == 3 and "wrong field count" in err.message
    docs, log = skim([path])
    assert [d.id for d in docs] == ["1"]
    assert log.by_reason == {"wrong field count": 2, "invalid UTF-8": 1, "malformed CSV": 1}
    assert [e["line"] for e in log.examples] == [3, 4, 5, 6]


def test_csv_missing_text_column(write: Write) -> None:
    path = write("c.csv", "id,body\n1,x\n2,y\n")
    assert fails([path]).line == 2
    docs, log = skim([path])
    assert docs == [] and log.by_reason == {"missing text field": 2}


def test_invalid_warc(write: Write) -> None:
    path = write("c.warc", "hello world\nthis is not a warc\n")
    err = fails([path])
    assert err.line == 1 and "invalid WARC record" in err.message
    docs, log = skim([path])
    assert docs == [] and log.by_reason == {"invalid WARC record": 1}


def test_truncated_warc_gz(write: Write) -> None:
    from .conftest import warc_bytes

    data = warc_bytes(gzip_records=True)
    path = write("t.warc.gz", data[:-40])
    seen: list[Document] = []
    with pytest.raises(InputError) as err:
        for doc in read_documents([path]):
            seen.append(doc)
    assert [d.meta["warc_type"] for d in seen] == ["response", "resource"]
    assert err.value.message == "truncated gzip stream after record 6"
