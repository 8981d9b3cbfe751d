"""Tests for features.truncation: case files, properties, adversarial input, seed page."""

from __future__ import annotations

import doctest
import json
import math
import pathlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features import truncation

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "fixtures/cases/truncated.json").read_text(encoding="utf-8"))
SEED = ROOT.parent / "shared" / "seed"
LABEL = "truncated"


def _ids(items):
    return [f"{c['lang']}:{c['text'][:30]}" for c in items]


def test_module_contract():
    assert truncation.LABEL == LABEL
    assert all(n.startswith("truncation_") for n in truncation.NAMES)
    assert len(set(truncation.NAMES)) == len(truncation.NAMES)
    assert len(truncation.signals("x").values) == len(truncation.NAMES)
    assert set(truncation.RULES) >= {s.rule for c in CASES["positives"]
                                     for s in truncation.signals(c["text"], c["lang"]).spans}


def test_doctests():
    result = doctest.testmod(truncation)
    assert result.failed == 0 and result.attempted > 0


def test_case_file_covers_languages():
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in CASES[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


@pytest.mark.parametrize("case", CASES["positives"], ids=_ids(CASES["positives"]))
def test_positive_fires(case):
    spans = truncation.signals(case["text"], case["lang"]).spans
    assert spans, case["note"]
    assert all(s.label == LABEL for s in spans)


@pytest.mark.parametrize("case", CASES["negatives"], ids=_ids(CASES["negatives"]))
def test_negative_is_quiet(case):
    assert truncation.signals(case["text"], case["lang"]).spans == (), case["note"]


def test_span_positions():
    text = "The members agreed that the budget for the next three years would include the"
    (span,) = truncation.end_spans(text, "en")
    assert text[span.start:span.end] == "the" and span.end == len(text)
    text = ", we would not rule out a second round of talks."
    (span,) = truncation.start_spans(text, "en")
    assert (span.start, span.end) == (0, 1)


def test_open_string_span_covers_cut():
    text = '{"a":"b","list":["/x/1.js","/x/2.js","/assets/9feb'
    spans = truncation.signals(text).spans
    assert any(s.rule == "end_open_string" and text[s.start:] == '"/assets/9feb' for s in spans)


def test_lang_unknown_falls_back_on_script():
    text = "Переговоры между двумя компаниями продолжались несколько месяцев, однако стороны так и не договорились и"
    assert truncation.is_truncated(text, "und")
    assert truncation.is_truncated(text, "en")  # wrong language ID: script decides


def test_views_agree():
    text = "Die Verhandlungen wurden am Montag ohne Ergebnis abgebrochen, weil die"
    assert truncation.count(text, "de") == len({s.rule for s in truncation.signals(text, "de").spans}) == 1
    assert truncation.is_truncated(text, "de")


def test_round_length_needs_mid_word_end():
    body = ("word " * 120)[:511] + "x"
    assert len(body.encode()) == 512
    assert any(s.rule == "end_round_length" for s in truncation.signals(body).spans)
    done = body[:-1] + "."
    assert not any(s.rule == "end_round_length" for s in truncation.signals(done).spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["und", "en", "fr", "ru", "zh", "ja", "ar", "xx"]))
def test_properties(text, lang):
    a = truncation.signals(text, lang)
    b = truncation.signals(text, lang)
    assert a == b
    assert len(a.values) == len(truncation.NAMES)
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in a.values)
    for s in a.spans:
        assert 0 <= s.start < s.end <= len(text) and s.label == LABEL


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.\"'([{}])…-\n\ufffd„“«»。、，") + ["Read more", "的", "and"])))
def test_properties_punctuation_heavy(parts):
    text = "".join(parts)
    sig = truncation.signals(text, "en")
    assert all(0 <= s.start < s.end <= len(text) for s in sig.spans)


@pytest.mark.parametrize("text", [
    "a" * 1_000_000,
    "(" * 100_000 + ")" * 100_000,
    "[" * 100_000,
    '"' + "x" * 1_000_000,
    "😀" * 200_000,
    "e" + "\u0301" * 300_000,
    "." * 1_000_000,
    "\n" * 500_000,
    ("the " * 250_000),
])
def test_adversarial_inputs_finish(text):
    sig = truncation.signals(text, "en")
    assert len(sig.values) == len(truncation.NAMES)


def _seed():
    if not (SEED / "page.txt").exists():
        pytest.skip("../shared absent")
    lines = (SEED / "page.txt").read_text(encoding="utf-8", errors="replace").split("\n")
    labels = [json.loads(x) for x in (SEED / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return list(zip(labels, lines))


def test_seed_defective_lines_have_span_on_defect():
    found = 0
    for lab, line in _seed():
        if LABEL in lab["labels"]:
            found += 1
            spans = [s for s in truncation.signals(line, "bg").spans if s.label == LABEL]
            # line 36 is cut off mid-string at its very end: the span must reach the end
            assert any(s.end == len(line.rstrip()) for s in spans), lab["note"]
    assert found >= 1


def test_seed_clean_lines_are_quiet():
    for lab, line in _seed():
        if not lab["labels"] and not lab["ambiguous"]:
            assert truncation.signals(line, "bg").spans == (), lab["line"]
