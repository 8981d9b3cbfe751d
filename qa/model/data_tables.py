"""A data table split one cell per paragraph: a page-context marker against ``boilerplate``.

An extractor that puts a line break between block nodes (BeautifulSoup's
``get_text("\\n")``, jusText) turns every cell of an article's table into a
paragraph of its own: ``Herbert Dürr``, ``63``, ``16.6%``, ``Jürgen Schmidt``,
``56``, ``14.7%`` ... Alone, each cell reads like a menu entry or a counter, and the
label model calls most of them boilerplate: on the test pages' extractor output, one
developer-statistics table made 673 of the 1,241 clean rows flagged.

On the page a table shows by its period: with ``k`` columns, the kind of a cell
(``cell_kind``: a number, a word, an empty mark) repeats every ``k`` cells. A table
here is a stretch of cell paragraphs, adjacent on the page, where the kinds repeat
with a period of ``MIN_COLUMNS`` to ``MAX_COLUMNS`` over at least ``MIN_ROWS`` rows
(or a run of at least ``MIN_ROWS`` adjacent paragraphs that each hold one row with
as many cells, on lines of their own or between `` | `` bars: an extractor that joins
cells with a line break and rows with a blank line, or a Markdown table), with

- a column of words (a table has names; a list of zoom levels or font sizes, ``50%``
  ``75%`` ``100%``, has none),
- a column of numbers with at least three different values that are not a count
  (``1``, ``2``, ``3`` ... numbers a list, not a table); between bars, numbers in
  half the rows are enough (a specification table: ``Noise | 22–52 dB | ...``),
- rows that are mostly different (a widget repeated down the page is not a table).

Every paragraph of it, and the row of words over its columns (its header), gets the
marker ``boilerplate/table_cell``, which rules boilerplate out whatever the label
model says (``qa.model.decisions.ROW_VETOES``).
Two-column key-value runs (``Comments:`` ``1664`` ``Kudos:`` ``7142``, a video
player's ``duration`` ``15``) are widgets as often as tables, so they get nothing,
unless they are a release history: versions and their dates (``4.2.3`` ``April 2014``,
``_release_history``).

Measured over every extractor's output of the readability pages (the rows the
labeller dropped included, in page order) and over the naive scrapes of all pages:
the rule marks 954 labelled test rows and 130 development rows and 346 naive rows,
all labelled clean, and none of the build's training or DEV rows (see
``scripts/README.md``, session 17).

>>> cells = ["Developer", "Changesets", "Share",
...          "Herbert Dürr", "63", "16.6%", "Jürgen Schmidt", "56", "14.7%",
...          "Armin Le Grand", "56", "14.7%", "Oliver Wittmann", "46", "12.1%",
...          "Tsutomu Uchino", "33", "8.7%", "Kay Schenk", "27", "7.1%"]
>>> rows = table_cell_rows(cells, [list(range(len(cells)))])
>>> cells[rows[0]], len(rows)
('Developer', 21)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import regex

__all__ = ["TABLE_CELL", "MIN_ROWS", "cell_kind", "table_cell_rows"]

#: Rule name of the marker.
TABLE_CELL = "table_cell"
#: A table has from this many columns (the period of the cell kinds) ...
MIN_COLUMNS, MAX_COLUMNS = 3, 8
#: ... and at least this many rows of the same kinds.
MIN_ROWS = 5
#: A cell: at most this many words and characters (between bars, at most
#: ``_MAX_BARRED_CELL`` characters).
_MAX_WORDS, _MAX_CHARS, _MAX_BARRED_CELL = 6, 40, 80
#: Share of a column that must be of its kind, and of rows that must differ.
_COLUMN_SHARE, _DISTINCT_ROWS = 0.8, 0.8

#: A number: a sign or comparison, a currency, digits (grouped or not), decimals, and
#: a percent sign or a short unit (``16.6%``, ``$915``, ``418,500``, ``71.1 MB``, ``5 км``).
_NUMBER = regex.compile(
    r"[-+−±~≈<>]?[ \u00a0]?[$€£¥₹₽]?[ \u00a0]?(?:\d{1,3}(?:[,.\u00a0\u202f ']\d{3})+|\d+)(?:[.,]\d+)?"
    r"[ \u00a0]?(?:%|‰|\p{Han}{1,2}|\p{L}{1,4}\.?)?"
)
#: A range of numbers or times: a score (``27–29``), a lesson's hours (``8.15–9.00``), years.
_RANGE = regex.compile(r"\d{1,4}(?:[.:,]\d{1,3})?[ \u00a0]?[-–—][ \u00a0]?\d{1,4}(?:[.:,]\d{1,3})?")
#: A cell that says "nothing here": a dash, a slash, N/A, a question mark, a tick or a cross.
_EMPTY = regex.compile(r"[-–—−/?×✓✗✔✘]|N/?A|n/?a|x|X")
#: A time of day or a duration: a video list's ``03:43`` is no table column.
_TIME = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DIGITS = regex.compile(r"[^\d.]")
_DIGIT = regex.compile(r"\d")


def cell_kind(text: str) -> str | None:
    """The kind of a cell paragraph: ``number``, ``empty``, ``time`` or ``word``; None
    when the paragraph is no cell (too long, or more than one block).

    >>> [cell_kind(t) for t in ["16.6%", "418,500", "27–29", "Herbert Dürr", "N/A", "03:43"]]
    ['number', 'number', 'number', 'word', 'empty', 'time']
    >>> cell_kind("The talks went on all night and into the morning."), cell_kind("")
    (None, None)
    """
    text = text.strip()
    if not text or len(text) > _MAX_CHARS or "\n\n" in text or len(text.split()) > _MAX_WORDS:
        return None
    if _TIME.fullmatch(text):
        return "time"
    if _NUMBER.fullmatch(text) or _RANGE.fullmatch(text):
        return "number"
    if _EMPTY.fullmatch(text):
        return "empty"
    return "word"


def table_cell_rows(texts: Sequence[str], runs: Iterable[Sequence[int]]) -> list[int]:
    """Rows to mark, given each page's rows in page order split where paragraphs are
    not adjacent (``runs``: lists of row indices).

    A table comes one cell per paragraph, or one row per paragraph with its cells on
    lines of their own (``Herbert Dürr \\n 2811 \\n 0.4%``: an extractor that joins
    cells with a line break and rows with a blank line).

    >>> menu = ["Home", "News", "Sport", "Weather", "1", "2"] * 6
    >>> table_cell_rows(menu, [list(range(len(menu)))])
    []
    >>> rows = [f"{name}\\n{n}\\n{n / 4:.1f}%" for name, n in
    ...         [("Red Hat", 8417), ("Canonical", 422), ("Igalia", 80), ("Collabora", 61), ("SUSE", 44)]]
    >>> table_cell_rows(rows, [list(range(5))])
    [0, 1, 2, 3, 4]
    """
    marked: set[int] = set()
    for rows in runs:
        rows = list(rows)
        marked.update(_one_cell_per_paragraph(texts, rows))
        marked.update(_one_row_per_paragraph(texts, rows))
        marked.update(_release_history(texts, rows))
    return sorted(marked)


#: A release: a version number (``4.2.3``, ``4.3``, ``v2.0.1``, ``4.2.7/4.3.3``) ...
_VERSION = regex.compile(r"v?\d{1,4}(?:\.\d{1,4}){1,3}[a-z]?(?:[ \u00a0]?/[ \u00a0]?v?\d{1,4}(?:\.\d{1,4}){1,3}[a-z]?)*")
#: ... and its date: a cell that holds a year (``April 2014``, ``2014-04-17``, ``17.04.2014``).
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _release_history(texts: Sequence[str], rows: list[int]) -> list[int]:
    """The rows of a two-column table of releases split one cell per paragraph: at
    least ``MIN_ROWS`` adjacent pairs of a version and a date, the versions different
    (``4.2.3`` ``April 2014`` ``4.1.6`` ``April 2014`` ...), and the two words over the
    columns (``Release`` ``Date``) when they come just before. Key-value widgets
    (``Comments:`` ``1664``) have no versions, so two columns are a table only so.

    >>> cells = ["Release", "Date", "4.2.3", "April 2014", "4.1.6", "April 2014", "4.2.4", "May 2014",
    ...          "4.3", "July 2014", "4.2.7/4.3.3", "October 2014", "After it, prose."]
    >>> [cells[r] for r in _release_history(cells, list(range(len(cells))))][:3]
    ['Release', 'Date', '4.2.3']
    >>> _release_history(["4.2", "Great", "4.5", "Fine", "3.9", "Poor", "4.8", "Superb", "4.1", "Good"], list(range(10)))
    []
    """
    def pair(i: int) -> bool:
        version, date = texts[rows[i]].strip(), texts[rows[i + 1]].strip()
        return (_VERSION.fullmatch(version) is not None and cell_kind(date) == "word"
                and _YEAR.search(date) is not None)

    def heading(r: int) -> bool:  # a word over a column: neither a version nor a date
        return cell_kind(texts[r]) == "word" and _YEAR.search(texts[r]) is None and not _VERSION.fullmatch(
            texts[r].strip())

    out: list[int] = []
    i = 0
    while i + 1 < len(rows):
        j = i
        while j + 1 < len(rows) and pair(j):
            j += 2
        versions = [texts[rows[k]].strip() for k in range(i, j, 2)]
        if len(versions) >= MIN_ROWS and len(set(versions)) >= _DISTINCT_ROWS * len(versions):
            head = rows[i - 2:i] if i >= 2 and all(heading(r) for r in rows[i - 2:i]) else []
            out.extend(head + rows[i:j])
            i = j
        else:
            i += 1
    return out


def _one_cell_per_paragraph(texts: Sequence[str], rows: list[int]) -> list[int]:
    """The rows of ``rows`` that are cells of a table, one cell per paragraph."""
    out: list[int] = []
    current: list[int] = []
    kinds: list[str] = []
    for r in rows + [None]:
        kind = cell_kind(texts[r]) if r is not None else None
        if kind is not None:
            current.append(r)
            kinds.append(kind)
            continue
        if len(current) >= MIN_COLUMNS * MIN_ROWS:
            cells = [texts[c].strip() for c in current]
            out.extend(current[p] for p in _table_positions(cells, kinds, range(MIN_COLUMNS, MAX_COLUMNS + 1)))
        current, kinds = [], []
    return out


def _one_row_per_paragraph(texts: Sequence[str], rows: list[int]) -> list[int]:
    """The rows of ``rows`` that are rows of a table, one row per paragraph, its cells
    on lines of their own or between bars (``Hegyalja KC | Salgó | 31–24 | 410``):
    adjacent paragraphs with as many cells each. A rule row (``---|---``) between
    them neither breaks the table nor adds cells; it is marked with the rows around it."""
    out: list[int] = []
    current: list[tuple[int, list[str]]] = []  # (row, its cells; none for a rule row)
    width = 0
    for r in rows + [None]:
        if r is not None and current and _RULE_ROW.fullmatch(texts[r].strip()):
            current.append((r, []))
            continue
        cells = _row_cells(texts[r]) if r is not None else []
        if cells and len(cells) == width:
            current.append((r, cells))
            continue
        out.extend(_rows_of_table(texts, current, width))
        current, width = ([(r, cells)], len(cells)) if cells else ([], 0)
    return out


def _rows_of_table(texts: Sequence[str], current: list[tuple[int, list[str]]], width: int) -> list[int]:
    """The paragraphs of a run of same-width rows (``(row, cells)``, rule rows with no
    cells) that make a table, rule rows between marked rows included."""
    owners = [r for r, cells in current for _ in cells]
    if len(owners) < width * MIN_ROWS:
        return []
    flat = [c for _, cells in current for c in cells]
    kinds = [cell_kind(c) or "word" for c in flat]  # a long note between bars reads as words
    marked = {owners[p] for p in _table_positions(flat, kinds, [width])}
    if not marked:
        marked = _barred_table(texts, {r: cells for r, cells in current if cells})
    if not marked:
        return []
    at = [k for k, (r, _) in enumerate(current) if r in marked]
    return [r for r, cells in current[at[0]:at[-1] + 1] if r in marked or not cells]


def _barred_table(texts: Sequence[str], cells: dict[int, list[str]]) -> set[int]:
    """Rows with their cells between bars, when the bars themselves tell the table: a
    specification table (``Công suất | 45 W | Ở chế độ mạnh nhất``, ``Bộ lọc | HEPA H13
    | ...``) has numbers in most rows but no column of numbers alone. A column of
    words, numbers in at least half the rows, and rows that differ; footer links
    between bars (``About | Contact | Privacy``) have no numbers.

    >>> rows = ["Power | 45 W | at full speed", "Airflow | 320 m³/h | AHAM", "Noise | 22–52 dB | sleep to max",
    ...         "Filter | HEPA H13 | replace yearly", "Weight | 4.2 kg | with filter"]
    >>> sorted(_barred_table(rows, {r: _row_cells(t) for r, t in enumerate(rows)}))
    [0, 1, 2, 3, 4]
    """
    rows = list(cells)
    if len(rows) < MIN_ROWS or not all("|" in texts[r] and "\n" not in texts[r].strip() for r in rows):
        return set()
    first = [cells[r][0] for r in rows]
    if sum(cell_kind(c) == "word" for c in first) < _COLUMN_SHARE * len(rows):
        return set()
    if sum(bool(_DIGIT.search(texts[r])) for r in rows) * 2 < len(rows):
        return set()
    if len({tuple(cells[r]) for r in rows}) < _DISTINCT_ROWS * len(rows):
        return set()
    return set(rows)


#: A Markdown table's rule row: dashes between bars, colons for alignment.
_RULE_ROW = regex.compile(r"\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?")
#: A bar between cells; a row has at least one with spaces on both sides (code's
#: ``|xGv00|`` has none).
_BAR = regex.compile(r"[ \t]*\|[ \t]*")
_SPACED_BAR = regex.compile(r"[ \t]\|[ \t]")


def _row_cells(text: str) -> list[str]:
    """The cells of a paragraph that holds one table row, one cell per line or cells
    between bars (at least ``MIN_COLUMNS``, at most ``MAX_COLUMNS``); else nothing.

    >>> _row_cells("Red Hat \\n 8417 \\n 38.0%"), _row_cells("A sentence.\\nAnother one.")
    (['Red Hat', '8417', '38.0%'], [])
    >>> _row_cells("| Mátra DSE | Eger SC | 25–25 | 380 |"), _row_cells("Home | News")
    (['Mátra DSE', 'Eger SC', '25–25', '380'], [])
    """
    if len(text) > _MAX_CHARS * MAX_COLUMNS:
        return []
    text = text.strip()
    if "\n" in text:
        cells = [line.strip() for line in text.split("\n") if line.strip()]
        if any(cell_kind(c) is None for c in cells):
            return []
    elif _SPACED_BAR.search(text):  # the bars tell the cells: a note may be longer than a cell alone
        cells = [c.strip() for c in _BAR.split(text.strip("|")) if c.strip()]
        if any(len(c) > _MAX_BARRED_CELL for c in cells):
            return []
    else:
        return []
    return cells if MIN_COLUMNS <= len(cells) <= MAX_COLUMNS else []


def _table_positions(cells: list[str], kinds: list[str], periods: Iterable[int]) -> set[int]:
    """Positions in a run of cells that belong to a table, trying each period.

    >>> cells = ["Name", "Size", "Gmail", "17.8 MB", "Maps", "32.7 MB", "Kindle", "52.4 MB"] * 2
    >>> sorted(_table_positions(cells, [cell_kind(c) for c in cells], range(3, 9)))
    []
    """
    out: set[int] = set()
    n = len(cells)
    for k in periods:
        i = 0
        while i + k < n:
            end = i
            while end + k < n and _same(kinds[end], kinds[end + k]):
                end += 1
            if end > i:  # kinds repeat with period k over positions i .. end + k - 1
                stretch = range(i, end + k)
                if _is_table(cells, kinds, stretch, k):
                    out.update(stretch)
                    if i >= k and all(kinds[p] in ("word", "empty") for p in range(i - k, i)):
                        out.update(range(i - k, i))  # the header row: words over the columns
            i = end + 1
    return out


def _same(a: str, b: str) -> bool:
    """Can two cells sit in one column? An empty mark fits any column."""
    return a == b or "empty" in (a, b)


def _is_table(cells: list[str], kinds: list[str], stretch: range, k: int) -> bool:
    """Is this stretch of period ``k`` a table (see the module's docstring)?"""
    if len(stretch) < k * MIN_ROWS:
        return False
    columns = [list(stretch)[c::k] for c in range(k)]
    if not any(_share(kinds, col, "word") >= _COLUMN_SHARE for col in columns):
        return False
    if not any(_numbers_column(cells, kinds, col) for col in columns):
        return False
    rows = [tuple(cells[stretch[r]:stretch[r] + k]) for r in range(0, len(stretch) - k + 1, k)]
    return len(set(rows)) >= _DISTINCT_ROWS * len(rows)


def _share(kinds: list[str], column: list[int], kind: str) -> float:
    return sum(kinds[p] == kind for p in column) / len(column)


def _numbers_column(cells: list[str], kinds: list[str], column: list[int]) -> bool:
    """Is this a column of data: mostly numbers, three or more different, not a count?

    >>> cells = ["1", "2", "3", "4", "5"]
    >>> _numbers_column(cells, ["number"] * 5, list(range(5)))
    False
    """
    numbers = [cells[p] for p in column if kinds[p] == "number"]
    if len(numbers) < _COLUMN_SHARE * len(column) or len(set(numbers)) < 3:
        return False
    return not _counts(numbers)


def _counts(numbers: list[str]) -> bool:
    """Do the numbers go up or down by one, as a list's numbering does?"""
    values = []
    for n in numbers:
        try:
            values.append(float(_DIGITS.sub("", n.replace(",", "")) or "x"))
        except ValueError:
            return False
    return all(abs(abs(b - a) - 1) < 1e-9 for a, b in zip(values, values[1:]))
