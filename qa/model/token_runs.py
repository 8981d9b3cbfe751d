"""Code split one token per line: a page-context ``leaked_code`` rule.

A syntax-highlighted code block wraps every token in its own inline element; an
extractor that joins inline nodes with a newline (BeautifulSoup's
``get_text("\\n")``) turns each line of the block into a paragraph of one token per
line: ``unnest\\n(\\narray\\n[\\n2\\n,``, ``avg\\n(\\nn\\n)``, ``3\\n,``. Alone, most of
these paragraphs say nothing (``3\\n,`` reads as a spacing defect). On the page they
sit in a long run of such token paragraphs (``TOKEN_RUN_MIN``), and some of them hold
a mark that only code puts on a line of its own (``(``, ``::``, ``;``, ``])``), a code
name (``stddev_entries``, ``a\\n.\\nperiod``) or a console table's box rule (``2 │ f``).
A block runs from one such paragraph to another, at most ``_MAX_GAP`` rows apart (a
literal list may sit between them), holds at least ``_BLOCK_MIN_CODE`` of them and at
least one code name or call (``avg\\n(``): a formula split the same way (``ϕ``, ``(``,
``=``) has none. Every paragraph of a block gets ``leaked_code/token_run`` evidence;
a heading next to it stays out. A row carrying it is code as a whole: splices and
spacing are not decided in it (``qa.model.decisions.CODE_ROW_KEYS``).

Menus, tables and link lists make runs of short paragraphs too, but not of code
marks: over every extractor's output of the page set (with the rows the labeller
dropped, in page order) the rule marks 780 rows labelled leaked code and no row with
another label, and nothing in the naive scrapes or the treebanks.

>>> rows = ["WITH stats AS", "(", "SELECT", "avg\\n(\\nn\\n)", "series_avg\\n,", "stddev\\n(\\nn\\n)",
...         "FROM", "series", ")", "SELECT", "Finding Past Anomalies"]
>>> marked = token_run_rows(rows, [list(range(len(rows)))])
>>> [rows[i] for i in marked][:2], rows[-1] in [rows[i] for i in marked]
(['(', 'SELECT'], False)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import regex

from features.code import console_spans

__all__ = ["TOKEN_RUN", "TOKEN_RUN_MIN", "is_token_row", "is_code_token_row", "token_run_rows"]

#: Rule name of the span.
TOKEN_RUN = "token_run"
#: A run counts when it has at least this many token paragraphs; a block inside it
#: holds at least ``_BLOCK_MIN_CODE`` code-like ones, at most ``_MAX_GAP`` rows apart.
TOKEN_RUN_MIN = 8
_BLOCK_MIN_CODE, _MAX_GAP = 3, 10
#: A token paragraph: at most this many words, no line longer than this, and (a
#: bound that only saves work: its lines are short) at most this many characters.
_MAX_WORDS, _MAX_LINE, _MAX_CHARS = 6, 25, 1000
#: ... or a line of a block split one token per line: at most this many words, none
#: of its lines holding more than two; or a code comment (``-- the demo data``) up to
#: this long; or lines of a console's result table (``features.code.console_spans``).
_MAX_SPLIT_WORDS, _MAX_COMMENT = 12, 120

#: A line holding only a mark that code, not prose, puts on a line of its own.
_CODE_ONLY_LINE = regex.compile(r"^[ \t]*(?:[(\[\]{};=]|::|=>|->|[\])}]\)|[\])}];)[ \t]*[,;]?[ \t]*$", regex.M)
#: A code name: a scope operator, snake_case, or a one-letter alias's member (``a.period``).
_CODE_NAME = regex.compile(r"::|[A-Za-z0-9]_[A-Za-z]|\b[a-z](?:\.|\n[ \t]*\.\n[ \t]*)[a-z_]{2,}\b")
#: Box-drawing characters: the rules of a console's result table.
_BOX = regex.compile(r"[\u2500-\u257f]")
#: A line holding one SQL clause keyword, as a highlighter splits a query (the words
#: that also read as English headings, ``AND``, ``AS``, ``END``, ``TABLE``, are left
#: out), or a console's prompt (``db=#``).
_SQL_LINE = regex.compile(
    r"^[ \t]*(?:SELECT|FROM|WHERE|HAVING|LIMIT|JOIN|UNION|BETWEEN|DESC|ASC|PRECEDING|FOLLOWING|PARTITION|OVER|"
    r"INSERT|INTO|VALUES|UPDATE|DELETE|RETURNING|GROUP|ORDER|WITH|[a-z_]\w{0,30}=[#>])[ \t]*$", regex.M)
#: A line that starts a code comment (``-- Wrong!``, ``// the demo data``).
_COMMENT_LINE = regex.compile(r"^[ \t]*(?:--|//)[ \t]")
#: What tells code from a formula split the same way (``−``, ``(``, ``ϕ``, ``=``): a code
#: name, or a call (``avg\n(``).
_NAMED = regex.compile(_CODE_NAME.pattern + r"|\b[A-Za-z_][A-Za-z0-9_]+[ \t]*\n[ \t]*\(")


def is_token_row(text: str) -> bool:
    """Is this paragraph a handful of short tokens (at most 6 words, no line over 25
    characters)?

    >>> is_token_row("NULLIF\\n(\\nstddev_entries\\n::\\nfloat\\n,"), is_token_row("The talks went on all night.")
    (True, False)
    """
    if len(text) > _MAX_CHARS:
        return False  # cheap on a huge paragraph: no splitting of megabytes
    words = text.split()
    lines = text.split("\n")
    if 0 < len(words) <= _MAX_WORDS and all(len(line.strip()) <= _MAX_LINE for line in lines):
        return True
    if len(words) <= _MAX_SPLIT_WORDS and all(len(line.strip()) <= _MAX_LINE and len(line.split()) <= 2 for line in lines):
        return True
    return (len(text) <= _MAX_COMMENT and "\n" not in text.strip() and bool(_COMMENT_LINE.match(text))) or _console(text)


def _console(text: str) -> bool:
    """Is the paragraph all lines of a console's result table?"""
    covered = sum(s.end - s.start for s in console_spans(text))
    return covered > 0 and covered >= len(text.strip())


def is_code_token_row(text: str) -> bool:
    """Does a token paragraph hold a code-only mark on a line of its own, a code name, or
    a box-drawing rule of a console's result table (``2 │ f``)?

    >>> is_code_token_row("unnest\\n(\\narray"), is_code_token_row("a\\n.\\nperiod"), is_code_token_row("Next\\n,")
    (True, True, False)
    >>> is_code_token_row("mean_entries\\n,"), is_code_token_row("l.timestamp"), is_code_token_row("e.g. this")
    (True, True, False)
    >>> is_code_token_row("SELECT"), is_code_token_row("db=#"), is_code_token_row("AND")
    (True, True, False)
    """
    return bool(_CODE_ONLY_LINE.search(text) or _CODE_NAME.search(text) or _BOX.search(text)
                or _SQL_LINE.search(text))


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
            marked.extend(_code_blocks(current, texts))
            current = []
    return marked


def _code_blocks(run: list[int], texts: Sequence[str]) -> list[int]:
    """The blocks of a run: stretches from one code-like row to another, at most
    ``_MAX_GAP`` rows apart, holding at least ``_BLOCK_MIN_CODE`` of them (a literal
    list, ``3\\n,`` ``5\\n,`` ..., may sit between two code-like rows).

    >>> texts = ["x\\n(", "1\\n,", "2\\n,", "y_z", "3\\n,", "4\\n])", "AS", "n\\n;"]
    >>> [texts[r] for r in _code_blocks(list(range(8)), texts)][0], len(_code_blocks(list(range(8)), texts))
    ('x\\n(', 8)
    """
    if len(run) < TOKEN_RUN_MIN:
        return []
    code_at = [k for k, r in enumerate(run) if is_code_token_row(texts[r])]
    out: list[int] = []
    block: list[int] = []
    for k in code_at + [None]:
        if k is not None and (not block or k - block[-1] <= _MAX_GAP):
            block.append(k)
            continue
        if len(block) >= _BLOCK_MIN_CODE and any(_NAMED.search(texts[run[b]]) for b in block):
            out.extend(run[block[0]:block[-1] + 1])
        block = [k] if k is not None else []
    return out
