"""summary.json: every number checked against a count done here, by hand."""

from __future__ import annotations

import json

from qa.labels import LABELS
from qa.report import AuditWriter

from .sample import RUN, SKIPS, feed, sample_corpus, scored_document


def _run(tmp_path, corpus, **kwargs):
    writer = AuditWriter(tmp_path, RUN, **kwargs)
    feed(writer, corpus)
    summary = writer.close(SKIPS, 2.5)
    return summary


def test_summary_numbers(tmp_path):
    corpus = sample_corpus()
    summary = _run(tmp_path, corpus)
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8")) == summary
    scores = [s for _, ss in corpus for s in ss]
    chars = sum(len(s.paragraph.text) for s in scores)
    bad = [s for s in scores if s.labels]
    assert summary["documents"] == len(corpus) == 5
    assert summary["paragraphs"] == len(scores) == 13
    assert summary["characters"] == chars
    assert summary["defective_paragraphs"] == len(bad) == 9
    assert summary["defective_share"] == round(9 / 13, 6)
    assert summary["defective_char_share"] == round(sum(len(s.paragraph.text) for s in bad) / chars, 6)
    assert list(summary["per_label"]) == list(LABELS)
    for label in LABELS:
        with_label = [s for s in scores if label in s.labels]
        entry = summary["per_label"][label]
        assert entry["paragraphs"] == len(with_label)
        assert entry["share"] == round(len(with_label) / 13, 6)
        assert entry["char_share"] == round(sum(len(s.paragraph.text) for s in with_label) / chars, 6)
    assert summary["per_label"]["boilerplate"]["paragraphs"] == 3
    bg = summary["per_language"]["bg"]
    assert bg == {
        "paragraphs": 2,
        "characters": sum(len(s.paragraph.text) for s in scores if s.lang == "bg"),
        "defective_share": 1.0,
        "defective_char_share": 1.0,
        "per_label": {"leaked_code": 0.0, "boilerplate": 0.5, "spliced": 0.5, "spacing": 0.5,
                      "truncated": 0.0, "mojibake": 0.0},
    }
    assert list(summary["per_language"])[0] == "en", "most paragraphs first"
    assert summary["skipped"] == SKIPS and summary["run"] == RUN
    assert summary["duration_seconds"] == 2.5


def test_histogram(tmp_path):
    summary = _run(tmp_path, sample_corpus())
    hist = summary["score_histogram"]
    assert len(hist["counts"]) == 20 and len(hist["edges"]) == 21
    assert hist["edges"][0] == 0.0 and hist["edges"][-1] == 1.0
    assert sum(hist["counts"]) == 13
    assert hist["counts"][19] == 2  # 0.99 and 0.95
    assert hist["counts"][0] == 3  # 0.04, 0.02, 0.03
    assert hist["counts"][1] == 1  # 0.08


def test_rules_counted_with_first_example(tmp_path):
    rules = _run(tmp_path, sample_corpus())["rules"]
    assert rules["nav_words"]["count"] == 4 and rules["nav_words"]["paragraphs"] == 2
    assert rules["nav_words"]["label"] == "boilerplate"
    example = rules["space_before_comma"]["example"]
    assert (example["doc_id"], example["paragraph"]) == ("news-1", 0)
    assert "Tuesday ," in example["snippet"]
    assert list(rules)[0] == "nav_words", "most frequent first"


def test_worst_documents_by_defective_char_share(tmp_path):
    corpus = [
        scored_document("half", [("bad bad bad", "en", 0.9, ["spacing"], []), ("good good good", "en", 0.1, [], [])]),
        scored_document("clean", [("fine text.", "en", 0.0, [], [])]),
        scored_document("all", [("x" * 30, "en", 0.7, ["mojibake"], [])]),
        scored_document("little", [("y", "en", 0.8, ["spliced"], []), ("z" * 99, "en", 0.2, [], [])]),
    ]
    worst = _run(tmp_path, corpus)["worst_documents"]
    assert [d["doc_id"] for d in worst] == ["all", "half", "little"], "clean documents are not ranked"
    assert worst[1]["defective_share"] == 0.5
    assert worst[1]["defective_char_share"] == round(11 / 25, 6)
    assert worst[2]["paragraphs"] == 2


def test_worst_documents_capped_at_50(tmp_path):
    corpus = [scored_document(f"d{i}", [("bad text", "en", 0.9, ["spacing"], [])]) for i in range(80)]
    summary = _run(tmp_path, corpus)
    assert summary["documents"] == 80 and len(summary["worst_documents"]) == 50
    assert summary["worst_documents"][0]["doc_id"] == "d0", "ties keep the earlier document"


def test_empty_corpus(tmp_path):
    summary = _run(tmp_path, [])
    assert summary["paragraphs"] == summary["documents"] == 0
    assert summary["defective_share"] == summary["defective_char_share"] == 0.0
    assert summary["worst_documents"] == [] and summary["rules"] == {}
    assert (tmp_path / "report.html").stat().st_size > 1000
    assert (tmp_path / "paragraphs.csv").read_text(encoding="utf-8").count("\n") == 1


def test_non_finite_values_become_null(tmp_path):
    run = dict(RUN, model=dict(RUN["model"], thresholds={"spacing": float("nan")}))
    writer = AuditWriter(tmp_path, run)
    summary = writer.close(SKIPS, float("inf"))
    assert summary["run"]["model"]["thresholds"] == {"spacing": None}
    assert summary["duration_seconds"] is None
    json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))  # strict JSON


def test_skips_given_as_objects_are_normalised(tmp_path):
    from types import SimpleNamespace

    skips = {"count": 1, "by_reason": {"binary file": 1},
             "examples": [SimpleNamespace(path="blob.bin", line=None, reason="binary file")]}
    writer = AuditWriter(tmp_path, RUN)
    summary = writer.close(skips, 0.1)
    assert summary["skipped"]["examples"] == [{"path": "blob.bin", "line": None, "reason": "binary file"}]
    assert "blob.bin" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_non_string_ids_and_sources(tmp_path):
    from qa.records import Document, Paragraph, ParagraphScore

    doc = Document(42, "text , here", source=None)  # type: ignore[arg-type]
    p = Paragraph(42, 0, doc.text, 0, len(doc.text))  # type: ignore[arg-type]
    writer = AuditWriter(tmp_path, RUN)
    writer.add(ParagraphScore(p, "", 0.7, {}, ("spacing",)), doc)
    summary = writer.close({}, 0.1)
    assert summary["worst_documents"][0]["doc_id"] == "42"
    assert summary["per_language"] == {"und": summary["per_language"]["und"]}
    assert summary["skipped"] == {"count": 0, "by_reason": {}, "examples": []}
