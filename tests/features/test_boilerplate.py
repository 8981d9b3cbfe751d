"""Tests for features.boilerplate: case files, properties, adversarial input, seed page."""

from __future__ import annotations

import doctest
import json
import math
import pathlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features import boilerplate
from features.data import table

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "fixtures/cases/boilerplate.json").read_text(encoding="utf-8"))
SEED = ROOT.parent / "shared" / "seed"
LABEL = "boilerplate"

#: Seed lines whose boilerplate the spans must find, and a substring each must cover.
SEED_DEFECTS = {32: "___", 34: "Набиращи популярност", 36: "Политика за поверителност"}
#: Seed lines of the label that only the numbers can catch (a promo line that reads like prose).
SEED_NUMBERS_ONLY = {35}


def _ids(items):
    return [f"{c['lang']}:{c['text'][:30]}" for c in items]


def test_module_contract():
    assert boilerplate.LABEL == LABEL
    assert all(n.startswith("boilerplate_") for n in boilerplate.NAMES)
    assert len(set(boilerplate.NAMES)) == len(boilerplate.NAMES)
    assert len(boilerplate.signals("x").values) == len(boilerplate.NAMES)


def test_doctests():
    result = doctest.testmod(boilerplate)
    assert result.failed == 0 and result.attempted > 0


def test_phrase_table_languages():
    langs = set(table("boilerplate_phrases"))
    assert {"en", "fr", "de", "es", "pt", "it", "nl", "ru", "bg", "uk", "pl", "cs", "zh", "ja", "ko",
            "ar", "tr"} <= langs
    for entry in table("boilerplate_phrases").values():
        assert entry["phrases"] and all(p == p.strip() and p for p in entry["phrases"] + entry["words"])


def test_case_file_covers_languages():
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in CASES[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


@pytest.mark.parametrize("case", CASES["positives"], ids=_ids(CASES["positives"]))
def test_positive_fires(case):
    spans = boilerplate.signals(case["text"], case["lang"]).spans
    assert spans, case["note"]
    assert all(s.label == LABEL for s in spans)


@pytest.mark.parametrize("case", CASES["negatives"], ids=_ids(CASES["negatives"]))
def test_negative_is_quiet(case):
    assert boilerplate.signals(case["text"], case["lang"]).spans == (), case["note"]


def test_glued_footer_chain_spans_each_phrase():
    text = "Privacy PolicyTerms of UseContact usDo Not Sell My Personal Information"
    spans = [s for s in boilerplate.signals(text).spans if s.rule == "phrase_chain"]
    assert [text[s.start:s.end] for s in spans] == [
        "Privacy Policy", "Terms of Use", "Contact us", "Do Not Sell My Personal Information"]


def test_words_only_count_as_whole_line():
    assert boilerplate.is_boilerplate("Menu")
    assert not boilerplate.is_boilerplate("The menu changes every week and the search for a chef goes on.")


def test_numbers_describe_shape():
    v = dict(zip(boilerplate.NAMES, boilerplate.signals("Home | News | Sport | Contact").values))
    assert v["boilerplate_link_chain"] == 1.0 and v["boilerplate_short"] == 0.0
    assert v["boilerplate_title_case_share"] > 0.5
    v = dict(zip(boilerplate.NAMES, boilerplate.signals("A long sentence about the weather in spring.").values))
    assert v["boilerplate_link_chain"] == 0.0 and v["boilerplate_no_terminator"] == 0.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["und", "en", "fr", "ru", "zh", "ja", "ar", "xx"]))
def test_properties(text, lang):
    a = boilerplate.signals(text, lang)
    b = boilerplate.signals(text, lang)
    assert a == b
    assert len(a.values) == len(boilerplate.NAMES)
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in a.values)
    for s in a.spans:
        assert 0 <= s.start < s.end <= len(text) and s.label == LABEL


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Home", " | ", "·", " » ", "©", "2024", "\n", "Share", "(12)", "By ",
                                 "Jane", "privacy policy", "İ", "ß", "登录", "___", "Comments", " "])))
def test_properties_boilerplate_heavy(parts):
    text = "".join(parts)
    sig = boilerplate.signals(text, "en")
    assert all(0 <= s.start < s.end <= len(text) for s in sig.spans)


def test_offsets_survive_case_folding_that_changes_length():
    text = "İİİ Privacy Policy"
    spans = boilerplate.signals(text).spans
    assert any(text[s.start:s.end] == "Privacy Policy" for s in spans)


@pytest.mark.parametrize("text", [
    "a" * 1_000_000,
    "(" * 100_000 + ")" * 100_000,
    "[" * 100_000,
    "😀" * 200_000,
    "e" + "\u0301" * 300_000,
    "|" * 1_000_000,
    " | a" * 250_000,
    "Privacy Policy " * 60_000,
    "aB" * 500_000,
    "\n" * 500_000,
    "© " * 400_000,
    "1 " * 400_000,
])
def test_adversarial_inputs_finish(text):
    sig = boilerplate.signals(text, "en")
    assert len(sig.values) == len(boilerplate.NAMES)


def _seed():
    if not (SEED / "page.txt").exists():
        pytest.skip("../shared absent")
    lines = (SEED / "page.txt").read_text(encoding="utf-8", errors="replace").split("\n")
    labels = [json.loads(x) for x in (SEED / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return list(zip(labels, lines))


def test_seed_defective_lines_have_span_on_defect():
    seen = set()
    for lab, line in _seed():
        if LABEL not in lab["labels"] or lab["line"] in SEED_NUMBERS_ONLY:
            continue
        seen.add(lab["line"])
        want = SEED_DEFECTS[lab["line"]]
        spans = [s for s in boilerplate.signals(line, "bg").spans if s.label == LABEL]
        assert any(want in line[s.start:s.end] for s in spans), lab["note"]
    assert seen == set(SEED_DEFECTS)


def test_seed_clean_lines_are_quiet():
    for lab, line in _seed():
        if not lab["labels"] and not lab["ambiguous"]:
            assert boilerplate.signals(line, "bg").spans == (), lab["line"]
