"""Tests specific to features.code: rules, seed page, dev data (the contract: test_contract.py)."""

from __future__ import annotations

import json

import pytest

from features import code
from .cases import SHARED, load_cases, seed_rows

CASES = load_cases("leaked_code")


def test_region_covers_blob_not_prose():
    prose = "Политиката за поверителност е тук. Свържете се с нас. "
    blob = 'window.cfg = {"uid":"news","mode":"server","tms":{"on":true,"env":"dev"},"path":"//cdn.x.com/a/b"'
    text = prose + blob
    spans = code.signals(text, "bg").spans
    assert spans and spans[0].start >= len(prose) - 1
    assert spans[-1].end == len(text)


def test_counts_and_values_agree():
    text = '{"a": 1, "b": {"c": [1, 2]}}'
    assert code.token_counts(text)["json_key"] == 3
    values = dict(zip(code.NAMES, code.signals(text).values))
    assert values["code_json_key_rate"] > 0 and values["code_brace_balance"] == 0.0


def test_prose_about_code_scores_low():
    values = dict(zip(code.NAMES, code.signals(CASES["negatives"][0]["text"]).values))
    assert values["code_region_share"] == 0.0 and values["code_token_share"] < 0.1


def test_seed_page():
    for lab, line in seed_rows():
        spans = code.signals(line, "bg").spans
        if "leaked_code" in lab["labels"]:
            # the note: a window['__CONFIG__'] JSON blob cut off mid-string, at the end
            start = line.index("window['__CONFIG__']")
            assert spans, lab["line"]
            assert any(s.start <= start + 10 and s.end == len(line) for s in spans), spans
            assert all(s.start >= start - 10 for s in spans)
        elif not lab["ambiguous"]:
            assert spans == (), (lab["line"], spans)


@pytest.mark.skipif(not (SHARED / "data/dev_gold").is_dir(), reason="../shared absent")
def test_dev_gold():
    rows = [json.loads(x) for x in open(SHARED / "data/dev_gold/paragraphs.jsonl", encoding="utf-8")]
    code_rows = [r for r in rows if "leaked_code" in r["labels"]]
    other = [r for r in rows if "leaked_code" not in r["labels"]]
    recall = sum(bool(code.signals(r["text"], r["lang"]).spans) for r in code_rows) / len(code_rows)
    fp = sum(bool(code.signals(r["text"], r["lang"]).spans) for r in other) / len(other)
    assert recall >= 0.85 and fp <= 0.005, (recall, fp)


def test_sql_statements_are_code_and_their_span_covers_the_statement():
    text = ("The dashboard runs this query every minute.\n"
            "SELECT status_code, count(*) AS n\nFROM requests\nWHERE ts > now() - interval '5 minutes'\n"
            "GROUP BY status_code;\n\nThen it plots the counts.")
    spans = code.signals(text, "en").spans
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end].startswith("SELECT status_code")
    assert text[spans[0].start:spans[0].end].endswith("GROUP BY status_code;")
    # keywords in prose or in an all-capitals heading are not SQL
    for prose in ("Readers can SELECT a region FROM the map to see local results.",
                  "SELECT COMMITTEE FROM THE HOUSE OF LORDS REPORTS ON HOUSING"):
        assert code.signals(prose, "en").spans == ()
