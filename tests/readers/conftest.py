"""Helpers for the reader tests: write files in every format and compression."""

from __future__ import annotations

import bz2
import gzip
import io
from pathlib import Path
from typing import Callable

import pytest


def compress(data: bytes, codec: str | None) -> bytes:
    """``data`` compressed with ``codec`` ("gzip", "zstd", "bzip2" or None)."""
    if codec is None:
        return data
    if codec == "gzip":
        return gzip.compress(data)
    if codec == "bzip2":
        return bz2.compress(data, 1)  # 100 kB blocks: truncation tests see whole blocks
    if codec == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    raise ValueError(codec)


SUFFIX = {None: "", "gzip": ".gz", "zstd": ".zst", "bzip2": ".bz2"}
CODECS = [None, "gzip", "zstd", "bzip2"]


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., str]:
    """``write(name, data, codec=None)`` -> path of a file made in tmp_path."""

    def _write(name: str, data: bytes | str, codec: str | None = None) -> str:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = tmp_path / (name + SUFFIX[codec])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(compress(raw, codec))
        return str(path)

    return _write


def warc_bytes(gzip_records: bool = False) -> bytes:
    """A small WARC: warcinfo, request, HTML response, image response,
    text/plain resource, metadata, and a conversion record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
    req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("http://example.org/", "request", payload=io.BytesIO(b""),
                                  http_headers=req)
    )
    html = (
        "<html><head><title>Título</title><script>var a = '<p>no</p>';</script></head>"
        "<body><p>Première phrase.</p><div>Deuxième <b>bloc</b>.</div></body></html>"
    ).encode("latin-1")
    resp = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record("http://example.org/", "response", payload=io.BytesIO(html),
                                  http_headers=resp)
    )
    png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("http://example.org/a.png", "response",
                                  payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=png)
    )
    writer.write_record(
        writer.create_warc_record("http://example.org/r.txt", "resource",
                                  payload=io.BytesIO(b"plain\r\nresource"),
                                  warc_content_type="text/plain")
    )
    writer.write_record(
        writer.create_warc_record("http://example.org/", "metadata",
                                  payload=io.BytesIO(b"fetchTimeMs: 1\r\n"),
                                  warc_content_type="application/warc-fields")
    )
    writer.write_record(
        writer.create_warc_record("http://example.org/", "conversion",
                                  payload=io.BytesIO("Texte extrait.\n".encode()),
                                  warc_content_type="text/plain")
    )
    return out.getvalue()
