"""Tests specific to features.mojibake: rules, seed page, real pairs (the contract: test_contract.py)."""

from __future__ import annotations

import json

import pytest

from features import mojibake
from .cases import SHARED, seed_rows


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


def test_seed_page():
    for lab, line in seed_rows():
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
