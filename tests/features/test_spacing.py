"""Tests for features.spacing: case files, properties, adversarial input, seed page."""

from __future__ import annotations

import doctest
import json
import math
import pathlib

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from features import spacing
from features.spans import Span

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "fixtures/cases/spacing.json").read_text(encoding="utf-8"))
SEED = ROOT.parent / "shared" / "seed"

#: What the spacing defect on each defective seed line looks like (line -> patterns
#: that some span's text must match, one per defect the label note names).
SEED_DEFECTS = {
    3: [r"\s[”“]"],          # stray closing quote after a space
    10: [r"^\s+,$"],         # space before comma
    11: [r"^\s+,$", r"^\s+\.$"],  # space before comma and before a period
    14: [r"^\s+\.$"],        # space before period
    22: [r"^\s+\.$"],        # space before final period
}


def _ids(items):
    return [f"{c['lang']}:{c['text'][:30]}" for c in items]


def test_module_contract():
    assert spacing.LABEL == "spacing"
    assert all(n.startswith("spacing_") for n in spacing.NAMES)
    assert len(set(spacing.NAMES)) == len(spacing.NAMES)
    assert len(spacing.signals("x").values) == len(spacing.NAMES)


def test_doctests():
    result = doctest.testmod(spacing)
    assert result.failed == 0 and result.attempted > 0


def test_case_file_covers_languages():
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in CASES[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


@pytest.mark.parametrize("case", CASES["positives"], ids=_ids(CASES["positives"]))
def test_positive_fires(case):
    spans = spacing.signals(case["text"], case["lang"]).spans
    assert spans, case["note"]
    assert all(s.label == "spacing" for s in spans)
    values = dict(zip(spacing.NAMES, spacing.signals(case["text"], case["lang"]).values))
    assert values["spacing_any"] == 1.0


@pytest.mark.parametrize("case", CASES["negatives"], ids=_ids(CASES["negatives"]))
def test_negative_silent(case):
    sig = spacing.signals(case["text"], case["lang"])
    assert sig.spans == (), [(s.rule, case["text"][s.start:s.end]) for s in sig.spans]
    assert dict(zip(spacing.NAMES, sig.values))["spacing_any"] == 0.0


def test_french_spacing_depends_on_language():
    text = "Vraiment ? Oui : c'est ça !"
    assert spacing.signals(text, "fr").spans == ()
    assert {s.rule for s in spacing.signals(text, "en").spans} == {"before_punct"}
    assert spacing.signals(text, "fr").values[spacing.NAMES.index("spacing_french_style")] > 0


def test_spans_point_at_the_defect():
    text = "Kim shook hands , then left ."
    got = [text[s.start:s.end] for s in spacing.spacing_spans(text, "en")]
    assert got == [" ,", " ."]
    assert spacing.count_spacing(text, "en") == 2 and spacing.has_spacing(text, "en")


def test_tokenized_text_scores_higher():
    clean = "Они пожали руки, обнялись и уехали. Потом был ужин."
    tok = "Они пожали руки , обнялись и уехали . Потом был ужин ."
    share = spacing.NAMES.index("spacing_before_punct_share")
    assert spacing.signals(tok, "ru").values[share] > spacing.signals(clean, "ru").values[share] == 0.0


def _check(text: str, lang: str) -> None:
    sig = spacing.signals(text, lang)
    assert len(sig.values) == len(spacing.NAMES)
    assert all(isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 1.0 for v in sig.values)
    for s in sig.spans:
        assert isinstance(s, Span) and 0 <= s.start < s.end <= len(text) and s.label == "spacing"
        assert s.rule in spacing.RULES
    assert spacing.signals(text, lang) == sig


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["und", "en", "fr", "ru", "ja", "ar"]))
def test_property_any_text(text, lang):
    _check(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(" ,.;:!?()[]«»„“”\"'aZжЖ東。、،؟\u00a0\u0301")), max_size=60).map("".join))
def test_property_punctuation_soup(text):
    _check(text, "und")
    _check(text, "fr")


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        " " * 1_000_000,
        "." * 1_000_000,
        " ," * 500_000,
        "a." * 500_000,
        "A b" * 300_000,
        "(" * 100_000 + ")" * 100_000,
        "[" * 100_000 + "x" + "]" * 100_000,
        "😀" * 200_000,
        "e" + "\u0301" * 500_000,
        "„ " * 300_000,
        "東 " * 300_000,
    ],
    ids=["a", "space", "dot", "space-comma", "a-dot", "A-b", "parens", "brackets", "emoji", "combining",
         "quote-space", "cjk-space"],
)
def test_adversarial_inputs_finish(text):
    _check(text, "und")


def _seed_lines():
    if not (SEED / "page.txt").exists():
        pytest.skip("../shared is absent")
    lines = (SEED / "page.txt").read_text(encoding="utf-8", errors="replace").split("\n")
    labels = [json.loads(x) for x in (SEED / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(lab, lines[lab["line"] - 1]) for lab in labels]


def test_seed_defects_found_on_the_defect():
    rows = _seed_lines()
    defective = [lab["line"] for lab, _ in rows if "spacing" in lab["labels"]]
    assert sorted(defective) == sorted(SEED_DEFECTS)
    for lab, line in rows:
        if lab["line"] not in SEED_DEFECTS:
            continue
        found = [line[s.start:s.end] for s in spacing.signals(line, "bg").spans]
        for pattern in SEED_DEFECTS[lab["line"]]:
            assert any(regex.search(pattern, f) for f in found), (lab["line"], pattern, found)


def test_seed_clean_lines_silent():
    for lab, line in _seed_lines():
        if not lab["labels"] and not lab["ambiguous"]:
            assert spacing.signals(line, "bg").spans == (), lab["line"]
