"""Hypothesis properties: round trips through every format, and html_to_text never fails."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.readers import ReadOptions, SkipLog, read_documents
from qa.readers.html_text import html_to_text

# Any text a JSON/CSV writer can carry (no lone surrogates: they are not UTF-8).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=10), texts), max_size=8))
def test_jsonl_round_trip(records: list[tuple[str, str]]) -> None:
    data = "".join(json.dumps({"id": i, "text": t, "k": k}) + "\n" for i, (k, t) in enumerate(records))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "r.jsonl")
        path.write_text(data, encoding="utf-8")
        log = SkipLog()
        docs = list(read_documents([str(path)], skips=log))
    assert [(d.id, d.text, d.meta["k"]) for d in docs] == [(str(i), t, k) for i, (k, t) in enumerate(records)]
    assert log.count == (0 if records else 1)


@settings(max_examples=50, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8), st.sampled_from([",", "\t"]))
def test_delimited_round_trip(values: list[str], delimiter: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["id", "text"])
    writer.writerows([i, v] for i, v in enumerate(values))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "r.csv" if delimiter == "," else "r.tsv")
        path.write_bytes(buf.getvalue().encode("utf-8"))
        docs = list(read_documents([str(path)], ReadOptions(on_error="skip")))
    # csv turns a lone "\r" inside an unquoted field into a line end; quoting covers it
    assert [d.text for d in docs] == values


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-ab p=\"'&;#\n script style")), max_size=300))
def test_html_to_text_total_and_deterministic(html: str) -> None:
    out = html_to_text(html)
    assert isinstance(out, str) and out == html_to_text(html)
    assert "\n\n\n" not in out
