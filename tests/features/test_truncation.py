"""Tests specific to features.truncation: rules, seed page (the contract: test_contract.py)."""

from __future__ import annotations

import pytest

from features import truncation
from .cases import seed_rows

LABEL = "truncated"


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


def test_seed_defective_lines_have_span_on_defect():
    found = 0
    for lab, line in seed_rows():
        if LABEL in lab["labels"]:
            found += 1
            spans = [s for s in truncation.signals(line, "bg").spans if s.label == LABEL]
            # line 36 is cut off mid-string at its very end: the span must reach the end
            assert any(s.end == len(line.rstrip()) for s in spans), lab["note"]
    assert found >= 1




def test_a_chunk_cut_at_a_size_limit():
    def rules(text, lang):
        return {span.rule for span in truncation.signals(text, lang).spans}

    code = "var cfg = {a: 1, b: [2, 3]}; " * 68  # 1,972 chars, cut after a statement
    assert 0.8 < truncation.near_limit(code) <= 1.0
    assert "end_at_limit" in rules(code, "und")
    prose = "The tide tables for the harbour are printed weekly. " * 38  # same size, ends a sentence
    assert "end_at_limit" not in rules(prose, "en")
    short = "var cfg = {a: 1, b: [2, 3]}; " * 16  # 464 chars: limits under 1,000 are not used
    assert truncation.near_limit(short) == 0.0 and "end_at_limit" not in rules(short, "und")
    bytes_cap = "ж" * 995 + " и"  # 997 chars but 1,994 UTF-8 bytes: just under 2,000 bytes
    assert truncation.near_limit(bytes_cap) > 0.9
    assert "end_at_limit" in rules(bytes_cap, "ru")
    exact = ('{"id":"n-1","kw":"ferry",' * 80)[:2000]  # exactly 2,000 chars, ends on a comma
    assert "end_at_limit" in rules(exact, "und")


def test_reference_marks_after_the_stop_are_an_ending():
    """``.[336]`` after the last sentence is not a cut; an unclosed bracket still is."""
    names = dict.fromkeys(truncation.NAMES)
    for text in ("It was filmed near Matamata for the film trilogy.[336]",
                 "The Chozo engineered the first Metroid in days. [MP3 SP]"):
        values = dict(zip(names, truncation.signals(text, "en").values))
        assert values["truncation_no_terminator"] == 0.0 and not truncation.signals(text, "en").spans
    text = "The council said that the reasons for the decision were [see the minutes of the"
    assert "end_open_bracket" in {s.rule for s in truncation.signals(text, "en").spans}


def test_a_start_on_a_lost_sentence_stop_has_its_own_rule():
    """``. x`` (the stop of a sentence the paragraph lost) and ``, x`` are two rules:
    the model can trust one more than the other."""
    assert [s.rule for s in truncation.start_spans(". The Inquisitr. Retrieved 2016-10-26.", "en")] == ["start_period"]
    assert [s.rule for s in truncation.start_spans(", обяви Йорданов пред журналисти.", "bg")] == ["start_punct"]
    assert truncation.start_spans("... and so the story goes on.", "en") == ()


def test_a_start_on_a_comma_of_another_script_is_a_lost_start():
    """CJK's enumeration comma and Arabic's comma and semicolon never open a paragraph."""
    for text, lang in (("、蓝色的领带和腰带，深蓝色的短袜和黑色皮鞋。", "zh"),
                       ("、同様の性格を持つ仲間と共に行動することが多い。", "ja"),
                       ("، وقال المتحدث إن الاجتماع انتهى دون اتفاق.", "ar"),
                       ("；但是他那天没有来。", "zh")):
        assert [s.rule for s in truncation.start_spans(text, lang)] == ["start_punct"], text
    assert truncation.start_spans("蓝色的领带、深蓝色的短袜和黑色皮鞋。", "zh") == ()


@pytest.mark.parametrize("text, lang", [
    ("Հայաստանը լեռնային երկիր է, որը գտնվում է Հարավային Կովկասում։", "hy"),
    ("မြန်မာနိုင်ငံသည် အရှေ့တောင်အာရှတွင် တည်ရှိသော နိုင်ငံတစ်ခု ဖြစ်သည်။", "my"),
    ("ប្រទេសកម្ពុជាមានទីតាំងនៅអាស៊ីអាគ្នេយ៍។", "km"),
    ("बिहार विधानसभा चुनाव के नतीजे आज घोषित किए जाएंगे।", "hi"),
])
def test_a_sentence_ending_with_its_script_s_full_stop_has_a_terminator(text, lang):
    from features.truncation import NAMES, signals

    ended = dict(zip(NAMES, signals(text, lang).values))
    cut = dict(zip(NAMES, signals(text[:-1], lang).values))
    assert ended["truncation_no_terminator"] == 0.0 and cut["truncation_no_terminator"] == 1.0


def test_runs_on_needs_a_function_word_or_prose_and_formal_writing():
    assert truncation.runs_on("Der Bericht wurde gestern im Ausschuss vorgestellt und", "de")
    assert truncation.runs_on("Доклад был представлен вчера в комитете, и его", "ru")
    assert truncation.runs_on("The vote was close. Most members voted against the plan", "en") == "prose"
    # a capitalised last word after a lowercase one: a name or a German noun cut off
    assert truncation.runs_on("The vote was close and most members voted against Smith", "en") == "prose"
    assert truncation.runs_on("Der Boden war trocken und im Sommer fehlte den Feldern das Wasser", "de") == "prose"
    # a heading, a Title Case heading, a stop, a comma (the end rules' own case), a short
    # capitalised end, informal text: no
    for text in ("Results and discussion", "How The Vote Was Won In The Smallest County Of Ohio",
                 "The vote was close.", "The vote was close,", "The vote against Smith",
                 "i think the vote was close and"):
        assert not truncation.runs_on(text, "en"), text
