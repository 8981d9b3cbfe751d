"""Unit tests of scripts/align.py: labelling extractor paragraphs against an expected article.

All inputs are small HTML/text snippets written for these tests.
"""

from __future__ import annotations

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))

import align  # noqa: E402

ARTICLE = """
<h1>Rivers of the North</h1>
<p>The river rises in the <a href="#">northern hills</a> and flows south for two hundred kilometres.
It reaches the sea near the old harbour town.</p>
<p>Fishing was the main trade until 1950, when the new factory opened (see figure 3).</p>
<ul><li>Salmon season opens in May</li><li>Trout season opens in April</li></ul>
<p>Visitors often ask about the bridge.<br>it was rebuilt twice after floods.</p>
<table><tr><td>Length of the river</td><td>200 km in total</td></tr></table>
"""

SOURCE = """<html><head><title>Rivers</title>
<script>var config = {"siteName": "Rivers Daily", "trackingId": "UA-000000-1", "lazy": true};</script>
<style>.nav-menu{display:inline-block;color:#333;font-size:12px}</style></head>
<body><nav>Home | Sport | Weather</nav>""" + ARTICLE + """<footer>Cookie settings</footer></body></html>"""


@pytest.fixture(scope="module")
def ref() -> align.Reference:
    return align.Reference(align.html_blocks(ARTICLE))


@pytest.fixture(scope="module")
def code() -> align.CodeReference:
    return align.CodeReference.from_html(SOURCE)


def labels(text: str, ref: align.Reference, code: align.CodeReference | None = None):
    return align.label_paragraph(text, ref, code).labels


# ------------------------------------------------------------------ parsing


def test_html_blocks_split_at_block_tags_and_keep_inline_text():
    blocks = align.html_blocks(ARTICLE)
    texts = [b.text for b in blocks]
    assert texts[0] == "Rivers of the North"
    assert texts[1].startswith("The river rises in the northern hills and flows")
    assert "Salmon season opens in May" in texts and "Trout season opens in April" in texts
    assert [b.tag for b in blocks][-2:] == ["td", "td"]


def test_br_is_a_soft_break_inside_a_block():
    block = [b for b in align.html_blocks(ARTICLE) if b.text.startswith("Visitors")][0]
    assert block.text == "Visitors often ask about the bridge. it was rebuilt twice after floods."
    assert len(block.soft_breaks) == 1


def test_code_texts_and_visible_text_are_separated():
    texts, visible = align.page_texts(SOURCE)
    assert any("trackingId" in t for t in texts)
    assert "trackingId" not in visible and "Cookie settings" in visible


def test_split_paragraphs_blank_lines_else_lines():
    assert align.split_paragraphs("a\nb\n\n  c  \n") == ["a\nb", "c"]
    assert align.split_paragraphs("one\ntwo\n") == ["one", "two"]


def test_normalisation_is_unicode_aware():
    assert align.norm_text("ﬁne\u00a0day") == "fine day"
    assert align.alnum_form("STRASSE, straße")[0] == "strassestrasse"
    assert align.alnum_form("हिन्दी")[0] == "हिन्दी"  # combining marks are kept


# ------------------------------------------------------------------ clean


@pytest.mark.parametrize("text", [
    "Fishing was the main trade until 1950, when the new factory opened (see figure 3).",
    "Fishing  was the main\ntrade until 1950, when the new factory opened (see figure 3).",  # whitespace kind
    "- Salmon season opens in May",  # extractor bullet
    "Rivers of the North",
])
def test_whole_block_is_clean(ref, text):
    assert labels(text, ref) == []


def test_sentence_split_inside_a_block_is_clean(ref):
    assert labels("It reaches the sea near the old harbour town.", ref) == []


def test_blocks_joined_by_line_break_or_after_sentence_end_are_clean(ref):
    text = ("Fishing was the main trade until 1950, when the new factory opened (see figure 3).\n"
            "Salmon season opens in May")
    assert labels(text, ref) == []


# ------------------------------------------------------------------ spacing


@pytest.mark.parametrize("text", [
    "Fishing was the main trade until 1950 , when the new factory opened (see figure 3).",
    "Fishing was the main trade until 1950, when the new factory opened ( see figure 3 ) .",
    "Fishing was the main trade until 1950,when the new factory opened (see figure 3).",
    "Fishing was the main trade until 1950, when the new fac tory opened (see figure 3).",
])
def test_whitespace_only_differences_are_spacing(ref, text):
    assert labels(text, ref) == ["spacing"]


def test_sentence_end_without_space_across_blocks_is_spacing_not_splice():
    ref = align.Reference(align.html_blocks("<p>The storm ended at noon.</p><p>Roads reopened in the evening.</p>"))
    assert labels("The storm ended at noon.Roads reopened in the evening.", ref) == ["spacing"]


def test_cjk_space_between_inline_nodes_is_spacing():
    ref = align.Reference(align.html_blocks("<p>今天的天氣非常好，我們一起去公園散步吧。</p>"))
    assert labels("今天的天氣 非常好，我們一起去公園散步吧。", ref) == ["spacing"]


def test_french_spacing_is_not_a_defect():
    ref = align.Reference(align.html_blocks("<p>Le ministre a répondu : « nous verrons » demain matin.</p>"))
    verdict = align.label_paragraph("Le ministre a répondu: «nous verrons» demain matin.", ref)
    assert verdict.labels is None and verdict.reason == "unsure_spacing_only"


def test_space_added_where_reference_glues_is_not_blamed_on_the_tool():
    ref = align.Reference(align.html_blocks("<p>The streets were covered in salt.CreditHiroko Masuike</p>"))
    assert align.label_paragraph("The streets were covered in salt. Credit Hiroko Masuike", ref).labels is None


# ------------------------------------------------------------------ spliced


def test_heading_glued_to_paragraph_is_spliced(ref):
    text = "Rivers of the NorthThe river rises in the northern hills and flows south for two hundred kilometres. " \
           "It reaches the sea near the old harbour town."
    assert labels(text, ref) == ["spliced"]


def test_blocks_joined_with_space_but_no_sentence_end_are_spliced(ref):
    assert labels("Salmon season opens in May Trout season opens in April", ref) == ["spliced"]


def test_dropped_link_text_is_spliced(ref):
    text = ("The river rises in the and flows south for two hundred kilometres. "
            "It reaches the sea near the old harbour town.")
    assert labels(text, ref) == ["spliced"]


def test_table_cells_joined_by_space_are_not_labelled(ref):
    verdict = align.label_paragraph("Length of the river 200 km in total", ref)
    assert verdict.labels is None and verdict.reason == "table_or_layout_join"


def test_paraphrase_is_not_a_splice():
    ref = align.Reference(align.html_blocks(
        "<p>President Barack Obama has admitted that his failure to pass gun safety laws in the US "
        "is the greatest frustration of his presidency.</p>"))
    verdict = align.label_paragraph(
        "President Barack Obama tells the BBC his failure to pass gun safety laws in the US is the "
        "greatest frustration of his presidency.", ref)
    assert verdict.labels != ["spliced"]


# ------------------------------------------------------------------ truncated


def test_prefix_cut_mid_sentence_is_truncated(ref):
    assert labels("Fishing was the main trade until 1950, when the new", ref) == ["truncated"]


def test_suffix_starting_mid_sentence_is_truncated(ref):
    assert labels("when the new factory opened (see figure 3).", ref) == ["truncated"]


def test_line_of_a_br_split_sentence_starting_lowercase_is_truncated(ref):
    assert labels("it was rebuilt twice after floods.", ref) == []  # a whole sentence after "bridge."
    ref2 = align.Reference(align.html_blocks(
        "<p>The credentials enumeration decides if cookies for the other domain are<br>"
        "sent along with the request to the server.</p>"))
    assert labels("sent along with the request to the server.", ref2) == ["truncated"]
    assert labels("The credentials enumeration decides if cookies for the other domain are", ref2) == ["truncated"]


def test_line_break_before_a_capital_is_ambiguous():
    ref = align.Reference(align.html_blocks("<p>Roses are red and the violets are blue<br>Sugar is sweet and so are all of you</p>"))
    assert align.label_paragraph("Sugar is sweet and so are all of you", ref).reason == "ambiguous_cut"


def test_cut_inside_a_number_is_truncated():
    ref = align.Reference(align.html_blocks("<p>The total cost of the new bridge was 3.5 million euros in 2019.</p>"))
    assert labels("The total cost of the new bridge was 3", ref) == ["truncated"]


def test_spacing_and_truncation_combine(ref):
    assert labels("Fishing was the main trade until 1950 , when the new", ref) == ["spacing", "truncated"]


# ------------------------------------------------------------------ boilerplate / code


def test_text_not_in_article_is_boilerplate(ref, code):
    assert labels("Subscribe to our newsletter for weekly updates and offers", ref, code) == ["boilerplate"]
    assert labels("Cookie settings", ref, code) == ["boilerplate"]


def test_script_and_style_text_is_leaked_code(ref, code):
    assert labels('var config = {"siteName": "Rivers Daily", "trackingId": "UA-000000-1", "lazy": true};',
                  ref, code) == ["leaked_code"]
    assert labels(".nav-menu{display:inline-block;color:#333;font-size:12px}", ref, code) == ["leaked_code"]


def test_visible_text_repeated_in_a_script_is_not_code(ref):
    code = align.CodeReference(['window.i18n = {"footer": "Cookie settings and privacy choices"};'],
                               "Cookie settings and privacy choices")
    assert labels("Cookie settings and privacy choices", ref, code) == ["boilerplate"]


def test_escaped_markup_is_leaked_code(ref):
    assert labels('<div class="ad"><img src="x.gif" width="1"></div>', ref) == ["leaked_code"]


def test_short_partial_match_is_dropped_not_guessed(ref):
    verdict = align.label_paragraph("northern hills", ref)
    assert verdict.labels is None and verdict.reason == "short_substring"


def test_no_word_characters_is_dropped(ref):
    assert align.label_paragraph("| » |", ref).reason == "no_word_chars"


# ------------------------------------------------------------------ content code


def test_code_block_content_is_leaked_code_but_prose_in_pre_is_not():
    ref = align.Reference(align.html_blocks(
        "<p>Run the query below to count the rows in the table.</p>"
        "<pre>SELECT status, count(*)\nFROM logs\nGROUP BY status;</pre>"
        "<pre>The server then returns the current version of the document\nto the client that asked.</pre>"))
    assert labels("SELECT status, count(*)\nFROM logs\nGROUP BY status;", ref) == ["leaked_code"]
    assert labels("The server then returns the current version of the document", ref) == ["truncated"]


def test_latex_alttext_is_leaked_code(ref):
    assert labels("for any pair of vectors {\\displaystyle x,y\\in V} the product is real", ref) == ["leaked_code"]


def test_inline_spans_glued_by_the_page_are_spliced():
    ref = align.Reference(align.html_blocks(
        "<figure><figcaption><span>Credit</span><span>Erik Carter for The New York Times</span></figcaption></figure>"))
    assert labels("CreditErik Carter for The New York Times", ref) == ["spliced"]
    assert labels("Credit Erik Carter for The New York Times", ref) is None  # the tool separated them: not judged
