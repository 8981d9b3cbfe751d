"""Each format read from files generated here, in every compression."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Callable

import pytest

from qa.readers import ReadOptions, ReadStats, SkipLog, read_documents
from qa.records import Document

from .conftest import CODECS, warc_bytes

Write = Callable[..., str]


def read(paths: list[str] | str, **kwargs: object) -> list[Document]:
    return list(read_documents([paths] if isinstance(paths, str) else paths, ReadOptions(**kwargs)))


@pytest.mark.parametrize("codec", CODECS)
def test_text_file_is_one_document(write: Write, codec: str | None) -> None:
    path = write("doc.txt", "\ufeffFirst para.\r\n\r\nSecond — ünïcode 日本語.\n", codec)
    (doc,) = read(path)
    assert doc.id == path and doc.source == path and doc.line == 1
    assert doc.text == "First para.\n\nSecond — ünïcode 日本語.\n"
    assert dict(doc.meta) == {"path": path}


def test_markdown_and_unknown_extension_are_text(write: Write) -> None:
    md = write("readme.md", "# Title\n\nBody.\n")
    other = write("page.html", "<p>raw</p>")
    docs = read([md, other])
    assert [d.text for d in docs] == ["# Title\n\nBody.\n", "<p>raw</p>"]


def test_text_id_is_relative_when_input_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("A.")
    monkeypatch.chdir(tmp_path)
    (doc,) = read("c")
    assert doc.id == os.path.join("c", "a.txt") and doc.meta["path"] == doc.id


@pytest.mark.parametrize("codec", CODECS)
def test_jsonl_ids_meta_and_lines(write: Write, codec: str | None) -> None:
    lines = [
        {"id": "a", "text": "Alpha.", "url": "http://a", "lang": "en"},
        {"text": "No id."},
        {"id": 42, "text": "Int id.", "tags": ["x"]},
        {"id": None, "text": "Null id."},
    ]
    data = "\n".join(json.dumps(x) for x in lines[:2]) + "\n\n  \n" + "\n".join(
        json.dumps(x) for x in lines[2:]
    )  # blank lines in the middle, no final newline
    path = write("c.jsonl", data, codec)
    docs = read(path)
    assert [d.id for d in docs] == ["a", f"{path}:2", "42", f"{path}:6"]
    assert [d.line for d in docs] == [1, 2, 5, 6]
    assert [d.text for d in docs] == ["Alpha.", "No id.", "Int id.", "Null id."]
    assert dict(docs[0].meta) == {"url": "http://a", "lang": "en"}
    assert dict(docs[2].meta) == {"tags": ["x"]}
    assert all(d.source == path for d in docs)


def test_jsonl_custom_fields(write: Write) -> None:
    path = write("c.ndjson", json.dumps({"doc_id": 1, "content": "C.", "text": "kept in meta"}))
    (doc,) = read(path, text_field="content", id_field="doc_id")
    assert (doc.id, doc.text, dict(doc.meta)) == ("1", "C.", {"text": "kept in meta"})


def test_jsonl_empty_text_is_a_document(write: Write) -> None:
    (doc,) = read(write("c.jsonl", '{"text": ""}\n'))
    assert doc.text == ""


def test_format_option_overrides_extension(write: Write) -> None:
    path = write("c.txt", '{"text": "J."}\n')
    assert [d.text for d in read(path, format="jsonl")] == ["J."]
    assert [d.text for d in read(path)] == ['{"text": "J."}\n']


@pytest.mark.parametrize("codec", CODECS)
def test_csv_with_multiline_fields(write: Write, codec: str | None) -> None:
    data = 'id,text,lang\r\n1,"Line one\r\nline two, with comma",fr\r\n\r\n2,"Say ""hi""",en\r\n3,plain,\r\n'
    path = write("c.csv", data, codec)
    docs = read(path)
    assert [(d.id, d.line) for d in docs] == [("1", 2), ("2", 5), ("3", 6)]
    assert docs[0].text == "Line one\r\nline two, with comma"
    assert docs[1].text == 'Say "hi"'
    assert dict(docs[0].meta) == {"lang": "fr"} and dict(docs[2].meta) == {"lang": ""}


@pytest.mark.parametrize("name", ["c.tsv", "c.tab"])
def test_tsv(write: Write, name: str) -> None:
    path = write(name, "text\tid\tscore\nHello, world.\tx1\t3\nSecond\tx2\t4\n")
    docs = read(path)
    assert [(d.id, d.text, dict(d.meta), d.line) for d in docs] == [
        ("x1", "Hello, world.", {"score": "3"}, 2),
        ("x2", "Second", {"score": "4"}, 3),
    ]


def test_csv_without_id_column(write: Write) -> None:
    path = write("c.csv", "text\nA\nB\n")
    assert [d.id for d in read(path)] == [f"{path}:2", f"{path}:3"]


def test_csv_huge_field(write: Write) -> None:
    big = "x" * 3_000_000
    (doc,) = read(write("c.csv", f'text\n"{big}"\n'))
    assert len(doc.text) == len(big)


def _parquet_bytes(n: int = 2500) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": list(range(n)),
        "text": [f"Row {i}." if i % 1000 != 7 else None for i in range(n)],
        "lang": ["en"] * n,
    })
    buf = io.BytesIO()
    pq.write_table(table, buf, row_group_size=700)
    return buf.getvalue()


@pytest.mark.parametrize("codec", [None, "gzip"])
def test_parquet_streams_rows(write: Write, codec: str | None) -> None:
    path = write("c.parquet", _parquet_bytes(), codec)
    log = SkipLog()
    stats = ReadStats()
    docs = list(read_documents([path], ReadOptions(on_error="skip"), log, stats=stats))
    assert len(docs) == 2500 - 3  # rows 7, 1007, 2007 have a null text
    assert log.by_reason == {"missing text field": 3}
    assert [e["line"] for e in log.examples] == [8, 1008, 2008]
    assert (docs[0].id, docs[0].text, dict(docs[0].meta), docs[0].line) == ("0", "Row 0.", {"lang": "en"}, 1)
    assert docs[-1].line == 2500 and docs[-1].id == "2499"
    assert stats.documents == len(docs) and stats.bytes_read == os.path.getsize(path)


def test_parquet_null_text_fails_in_fail_mode(write: Write) -> None:
    from qa.errors import InputError

    path = write("c.pq", _parquet_bytes(20))
    with pytest.raises(InputError) as err:
        read(path)
    assert err.value.line == 8 and "missing text field" in str(err.value)


def test_parquet_not_parquet(write: Write) -> None:
    from qa.errors import InputError

    path = write("c.parquet", b"PAR1 this is not parquet at all")
    with pytest.raises(InputError, match="not a Parquet file"):
        read(path)


@pytest.mark.parametrize("codec", [None, "gzip", "zstd"])
@pytest.mark.parametrize("gzip_records", [False, True])
def test_warc_text_records(write: Write, codec: str | None, gzip_records: bool) -> None:
    data = warc_bytes(gzip_records)
    if gzip_records and codec is not None:
        codec = None  # a .warc.gz is already compressed per record
    path = write("c.warc.gz" if gzip_records else "c.warc", data, codec)
    stats = ReadStats()
    docs = list(read_documents([path], stats=stats))
    assert [d.meta["warc_type"] for d in docs] == ["response", "resource", "conversion"]
    assert [d.line for d in docs] == [3, 5, 7]
    assert stats.ignored_records == 4  # warcinfo, request, image response, metadata
    html, res, conv = docs
    assert html.text == "Título\n\nPremière phrase.\n\nDeuxième bloc."
    assert html.meta["charset"] == "iso8859-1" and html.meta["charset_source"] == "header"
    assert html.meta["url"] == "http://example.org/" and html.meta["http_status"] == 200
    assert html.id == html.meta["record_id"] and html.id.startswith("<urn:uuid:")
    assert html.meta["content_type"] == "text/html; charset=ISO-8859-1"
    assert html.meta["date"]
    assert res.text == "plain\nresource"
    assert conv.text == "Texte extrait.\n" and conv.meta["decode_errors"] is False


def test_wet_format_alias(write: Write) -> None:
    path = write("c.bin", warc_bytes())
    assert len(read(path, format="wet")) == 3


def test_warc_undecodable_body_is_flagged(write: Write) -> None:
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    w.write_record(w.create_warc_record("http://x/", "conversion", payload=io.BytesIO(b"caf\xe9"),
                                        warc_content_type="text/plain"))
    (doc,) = read(write("bad.wet", out.getvalue()))
    assert doc.text == "caf\ufffd" and doc.meta["decode_errors"] is True
    assert doc.meta["charset_source"] == "default"


def test_mixed_inputs_keep_order_and_stats(write: Write, tmp_path: Path) -> None:
    a = write("d/1.txt", "One.")
    b = write("d/2.jsonl", '{"text": "Two."}\n{"text": "Three."}\n', "gzip")
    c = write("e.csv", "text\nFour.\n")
    stats = ReadStats()
    docs = list(read_documents([str(tmp_path / "d"), c], stats=stats))
    assert [d.text for d in docs] == ["One.", "Two.", "Three.", "Four."]
    assert [d.source for d in docs] == [a, b, b, c]
    assert stats.files == 3 and stats.documents == 4
    assert stats.bytes_read == sum(os.path.getsize(p) for p in (a, b, c))
    assert stats.bytes_decoded == len("One.") + len('{"text": "Two."}\n{"text": "Three."}\n') + len("text\nFour.\n")


def test_single_string_input_is_one_path(write: Write) -> None:
    path = write("a.txt", "A.")
    assert [d.text for d in read_documents(path)] == ["A."]
