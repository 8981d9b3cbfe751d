"""An article's table of contents and the headings it lists are content, not a menu."""

import numpy as np
import pandas as pd

from qa.model.contents import contents_rows, entry_key
from qa.model.featurize import ParagraphFeaturizer
from qa.model.scorer import Scorer
from qa.records import Paragraph

SECTIONS = ["Measuring the river", "Reading the gauges", "What the floods teach us"]
BODY = {
    "Measuring the river": "The survey team walked the riverbank every morning for a month, noting the water "
                           "level at each of the twelve stakes they had driven into the mud in spring.",
    "Reading the gauges": "Each gauge was read twice, once by each member of the pair, and the two readings "
                          "were written side by side so that a slip of the eye would show at once.",
    "What the floods teach us": "The two floods of the season rose faster than any model had predicted, which "
                                "says more about the models than about the river itself, as we argue below.",
}
#: A long article as ``get_text("\n")`` gives it (written for this test): site menu,
#: title, table of contents, then each section's heading and prose.
PAGE = (["Home", "Science", "Subscribe", "Field notes from a season on the river", "Contents"] + SECTIONS
        + [x for s in SECTIONS for x in (s, BODY[s])])


def _prose(texts):
    return [len(t) >= 120 and t.rstrip().endswith(".") for t in texts]


def _frame(texts):
    return pd.DataFrame({"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts),
                         "paragraph": list(range(len(texts)))})


def test_entries_and_the_headings_they_list_are_marked():
    rows = contents_rows(PAGE, [list(range(len(PAGE)))], _prose(PAGE))
    assert [PAGE[r] for r in rows] == SECTIONS + SECTIONS
    assert rows == [5, 6, 7, 8, 10, 12]


def test_a_menu_repeated_in_the_footer_is_no_table_of_contents():
    menu = ["News", "Sport", "Culture", "Weather"]
    texts = menu + [BODY[s] for s in SECTIONS] + menu + ["Privacy policy"]
    assert contents_rows(texts, [list(range(len(texts)))], _prose(texts)) == []


def test_too_few_entries_or_entries_never_before_prose_are_not_enough():
    two = PAGE[:5] + SECTIONS[:2] + [x for s in SECTIONS[:2] for x in (s, BODY[s])]
    assert contents_rows(two, [list(range(len(two)))], _prose(two)) == []
    # the entries come back, but in a list of links, not as headings of prose
    listed = PAGE[:8] + ["Related"] + SECTIONS + [BODY[SECTIONS[0]]]
    assert contents_rows(listed, [list(range(len(listed)))], _prose(listed)) == []
    # rows that are not adjacent on their page (two runs) are not searched together
    n = len(PAGE)
    assert contents_rows(PAGE, [list(range(9)), list(range(9, n))], _prose(PAGE)) == []


def test_entry_keys_fold_list_and_heading_marks():
    assert entry_key("* [Reading the gauges]") == entry_key("## Reading the gauges") == "reading the gauges"
    assert entry_key("The gauges were read twice.") == entry_key("Contents\nMore") == entry_key("Go") == ""
    assert entry_key(" ".join(["word"] * 11)) == ""


def test_featurizer_marks_only_with_page_context_and_the_marker_rules_boilerplate_out():
    f = ParagraphFeaturizer().fit(_frame(PAGE))
    _, spans, _ = f.transform_with_spans(_frame(PAGE))
    marked = [i for i, row in enumerate(spans) if any(s.rule == "contents" for s in row)]
    assert marked == [5, 6, 7, 8, 10, 12]
    _, spans, _ = f.transform_with_spans(pd.DataFrame({"text": PAGE, "lang": ["en"] * len(PAGE)}))
    assert not any(s.rule == "contents" for row in spans for s in row)
    from features.spans import Span
    from qa.labels import LABELS
    sc = Scorer.load()
    assert "boilerplate" not in sc.decide(np.full(len(LABELS), 0.99), 0.0, (Span(0, 5, "boilerplate", "contents"),))


def test_packaged_model_keeps_the_contents_and_shows_no_marker():
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(PAGE)) for i, t in enumerate(PAGE)]
    scores = Scorer.load().score_paragraphs(paragraphs, ["en"] * len(PAGE))
    assert all("boilerplate" not in scores[i].labels for i in (5, 6, 7, 8, 10, 12))
    assert not any(s.rule == "contents" for score in scores for s in score.evidence)
    assert "boilerplate" in scores[2].labels  # the menu's "Subscribe" still is furniture
