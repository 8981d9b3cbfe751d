"""paragraphs.csv: the column contract, offsets, formula guard, pandas round trip."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.records import Document, Paragraph, ParagraphScore
from qa.report import CSV_COLUMNS, AuditWriter, guard, unguard
from qa.report.csv_sink import ParagraphCsvSink, csv_row

from .sample import RUN, SKIPS, feed, sample_corpus, scored_document

EXPECTED_COLUMNS = [
    "doc_id", "paragraph", "start", "end", "chars", "lang", "score", "labels",
    "p_leaked_code", "p_boilerplate", "p_spliced", "p_spacing", "p_truncated", "p_mojibake",
    "evidence", "signals", "source", "text",
]  # fmt: skip

TRICKY = [
    ("Line one\nline two\r\nline three\rend", "en", 0.2, [], []),
    ('She said "hi", then \'bye\'; a, b, c', "en", 0.3, [], []),
    ("=HYPERLINK(\"http://x\",\"y\")", "en", 0.9, ["leaked_code"], [("HYPERLINK", "leaked_code", "formula")]),
    ("+1 555 0100 call now", "en", 0.4, [], []),
    ("-- a list item", "en", 0.1, [], []),
    ("@handle says hi", "en", 0.1, [], []),
    ("\tindented by a tab", "en", 0.1, [], []),
    ("'=already quoted", "en", 0.1, [], []),
    ("NA", "en", 0.0, [], []),
    ("", "en", 0.0, [], []),
    ("Ünïcödé — 東京 — مرحبا — नमस्ते — 😀👍🏽 — \u00a0nbsp", "und", 0.5, ["spacing"], [("😀👍🏽", "spacing", "emoji")]),
]


def _write(tmp_path, corpus):
    writer = AuditWriter(tmp_path, RUN)
    feed(writer, corpus)
    writer.close(SKIPS, 0.5)
    return tmp_path / "paragraphs.csv"


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_columns_in_contract_order(tmp_path):
    assert list(CSV_COLUMNS) == EXPECTED_COLUMNS
    path = _write(tmp_path, sample_corpus())
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == EXPECTED_COLUMNS
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), "plain UTF-8, no BOM"


def test_one_row_per_paragraph_with_offsets(tmp_path):
    corpus = sample_corpus()
    frame = _read(_write(tmp_path, corpus))
    scores = [(doc, s) for doc, ss in corpus for s in ss]
    assert len(frame) == len(scores)
    for (doc, s), row in zip(scores, frame.itertuples(index=False)):
        p = s.paragraph
        assert (row.doc_id, int(row.paragraph)) == (p.doc_id, p.index)
        assert (int(row.start), int(row.end), int(row.chars)) == (p.start, p.end, len(p.text))
        assert doc.text[int(row.start) : int(row.end)] == unguard(row.text)
        assert row.lang == s.lang
        assert float(row.score) == round(s.score, 4)
        assert row.labels == ";".join(s.labels)
        assert float(row.p_spacing) == round(s.probs["spacing"], 4)
        evidence = json.loads(row.evidence)
        assert evidence == [list(span) for span in s.evidence]
        for start, end, label, rule in evidence:
            assert 0 <= start < end <= len(p.text)
        assert json.loads(row.signals) == [list(sig) for sig in s.signals]
        assert unguard(row.source) == doc.source


def test_round_trip_keeps_every_text(tmp_path):
    doc, scores = scored_document("tricky", TRICKY)
    frame = _read(_write(tmp_path, [(doc, scores)]))
    assert [unguard(t) for t in frame["text"]] == [s.paragraph.text for s in scores]
    assert frame["text"][0] == TRICKY[0][0], "newlines and CRs survive unchanged"
    assert frame["labels"].tolist()[:3] == ["", "", "leaked_code"]


def test_formula_guard_on_text_columns_only(tmp_path):
    doc, scores = scored_document("=1+1", TRICKY, source="-")
    frame = _read(_write(tmp_path, [(doc, scores)]))
    assert set(frame["doc_id"]) == {"'=1+1"}
    assert set(frame["source"]) == {"'-"}
    texts = frame["text"].tolist()
    assert texts[2].startswith("'=HYPERLINK")
    assert texts[3] == "'+1 555 0100 call now"
    assert texts[4] == "'-- a list item"
    assert texts[5] == "'@handle says hi"
    assert texts[6] == "'\tindented by a tab"
    assert texts[7] == "''=already quoted"
    for column in ("paragraph", "start", "end", "chars", "score", "p_mojibake"):
        assert not any(v.startswith("'") for v in frame[column]), column


def test_guard_is_exactly_reversible():
    @given(st.text(alphabet=st.sampled_from("'=+-@\t\rab \n"), max_size=8) | st.text(max_size=20))
    def check(cell):
        guarded = guard(cell)
        assert unguard(guarded) == cell
        assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")
    check()


def test_scores_clamped_and_rounded():
    p = Paragraph("d", 0, "x", 0, 1)
    row = csv_row(ParagraphScore(p, "en", 0.123456, {"spacing": 1.7}, ()), Document("d", "x"))
    assert row[6] == "0.1235" and row[11] == "1.0"
    assert row[8] == "", "a missing probability is an empty cell"
    with pytest.raises(ValueError):
        csv_row(ParagraphScore(p, "en", float("nan"), {}, ()), Document("d", "x"))


def test_out_of_range_evidence_is_clipped():
    p = Paragraph("d", 0, "abc", 0, 3)
    from features.spans import Span

    score = ParagraphScore(p, "en", 0.5, {}, (), (Span(1, 9, "spacing", "r"), Span(5, 6, "spacing", "r")))
    assert json.loads(csv_row(score, Document("d", "abc"))[14]) == [[1, 3, "spacing", "r"]]


def test_rows_are_streamed_not_buffered(tmp_path):
    sink = ParagraphCsvSink(tmp_path / "paragraphs.csv")
    doc, scores = scored_document("big", [("word " * 40, "en", 0.1, [], [])] * 500)
    for s in scores:
        sink.add(s, doc)
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and temps[0].stat().st_size > 50_000, "rows reach the disk while streaming"
    assert not (tmp_path / "paragraphs.csv").exists()
    sink.commit()
    assert sum(1 for _ in open(tmp_path / "paragraphs.csv", encoding="utf-8")) == 501
    assert [p.name for p in tmp_path.iterdir()] == ["paragraphs.csv"]
