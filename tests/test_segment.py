"""Segmentation: modes, offsets that slice back to the text, edge cases."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import ConfigError
from qa.records import Document
from qa.segment import MODES, paragraph_spans, segment


def texts(doc, mode):
    return [p.text for p in segment(doc, mode)]


def test_auto_uses_blank_lines_when_present():
    doc = Document("d", "Title\n\nFirst line\nsame paragraph.\n\n\n  Second.  \n")
    assert texts(doc, "auto") == ["Title", "First line\nsame paragraph.", "Second."]


def test_auto_falls_back_to_lines():
    doc = Document("d", "one\ntwo\r\nthree\n")
    assert texts(doc, "auto") == ["one", "two", "three"]


def test_line_and_none_modes():
    doc = Document("d", "a\n\nb\nc")
    assert texts(doc, "line") == ["a", "b", "c"]
    assert texts(doc, "none") == ["a\n\nb\nc"]
    assert texts(doc, "blank") == ["a", "b\nc"]


def test_blank_lines_with_spaces_and_crlf():
    doc = Document("d", "a\r\n \r\nb\n\t\nc")
    assert texts(doc, "blank") == ["a", "b", "c"]


def test_indices_and_counts():
    paras = list(segment(Document("d", "x\n\ny\n\nz"), "blank"))
    assert [p.index for p in paras] == [0, 1, 2]
    assert {p.count for p in paras} == {3}
    assert {p.doc_id for p in paras} == {"d"}


def test_empty_and_blank_documents_have_no_paragraphs():
    for mode in MODES:
        assert texts(Document("d", ""), mode) == []
        assert texts(Document("d", " \n\n \t"), mode) == []


def test_unknown_mode_is_a_config_error():
    with pytest.raises(ConfigError):
        paragraph_spans("x", "sentences")


def test_long_text_without_newline_is_one_paragraph():
    text = "word " * 200_000
    (p,) = segment(Document("d", text), "auto")
    assert p.start == 0 and p.end == len(text.rstrip())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\r\t.") + ["\u2028", "é", "中"]), max_size=200), st.sampled_from(MODES))
def test_offsets_slice_back_to_text(text, mode):
    doc = Document("d", text)
    last_end = 0
    for p in segment(doc, mode):
        assert doc.text[p.start : p.end] == p.text
        assert p.text == p.text.strip()
        assert p.text
        assert p.start >= last_end
        last_end = p.end
