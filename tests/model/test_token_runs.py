"""A code block split one token per line is leaked code, page by page."""

import pandas as pd

from qa.model.featurize import ParagraphFeaturizer
from qa.model.scorer import Scorer
from qa.records import Paragraph
from qa.model.token_runs import TOKEN_RUN_MIN, is_code_token_row, is_token_row, token_run_rows

#: An SQL query as BeautifulSoup's get_text("\n") leaves a highlighted block: one
#: paragraph per source line, one token per line inside it (written for this test).
SQL_BLOCK = ["WITH totals AS", "(", "SELECT", "region_id\n,", "sum\n(\namount\n)\nAS\ntotal,",
             "avg\n(\namount\n)", "FROM\nsales\ns", "WHERE\ns\n.\nsold_on\n>\n'2024-01-01'", "GROUP BY\nregion_id",
             ")", "SELECT\n*", "FROM\ntotals\n;"]
PROSE = ("The query below sums the sales of each region and keeps the regions whose average sale is "
         "above the threshold we set in the previous section, which is what the dashboard shows.")


def _page(texts, pos=None):
    rows = {"text": texts, "lang": ["en"] * len(texts), "doc_id": ["p"] * len(texts),
            "paragraph": list(range(len(texts)))}
    return pd.DataFrame(rows if pos is None else dict(rows, pos=pos))


def test_token_and_code_rows():
    assert all(is_token_row(t) for t in SQL_BLOCK)
    assert not is_token_row(PROSE)
    assert sum(is_code_token_row(t) for t in SQL_BLOCK) >= 5
    for text in ("Home", "Sign in", "Next\n,", "3.5%", "Finding Past Anomalies", "e.g. this"):
        assert not is_code_token_row(text), text


def test_a_long_run_with_code_marks_is_marked_and_trimmed():
    texts = ["Summing sales by region"] + SQL_BLOCK + ["Next steps"]
    marked = token_run_rows(texts, [list(range(len(texts)))])
    # trimmed to the first and last code-like row: the headings around the block stay out
    assert marked and texts[marked[0]] == "(" and "Next steps" not in [texts[i] for i in marked]
    assert "Summing sales by region" not in [texts[i] for i in marked]


def test_short_runs_menus_and_tables_are_not_marked():
    assert token_run_rows(SQL_BLOCK[:TOKEN_RUN_MIN - 1], [list(range(TOKEN_RUN_MIN - 1))]) == []
    menu = ["Home", "World", "Business", "Tech", "Science", "Health", "Sport", "Travel", "Video", "Weather"]
    table = ["Name", "Share", "Ada Byron", "12.5%", "Alan Kay", "4.2%", "Grace Hopper", "31.0%", "Total", "100%"]
    # a formula split one symbol per line has code-like marks but no code name or call
    formula = ["1", "(", "ϕ", "5", "−", "ϕ", ")", "e", "2", "π", "=", "1", "+", "(", "k", ")"]
    for texts in (menu, table, formula):
        assert token_run_rows(texts, [list(range(len(texts)))]) == []


def test_a_literal_list_between_code_rows_is_inside_the_block():
    texts = ["Summing it up", "avg\n(\nn\n)", "FROM", "unnest\n(\narray\n[\n2\n,"] + ["3\n,", "5\n,", "8\n,"] * 2 + ["4\n])", "AS", "n\n;"]
    marked = [texts[i] for i in token_run_rows(texts, [list(range(len(texts)))])]
    assert marked[0] == "avg\n(\nn\n)" and marked[-1] == "n\n;" and marked.count("5\n,") == 2


def test_sql_keywords_comments_and_console_rows_belong_to_the_block():
    texts = (["Finding the outliers", "db=#", "SELECT", "status_code\n,", "(\nMAX\n(\nARRAY\n[\nEXTRACT\n(\n'epoch'",
              "FROM", "period\n),", "-- period > '2020-08-01 17:00 UTC'::timestamptz", "WHERE", "entries\n>\n0",
              "status_code │ entries │ zscore", "────────────┼─────────┼───────", "404 │ 23 │ 5.14", "500 │ 0 │ 0.14"]
             + ["The table shows two codes that stand out from the rest of the minute's traffic, and why."])
    marked = [texts[i] for i in token_run_rows(texts, [list(range(len(texts)))])]
    assert marked[0] == "db=#" and marked[-1] == "500 │ 0 │ 0.14", marked
    assert "Finding the outliers" not in marked and texts[-1] not in marked
    # an upper-case menu with the words English shares with SQL is no block
    menu = ["HOME", "NEWS", "AND", "MORE", "ORDER", "NOW", "AS", "SEEN", "ON", "TV", "SHOP", "DEALS"]
    assert token_run_rows(menu, [list(range(len(menu)))]) == []


def test_featurizer_adds_the_span_only_with_page_context_and_adjacent_rows():
    texts = [PROSE] + SQL_BLOCK + [PROSE]
    f = ParagraphFeaturizer().fit(_page(texts))
    _, spans, _ = f.transform_with_spans(_page(texts))
    marked = [i for i, row in enumerate(spans) if any(s.rule == "token_run" for s in row)]
    assert marked and 0 not in marked and len(texts) - 1 not in marked
    assert all(s.label == "leaked_code" for row in spans for s in row if s.rule == "token_run")
    # rows far apart on the page are no run
    _, spans, _ = f.transform_with_spans(_page(texts, pos=[3 * i for i in range(len(texts))]))
    assert not any(s.rule == "token_run" for row in spans for s in row)
    # a paragraph alone has no page: no span
    _, spans, _ = f.transform_with_spans(pd.DataFrame({"text": SQL_BLOCK, "lang": ["en"] * len(SQL_BLOCK)}))
    assert not any(s.rule == "token_run" for row in spans for s in row)


def test_packaged_model_flags_the_block_as_code_not_spacing():
    """``leaked_code/token_run`` is decisive in the packaged model, and as code evidence
    over the whole paragraph it explains away the spacing evidence (``region_id\\n,``)."""
    texts = [PROSE] + SQL_BLOCK + [PROSE]
    paragraphs = [Paragraph("page", i, t, 0, len(t), len(texts)) for i, t in enumerate(texts)]
    labels = [set(s.labels) for s in Scorer.load().score_paragraphs(paragraphs, ["en"] * len(texts))]
    block = labels[1:-1]
    assert sum("leaked_code" in l for l in block) >= len(block) - 2
    assert not any("spacing" in l for l in block)
    assert "leaked_code" not in labels[0] and "leaked_code" not in labels[-1]
