"""Code split one token per line: a page-context ``leaked_code`` rule.

A syntax-highlighted code block wraps every token in its own inline element; an
extractor that joins inline nodes with a newline (BeautifulSoup's
``get_text("\\n")``) turns each line of the block into a paragraph of one token per
line: ``unnest\\n(\\narray\\n[\\n2\\n,``, ``a\\n.\\nperiod\\n,``, ``3\\n,``. Alone, most of
these paragraphs say nothing (``3\\n,`` reads as a spacing defect); a long run of
them on the page, many holding a mark that only code puts on a line of its own
(``(``, ``::``, ``;``) or a code name (``stddev_entries``, ``a.period``), is a code
block. Every paragraph of such a run gets ``leaked_code/token_run`` evidence; the run
is trimmed to its first and last code-like paragraph, so a heading next to it stays
out. Being leaked-code evidence over the whole paragraph, it also explains away the
spacing evidence inside (``qa.model.decisions.explained``).

Menus, tables and link lists make runs of short paragraphs too, but not of code
marks: over every extractor's output of the page set the rule marks 824 rows
labelled leaked code and 4 others (2 clean, 2 spacing), and nothing in the naive
scrapes or the treebanks.

>>> rows = ["WITH stats AS", "(", "SELECT", "avg\\n(\\nn\\n)", "series_avg\\n,", "stddev\\n(\\nn\\n)",
...         "FROM", "series", ")", "SELECT", "Finding Past Anomalies"]
>>> marked = token_run_rows(rows, [list(range(len(rows)))])
>>> [rows[i] for i in marked][:2], rows[-1] in [rows[i] for i in marked]
(['(', 'SELECT'], False)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import regex

__all__ = ["TOKEN_RUN", "TOKEN_RUN_MIN", "TOKEN_RUN_SHARE", "is_token_row", "is_code_token_row", "token_run_rows"]

#: Rule name of the span.
TOKEN_RUN = "token_run"
#: A run counts when it has at least this many token paragraphs, and this share of
#: them is code-like.
TOKEN_RUN_MIN, TOKEN_RUN_SHARE = 8, 0.3
#: A token paragraph: at most this many words, no line longer than this.
_MAX_WORDS, _MAX_LINE = 6, 25

#: A line holding only a mark that code, not prose, puts on a line of its own.
_CODE_ONLY_LINE = regex.compile(r"^[ \t]*(?:[(\[\]{};=]|::|=>|->)[ \t]*[,;]?[ \t]*$", regex.M)
#: A code name: a scope operator, snake_case, or a one-letter alias's member (``a.period``).
_CODE_NAME = regex.compile(r"::|[A-Za-z0-9]_[A-Za-z]|\b[a-z](?:\.|\n[ \t]*\.\n[ \t]*)[a-z_]{2,}\b")


def is_token_row(text: str) -> bool:
    """Is this paragraph a handful of short tokens (at most 6 words, no line over 25
    characters)?

    >>> is_token_row("NULLIF\\n(\\nstddev_entries\\n::\\nfloat\\n,"), is_token_row("The talks went on all night.")
    (True, False)
    """
    words = text.split()
    return 0 < len(words) <= _MAX_WORDS and all(len(line.strip()) <= _MAX_LINE for line in text.split("\n"))


def is_code_token_row(text: str) -> bool:
    """Does a token paragraph hold a code-only mark on a line of its own, or a code name?

    >>> is_code_token_row("unnest\\n(\\narray"), is_code_token_row("a\\n.\\nperiod"), is_code_token_row("Next\\n,")
    (True, True, False)
    >>> is_code_token_row("mean_entries\\n,"), is_code_token_row("l.timestamp"), is_code_token_row("e.g. this")
    (True, True, False)
    """
    return bool(_CODE_ONLY_LINE.search(text) or _CODE_NAME.search(text))


def token_run_rows(texts: Sequence[str], runs: Iterable[Sequence[int]]) -> list[int]:
    """Rows to mark, given each page's rows in page order split where paragraphs are
    not adjacent (``runs``: lists of row indices).

    >>> token_run_rows(["Home", "News", "Sport", "Weather"] * 3, [list(range(12))])
    []
    """
    marked: list[int] = []
    for rows in runs:
        current: list[int] = []
        for r in list(rows) + [None]:
            if r is not None and is_token_row(texts[r]):
                current.append(r)
                continue
            marked.extend(_code_run(current, texts))
            current = []
    return marked


def _code_run(run: list[int], texts: Sequence[str]) -> list[int]:
    """The run trimmed to its first and last code-like row, when it qualifies."""
    if len(run) < TOKEN_RUN_MIN:
        return []
    code = [is_code_token_row(texts[r]) for r in run]
    if sum(code) < TOKEN_RUN_SHARE * len(run):
        return []
    first = code.index(True)
    last = len(code) - 1 - code[::-1].index(True)
    return run[first:last + 1]
