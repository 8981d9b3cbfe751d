"""The page's title line: a page-context ``boilerplate`` rule.

A naive scrape (every text node of the page) and most ``get_text`` extractions
keep the ``<title>`` element: the article's headline with the site's name, a
section or a date around it (``Angry media won't buckle over new surveillance laws
| Herald Sun``, ``Un troisième Français mort dans le séisme au Népal - Libération``).
The same page shows the headline alone as its ``<h1>``. The hand-labelled rows
call the title line furniture and the heading clean; alone, the title line reads
like any headline. On the page it is recognised by that pairing: a one-line
paragraph that splits at a separator (``|``, `` - ``, `` — ``, `` :: ``, `` · ``)
into a headline that some other paragraph of the same page holds whole, and at
most ``SUFFIX_WORDS`` words of site name around it, fewer than the headline's (a
caption's credit, ``Photo by X | caption``, or a date line, ``April 5, 2018 | 6:00
PM``, is not a headline with a site name). That row gets
``boilerplate/page_title`` evidence. The heading it repeats is the article's title:
the page-context rules for runs of headline-like lines (``teaser_list`` and the
others in ``qa.model.featurize``) give it no span, and it gets the marker
``boilerplate/article_title``, which rules boilerplate out whatever the label model
says (``qa.model.decisions.ROW_VETOES``; repeated on the page, a heading reads as
furniture to the model). The hand-labelled rows call 5 of 5 such headings clean.

A breadcrumb that ends on the headline (``News | World | Headline``) has the same
shape and is furniture too.

A ``<title>`` without the site's name is the headline alone: the page's first
paragraph (the ``<title>`` comes first in the page's text), a headline with no
boilerplate evidence of its own, holds, whole, the text of another paragraph of the
page. Both are the article's title and get the marker: in
the readability pages' extractor output (test and dev pages) and naive scrapes, 34
such rows, none labelled boilerplate (32 clean, 2 with a spacing defect); the label
model had called 13 of them boilerplate.

>>> rows = ["Angry media won't buckle over new surveillance laws | Herald Sun",
...         "Angry media won't buckle over new surveillance laws",
...         "The government's data retention laws passed the Senate on Thursday."]
>>> page_title_rows(rows, [[0, 1, 2]])
[0]
"""

from __future__ import annotations

from collections import Counter
from typing import Container, Iterable, Sequence

import regex

from features import boilerplate
from features.boilerplate import looks_like_headline

__all__ = ["ARTICLE_TITLE", "PAGE_TITLE", "SUFFIX_WORDS", "page_title_rows", "page_titles", "title_headline"]

#: Rule name of the title line's span, and of the marker on the heading it repeats.
PAGE_TITLE, ARTICLE_TITLE = "page_title", "article_title"
#: At most this many words of site name, section, author or date beside the headline
#: (``| Eleanor Ainge Roy | Environment | The Guardian``).
SUFFIX_WORDS = 8
#: A headline has at least this many words (or twice as many CJK characters).
_HEAD_WORDS = 3
#: Only lines up to this long are title candidates; at most this many separators are tried.
_MAX_CHARS, _MAX_PARTS = 300, 8
#: A title candidate holds at most this many lines (a wrapped ``<title>``, not a long list).
_MAX_LINES = 3

_SEPARATOR = regex.compile(r"[ \t\u00a0]*\|[ \t\u00a0]*|[ \t\u00a0]+(?:\|\||[–—-]{1,2}|::|·)[ \t\u00a0]+")
_NON_WORD = regex.compile(r"[\W_]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _key(text: str) -> str:
    """Case, punctuation and spacing folded away: the key two copies of a headline share.

    >>> _key("Angry media won’t buckle!"), _key("angry  media won t buckle")
    ('angry media won t buckle', 'angry media won t buckle')
    """
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _one_line(text: str) -> str:
    """``text`` as one line, whitespace collapsed, when it is a title candidate: at most
    ``_MAX_LINES`` lines (a ``<title>`` element wrapped in the page source keeps its
    line break: ``Where do strained relations go?\\n            - The Washington Post``)
    and ``_MAX_CHARS`` characters; else ``""``.

    >>> _one_line("Big news today\\n      - The Daily")
    'Big news today - The Daily'
    >>> _one_line("* Home\\n* News\\n* Sport\\n* Culture")
    ''
    """
    if len(text) > _MAX_CHARS or text.count("\n", 0, len(text.rstrip())) >= _MAX_LINES:
        return ""
    return " ".join(text.split())


def _cjk(key: str) -> bool:
    """Does the key hold CJK text (whose words are not counted by spaces)?"""
    return _CJK.search(key) is not None


def _long_enough(key: str) -> bool:
    """A headline, not a single word: 3+ words, or 6+ CJK characters."""
    return key.count(" ") + 1 >= _HEAD_WORDS or len(_CJK.findall(key)) >= 2 * _HEAD_WORDS


def title_headline(text: str, headlines: Container[str]) -> str | None:
    """The key of the headline that ``text`` wraps with a short site name, when
    ``headlines`` (keys of the page's other paragraphs) holds it; else ``None``.

    >>> heads = {_key("Inside the Deep Web Drug Lab")}
    >>> title_headline("Inside the Deep Web Drug Lab — Backchannel — Medium", heads)
    'inside the deep web drug lab'
    >>> title_headline("Medium | Inside the Deep Web Drug Lab", heads)
    'inside the deep web drug lab'
    >>> title_headline("Inside the Deep Web Drug Lab - a long story of how it was found and closed", heads) is None
    True
    >>> title_headline("Photo by Ana Ruiz | Inside the Deep Web Drug Lab, as it stood", {_key("Photo by Ana Ruiz")}) is None
    True
    """
    line = _one_line(text)
    if not line:
        return None
    # each part's key once; a join of parts has the join of their keys as its key
    keys = [k for k in map(_key, _SEPARATOR.split(line, maxsplit=_MAX_PARTS)) if k]
    total = sum(k.count(" ") + 1 for k in keys)  # words of the whole line
    for k in range(1, len(keys)):
        for head in (" ".join(keys[:k]), " ".join(keys[k:])):
            words = head.count(" ") + 1
            rest = total - words  # the site's name is the shorter part: not "Photo by X | a caption"
            if head in headlines and _long_enough(head) and rest <= SUFFIX_WORDS and (rest < words or _cjk(head)):
                return head
    return None


def _headline_alone(text: str) -> bool:
    """A headline (``features.boilerplate.looks_like_headline``, 3+ words) with no
    boilerplate evidence of its own: not a UI line that an extractor put first
    (``Continue reading the main story``).

    >>> _headline_alone("Storm floods the old harbour of Porto Vell"), _headline_alone("Continue reading the main story")
    (True, False)
    """
    return (_long_enough(_key(text)) and looks_like_headline(text)
            and not boilerplate.signals(text).spans)


class _Elsewhere:
    """The keys of a page's paragraphs other than one: ``key in _Elsewhere(counts, own)``."""

    __slots__ = ("counts", "own")

    def __init__(self, counts: Counter, own: str):
        self.counts, self.own = counts, own

    def __contains__(self, key: object) -> bool:
        return self.counts.get(key, 0) > (1 if key == self.own else 0)


def page_title_rows(texts: Sequence[str], pages: Iterable[Sequence[int]]) -> list[int]:
    """Rows (indices into ``texts``) that are a page's title line: ``pages`` lists
    each page's rows; a title line wraps the text of another row of its page."""
    return page_titles(texts, pages)[0]


def page_titles(texts: Sequence[str], pages: Iterable[Sequence[int]]) -> tuple[list[int], list[int]]:
    """``(title rows, headline rows)``: the page's title lines, and the rows that hold
    a headline a title line wraps (the article's heading, and its copies on the page).
    Linear in the page's size: each candidate looks its splits up in one count of keys.

    >>> page_titles(["Big news today | Site", "Big news today", "Body text."], [[0, 1, 2]])
    ([0], [1])
    >>> page_titles(["Storm floods the old harbour", "Home", "Storm floods the old harbour", "Body."], [[0, 1, 2, 3]])
    ([], [0, 2])
    >>> page_titles(["Big news today for all\\n   - Site", "Today's Paper\\n|\\nSubscribe", "Big news today for all",
    ...              "Today's Paper", "Body."], [[0, 1, 2, 3, 4]])
    ([0], [2])
    """
    titles: list[int] = []
    headlines: list[int] = []
    for rows in pages:
        lines = {r: _one_line(texts[r]) for r in rows}
        keys = {r: _key(line) for r, line in lines.items() if line}
        counts = Counter(keys.values())
        found: set[str] = set()
        on_page: set[int] = set()
        for r, own in keys.items():
            if _SEPARATOR.search(lines[r]):
                head = title_headline(lines[r], _Elsewhere(counts, own))
                if head is not None and "\n" in texts[r].strip() and not any(
                        keys[q] == head and looks_like_headline(texts[q]) for q in keys):
                    head = None  # a wrapped line is a title only around a headline: not "Today's Paper\n|\nSubscribe"
                if head is not None:
                    on_page.add(r)
                    found.add(head)
        first = rows[0] if rows else None
        if first in keys and first not in on_page and counts[keys[first]] > 1 and _headline_alone(texts[first]):
            found.add(keys[first])  # a <title> that is the headline alone, and the headline
        titles.extend(on_page)
        headlines.extend(r for r, own in keys.items() if own in found and r not in on_page)
    return sorted(titles), sorted(headlines)
