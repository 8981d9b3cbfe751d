"""Tests specific to features.splice: rules, seed page (the contract: test_contract.py)."""

from __future__ import annotations

import doctest

import regex

from features import punctuation, splice
from .cases import seed_rows

#: How the splice on each spliced seed line shows (line -> (rule, pattern the
#: span text must match)), following each line's label note.
SEED_DEFECTS = {
    3: ("byline", r"^\S+\s+\p{Lu}{3,}.*\d{1,2}:\d{2}"),      # byline glued to the lede
    13: ("unclosed_quote", r"^„[^“”\"]+[.!?]$"),              # opening quote never closed
    17: ("lower_after_end", r"\p{Lu}\.\s+\p{Ll}+$"),          # 'XXX. lowercase'
    24: ("lower_after_end", r"[“”]\.\s+\p{Ll}+$"),            # lowercase after quote + period
    36: ("glue_script", r"\p{Latin}\p{Cyrillic}"),             # words glued across scripts
}


def test_punctuation_doctests():
    # splice's helper module; the doctests of splice itself are in test_contract.py
    result = doctest.testmod(punctuation)
    assert result.failed == 0 and result.attempted > 0


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


def test_seed_defects_found_on_the_defect():
    rows = seed_rows()
    assert sorted(lab["line"] for lab, _ in rows if "spliced" in lab["labels"]) == sorted(SEED_DEFECTS)
    for lab, line in rows:
        if lab["line"] not in SEED_DEFECTS:
            continue
        rule, pattern = SEED_DEFECTS[lab["line"]]
        found = [(s.rule, line[s.start:s.end]) for s in splice.signals(line, "bg").spans]
        assert any(r == rule and regex.search(pattern, t) for r, t in found), (lab["line"], found)

