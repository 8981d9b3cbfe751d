"""html_to_text: blocks, dropped script/style, entities, and linear time."""

from __future__ import annotations

import time

import pytest

from qa.readers.html_text import html_to_text


def test_blocks_are_paragraphs() -> None:
    html = "<h1>Title</h1><p>One <a href='x'>link</a> here.</p><ul><li>a</li><li>b</li></ul>"
    assert html_to_text(html) == "Title\n\nOne link here.\n\na\n\nb"


def test_script_style_template_comments_dropped() -> None:
    html = (
        "<style>body{color:red}</style><p>Keep</p><script type='x'>if (a < b) { s = '</p>'; }"
        "</script><!-- <p>hidden</p> --><template><p>t</p></template><SCRIPT>x</SCRIPT><p>End</p>"
    )
    assert html_to_text(html) == "Keep\n\nEnd"


def test_whitespace_br_pre_and_entities() -> None:
    html = "<p>a\n   b<br>c&nbsp;&amp;&#233;&eacute;</p><pre>  x = 1\n  y = 2\n</pre>"
    assert html_to_text(html) == "a b\nc\xa0&éé\n\n  x = 1\n  y = 2"


def test_stray_angle_brackets_are_text() -> None:
    assert html_to_text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"
    assert html_to_text("<p>x</p><a href='unclosed") == "x\n\n<a href='unclosed"


def test_unclosed_script_and_comment_run_to_end() -> None:
    assert html_to_text("<p>a</p><script>var x") == "a"
    assert html_to_text("<p>a</p><!-- never closed <p>b</p>") == "a"


@pytest.mark.parametrize("unit", ["<a ", "<", "<!--", "<a href=\"", "</", "<script>", "&#"])
def test_adversarial_input_is_linear(unit: str) -> None:
    small, big = unit * 20_000, unit * 200_000
    t0 = time.perf_counter()
    html_to_text(small)
    t1 = time.perf_counter()
    html_to_text(big)
    t2 = time.perf_counter()
    assert t2 - t1 < max(0.5, 30 * (t1 - t0))
