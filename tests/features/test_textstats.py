"""Tests specific to features.textstats: known values (the contract: test_contract.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features import textstats


def _v(text: str, lang: str = "und") -> dict[str, float]:
    return dict(zip(textstats.NAMES, textstats.signals(text, lang).values))


@pytest.mark.parametrize("text, group", [
    ("Hello world", "latin"), ("Привет мир", "cyrillic"), ("Γειά σου κόσμε", "greek"),
    ("你好世界", "han"), ("ひらがなカタカナ", "kana"), ("안녕하세요", "hangul"), ("مرحبا بالعالم", "arabic"),
    ("שלום עולם", "hebrew"), ("नमस्ते दुनिया", "devanagari"), ("สวัสดีชาวโลก", "other"),
])
def test_script_shares(text, group):
    v = _v(text)
    assert v[f"textstats_script_{group}"] == pytest.approx(1.0)
    assert v["textstats_script_mixing"] == pytest.approx(0.0)


def test_script_mixing_and_digits_are_not_letters():
    v = _v("abcd абвг ١٢٣")
    assert v["textstats_script_latin"] == pytest.approx(0.5)
    assert v["textstats_script_arabic"] == 0.0
    assert v["textstats_script_mixing"] == pytest.approx(0.5)


def test_character_shares_and_flags():
    v = _v("AB 12.")
    assert v["textstats_letter_share"] == pytest.approx(2 / 6)
    assert v["textstats_digit_share"] == pytest.approx(2 / 6)
    assert v["textstats_punct_share"] == pytest.approx(1 / 6)
    assert v["textstats_space_share"] == pytest.approx(1 / 6)
    assert v["textstats_upper_share"] == 1.0
    assert v["textstats_ends_with_terminator"] == 1.0 and v["textstats_starts_with_upper"] == 1.0
    v = _v("and then the")
    assert v["textstats_ends_with_terminator"] == 0.0 and v["textstats_starts_with_upper"] == 0.0


@pytest.mark.parametrize("text, lang", [("東京は晴れ。", "ja"), ("هل أنت هنا؟", "ar"), ("यह ठीक है।", "hi"),
                                        ("Τι ώρα είναι;", "el"), ("Он ушёл.»", "ru")])
def test_terminators_in_many_scripts(text, lang):
    assert _v(text, lang)["textstats_ends_with_terminator"] == 1.0


def test_stopwords_title_case_and_repetition():
    v = _v("the cat and the dog", "en")
    assert v["textstats_stopword_share"] == pytest.approx(3 / 5)
    assert _v("the cat and the dog", "xx")["textstats_stopword_share"] == 0.0
    assert _v("Home News Sport", "en")["textstats_title_case_share"] == 1.0
    v = _v("Share this\nShare this\nShare this\nOther")
    assert v["textstats_repeated_line_share"] == pytest.approx(2 / 4)
    v = _v("a b c a b c a b c")
    assert v["textstats_repeated_trigram_share"] > 0.5
    assert _v("one two three four five")["textstats_repeated_trigram_share"] == 0.0


def test_length_is_monotone_and_capped():
    a, b = _v("word " * 10), _v("word " * 1000)
    assert a["textstats_chars_log"] < b["textstats_chars_log"] <= 1.0
    assert a["textstats_words_log"] < b["textstats_words_log"] <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_agrees_with_unicode_path(text):
    fast = _v(text + " ")
    slow = _v(text + "\u00a0")  # one non-ASCII space forces the regex path; same counts otherwise
    for name in ("textstats_letter_share", "textstats_digit_share", "textstats_punct_share",
                 "textstats_symbol_share", "textstats_upper_share", "textstats_script_latin"):
        assert fast[name] == pytest.approx(slow[name]), name


@pytest.mark.parametrize("text, lang", [
    ("Mozilla moved to supply them directly to the public.[12]", "en"),
    ("Le navigateur est le quatrième plus utilisé.[43][44][45]", "fr"),
    ("The creature plotted its revenge against the universe. [MP3 SP / M2]", "en"),
    ("Это было сказано в интервью.[примечание 3]", "ru"),
    ("気象台は週末まで雨が続くと発表した。[1]", "ja"),
])
def test_reference_marks_after_the_stop_still_end_a_sentence(text, lang):
    """Wikipedia's ``.[12]`` and a wiki's ``. [MP3 SP]`` close a sentence: without this,
    whole articles read as unterminated, so not as prose (the page's run of prose is lost)."""
    assert _v(text, lang)["textstats_ends_with_terminator"] == 1.0


@pytest.mark.parametrize("text", ["Contents [edit]", "<![endif]", "we stop here [12]",
                                  "See the list [" + "x" * 60 + "]"])
def test_brackets_without_a_stop_before_them_do_not_end_a_sentence(text):
    assert _v(text)["textstats_ends_with_terminator"] == 0.0
