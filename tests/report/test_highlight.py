"""Evidence highlighting: escaped text, one <mark> per covered segment, overlaps split."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from features.spans import Span
from qa.report.highlight import highlight

MARK = re.compile(r'<mark class="([^"]*)" title="([^"]*)">(.*?)</mark>', re.S)


def coverage(markup: str) -> tuple[str, list[set[str]]]:
    """Plain text back from the markup, and the label set on each character."""
    text, labels = [], []
    pos = 0
    for m in MARK.finditer(markup):
        plain = html.unescape(markup[pos : m.start()])
        text.append(plain)
        labels += [set()] * len(plain)
        inner = html.unescape(m.group(3))
        text.append(inner)
        classes = {c[2:] for c in m.group(1).split() if c.startswith("l-")}
        labels += [classes] * len(inner)
        pos = m.end()
    tail = html.unescape(markup[pos:])
    text.append(tail)
    labels += [set()] * len(tail)
    return "".join(text), labels


def test_escapes_markup_in_text_and_rule():
    out = str(highlight("<b>x</b>", [Span(0, 3, "leaked_code", '"><script>')]))
    assert "<b>" not in out and "<script>" not in out
    assert 'title="&#34;&gt;&lt;script&gt; (leaked_code)"' in out


def test_overlap_is_split_into_segments():
    out = str(highlight("abcdef", [Span(1, 4, "spliced", "a"), Span(3, 5, "spacing", "b")]))
    assert out == (
        'a<mark class="l-spliced" title="a (spliced)">bc</mark>'
        '<mark class="l-spliced l-spacing multi" title="a (spliced); b (spacing)">d</mark>'
        '<mark class="l-spacing" title="b (spacing)">e</mark>f'
    )


def test_carriage_return_kept_as_reference():
    assert str(highlight("a\r\nb", [])) == "a&#13;\nb"


spans = st.lists(
    st.tuples(st.integers(-3, 40), st.integers(-3, 40), st.sampled_from(["spacing", "spliced", "x y"])),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab <>&\"'\n😀é"), max_size=30), spans)
def test_marks_cover_exactly_the_spans(text, raw):
    evidence = [Span(a, b, label, f"r{i}") for i, (a, b, label) in enumerate(raw)]
    plain, labels = coverage(str(highlight(text, evidence)))
    assert plain == text
    for i in range(len(text)):
        expected = {s.label.replace(" ", "_") for s in evidence if s.start <= i < s.end}
        assert labels[i] == expected
