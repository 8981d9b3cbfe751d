"""A console's result table is leaked code in the packaged model, row by row."""

from qa.model.scorer import Scorer
from qa.records import Paragraph

#: psql output as BeautifulSoup's get_text("\n") leaves it: one paragraph per row
#: (written for this test).
ROWS = ["status_code │ period                 │ entries │ zscore",
        "────────────┼────────────────────────┼─────────┼────────",
        "404 │ 2020-08-01 17:57:00+00 │      23 │ 5.142126410098476",
        "404 │ 2020-08-01 17:58:00+00 │       2 │ -0.385316641635245",
        "500 │ 2020-08-01 18:00:00+00 │       0 │ 0.147540983606557"]
PROSE = ("The query returns one row per status code and minute, with the number of requests and how far "
         "that number is from the mean of the previous hour, in standard deviations.")


def test_packaged_model_flags_every_row_as_code_and_nothing_else():
    for texts in ([PROSE] + ROWS + [PROSE], ROWS):
        paragraphs = [Paragraph("page", i, t, 0, len(t), len(texts)) for i, t in enumerate(texts)]
        scores = Scorer.load().score_paragraphs(paragraphs, ["en"] * len(texts))
        table = [s for s, t in zip(scores, texts) if t in ROWS]
        assert all(s.labels == ("leaked_code",) for s in table), [s.labels for s in table]
        assert all(any(e.rule == "console_table" for e in s.evidence) for s in table)
        assert not [s for s, t in zip(scores, texts) if t == PROSE and s.labels]
