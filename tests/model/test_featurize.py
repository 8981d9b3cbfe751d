"""The featurizer follows scikit-learn's transformer contract and builds context."""

import numpy as np
import pandas as pd
from sklearn.base import clone

import features
from qa.model.featurize import CONTEXT_NAMES, ParagraphFeaturizer


def frame():
    return pd.DataFrame(
        {
            "text": ["Menu | Home | News", "A real sentence here.", "Another one .", "Footer (c) 2026", "Menu | Home | News"],
            "lang": ["en"] * 5,
            "doc_id": ["a", "a", "a", "a", "b"],
            "paragraph": [0, 1, 2, 3, 0],
            "n_paragraphs": [4, 4, 4, 4, 1],
        }
    )


def test_init_only_stores_parameters_and_clone_works():
    f = ParagraphFeaturizer(neighbour_features=("x",), use_context=False)
    assert f.get_params() == {"neighbour_features": ("x",), "use_context": False}
    assert clone(f).get_params() == f.get_params()
    assert not hasattr(f, "feature_names_out_")


def test_fit_returns_self_and_names_match_columns():
    f = ParagraphFeaturizer()
    assert f.fit(frame()) is f
    X = f.transform(frame())
    names = f.get_feature_names_out()
    assert X.shape == (5, len(names))
    assert list(names[: len(features.FEATURE_NAMES)]) == list(features.FEATURE_NAMES)
    assert np.isfinite(X).all()


def test_context_position_and_repetition():
    f = ParagraphFeaturizer().fit(frame())
    X = f.transform(frame())
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    assert X[0, col["ctx_is_first"]] == 1 and X[3, col["ctx_is_last"]] == 1
    assert X[1, col["ctx_rel_position"]] == np.float32(1 / 3)
    assert X[1, col["ctx_has_prev"]] == 1 and X[0, col["ctx_has_prev"]] == 0
    # "Menu | Home | News" occurs twice in the frame
    assert X[0, col["ctx_log_repeat"]] > 0 and X[1, col["ctx_log_repeat"]] == 0
    # a one-paragraph document has no known position
    assert X[4, col["ctx_known"]] == 0 and X[4, col["ctx_rel_position"]] == -1


def test_without_context_columns_and_plain_lists():
    f = ParagraphFeaturizer().fit(["x"])
    X = f.transform(["Hello , world .", "Fine."])
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    assert X.shape[0] == 2 and (X[:, col["ctx_known"]] == 0).all()
    assert set(CONTEXT_NAMES) <= set(col)


def test_use_context_false_blanks_document_context():
    f = ParagraphFeaturizer(use_context=False).fit(frame())
    X = f.transform(frame())
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    assert (X[:, col["ctx_known"]] == 0).all()


PROSE = (
    "The council approved the new budget on Tuesday after a long debate, and the mayor said "
    "the money would go to schools, roads and the public library over the next three years."
)


def sampled_page():
    """Four rows sampled from one page: two article paragraphs near the top and
    two short lines, one between them and one far down in the footer."""
    return pd.DataFrame(
        {
            "text": [PROSE, "Related stories", PROSE.replace("Tuesday", "Monday"), "Contact us"],
            "lang": ["en"] * 4,
            "doc_id": ["p"] * 4,
            "paragraph": [0, 1, 2, 3],
            "n_paragraphs": [4] * 4,
            "pos": [40, 42, 45, 900],
        }
    )


def test_content_block_and_page_distance_features():
    f = ParagraphFeaturizer().fit(sampled_page())
    X = f.transform(sampled_page())
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    inside, after, gap = col["ctx_inside_prose"], col["ctx_prose_after"], col["ctx_prose_gap"]
    # the short line between the two article paragraphs sits inside the block
    assert X[1, inside] == 1 and X[3, inside] == 0 and X[3, after] == 0
    # the footer line is 855 positions from the nearest prose, the other line 2
    assert X[3, gap] == np.float32(np.log1p(855)) and X[1, gap] == np.float32(np.log1p(2))
    # a prose paragraph measures the distance to the *other* prose paragraph
    assert X[0, gap] == np.float32(np.log1p(5))
    assert X[0, col["ctx_pos_extent_log"]] == np.float32(np.log1p(860))


def test_page_distance_defaults_to_the_paragraph_index():
    page = sampled_page().drop(columns=["pos"])
    f = ParagraphFeaturizer().fit(page)
    X = f.transform(page)
    col = {n: i for i, n in enumerate(f.get_feature_names_out())}
    assert X[3, col["ctx_prose_gap"]] == np.float32(np.log1p(1))
    # no prose on the page: the distance is unknown (-1)
    X = f.transform(frame())
    assert (X[:4, col["ctx_prose_gap"]] == -1).all()


def test_training_counts_repetition_inside_each_source_only():
    """The same article paragraph in two scrapers' outputs is not a repeated line;
    a menu repeated within one scraper's output is."""
    from qa.model.dataset import context_frame
    from qa.model.train import featurize_frame

    rows = pd.DataFrame(
        {
            "id": ["1", "2", "3", "4"],
            "text": ["The council met on Monday.", "The council met on Monday.", "Home | News", "Home | News"],
            "lang": ["en"] * 4,
            "doc_id": ["p1", "p2", "p1", "p3"],
            "pos": [1, 1, 0, 0],
            "source": ["extractor:a", "extractor:b", "extractor:a", "extractor:a"],
        }
    )
    f = ParagraphFeaturizer().fit(rows)
    X = featurize_frame(f, context_frame(rows))
    col = list(f.get_feature_names_out()).index("ctx_log_repeat")
    assert X[0, col] == 0 and X[1, col] == 0
    assert X[2, col] > 0 and X[3, col] > 0


def test_corpus_repetition_is_capped():
    """A line seen 1,000 times reads as one seen ``REPEAT_CAP`` times."""
    from qa.model.featurize import REPEAT_CAP

    f = ParagraphFeaturizer().fit(frame())
    X = f.transform(pd.DataFrame({"text": ["Home"] * 3, "repeat": [REPEAT_CAP, 1000, 2]}))
    col = list(f.get_feature_names_out()).index("ctx_log_repeat")
    assert X[0, col] == X[1, col] > X[2, col] > 0


def teaser_page():
    prose = ("The council approved the new budget after a long debate that lasted well into the night, "
             "officials said on Tuesday morning.")
    return pd.DataFrame(
        {
            "text": [
                "Council approves budget after long debate",  # the article's own headline, before the prose
                prose,
                "Most Popular",
                "Google removes 17 features from Google Assistant",
                "Discord is laying off 17 percent of employees",
                "Comments are closed.",
            ],
            "lang": ["en"] * 6,
            "doc_id": ["p"] * 6,
            "paragraph": list(range(6)),
        }
    )


def test_headline_like_lines_after_the_article_get_a_page_span():
    after = ("after_article", "after_headline")
    f = ParagraphFeaturizer().fit(teaser_page())
    _, spans, _ = f.transform_with_spans(teaser_page())
    page_rules = [[s.rule for s in row if s.rule in after] for row in spans]
    # the teasers after the last prose paragraph, two headlines in a row; not the
    # headline before it, not a one-word line, not a sentence
    assert page_rules == [[], [], [], ["after_headline"], ["after_headline"], []]
    span = next(s for s in spans[3] if s.rule == "after_headline")
    assert (span.start, span.end, span.label) == (0, len(teaser_page().text[3]), "boilerplate")
    # alone, or next to a question or to two sentences, a line after the article is only
    # after_article (an informal post may end on "Talk to you later GT"; an article on a question)
    for texts, want in (
            (["Google removes 17 features from Google Assistant", "Comments are closed."], [["after_article"], []]),
            (["Google removes 17 features from Google Assistant", "What comes after the assistant?"],
             [["after_article"], ["after_article"]]),
            (["Google removes 17 features. More will follow", "Discord is laying off 17 percent of employees"],
             [["after_article"], ["after_article"]])):
        rows = teaser_page()
        rows.loc[3:4, "text"] = texts
        _, spans, _ = f.transform_with_spans(rows)
        assert [[s.rule for s in row if s.rule in after] for row in spans[3:5]] == want, texts


def test_page_span_needs_page_context():
    rows = teaser_page()
    for f in (ParagraphFeaturizer(use_context=False).fit(rows), ParagraphFeaturizer().fit(rows)):
        plain = rows.drop(columns=["doc_id", "paragraph"]) if f.use_context else rows
        _, spans, _ = f.transform_with_spans(plain)
        assert not any(s.rule == "after_article" for row in spans for s in row)


def test_a_list_of_headlines_before_the_article_is_a_teaser_list():
    prose = teaser_page().text[1]
    menu = ["World news from our reporters", "Politics and the election today", "Business news and markets",
            "Science and the environment"]
    rows = pd.DataFrame({"text": menu + ["Council approves budget after long debate", prose],
                         "lang": ["en"] * 6, "doc_id": ["p"] * 6, "paragraph": list(range(6))})
    f = ParagraphFeaturizer().fit(rows)
    _, spans, _ = f.transform_with_spans(rows)
    rules = [[s.rule for s in row if s.label == "boilerplate"] for row in spans]
    # five headline-like lines in a row before the prose: the menu and the article's own
    # title are one list; a page showing fewer in a row gets no span
    assert rules[:5] == [["teaser_list"]] * 5 and rules[5] == []
    _, spans, _ = f.transform_with_spans(rows.iloc[2:].reset_index(drop=True).assign(paragraph=range(4)))
    assert not any(s.rule == "teaser_list" for row in spans for s in row)
    # lines that are not adjacent on the page (a sample of its rows) make no list
    _, spans, _ = f.transform_with_spans(rows.assign(pos=[0, 3, 6, 9, 12, 15]))
    assert not any(s.rule == "teaser_list" for row in spans for s in row)


def test_a_spacing_pattern_repeated_across_the_page_is_corroborated():
    joined = ["He met the mayor , who had left .", "Prices rose in May , then fell .", "The bill passed the house , again ."]
    clean = [f"Clean paragraph number {i} with nothing wrong in it." for i in range(7)]

    def page(texts):
        return pd.DataFrame({"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts),
                             "paragraph": list(range(len(texts)))})

    f = ParagraphFeaturizer().fit(page(joined + clean))
    _, spans, _ = f.transform_with_spans(page(joined + clean))
    pattern = [[(s.start, s.end) for s in row if s.rule == "page_pattern"] for row in spans]
    # three of ten paragraphs show ' ,': each gets the span on its first such space
    assert pattern[:3] == [[(len("He met the mayor"), len("He met the mayor ,"))], [(len("Prices rose in May"), len("Prices rose in May ,"))],
                           [(len("The bill passed the house"), len("The bill passed the house ,"))]]
    assert pattern[3:] == [[]] * 7
    # two paragraphs are not a pattern; three in forty are too rare (a writer's habit)
    for texts in (joined[:2] + clean, joined + clean * 6):
        _, spans, _ = f.transform_with_spans(page(texts))
        assert not any(s.rule == "page_pattern" for row in spans for s in row)
    # without page context, nothing
    _, spans, _ = f.transform_with_spans(page(joined + clean).drop(columns=["doc_id", "paragraph"]))
    assert not any(s.rule == "page_pattern" for row in spans for s in row)


def test_sentences_broken_across_a_page_are_corroborated_truncations():
    wrapped = ["The console is similar to the Xbox One S, except it has an", "entirely matte black case and",
               "a faster GPU. It ships in", "November for most buyers and", "costs less than the old model."]
    clean = ["A whole sentence that ends properly.", "Another one, also complete."]

    def page(texts, pos=None):
        rows = {"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts), "paragraph": list(range(len(texts)))}
        return pd.DataFrame(rows if pos is None else dict(rows, pos=pos))

    f = ParagraphFeaturizer().fit(page(wrapped + clean))
    _, spans, _ = f.transform_with_spans(page(wrapped + clean))
    cut = [[((wrapped + clean)[i][s.start:s.end], s.rule) for s in row if s.rule in ("wrapped_page", "split_sentence")]
           for i, row in enumerate(spans)]
    # 'in' before 'November' is no cut: a capital may start the next sentence; a cut that
    # is evident by itself (a function word before it) stays split_sentence, decisive, on
    # a wrapped page too; 'entirely matte black case and' starts lowercase (informal
    # writing ends on anything), so its own end is only the page's pattern
    assert cut == [[("an", "split_sentence")], [("entirely", "split_sentence"), ("and", "wrapped_page")],
                   [("a", "wrapped_page")], [("and", "split_sentence")], [("costs", "split_sentence")], [], []]
    # one break on a page is no pattern; neither are rows that are not adjacent on the page
    for frame in (page(wrapped[:2] + clean * 3), page(wrapped + clean, pos=[0, 2, 4, 6, 8, 10, 12])):
        _, spans, _ = f.transform_with_spans(frame)
        assert not any(s.rule == "wrapped_page" for row in spans for s in row)


def test_wrapped_page_span_of_a_huge_unbroken_token():
    """The cut edge is found without a regex that backtracks over the token (an
    anchored ``\\S+\\s*$`` took 7 s on 20,000 characters)."""
    from qa.model.featurize import _Page, _with_wrapped_page

    token = "x" * 300_000 + " y"
    texts = [token, "and more"] * 3
    frame = pd.DataFrame({"doc_id": ["p"] * 6, "paragraph": range(6)})
    out = _with_wrapped_page(_Page.of(frame), texts, np.ones(6, bool), np.zeros(6, bool), [()] * 6)
    assert [(s.start, s.end) for s in out[0]] == [(300_001, 300_002)]
    assert [(s.start, s.end) for s in out[1]] == [(0, 3), (4, 8)]


def test_a_run_of_headlines_between_prose_paragraphs_is_a_teaser_run():
    prose = teaser_page().text[1]
    links = ["Google removes 17 features from Google Assistant", "Discord is laying off 17 percent of employees",
             "Rabbit sells out its pocket AI companion today", "Why was a Viking woman buried with a ring",
             "Council approves budget after long debate"]

    def page(texts):
        return pd.DataFrame({"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts),
                             "paragraph": list(range(len(texts)))})

    f = ParagraphFeaturizer().fit(page([prose] + links + [prose]))
    _, spans, _ = f.transform_with_spans(page([prose] + links + [prose]))
    rules = [[s.rule for s in row if s.label == "boilerplate"] for row in spans]
    assert rules == [[]] + [["teaser_run"]] * 5 + [[]]
    # four in a row between prose paragraphs are not enough (a list, subheadings)
    _, spans, _ = f.transform_with_spans(page([prose] + links[:4] + [prose]))
    assert not any(s.rule == "teaser_run" for row in spans for s in row)


def _one_page(texts):
    """``texts`` as the paragraphs of one English page, in order."""
    n = len(texts)
    return pd.DataFrame({"text": texts, "lang": ["en"] * n, "doc_id": ["p"] * n,
                         "paragraph": list(range(n)), "n_paragraphs": [n] * n})


def _neighbours_read_past(paras, scraped, pairs):
    """Fit on the page ``paras`` and check that row ``j`` of the page ``scraped`` has
    the neighbour features of row ``i`` of ``paras`` for each ``(i, j)`` in ``pairs``;
    return the featurizer, its feature names and ``scraped``'s features."""
    f = ParagraphFeaturizer().fit(_one_page(paras))
    names = list(f.get_feature_names_out())
    nb = [j for j, name in enumerate(names) if name.startswith(("ctx_prev_", "ctx_next_"))]
    plain, X = f.transform(_one_page(paras)), f.transform(_one_page(scraped))
    for i, j in pairs:
        np.testing.assert_allclose(X[j, nb], plain[i, nb])
    return f, names, X


def test_neighbour_features_read_past_ad_labels():
    """A naive scrape that keeps an "Advertisement" label between every two paragraphs:
    each paragraph's neighbours are the paragraphs around it, as on the same page
    without the labels; the label itself keeps its own neighbours."""
    paras = ["The expedition reached the valley after three days of rain and mud.",
             "Short heading",
             "The river had risen, so the team waited on the bank until the morning came."]
    with_ads = [paras[0], "Advertisement", paras[1], "ADVERTISEMENT", paras[2]]

    _, names, ads = _neighbours_read_past(paras, with_ads, ((0, 0), (1, 2), (2, 4)))
    prev_chars = names.index("ctx_prev_textstats_chars_log")
    assert ads[1, prev_chars] == ads[0, names.index("textstats_chars_log")]  # the label sees its own neighbour


def test_neighbour_features_read_past_picture_credits():
    """An illustrated story scraped whole keeps each picture's credit line between
    paragraphs: neighbours read past it, as past an ad label; a sentence that opens
    with "Source:" is no credit line."""
    paras = ["The expedition reached the valley after three days of rain and mud.",
             "The river had risen, so the team waited on the bank until the morning came.",
             "By noon the water had fallen and the crossing began."]
    credits = [paras[0], "(Artist: Lightningarts)", paras[1], "Photo by Ana Ruiz", "Foto: dpa", paras[2]]

    f, names, _ = _neighbours_read_past(paras, credits, ((0, 0), (1, 2), (2, 5)))
    sentence = [paras[0], "Source: the 2021 census, table 4.", paras[1]]
    X = f.transform(_one_page(sentence))
    prev_chars = names.index("ctx_prev_textstats_chars_log")
    assert X[2, prev_chars] == X[1, names.index("textstats_chars_log")]


def test_one_evident_break_is_a_split_sentence():
    """get_text("\\n") breaks a paragraph where a link sat: when the first piece ends on
    a function word, or as prose (a sentence end inside, a lowercase last word), and
    the next starts lowercase, both pieces are cut, on any page."""
    texts = ["Related stories", "Uber and its supporters don't seem to understand that",
             "regulations exist for a reason.", "The report was long. Most readers stopped at the summary",
             "table of the third chapter.", "Results and discussion", "was the headline of the piece.",
             "ok so we went there. then we sat in the", "rain for an hour.",
             "I will be in Fiji for four nights. I want fun activities, rainforest is a must",
             "you need to bring me next time"]
    pages = ["p"] * 5 + ["q"] * 4 + ["r"] * 2  # (a page of five or more such breaks is a wrapped page)
    frame = pd.DataFrame({"text": texts, "lang": ["en"] * len(texts), "doc_id": pages,
                          "paragraph": list(range(5)) + list(range(4)) + list(range(2))})
    f = ParagraphFeaturizer().fit(frame)
    _, spans, _ = f.transform_with_spans(frame)
    cut = [[texts[i][s.start:s.end] for s in row if s.rule == "split_sentence"] for i, row in enumerate(spans)]
    # a heading before a lowercase line, informal writing without stops, and a post that
    # ends without a stop before a reply that does not end a sentence, are no evidence
    assert cut == [[], ["that"], ["regulations"], ["summary"], ["table"], [], [], [], [], [], []]
    # without page context, nothing
    _, spans, _ = f.transform_with_spans(frame.drop(columns=["doc_id", "paragraph"]))
    assert not any(s.rule == "split_sentence" for row in spans for s in row)
