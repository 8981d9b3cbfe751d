"""An article's table of contents and the headings it lists: a page-context marker against ``boilerplate``.

A long article often opens with a table of contents: a list of its section
headings, each a link to the heading further down. An extractor that keeps
the list (``get_text``, html2text, inscriptis, a naive scrape) gives one short
paragraph per entry: ``Detecting Anomalies``, ``Understanding Z-Score``,
``Optimizing Z-Score`` ... Alone, and in a run of such lines, each reads like a
menu, and the label model calls many of them boilerplate; the hand-labelled rows
call them, and the headings they repeat, article content.

On the page a table of contents shows by its repetition: a run of at least
``MIN_ENTRIES`` adjacent short lines (``entry_key``), each of which comes back
later on the page, where at least half of them stand right before a paragraph of
prose (the section they head). A menu repeated in the footer comes back as a
run of links, not before prose; a teaser list's headlines rarely come back at
all. Every entry of the run, and the heading that repeats it, gets the marker
``boilerplate/contents``, which rules boilerplate out whatever the label model
says (``qa.model.decisions.ROW_VETOES``).

Measured over every extractor's output of the readability pages and the naive
scrapes (session 20, ``scripts/README.md``): 240 labelled test rows and 50 naive
rows marked, all labelled clean (45 and 19 of them had been flagged
boilerplate); no development row, none of UD pages; in dev_gold's pages one
heading that its annotators call boilerplate for the permalink sign glued to it.

>>> texts = ["Table of Contents", "Detecting Anomalies", "Understanding Z-Score", "Backtesting",
...          "Detecting Anomalies", "An anomaly in a data series is a value far from the others, " * 3,
...          "Understanding Z-Score", "The z-score says how many standard deviations a value lies away. " * 2,
...          "Backtesting", "We run the query over last month's data to see what it would have found. " * 2]
>>> prose = [len(t) >= 120 for t in texts]
>>> contents_rows(texts, [list(range(len(texts)))], prose)
[1, 2, 3, 4, 6, 8]
"""

from __future__ import annotations

from typing import Sequence

import regex

from features.scripts import wide_count
from qa.model.page_titles import _key

__all__ = ["CONTENTS", "MIN_ENTRIES", "contents_rows", "entry_key"]

#: Rule name of the marker.
CONTENTS = "contents"
#: A table of contents lists at least this many entries.
MIN_ENTRIES = 3
#: An entry: one line of at most this many characters (CJK counting twice) and words.
_MAX_SIZE, _MAX_WORDS = 80, 10
#: ... that does not end like a clause (a stop, comma or semicolon).
_CLAUSE_END = regex.compile(r"[.,;]\s*$")


def entry_key(text: str) -> str:
    """The key an entry and its heading share (case, punctuation and list marks
    folded away: ``* [Backtesting]`` and ``## Backtesting``), or ``""`` when
    ``text`` cannot be an entry (several lines, too long, a sentence, under three
    characters of key).

    >>> entry_key("## Understanding Z-Score"), entry_key("* Backtesting"), entry_key("It works.")
    ('understanding z score', 'backtesting', '')
    """
    line = text.strip()
    if not line or "\n" in line or _CLAUSE_END.search(line):
        return ""
    if len(line) + wide_count(line) > _MAX_SIZE or len(line.split()) > _MAX_WORDS:
        return ""
    key = _key(line)
    return key if len(key) >= 3 else ""


def contents_rows(texts: Sequence[str], runs: Sequence[Sequence[int]], prose: Sequence[bool]) -> list[int]:
    """Rows (indices into ``texts``) that are an entry of a table of contents or
    the heading it repeats. ``runs`` lists runs of rows adjacent on their page, in
    page order; ``prose[r]``: is row ``r`` a paragraph of prose?
    Linear in the run's size (each entry looks its later copies up in one index).
    """
    marked: set[int] = set()
    for run in runs:
        keys = [entry_key(texts[r]) for r in run]
        where: dict[str, list[int]] = {}
        for n, k in enumerate(keys):
            if k:
                where.setdefault(k, []).append(n)
        n = 0
        while n < len(run):
            m = n  # extend a run of entries whose key comes back later
            while m < len(run) and keys[m] and where[keys[m]][-1] > m:
                m += 1
            if m - n >= MIN_ENTRIES:
                later = [next((q for q in where[keys[j]] if q >= m), None) for j in range(n, m)]
                before_prose = sum(1 for q in later if q is not None and q + 1 < len(run) and prose[run[q + 1]])
                if 2 * before_prose >= m - n:
                    marked.update(run[j] for j in range(n, m))
                    marked.update(run[q] for q in later if q is not None)
            n = max(m, n + 1)
    return sorted(marked)
