"""Tests for features.mojibake: case files, properties, adversarial input, seed page, real pairs."""

from __future__ import annotations

import doctest
import json
import math
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features import mojibake

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "fixtures/cases/mojibake.json").read_text(encoding="utf-8"))
SHARED = ROOT.parent / "shared"


def _ids(items):
    return [f"{c['lang']}:{c['text'][:30]}" for c in items]


def test_module_contract():
    assert mojibake.LABEL == "mojibake"
    assert all(n.startswith("mojibake_") for n in mojibake.NAMES)
    assert len(set(mojibake.NAMES)) == len(mojibake.NAMES)
    assert len(mojibake.signals("x").values) == len(mojibake.NAMES)
    assert mojibake.signals("").values == (0.0,) * len(mojibake.NAMES)


def test_doctests():
    result = doctest.testmod(mojibake)
    assert result.failed == 0 and result.attempted > 0


def test_case_file_covers_languages():
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in CASES[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


@pytest.mark.parametrize("case", CASES["positives"], ids=_ids(CASES["positives"]))
def test_positive_fires(case):
    spans = mojibake.signals(case["text"], case["lang"]).spans
    assert spans, case["note"]
    assert all(s.label == "mojibake" for s in spans)


@pytest.mark.parametrize("case", CASES["negatives"], ids=_ids(CASES["negatives"]))
def test_negative_silent(case):
    assert mojibake.signals(case["text"], case["lang"]).spans == (), case["note"]


@pytest.mark.parametrize("case", CASES["known_failures"], ids=_ids(CASES["known_failures"]))
def test_known_failures_still_fail(case):
    # when one of these starts passing, move it to the positives
    assert mojibake.signals(case["text"], case["lang"]).spans == ()


def test_span_on_the_defect():
    text = "Prix : 5 €. Le cafÃ© est fermÃ©."
    spans = mojibake.signals(text, "fr").spans
    assert [text[s.start:s.end] for s in spans] == ["Ã©", "Ã©"]


def test_fix_run_undoes_known_codecs():
    for word in ("България", "été", "发布", "日本語", "한국어", "Ελληνικά", "שלום"):
        for codec in ("cp1252", "cp1251", "gbk", "cp932", "euc_kr", "cp1253", "cp1255"):
            try:
                garbled = word.encode("utf-8").decode(codec)
            except UnicodeDecodeError:
                continue
            hit = mojibake.fix_run(garbled)
            if hit is not None:
                assert hit[1] == word


def test_round_trip_does_not_touch_clean_scripts():
    for text in ("Привет, как дела?", "东京今天很热。", "שלום עולם", "Καλημέρα σας", "สวัสดีครับ"):
        assert mojibake.roundtrip_spans(text) == []


def test_values_move_with_mojibake():
    clean = dict(zip(mojibake.NAMES, mojibake.signals("Le café est prêt.").values))
    bad = dict(zip(mojibake.NAMES, mojibake.signals("Le cafÃ© est prÃªt.").values))
    assert bad["mojibake_roundtrip_share"] > clean["mojibake_roundtrip_share"] == 0.0
    assert bad["mojibake_span_share"] > 0.0 == clean["mojibake_span_share"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["und", "en", "hu", "tr", "cs", "zh", "ru"]))
def test_properties(text, lang):
    sig = mojibake.signals(text, lang)
    assert len(sig.values) == len(mojibake.NAMES)
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in sig.values)
    assert sig == mojibake.signals(text, lang)
    for s in sig.spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.label == "mojibake"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x2FFF), max_size=80))
def test_properties_non_ascii(text):
    sig = mojibake.signals(text)
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in sig.values)


@pytest.mark.parametrize("text", [
    "a" * 1_000_000, "é" * 1_000_000, "Ã©" * 500_000, "\ufffd" * 1_000_000,
    "[" * 100_000 + "]" * 100_000, "😀" * 200_000, "a" + "\u0301" * 500_000,
    "Ð¡Ð¾Ñ„ word " * 50_000, "中" * 500_000, "\x85" * 500_000,
], ids=lambda t: f"{t[:3]!r}x{len(t)}")
def test_adversarial_inputs_finish(text):
    sig = mojibake.signals(text)
    assert len(sig.values) == len(mojibake.NAMES)


@pytest.mark.skipif(not (SHARED / "seed").is_dir(), reason="../shared absent")
def test_seed_page():
    text = (SHARED / "seed/page.txt").read_text(encoding="utf-8", errors="replace")
    labels = [json.loads(x) for x in open(SHARED / "seed/labels.jsonl", encoding="utf-8")]
    for lab, line in zip(labels, text.split("\n")):
        spans = mojibake.signals(line, "bg").spans
        if "mojibake" in lab["labels"]:
            assert spans, lab["line"]
        elif not lab["ambiguous"]:
            assert spans == (), (lab["line"], spans)


@pytest.mark.skipif(not (SHARED / "data/chardet_mojibake").is_dir(), reason="../shared absent")
def test_real_pairs_sample():
    rows = [json.loads(x) for x in open(SHARED / "data/chardet_mojibake/pairs.jsonl", encoding="utf-8")]
    sample = rows[::7]
    bad = [r for r in sample if r["label"] == "mojibake"]
    clean = [r for r in sample if r["label"] == "clean"]
    recall = sum(bool(mojibake.signals(r["text"], r["lang"]).spans) for r in bad) / len(bad)
    fp = sum(bool(mojibake.signals(r["text"], r["lang"]).spans) for r in clean) / len(clean)
    assert recall >= 0.97 and fp <= 0.01, (recall, fp)
