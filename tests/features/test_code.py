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


#: A console's result table as extractors leave it (written for this test): whole, one
#: row per paragraph, and a one-column result with its rule.
CONSOLE = (" status_code │ requests │ mean_ms\n"
           "─────────────┼──────────┼─────────\n"
           "         200 │     3739 │   41.07\n"
           "         404 │       23 │    5.14")


def test_console_tables_are_code_and_add_no_numbers():
    spans = code.signals(CONSOLE, "en").spans
    assert [(s.rule, s.start, s.end) for s in spans] == [("console_table", 0, len(CONSOLE))]
    for row in ("404 │ 2020-08-01 17:57:00+00 │ -0.38531664163524526", "3 │ -0.43 │ f │ f │ f"):
        assert [s.rule for s in code.signals(row, "en").spans] == ["console_table"], row
    # evidence only: the share of the text inside code spans leaves it out
    assert dict(zip(code.NAMES, code.signals(CONSOLE, "en").values))["code_region_share"] == 0.0


def test_box_drawing_in_prose_and_mojibake_is_no_console_table():
    for text in (
        "п═п╣п╨п╬я─п╢ п═п╬я│я│п╦п╦ - п╨ п²п╬п╡п╬п╪я┐ пЁп╬п╢я┐!",                   # KOI8 read as another codec
        "┌─ Alt-N : 파일명순 정렬 ──────┐ │ Tab : 스와핑하여 실행 │ 확장자",    # a frame in an old text file
        "2005十大違反性權事件記者會 ──道德亂飆的年代 性權誓師出征──",          # box rules as dashes
        "Choose a │ b",                                                       # one bar: no table
        "| Name | Size |\n|------|------|\n| Gmail | 17.8 MB |",               # a Markdown table is no console
    ):
        assert not any(s.rule == "console_table" for s in code.signals(text, "und").spans), text
