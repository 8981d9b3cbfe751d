"""Tests specific to features.spacing: rules, seed page (the contract: test_contract.py)."""

from __future__ import annotations

import regex

from features import spacing
from .cases import seed_rows

#: What the spacing defect on each defective seed line looks like (line -> patterns
#: that some span's text must match, one per defect the label note names).
SEED_DEFECTS = {
    3: [r"\s[”“]"],          # stray closing quote after a space
    10: [r"^\s+,$"],         # space before comma
    11: [r"^\s+,$", r"^\s+\.$"],  # space before comma and before a period
    14: [r"^\s+\.$"],        # space before period
    22: [r"^\s+\.$"],        # space before final period
}


def test_french_spacing_depends_on_language():
    text = "Vraiment ? Oui : c'est ça !"
    assert spacing.signals(text, "fr").spans == ()
    assert {s.rule for s in spacing.signals(text, "en").spans} == {"spaced_mark"}
    assert spacing.signals(text, "fr").values[spacing.NAMES.index("spacing_french_style")] > 0


def test_a_space_before_a_question_mark_is_counted_but_named_apart():
    # many writers type "word ?" outside French: the span is weak evidence (spaced_mark),
    # but the feature still counts it as a space before a mark
    before = spacing.NAMES.index("spacing_before_punct")
    sig = spacing.signals("Is it true ? Yes.", "en")
    assert [s.rule for s in sig.spans] == ["spaced_mark"] and sig.values[before] > 0
    # a line break before the mark is tool output, and a comma stays what it was
    assert [s.rule for s in spacing.spacing_spans("Is it true\n? Yes.", "en")] == ["newline_punct"]
    assert [s.rule for s in spacing.spacing_spans("Prices rose ( 14 , 15 ) today", "en")][1] == "before_punct"


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


def test_seed_defects_found_on_the_defect():
    rows = seed_rows()
    defective = [lab["line"] for lab, _ in rows if "spacing" in lab["labels"]]
    assert sorted(defective) == sorted(SEED_DEFECTS)
    for lab, line in rows:
        if lab["line"] not in SEED_DEFECTS:
            continue
        found = [line[s.start:s.end] for s in spacing.signals(line, "bg").spans]
        for pattern in SEED_DEFECTS[lab["line"]]:
            assert any(regex.search(pattern, f) for f in found), (lab["line"], pattern, found)



def test_comma_and_period_spacing_have_their_own_rules():
    from features.spacing import spacing_spans

    text = "Ким се срещна с Путин на летището , където двамата си стиснаха ръцете ."
    assert [s.rule for s in spacing_spans(text, "bg")] == ["before_comma", "before_period"]
    # other marks, and a comma after a number, stay with before_punct
    assert [s.rule for s in spacing_spans("Prices rose ( 14 , 15 ) today", "en")] == ["after_open", "before_punct", "before_punct"]


def test_navigation_arrows_are_not_quotes():
    from features.spacing import spacing_spans

    assert spacing_spans("View all courses »", "en") == ()
    assert spacing_spans("« Previous | Next", "en") == ()
    text = "изправена пред „агресия“ ”, стратегически пакт"
    assert [s.rule for s in spacing_spans(text, "bg")] == ["quote_space"]


def _assert_named(texts, rule, feature):
    """Each text gives exactly one span, named ``rule``, and raises ``feature``."""
    for text in texts:
        assert [s.rule for s in spacing.spacing_spans(text, "en")] == [rule], text
        assert dict(zip(spacing.NAMES, spacing.signals(text, "en").values))[feature] > 0, text


def _assert_not_named(texts, rule):
    for text in texts:
        assert rule not in [s.rule for s in spacing.spacing_spans(text, "en")], text


def test_line_breaks_inside_brackets_around_a_short_line():
    """BeautifulSoup's ``get_text("\\n")`` puts a link inside brackets on a line of its
    own (``Request (\\nRequest.headers\\n).``); counted as a space after an opening
    bracket, named ``newline_bracket``. Code splits every token onto its own line, and
    JSON arrays and multi-line brackets in prose are not this."""
    _assert_named(("a Headers object obtained from a Request (\nRequest.headers\n).",
                   "(\nArtist: Greenstranger\n)"), "newline_bracket", "spacing_after_open")
    _assert_not_named(('fetch\n(\n"/data.json"\n)\n.', '"env": [\n  false\n]',
                       "the ratio (which we measured twice,\nonce in May and once in June) held",
                       "plain (text) here"), "newline_bracket")


def test_closing_bracket_on_a_line_of_its_own_after_a_bracketed_phrase():
    """A phrase in brackets whose links were each put on a line (``(in\nMay\nand\nJune\n)``)
    ends with the ``)`` opening a line, which no writer types; the ``(`` holds on to a
    word, which code with one token per line never does. Named ``newline_bracket``."""
    _assert_named(("a two-part series (in\nMay\nand\nJune\n) looked into the plan",
                   "after claims\n(later \nconfirmed\n)\nthat the firm paid less"), "newline_bracket", "spacing_after_open")
    _assert_not_named(("max\n(\nentries\n)\n,", "call(\n  first,\n  second\n)",
                       "the ratio (which we measured twice,\nonce in May) held", "a list (\n\n) of nothing"),
                      "newline_bracket")


def test_clitic_on_a_line_of_its_own():
    """A possessive or clitic after a line break (``Acme\n’s``) is a link's text put on a
    line by ``get_text("\n")``: ``newline_clitic``, counted as ``split_clitic``."""
    _assert_named(("Shares rose after Acme\n’s $2 billion deal", "the old Kowal\n's barn", "we\n'll see"),
                  "newline_clitic", "spacing_split_clitic")
    _assert_not_named(("He said\n'so what' and left", "It's Acme's deal\nand we're in", "print(x)\n's'"), "newline_clitic")


def test_space_before_a_mark_after_a_phrase_set_off_by_a_double_space():
    """``is a  median .``: a link joined with a space on each side, then a space before
    the mark, is named ``link_gap`` (counted as the space before the mark, so the
    features do not change). Two spaces after a sentence end, or a spaced-out formula,
    are not this."""
    for text, mark in (("A sturdier measure is the  median . The median splits the series.", " ."),
                       ("Start from the four signals (described in  Four Signals ).", " )")):
        spans = spacing.spacing_spans(text, "en")
        assert [(s.rule, text[s.start:s.end]) for s in spans if s.rule == "link_gap"] == [("link_gap", mark)], text
    before = dict(zip(spacing.NAMES, spacing.signals("A sturdier measure is the  median . Next", "en").values))
    plain = dict(zip(spacing.NAMES, spacing.signals("A sturdier measure is the median . Next", "en").values))
    assert before["spacing_before_period"] == plain["spacing_before_period"] > 0
    _assert_not_named(("It ended.  Then one more , fine", "(  ∑  k  =  1  n  a  k  )", "the median . Next"), "link_gap")


def test_a_space_between_cjk_characters_is_a_place_not_a_defect_found():
    """``オープニングア クト``: the span names the space, so a spacing flag on CJK text
    can show where; a Japanese name keeps a space too, so the span is no defect found
    (``has_spacing``, ``count_spacing`` and ``spacing_any`` leave it out)."""
    for text, lang in (("ポール・ウェラーからセッションやオープニングア クトのオファーを受けた。", "ja"),
                       ("各国不论政治、经济、社会 制度上有何差异，都有义务互相协助。", "zh"),
                       ("文：佐藤 花子", "ja")):
        sig = spacing.signals(text, lang)
        assert [(s.rule, text[s.start:s.end]) for s in sig.spans] == [("cjk_space", " ")], text
        assert dict(zip(spacing.NAMES, sig.values))["spacing_any"] == 0.0
        assert not spacing.has_spacing(text, lang) and spacing.count_spacing(text, lang) == 0
        assert dict(zip(spacing.NAMES, sig.values))["spacing_cjk_space_share"] > 0
    # not between a CJK character and a Latin one, a digit or a mark
    for text in ("今回、アメリカ側は6 カ国協議", "使用 Python 编写", "東京は晴れ。 大阪は雨。"):
        assert not [s for s in spacing.signals(text, "ja").spans if s.rule == "cjk_space"], text


def test_a_drop_cap_split_from_a_short_word_opens_the_paragraph():
    """A magazine's drop cap leaves ``T he`` or ``I n contrast``: the capital and the
    fragment make a common short word, at the paragraph's start, before another word.
    ``I am``, ``A new``, and the same letters inside a paragraph stay clean."""
    for text in ("T he minister said no more.", "I n contrast to the drama, the streets were calm.",
                 "I\nn contrast to the drama", "A t the time, nobody knew."):
        assert [s.rule for s in spacing.spacing_spans(text, "en")] == ["broken_word"], text
    for text in ("I am here today.", "A new day begins.", "Then T he said", "I a m", "A t-shirt sale", "O n"):
        assert "broken_word" not in [s.rule for s in spacing.spacing_spans(text, "en")], text
