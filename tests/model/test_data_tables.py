"""A data table split one cell per paragraph is the article's content, page by page."""

import numpy as np
import pandas as pd

from qa.labels import LABELS
from qa.model.data_tables import MIN_ROWS, cell_kind, table_cell_rows
from qa.model.decisions import Fired, _with_support, span_keys
from qa.model.featurize import ParagraphFeaturizer
from qa.model.scorer import Scorer
from qa.records import Paragraph

#: Tables as an extractor that breaks lines between cells leaves them (written for this test).
CITIES_DE = ["Stadt", "Land", "Einwohner",
             "Hamburg", "Hamburg", "1.892.000", "Köln", "Nordrhein-Westfalen", "1.084.000",
             "Leipzig", "Sachsen", "616.000", "Dresden", "Sachsen", "563.000",
             "Hannover", "Niedersachsen", "545.000", "Bremen", "Bremen", "577.000"]
RESULTS_EN = ["Model", "Accuracy", "Latency", "Size",
              "Tiny", "71.2%", "4 ms", "14 MB", "Small", "78.9%", "7 ms", "48 MB",
              "Base", "83.4%", "12 ms", "160 MB", "Large", "86.0%", "31 ms", "520 MB",
              "Huge", "87.1%", "—", "1.6 GB", "Distilled", "82.5%", "6 ms", "70 MB"]
PRICES_JA = ["品目", "価格", "前年比",
             "米", "4,200円", "+12%", "卵", "310円", "+25%", "牛乳", "260円", "+8%",
             "パン", "180円", "+5%", "砂糖", "240円", "+3%", "塩", "120円", "0%"]
PROSE = ("The table below lists the results of every model we trained, measured on the same held-out "
         "set with the same hardware, so that the figures can be compared with each other directly.")


def _marked(texts):
    return [texts[i] for i in table_cell_rows(texts, [list(range(len(texts)))])]


def test_cell_kinds_in_several_scripts():
    numbers = ["16.6%", "418,500", "1.892.000", "$915", "71.1 MB", "5 км", "4,200円", "-0.5", "१२३", "12万"]
    assert [cell_kind(t) for t in numbers] == ["number"] * len(numbers)
    assert [cell_kind(t) for t in ["Herbert Dürr", "Nordrhein-Westfalen", "牛乳"]] == ["word"] * 3
    assert [cell_kind(t) for t in ["—", "N/A", "✓"]] == ["empty"] * 3
    assert cell_kind("03:43") == "time"
    assert cell_kind(PROSE) is None and cell_kind("a\n\nb") is None


def test_tables_are_marked_with_their_header_and_without_the_prose_around():
    for table in (CITIES_DE, RESULTS_EN, PRICES_JA):
        texts = [PROSE, "Results of the spring survey"] + table + [PROSE]
        marked = _marked(texts)
        assert marked == table, (table[0], marked)
    # cells before the header that are no header (a number among them) stay out
    texts = [PROSE, "Table 2", "2024"] + RESULTS_EN + [PROSE]
    assert _marked(texts) == RESULTS_EN


def test_a_table_one_row_per_paragraph_is_marked():
    rows = ["\n".join(RESULTS_EN[i:i + 4]) for i in range(0, len(RESULTS_EN), 4)]
    texts = [PROSE] + rows + [PROSE]
    assert _marked(texts) == rows
    # cells between bars, with a Markdown rule row under the header
    piped = [" | ".join(RESULTS_EN[i:i + 4]) for i in range(0, len(RESULTS_EN), 4)]
    texts = [PROSE, piped[0], "---|---|---|---"] + piped[1:] + [PROSE]
    assert _marked(texts) == texts[1:-1]
    # a specification table between bars: numbers in most rows, none in a column alone,
    # and notes longer than a cell
    spec = ["Specification | Value | Note", "Power | 45 W | at the highest of its five fan speeds",
            "Clean air delivery | 320 m³/h | measured to the AHAM standard", "Noise | 22–52 dB | from sleep mode to the top speed",
            "Filter | HEPA H13 | replace it every six to eight months", "Size | 25 × 25 × 52 cm | width × depth × height",
            "Weight | 4.2 kg | with the filter in place"]
    assert _marked([PROSE] + spec + [PROSE]) == spec
    # footer links between bars have no numbers; code's bars have no spaces
    footer = ["About us | Contact | Careers", "Privacy | Terms of use | Cookies", "Help | Accessibility | Sitemap",
              "Newsletters | Podcasts | Events", "Advertise | Licensing | Store"]
    assert _marked(footer) == []
    assert _marked([f"[if !IE]>|xGv00|{n:032x}<![endif]" for n in range(6)]) == []
    # rows of different widths, or of sentences, are no table
    ragged = [r if i % 2 else r + "\nextra" for i, r in enumerate(rows)]
    assert _marked(ragged) == []
    assert _marked(["First line.\nSecond line of a poem.\nThird line, last."] * 6) == []


def test_menus_lists_and_widgets_are_not_tables():
    menu = ["Home", "World", "Business", "Tech", "Science", "Health", "Sport", "Travel", "Video"] * 3
    numbered = [x for i in range(1, 11) for x in (f"{i}.", f"Most read story number {i}", "Opinion")]
    key_values = [x for k, v in [("Comments:", "1664"), ("Kudos:", "7142"), ("Bookmarks:", "1648"),
                                 ("Hits:", "152759"), ("Words:", "5230"), ("Chapters:", "12")] for x in (k, v)]
    zoom = [f"{z}%" for z in (50, 75, 90, 100, 110, 125, 150, 175, 200, 300, 400)] * 2
    widget = ["Scores", "Critic", "8.3", "Users", "9.1", "Get more info"] * 6
    videos = [x for i in range(8) for x in (f"Watch: clip {i}", f"0{i}:4{i}", "Video")]
    short = CITIES_DE[:3 * MIN_ROWS]  # the header and four rows: too few to tell
    for texts in (menu, numbered, key_values, zoom, widget, videos, short):
        assert _marked(texts) == [], texts[:4]


def test_a_release_history_of_two_columns_is_a_table():
    # written for this test: versions and their dates, one cell per paragraph
    releases = ["Version", "Released",
                "2.1.0", "March 2019", "2.1.1", "April 2019", "2.2", "June 2019", "2.2.1", "June 2019",
                "2.3.0", "2019-09-02", "3.0.0/2.3.1", "January 2020"]
    assert _marked(["Our project has moved fast since its first stable version, as the list shows:"]
                   + releases + [PROSE]) == releases
    # two columns with no versions (widgets), or versions without dates (ratings), are not
    ratings = [x for r, w in [("4.2", "Great"), ("3.9", "Poor"), ("4.8", "Superb"), ("4.1", "Good"),
                              ("3.5", "Fair"), ("4.6", "Lovely")] for x in (r, w)]
    same = [x for _ in range(6) for x in ("1.0", "May 2020")]  # one version repeated: a widget
    for texts in (ratings, same, releases[:2 + 2 * (MIN_ROWS - 1)]):
        assert _marked(texts) == [], texts[:4]


def _page(texts, pos=None):
    rows = {"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts),
            "paragraph": list(range(len(texts)))}
    return pd.DataFrame(rows if pos is None else dict(rows, pos=pos))


def test_featurizer_adds_the_marker_only_with_adjacent_rows_on_a_page():
    texts = [PROSE] + RESULTS_EN + [PROSE]
    f = ParagraphFeaturizer().fit(_page(texts))
    _, spans, _ = f.transform_with_spans(_page(texts))
    marked = [i for i, row in enumerate(spans) if any(s.rule == "table_cell" for s in row)]
    assert len(marked) >= len(RESULTS_EN) - 4 and 0 not in marked
    _, spans, _ = f.transform_with_spans(_page(texts, pos=[3 * i for i in range(len(texts))]))
    assert not any(s.rule == "table_cell" for row in spans for s in row)
    alone = pd.DataFrame({"text": RESULTS_EN, "lang": ["en"] * len(RESULTS_EN)})
    _, spans, _ = f.transform_with_spans(alone)
    assert not any(s.rule == "table_cell" for row in spans for s in row)


def test_the_marker_rules_boilerplate_out_and_is_no_evidence():
    from features.spans import Span

    marker = (Span(0, 4, "boilerplate", "table_cell"),)
    assert span_keys(marker) == frozenset({"boilerplate/table_cell"})
    fired = Fired.from_spans([marker, ()])
    assert fired.rules() == []
    pred = _with_support(np.full((2, len(LABELS)), 0.9), fired, dict.fromkeys(LABELS, 0.5), {})
    b = LABELS.index("boilerplate")
    assert pred[:, b].tolist() == [False, True]
    assert "boilerplate" not in Scorer.load().decide(np.full(len(LABELS), 0.99), 0.0, marker)


def test_the_any_defect_score_alone_flags_no_cell_that_reads_most_like_furniture():
    """A table cell that the label models read as furniture, with a high any-defect
    score: the marker rules boilerplate out, and the score alone gives no other label
    (a cell ``Collabora\\nMultimedia`` was labelled leaked code that way)."""
    from features.spans import Span

    sc = Scorer.load()
    probs = np.array([sc.thresholds[label] * (3.0 if label == "boilerplate" else 0.5) for label in LABELS])
    marker = (Span(0, 4, "boilerplate", "table_cell"),)
    assert sc.decide(probs, 0.999, marker) == ()
    assert sc.decide(probs, 0.999, ()) == ("boilerplate",)
    # a label over its own threshold is still given
    probs[LABELS.index("leaked_code")] = sc.thresholds["leaked_code"] * 2
    assert sc.decide(probs, 0.999, marker) == ("leaked_code",)


def test_packaged_model_keeps_the_table_and_still_flags_the_menu():
    menu = ["Home", "World", "Business", "Tech", "Science", "Health", "Sport", "Travel", "Video"]
    texts = menu + [PROSE, PROSE.replace("below", "above")] + RESULTS_EN + [PROSE.replace("every", "each")]
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(texts)) for i, t in enumerate(texts)]
    scores = Scorer.load().score_paragraphs(paragraphs, ["en"] * len(texts))
    table = range(len(menu) + 2 + 4, len(menu) + 2 + len(RESULTS_EN))  # the data rows
    assert not any("boilerplate" in scores[i].labels for i in table)
    assert not any(s.rule == "table_cell" for score in scores for s in score.evidence)
    assert sum("boilerplate" in scores[i].labels for i in range(len(menu))) >= len(menu) - 2


def test_a_table_cell_is_reported_with_the_score_of_what_it_may_still_be():
    """Reports sort and filter by score: a cell that the boilerplate model reads as
    furniture reports boilerplate 0 and a score no higher than its likeliest label left,
    while the same words alone keep their menu-like score."""
    texts = [PROSE, PROSE.replace("below", "above")] + RESULTS_EN + [PROSE.replace("every", "each")]
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(texts)) for i, t in enumerate(texts)]
    sc = Scorer.load()
    scores = sc.score_paragraphs(paragraphs, ["en"] * len(texts))
    cells = [scores[i] for i in range(2, 2 + len(RESULTS_EN))]
    assert all(c.probs["boilerplate"] == 0.0 for c in cells)
    assert all(c.score <= max(c.probs.values()) + 1e-9 for c in cells)
    alone = sc.explain_text("Tiny", "en")
    assert alone.probs["boilerplate"] > 0.5 and alone.score > max(c.score for c in cells if c.paragraph.text == "Tiny")
    frame = sc.score_frame(pd.DataFrame({"text": ["Tiny"], "lang": ["en"]}))
    assert frame["p_boilerplate"].iloc[0] == alone.probs["boilerplate"]  # no page, no marker


def test_a_huge_table_is_marked_in_linear_time():
    """A page of tens of thousands of same-width rows (a data dump pasted as a table)
    costs ten times as much as a tenth of it, not a hundred times."""
    import time

    def rows(n):
        return [f"Name {i} | {i * 7919 % 100_003} | {i % 97}.5%" for i in range(n)]

    small, big = rows(5_000), rows(50_000)
    t0 = time.perf_counter()
    assert len(_marked(small)) == len(small)
    t1 = time.perf_counter()
    assert len(_marked(big)) == len(big)
    t2 = time.perf_counter()
    assert t2 - t1 < max(1.0, 30 * (t1 - t0))
