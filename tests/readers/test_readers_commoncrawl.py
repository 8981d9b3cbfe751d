"""The real Common Crawl WARC and WET files in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.errors import InputError
from qa.readers import ReadOptions, ReadStats, SkipLog, read_documents

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "commoncrawl"
WET = DATA / "whirlwind.warc.wet.gz"
WARC = DATA / "whirlwind.warc.gz"
URL = "https://an.wikipedia.org/wiki/Escopete"

pytestmark = pytest.mark.skipif(not WET.exists() or not WARC.exists(), reason="../shared absent")


def test_wet_has_one_conversion_record() -> None:
    stats = ReadStats()
    (doc,) = read_documents([str(WET)], stats=stats)
    assert doc.meta["warc_type"] == "conversion" and doc.meta["url"] == URL
    assert doc.id == doc.meta["record_id"] == "<urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d>"
    assert doc.line == 2 and doc.meta["date"] == "2024-05-18T01:58:10Z"
    assert doc.text.startswith("Escopete - Biquipedia, a enciclopedia libre\n")
    assert "Menú principal" in doc.text and not doc.meta["decode_errors"]
    assert stats.ignored_records == 1 and stats.bytes_read == WET.stat().st_size


def test_warc_only_the_response_is_a_document() -> None:
    stats = ReadStats()
    (doc,) = read_documents([str(WARC)], stats=stats)
    assert doc.meta["warc_type"] == "response" and doc.meta["url"] == URL
    assert doc.meta["http_status"] == 200 and doc.meta["charset"] == "utf-8"
    assert doc.line == 3 and stats.ignored_records == 3  # warcinfo, request, metadata
    assert doc.text.startswith("Escopete - Biquipedia, a enciclopedia libre\n\n")
    assert "<" not in doc.text.split("\n\n")[0] and "function(" not in doc.text
    assert "Menú principal" in doc.text


def test_wet_and_warc_read_together(tmp_path: Path) -> None:
    docs = list(read_documents([str(WARC), str(WET)], ReadOptions(format="wet")))
    assert [d.meta["warc_type"] for d in docs] == ["response", "conversion"]


def test_truncated_real_warc(tmp_path: Path) -> None:
    data = WARC.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the last (metadata) record
    seen = []
    with pytest.raises(InputError) as err:
        for doc in read_documents([str(cut)]):
            seen.append(doc)
    assert [d.meta["warc_type"] for d in seen] == ["response"]
    assert err.value.message == "truncated gzip stream after record 3"
    log = SkipLog()
    assert len(list(read_documents([str(cut)], ReadOptions(on_error="skip"), log))) == 1
    assert log.by_reason == {"truncated gzip stream": 1}
