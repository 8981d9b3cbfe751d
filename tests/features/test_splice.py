"""Tests for features.splice: case files, properties, adversarial input, seed page."""

from __future__ import annotations

import doctest
import json
import math
import pathlib

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from features import punctuation, splice
from features.spans import Span

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "fixtures/cases/spliced.json").read_text(encoding="utf-8"))
SEED = ROOT.parent / "shared" / "seed"

#: How the splice on each spliced seed line shows (line -> (rule, pattern the
#: span text must match)), following each line's label note.
SEED_DEFECTS = {
    3: ("byline", r"^\S+\s+\p{Lu}{3,}.*\d{1,2}:\d{2}"),      # byline glued to the lede
    13: ("unclosed_quote", r"^„[^“”\"]+[.!?]$"),              # opening quote never closed
    17: ("lower_after_end", r"\p{Lu}\.\s+\p{Ll}+$"),          # 'XXX. lowercase'
    24: ("lower_after_end", r"[“”]\.\s+\p{Ll}+$"),            # lowercase after quote + period
    36: ("glue_script", r"\p{Latin}\p{Cyrillic}"),             # words glued across scripts
}


def _ids(items):
    return [f"{c['lang']}:{c['text'][:30]}" for c in items]


def test_module_contract():
    assert splice.LABEL == "spliced"
    assert all(n.startswith("splice_") for n in splice.NAMES)
    assert len(set(splice.NAMES)) == len(splice.NAMES)
    assert len(splice.signals("x").values) == len(splice.NAMES)


def test_doctests():
    for module in (splice, punctuation):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0


def test_case_file_covers_languages():
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in CASES[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


@pytest.mark.parametrize("case", CASES["positives"], ids=_ids(CASES["positives"]))
def test_positive_fires(case):
    sig = splice.signals(case["text"], case["lang"])
    assert sig.spans, case["note"]
    assert all(s.label == "spliced" for s in sig.spans)
    assert dict(zip(splice.NAMES, sig.values))["splice_any"] == 1.0


@pytest.mark.parametrize("case", CASES["negatives"], ids=_ids(CASES["negatives"]))
def test_negative_silent(case):
    sig = splice.signals(case["text"], case["lang"])
    assert sig.spans == (), [(s.rule, case["text"][s.start:s.end]) for s in sig.spans]


def test_rules_name_the_mechanism():
    cases = {
        "NetworkВсичко": "glue_script",
        "условията за ползванеВашите": "glue_lower",
        "CreditMaria Lopez": "glue_word",
        "from $200See all": "glue_digit",
        "we fixed it.So we": "glue_end",
        "the study, . In": "orphan_punct",
        "the ministry of of health": "doubled_word",
        "History of the region[edit]": "ui_glue",
    }
    for text, rule in cases.items():
        assert [s.rule for s in splice.splice_spans(text, "en" if text.isascii() else "bg")] == [rule], text


def test_informal_lowercase_writing_is_not_a_splice():
    chat = "had a great time. the food was ok. we will come back. thanks"
    assert splice.signals(chat, "en").spans == ()
    lower_any = splice.NAMES.index("splice_lower_after_any")
    assert splice.signals(chat, "en").values[lower_any] > 0


def test_camel_share_is_soft_signal_for_brands():
    share = splice.NAMES.index("splice_camel_share")
    sig = splice.signals("PowerPoint and YouTube", "en")
    assert sig.spans == () and sig.values[share] > 0


def _check(text: str, lang: str) -> None:
    sig = splice.signals(text, lang)
    assert len(sig.values) == len(splice.NAMES)
    assert all(isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 1.0 for v in sig.values)
    for s in sig.spans:
        assert isinstance(s, Span) and 0 <= s.start < s.end <= len(text) and s.label == "spliced"
        assert s.rule in splice.RULES
    assert splice.signals(text, lang) == sig


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["und", "en", "fr", "bg", "ja", "ar"]))
def test_property_any_text(text, lang):
    _check(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["a", "B", "ж", "Ж", "ب", "東", ".", ". ", ", ", "„", "“", "”", "«", "»", "(", ")", '"', "of ", "the ",
     "By ", "2024 ", "12:14 ", "[edit]", "$20", "\u0301", "\n"]), max_size=40).map("".join))
def test_property_token_soup(text):
    _check(text, "und")
    _check(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "aB" * 500_000,
        "Ab" * 500_000,
        "a. " * 300_000,
        "of " * 300_000,
        "(" * 100_000 + ")" * 100_000,
        "„" * 100_000 + ". Next sentence here",
        "By " + "A" * 1_000_000,
        "By A 2024 " * 100_000,
        "😀" * 200_000,
        "e" + "\u0301" * 500_000,
        "ab\u0301C" * 200_000,
        "11" * 500_000 + "Abc",
    ],
    ids=["a", "aB", "Ab", "a-dot", "of", "parens", "quotes", "byline-long", "byline-rep", "emoji",
         "combining", "combining-camel", "digits"],
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
    assert sorted(lab["line"] for lab, _ in rows if "spliced" in lab["labels"]) == sorted(SEED_DEFECTS)
    for lab, line in rows:
        if lab["line"] not in SEED_DEFECTS:
            continue
        rule, pattern = SEED_DEFECTS[lab["line"]]
        found = [(s.rule, line[s.start:s.end]) for s in splice.signals(line, "bg").spans]
        assert any(r == rule and regex.search(pattern, t) for r, t in found), (lab["line"], found)


def test_seed_clean_lines_silent():
    for lab, line in _seed_lines():
        if not lab["labels"] and not lab["ambiguous"]:
            assert splice.signals(line, "bg").spans == (), lab["line"]
