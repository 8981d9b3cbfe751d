"""The page's <title> line (headline + site name) is furniture; the heading it repeats is not."""

import pandas as pd

from qa.model.featurize import ParagraphFeaturizer
from qa.model.page_titles import _key, page_title_rows, title_headline
from qa.model.scorer import Scorer
from qa.records import Paragraph

#: A naive scrape of a news page (written for this test): the <title>, a menu, the
#: <h1> and the article.
PAGE = [
    "Storm floods the old harbour of Porto Vell | The Coast Herald",
    "Home | World | Weather",
    "Storm floods the old harbour of Porto Vell",
    "The storm that crossed the bay on Tuesday night pushed the sea over the harbour wall, "
    "and by morning the fish market stood under half a metre of water.",
    "Harbour officials said the pumps would run for two more days before the market can reopen.",
]


def _page(texts, doc="p"):
    return pd.DataFrame({"text": texts, "lang": ["en"] * len(texts), "doc_id": [doc] * len(texts),
                         "paragraph": list(range(len(texts)))})


def test_title_line_wraps_a_headline_of_the_page_with_a_short_site_name():
    heads = {"storm floods the old harbour of porto vell"}
    for line in ("Storm floods the old harbour of Porto Vell | The Coast Herald",
                 "Storm floods the old harbour of Porto Vell – Coast Herald – 12/03/2024",
                 "The Coast Herald :: Storm floods the old harbour of Porto Vell",
                 "STORM FLOODS THE OLD HARBOUR OF PORTO VELL — Coast Herald",
                 "Weather|Storm floods the old harbour of Porto Vell",  # a section glued to it by a bar
                 "Storm floods the old harbour of Porto Vell | Ana Ruiz | Environment | The Coast Herald",
                 "Storm floods the old harbour of Porto Vell\n            - The Coast Herald"):  # a wrapped <title>
        assert title_headline(line, heads) == "storm floods the old harbour of porto vell", line
    for line in ("Storm floods the old harbour of Porto Vell",  # the heading itself
                 "Storm floods the old harbour of Porto Vell - and the fish market stood under water for days",
                 "Storm floods the old harbour | The Coast Herald",  # another headline
                 "Storm floods the old harbour of Porto Vell\n|\nThe Coast Herald\n|\nWeather"):  # a list
        assert title_headline(line, heads) is None, line
    # the headline is the longer part: a credit or a date is no headline of its caption or time
    for line, head in (("Photo by Ana Ruiz | The storm over the old harbour of Porto Vell", "Photo by Ana Ruiz"),
                       ("April 5, 2018 | 6:00 PM", "April 5, 2018")):
        assert title_headline(line, {_key(head)}) is None, line


def test_only_the_title_line_is_marked_on_its_page():
    assert page_title_rows(PAGE, [list(range(len(PAGE)))]) == [0]
    # the heading on another page does not count
    assert page_title_rows(PAGE[:2] + PAGE[3:] + PAGE[2:3], [[0, 1, 2, 3], [4]]) == []


def test_a_short_headline_or_a_duplicated_line_is_no_title():
    rows = ["News | Weather", "News", "Weather", "Sign in | Sign in", "Sign in"]
    assert page_title_rows(rows, [list(range(len(rows)))]) == []
    cjk = ["台風で港が浸水 | 海岸新聞", "台風で港が浸水", "港 | 新聞", "港"]
    assert page_title_rows(cjk, [list(range(len(cjk)))]) == [0]


def test_featurizer_adds_the_span_only_with_page_context():
    f = ParagraphFeaturizer().fit(_page(PAGE))
    _, spans, _ = f.transform_with_spans(_page(PAGE))
    marked = [i for i, row in enumerate(spans) if any(s.rule == "page_title" for s in row)]
    assert marked == [0] and all(s.label == "boilerplate" for s in spans[0] if s.rule == "page_title")
    _, spans, _ = f.transform_with_spans(pd.DataFrame({"text": PAGE, "lang": ["en"] * len(PAGE)}))
    assert not any(s.rule == "page_title" for row in spans for s in row)


def test_packaged_model_flags_the_title_line_and_keeps_the_article():
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(PAGE)) for i, t in enumerate(PAGE)]
    labels = [set(s.labels) for s in Scorer.load().score_paragraphs(paragraphs, ["en"] * len(PAGE))]
    assert "boilerplate" in labels[0]
    assert not labels[3] and not labels[4]


def test_the_heading_the_title_repeats_is_left_out_of_a_teaser_list():
    """Four headline-like lines before the article's prose make a teaser list; the
    article's own heading among them still counts in the run, but is no teaser once
    the <title> names it."""
    teasers = ["Rail strike called off after late-night talks", "New bridge opens to cyclists next month",
               "City council approves the winter budget"]
    prose = [PAGE[3], PAGE[4]] * 2
    texts = teasers + [PAGE[2]] + prose
    f = ParagraphFeaturizer().fit(_page(texts))
    _, spans, _ = f.transform_with_spans(_page(texts))
    listed = [i for i, row in enumerate(spans) if any(s.rule == "teaser_list" for s in row)]
    assert listed == [0, 1, 2, 3]  # without the <title>, the heading reads as one more teaser
    texts = [PAGE[0]] + texts
    _, spans, _ = f.transform_with_spans(_page(texts))
    listed = [i for i, row in enumerate(spans) if any(s.rule == "teaser_list" for s in row)]
    assert listed == [0, 1, 2, 3] and not any(s.rule == "teaser_list" for s in spans[4])
    assert "page_title" in {s.rule for s in spans[0]}


def test_the_heading_gets_a_marker_that_rules_boilerplate_out_and_is_never_shown():
    import numpy as np

    from features.spans import Span
    from qa.labels import LABELS
    from qa.model.decisions import Fired, _with_support, span_keys

    f = ParagraphFeaturizer().fit(_page(PAGE))
    _, spans, _ = f.transform_with_spans(_page(PAGE))
    assert [i for i, row in enumerate(spans) if any(s.rule == "article_title" for s in row)] == [2]
    # a marker is no evidence of its label: no label key, no rule to tune
    marker = (Span(0, 5, "boilerplate", "article_title"),)
    assert span_keys(marker) == frozenset({"boilerplate/article_title"})
    fired = Fired.from_spans([marker, ()])
    assert fired.rules() == []
    # the tuning's decisions rule boilerplate out on the marked row, as the scorer does
    P = np.full((2, len(LABELS)), 0.9)
    t = dict.fromkeys(LABELS, 0.5)
    pred = _with_support(P, fired, t, {})
    b = LABELS.index("boilerplate")
    assert pred[:, b].tolist() == [False, True]
    assert (np.delete(pred[0], b) == np.delete(pred[1], b)).all()  # other labels untouched
    sc = Scorer.load()
    assert "boilerplate" not in sc.decide(np.full(len(LABELS), 0.99), 0.0, marker)


def test_packaged_model_keeps_the_heading_and_shows_no_marker():
    teasers = ["Rail strike called off after late-night talks", "New bridge opens to cyclists next month",
               "City council approves the winter budget"]
    texts = [PAGE[0]] + teasers + [PAGE[2], PAGE[2], PAGE[3], PAGE[4]]
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(texts)) for i, t in enumerate(texts)]
    scores = Scorer.load().score_paragraphs(paragraphs, ["en"] * len(texts))
    assert "boilerplate" in scores[0].labels
    assert "boilerplate" not in scores[4].labels and "boilerplate" not in scores[5].labels
    assert not any(s.rule == "article_title" for score in scores for s in score.evidence)


def test_a_title_without_the_site_name_and_its_heading_are_the_article_title():
    """A ``<title>`` that is the headline alone comes first in the page's text and
    holds, whole, another paragraph of the page: both are the article's title."""
    from qa.model.page_titles import page_titles

    texts = ["Storm floods the old harbour of Porto Vell", "Home | World | Weather"] + PAGE[2:]
    assert page_titles(texts, [list(range(len(texts)))]) == ([], [0, 2])
    f = ParagraphFeaturizer().fit(_page(texts))
    _, spans, _ = f.transform_with_spans(_page(texts))
    assert [i for i, row in enumerate(spans) if any(s.rule == "article_title" for s in row)] == [0, 2]
    # a teaser repeated further down the page, or a short line repeated, is no title
    teasers = ["Home", "Rail strike called off after late-night talks", PAGE[3],
               "Rail strike called off after late-night talks"]
    assert page_titles(teasers, [list(range(4))]) == ([], [])
    assert page_titles(["World news", "Body text.", "World news"], [[0, 1, 2]]) == ([], [])


def test_a_wrapped_title_counts_around_a_headline_only():
    """A ``<title>`` element wrapped in the page source keeps its line break in
    ``get_text`` output; it is a title line when what it wraps reads like a headline,
    not when a menu entry and a link sit on lines of their own."""
    from qa.model.page_titles import page_titles

    texts = ["Storm floods the old harbour of Porto Vell\n            - The Coast Herald"] + PAGE[1:]
    assert page_titles(texts, [list(range(len(texts)))]) == ([0], [2])
    menu = ["Today's Paper\n|\nSubscribe", "Home", "Today's Paper", PAGE[3]]
    assert page_titles(menu, [list(range(len(menu)))]) == ([], [])
    # on one line the same menu keeps its old reading (a bar-separated <title>)
    assert page_titles(["Today's Paper | Subscribe"] + menu[1:], [list(range(4))]) == ([0], [2])
