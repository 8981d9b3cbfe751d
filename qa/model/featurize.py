"""Turn a frame of paragraphs into the model's feature matrix.

``ParagraphFeaturizer`` follows scikit-learn's transformer contract: ``__init__``
only stores parameters, ``fit`` returns ``self`` and sets ``n_features_in_`` and
``feature_names_out_``, ``get_feature_names_out()`` names the columns.

Input is a pandas DataFrame with a ``text`` column and optional context columns:

=============== =============================================================
``lang``        ISO 639-1 code (detected when absent)
``doc_id``      document id; with ``paragraph`` it gives neighbours
``paragraph``   0-based index of the paragraph in its document
``n_paragraphs`` paragraphs in the document (0 = unknown)
``pos``         position on the page (defaults to ``paragraph``); rows that are a
                sample of a page keep their real distance through it
``repeat``      how often the paragraph recurs in the corpus (counted within
                the frame when absent)
=============== =============================================================

>>> import pandas as pd
>>> f = ParagraphFeaturizer().fit(pd.DataFrame({"text": ["Hello , world ."]}))
>>> X = f.transform(pd.DataFrame({"text": ["Hello , world .", "Fine."], "lang": ["en", "en"]}))
>>> X.shape[1] == len(f.get_feature_names_out())
True
"""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd
import regex
from sklearn.base import BaseEstimator, TransformerMixin

import features
from features.boilerplate import looks_like_headline
from features.scripts import wide_count
from features.spans import Span
from features.truncation import runs_on
from qa.context import RepeatCounter
from qa.lang import detect
from qa.model.contents import CONTENTS, contents_rows
from qa.model.data_tables import TABLE_CELL, table_cell_rows
from qa.model.page_titles import ARTICLE_TITLE, PAGE_TITLE, page_titles
from qa.model.token_runs import TOKEN_RUN, token_run_rows

__all__ = ["ParagraphFeaturizer", "CONTEXT_NAMES", "DEFAULT_NEIGHBOUR_FEATURES"]

#: Base features whose values for the previous/next paragraph and the document
#: mean are added as context. Names missing from the feature set are ignored.
DEFAULT_NEIGHBOUR_FEATURES: tuple[str, ...] = (
    "textstats_chars_log",
    "textstats_ends_with_terminator",
    "textstats_starts_with_upper",
    "textstats_title_case_share",
    "boilerplate_phrase_hits_log",
    "boilerplate_link_chain",
    "boilerplate_rule_count",
    "code_region_share",
    "truncation_no_terminator",
)

#: Context features that do not depend on the neighbour list.
CONTEXT_NAMES: tuple[str, ...] = (
    "ctx_known",
    "ctx_rel_position",
    "ctx_is_first",
    "ctx_is_last",
    "ctx_log_n_paragraphs",
    "ctx_log_repeat",
    "ctx_has_prev",
    "ctx_has_next",
    "ctx_prose_share",
    "ctx_prose_before",
    "ctx_prose_after",
    "ctx_inside_prose",
    "ctx_prose_gap",
    "ctx_pos_log",
    "ctx_pos_extent_log",
)

#: A paragraph counts as article prose (for the content-block features) when it
#: has this many characters (CJK characters count twice), ends like a sentence
#: and fires no boilerplate or code rule.
PROSE_MIN_CHARS = 120

#: Repeats past this count read as this count (``ctx_log_repeat``). The training
#: corpora hold few lines seen more often (under 1% of rows, mostly table digits
#: that are content), so what a model learned beyond it is noise: the packaged
#: model's boilerplate probability of "Privacy Policy" fell from 0.76 to 0.41
#: between 22 and 30 repeats. A footer seen 1,000 times in a large audit is
#: scored as one seen 20 times.
REPEAT_CAP = 20

#: Ad labels: a naive scrape keeps one between every two paragraphs of some pages.
#: Read as a neighbour it makes each paragraph look like furniture, so the neighbour
#: features of the rows around it read past it (``_ad_labels``).
AD_LABELS = frozenset({
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content",
    "story continues below advertisement", "article continues below advertisement", "skip advertisement",
    "anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità", "реклама", "реклами",
    "广告", "廣告", "広告", "광고", "reklama", "reklam", "reklame", "إعلان", "διαφήμιση", "mainos", "oglas",
    "advertentie", "annons", "annonce", "hirdetés", "publicitate",
})


def repeat_feature(repeat: np.ndarray) -> np.ndarray:
    """``ctx_log_repeat`` from counts: ``log1p`` of the repeats beyond the first,
    capped at ``REPEAT_CAP`` occurrences.

    >>> repeat_feature(np.array([1, 2, 20, 1000])).round(2).tolist()
    [0.0, 0.69, 3.0, 3.0]
    """
    return np.log1p(np.clip(np.asarray(repeat, dtype=np.float64), 1, REPEAT_CAP) - 1)


class ParagraphFeaturizer(TransformerMixin, BaseEstimator):
    """Feature vector per paragraph: the extractors' signals plus context.

    Parameters
    ----------
    neighbour_features:
        Names of base features copied from the previous and next paragraph and
        averaged over the document. ``None`` uses ``DEFAULT_NEIGHBOUR_FEATURES``.
    use_context:
        When False, every context feature is set to its "unknown" value, as for
        ``--segment none`` records.
    """

    def __init__(self, neighbour_features: tuple[str, ...] | None = None, use_context: bool = True):
        self.neighbour_features = neighbour_features
        self.use_context = use_context

    # -- scikit-learn contract -------------------------------------------------
    def fit(self, X, y=None):
        """Record the feature names; nothing is learned from the data."""
        wanted = DEFAULT_NEIGHBOUR_FEATURES if self.neighbour_features is None else self.neighbour_features
        self.neighbours_ = tuple(n for n in wanted if n in features.FEATURE_NAMES)
        self.feature_set_ = features.FEATURE_SET_VERSION
        names = list(features.FEATURE_NAMES) + list(CONTEXT_NAMES)
        for n in self.neighbours_:
            names += [f"ctx_prev_{n}", f"ctx_next_{n}", f"ctx_doc_{n}"]
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns."""
        return self.feature_names_out_.copy()

    def transform(self, X):
        """Return the feature matrix (float32, one row per paragraph)."""
        return self.transform_with_spans(X)[0]

    # -- the work ----------------------------------------------------------------
    def transform_with_spans(self, X) -> tuple[np.ndarray, list[tuple[Span, ...]], list[str]]:
        """Feature matrix, evidence spans per row and the language used per row."""
        frame = _as_frame(X)
        texts = frame["text"].astype(str).tolist()
        n = len(texts)
        langs = _languages(frame, texts)
        k = len(features.FEATURE_NAMES)
        base = np.zeros((n, k), dtype=np.float64)
        spans: list[tuple[Span, ...]] = []
        for i, (text, lang) in enumerate(zip(texts, langs)):
            sig = features.extract(text, lang)
            base[i] = sig.values
            spans.append(sig.spans)
        ctx = self._context(frame, texts, base)
        cols_end = features.FEATURE_NAMES.index("textstats_ends_with_terminator")
        spans = _with_page_spans(frame, texts, ctx, spans, base[:, cols_end] > 0.5, langs)
        out = np.hstack([base, ctx]).astype(np.float32)
        np.nan_to_num(out, copy=False, nan=0.0, posinf=0.0, neginf=0.0)
        return out, spans, langs

    def _context(self, frame: pd.DataFrame, texts: list[str], base: np.ndarray) -> np.ndarray:
        n = len(texts)
        cols = {name: i for i, name in enumerate(features.FEATURE_NAMES)}
        nb_idx = [cols[name] for name in self.neighbours_]
        width = len(CONTEXT_NAMES) + 3 * len(nb_idx)
        ctx = np.zeros((n, width), dtype=np.float64)
        # Corpus repetition is available even without document structure.
        if "repeat" in frame:
            repeat = frame["repeat"].fillna(1).to_numpy(dtype=np.float64)
        else:
            counter = RepeatCounter()
            counter.observe(texts)
            repeat = np.array([counter.count(t) for t in texts], dtype=np.float64)
        ctx[:, 5] = repeat_feature(repeat)
        if not self.use_context or "doc_id" not in frame or "paragraph" not in frame:
            ctx[:, 1] = -1.0
            return ctx
        prose = _prose_rows(texts, base, cols)
        doc_ids = frame["doc_id"].astype(str).tolist()
        index = frame["paragraph"].fillna(-1).astype(int).tolist()
        if "pos" in frame:
            page_pos = pd.to_numeric(frame["pos"], errors="coerce").fillna(-1).to_numpy(dtype=np.float64)
        else:
            page_pos = np.asarray(index, dtype=np.float64)
        totals = frame["n_paragraphs"].fillna(0).astype(int).tolist() if "n_paragraphs" in frame else [0] * n
        by_doc: dict[str, list[int]] = {}
        for row, doc in enumerate(doc_ids):
            by_doc.setdefault(doc, []).append(row)
        first_nb = len(CONTEXT_NAMES)
        for rows in by_doc.values():
            rows.sort(key=lambda r: index[r])
            doc_total = max(max(totals[r] for r in rows), max(index[r] for r in rows) + 1)
            doc_mean = base[rows][:, nb_idx].mean(axis=0) if nb_idx else None
            position = {index[r]: r for r in rows}
            skip = _ad_labels(rows, texts)
            prose_at = [index[r] for r in rows if prose[r] and index[r] >= 0]
            prose_pos = [page_pos[r] for r in rows if prose[r] and index[r] >= 0]
            extent = math.log1p(max(0.0, max(page_pos[r] for r in rows) - min(page_pos[r] for r in rows)))
            for r in rows:
                i = index[r]
                if doc_total <= 1 or i < 0:
                    ctx[r, 1] = -1.0
                    continue
                ctx[r, 0] = 1.0
                ctx[r, 1] = i / (doc_total - 1)
                ctx[r, 2] = float(i == 0)
                ctx[r, 3] = float(i == doc_total - 1)
                ctx[r, 4] = math.log1p(doc_total)
                prev, nxt = position.get(i - 1), position.get(i + 1)
                ctx[r, 6] = float(prev is not None)
                ctx[r, 7] = float(nxt is not None)
                if skip and r not in skip:
                    prev = _past(position, i, -1, skip)
                    nxt = _past(position, i, 1, skip)
                _content_block(ctx[r], i, prose_at, prose[r], len(rows))
                _page_distance(ctx[r], page_pos[r], prose_pos, prose[r], extent)
                for j, col in enumerate(nb_idx):
                    at = first_nb + 3 * j
                    if prev is not None:
                        ctx[r, at] = base[prev, col]
                    if nxt is not None:
                        ctx[r, at + 1] = base[nxt, col]
                    ctx[r, at + 2] = doc_mean[j]
        return ctx


#: A credit line under a picture: ``(Artist: Lightningarts)``, ``Photo by Ana Ruiz``,
#: ``Foto: dpa``. A naive scrape of an illustrated story keeps one between every two
#: paragraphs; neighbours read past it as past an ad label.
CREDIT_LINE = regex.compile(
    r"\(?[ \t]*(?:photo(?:graph)?s?|images?|pictures?|illustrations?|artists?|artwork|sources?|credits?|"
    r"fotos?|bild(?:er)?|crédits?|fotografías?|imagen|immagine|фото|снимка|kuva|φωτογραφία|صورة|"
    r"图片|圖片|写真|画像|사진)(?:[ \t]+(?:by|credit|courtesy|de|von|di))?[ \t]*[:：][ \t]*\S[^\n]*|"
    r"\(?[ \t]*(?:photo|image|picture|illustration|artwork)[ \t]+(?:by|courtesy(?:[ \t]+of)?)[ \t]+\S[^\n]*",
    regex.IGNORECASE,
)
#: A credit line holds at most this many characters and words (and ends without a stop:
#: ``Source: the 2021 census, table 4.`` is a sentence).
CREDIT_MAX_CHARS, CREDIT_MAX_WORDS = 80, 8


def _ad_labels(rows: list[int], texts: list[str]) -> set[int]:
    """The page's rows that are only an ad label (``AD_LABELS``, any case, an
    optional trailing colon or dash) or a picture's credit line (``CREDIT_LINE``).

    >>> sorted(_ad_labels([0, 1, 2, 3], ["Advertisement", "A paragraph.", "ANZEIGE -", "Ads by Google"]))
    [0, 2]
    >>> sorted(_ad_labels([0, 1, 2, 3], ["(Artist: Lightningarts)", "Photo by Ana Ruiz", "Source: the 2021 census, "
    ...                                  "table 4, as published.", "Photo"]))
    [0, 1]
    """
    out = set()
    for r in rows:
        text = texts[r]
        if len(text) <= 48 and " ".join(text.strip(" \t\n:-–—·|").split()).casefold() in AD_LABELS:
            out.add(r)
        elif (len(text) <= CREDIT_MAX_CHARS and len(text.split()) <= CREDIT_MAX_WORDS
              and not text.rstrip().endswith((".", "!", "?")) and CREDIT_LINE.fullmatch(text.strip())):
            out.add(r)
    return out


def _past(position: dict[int, int], i: int, step: int, skip: set[int]):
    """The nearest row from paragraph ``i`` in direction ``step`` that is not in
    ``skip`` (None at a gap in the paragraph indices or the page's end).

    >>> _past({0: 10, 1: 11, 2: 12, 3: 13}, 3, -1, {12, 11})
    10
    """
    j = i + step
    while True:
        row = position.get(j)
        if row is None or row not in skip:
            return row
        j += step


#: Rule names of the page-context boilerplate spans (``_with_page_spans``).
AFTER_ARTICLE = "after_article"
AFTER_HEADLINE = "after_headline"
#: ... and it is one of at least this many such lines adjacent on the page (a list of
#: teasers; an informal post's last line, ``Talk to you later GT``, stands alone or
#: after lines of two sentences).
AFTER_HEADLINE_RUN = 2
#: A sentence end followed by more text: the line holds two sentences.
_INNER_SENTENCE_END = regex.compile(r"[.!?。！？…](?:[\"'”’»)\]])*\s+\S")
TEASER_LIST = "teaser_list"
#: Headline-like lines adjacent on the page that make a ``teaser_list``.
TEASER_LIST_MIN = 4
TEASER_RUN = "teaser_run"
TEASER_RUN_MIN = 5
#: Rule name of the page-context spacing span, and the spacing rules it corroborates.
PAGE_PATTERN = "page_pattern"
_PATTERN_RULES = frozenset({"before_comma", "before_period", "before_punct", "spaced_mark", "after_open"})
#: A page shows the pattern when at least this many of its paragraphs carry one of
#: ``_PATTERN_RULES``, and this share of all its paragraphs or of its running-text ones
#: (at least ``PAGE_PATTERN_WORDS`` words, or twice as many CJK characters: a page's
#: menus and link lists do not dilute that share).
PAGE_PATTERN_MIN, PAGE_PATTERN_SHARE, PAGE_PATTERN_WORDS = 3, 0.10, 8
_KNOWN, _PROSE_BEFORE, _PROSE_AFTER = (CONTEXT_NAMES.index(n) for n in ("ctx_known", "ctx_prose_before", "ctx_prose_after"))


def _with_page_spans(frame: pd.DataFrame, texts: list[str], ctx: np.ndarray, spans: list,
                     ends: np.ndarray | None = None, langs: Sequence[str] | None = None) -> list:
    """Add the spans that page context gives to headline-like lines
    (``features.boilerplate.looks_like_headline``), by where they sit relative to the
    article's run of prose paragraphs:

    - ``boilerplate/after_article``: after the article's last prose paragraph.
      Naive scrapes put teasers of other articles, "most popular" lists and link
      titles there: 97% of such lines on the readability test pages are furniture.
      One sentence that is no question, next to another such line, gets
      ``boilerplate/after_headline`` instead (decisive in the packaged model): an
      article may end on a short paragraph of two sentences or on a question
      (``Pourquoi nous occupons-nous de ce problème ?``), a forum post on a line
      without a stop; a list of teasers is headlines one after the other.
    - ``boilerplate/teaser_list``: before its first prose paragraph, one of at least
      ``TEASER_LIST_MIN`` such lines adjacent on the page (menus, trending lists). A
      lone line there is as often the article's own title.
    - ``boilerplate/teaser_run``: between prose paragraphs, one of at least
      ``TEASER_RUN_MIN`` such lines adjacent on the page (a sidebar of links inside the
      article's run of prose). Lists and subheadings of the article have this shape
      too, so it only lowers the threshold.

    Rows without page context get nothing. Spacing evidence repeated across the page
    gets ``spacing/page_pattern`` (``_with_spacing_pattern``); a code block split one
    token per line gets ``leaked_code/token_run`` (``qa.model.token_runs``); the page's
    ``<title>`` (its headline, which another row holds, and the site's name) gets
    ``boilerplate/page_title`` and the heading it repeats the marker
    ``boilerplate/article_title``, which rules boilerplate out (``qa.model.page_titles``,
    ``qa.model.decisions.ROW_VETOES``), as the cells of a data table split one per
    paragraph get the marker ``boilerplate/table_cell`` (``qa.model.data_tables``); sentences broken into
    paragraphs across the page get ``truncated/wrapped_page``, and a sentence whose
    break is evident from its two pieces ``truncated/split_sentence``
    (``_with_wrapped_page``, with ``ends``: per row, does it end like a sentence, and
    ``langs``).

    >>> ctx = np.zeros((6, len(CONTEXT_NAMES)))
    >>> ctx[:, _KNOWN] = 1.0
    >>> ctx[:4, _PROSE_AFTER] = 1.0          # four lines before the article's prose
    >>> ctx[5, _PROSE_BEFORE] = 1.0          # one line after it
    >>> texts = ["Google removes features from Assistant", "Discord lays off 17 percent of staff",
    ...          "Rabbit sells out its pocket AI companion", "Why was a Viking woman buried with a ring?",
    ...          "The article's long prose paragraph ...", "Most popular stories this week in tech"]
    >>> frame = pd.DataFrame({"doc_id": ["p"] * 6, "paragraph": range(6)})
    >>> [[s.rule for s in row] for row in _with_page_spans(frame, texts, ctx, [()] * 6)]
    [['teaser_list'], ['teaser_list'], ['teaser_list'], ['teaser_list'], [], ['after_article']]
    """
    out = list(spans)
    known = ctx[:, _KNOWN] > 0
    if not known.any():
        return out
    page = _Page.of(frame)
    out = _with_spacing_pattern(page, texts, known, out)
    rows = np.flatnonzero(known)
    runs = _adjacent_runs(page, rows)
    for r in token_run_rows(texts, runs):
        out[r] = tuple(out[r]) + (Span(0, len(texts[r]), "leaked_code", TOKEN_RUN),)
    for r in table_cell_rows(texts, runs):  # a marker (decisions.ROW_VETOES): a table's cell is no furniture
        out[r] = tuple(out[r]) + (Span(0, len(texts[r]), "boilerplate", TABLE_CELL),)
    if ends is not None:  # a marker (decisions.ROW_VETOES): an article's contents and headings are no furniture
        prose = np.zeros(len(texts), dtype=bool)  # (rows without page context are in no run)
        for r in rows[ends[rows]]:
            prose[r] = len(texts[r]) + wide_count(texts[r][:PROSE_MIN_CHARS]) >= PROSE_MIN_CHARS
        contents = [r for r in contents_rows(texts, runs, prose) if not any(s.label == "boilerplate" for s in out[r])]
        for r in contents:
            out[r] = tuple(out[r]) + (Span(0, len(texts[r]), "boilerplate", CONTENTS),)
    else:
        contents = []
    titles, headlines = page_titles(texts, _page_rows(page, rows))
    for r in titles:
        out[r] = tuple(out[r]) + (Span(0, len(texts[r]), "boilerplate", PAGE_TITLE),)
    for r in headlines:  # a marker (decisions.ROW_VETOES): the article's title is no furniture
        out[r] = tuple(out[r]) + (Span(0, len(texts[r]), "boilerplate", ARTICLE_TITLE),)
    if ends is not None:
        out = _with_wrapped_page(page, texts, known, ends, out, langs)
    after = known & (ctx[:, _PROSE_BEFORE] > 0) & (ctx[:, _PROSE_AFTER] == 0)
    before = known & (ctx[:, _PROSE_BEFORE] == 0) & (ctx[:, _PROSE_AFTER] > 0)
    inside = known & (ctx[:, _PROSE_BEFORE] > 0) & (ctx[:, _PROSE_AFTER] > 0)
    head = np.zeros(len(texts), dtype=bool)
    for i in np.flatnonzero(after | before | inside):
        head[i] = looks_like_headline(texts[i])
    listed = _in_runs(page, head & before, TEASER_LIST_MIN)
    within = _in_runs(page, head & inside, TEASER_RUN_MIN)
    one = np.zeros(len(texts), dtype=bool)
    for i in np.flatnonzero(head & after):
        one[i] = _one_headline(texts[i])
    after_run = _in_runs(page, head & after & one, AFTER_HEADLINE_RUN)
    head[headlines] = False  # the article's own title (the page's <title> repeats it) counts in
    head[contents] = False
    for i in np.flatnonzero(head & (after | listed | within)):  # a run, but is no teaser
        rule = AFTER_ARTICLE if after[i] else TEASER_LIST if listed[i] else TEASER_RUN
        if rule == AFTER_ARTICLE and after_run[i]:
            rule = AFTER_HEADLINE
        out[i] = tuple(out[i]) + (Span(0, len(texts[i]), "boilerplate", rule),)
    return out


def _one_headline(text: str) -> bool:
    """One sentence, no question: no sentence end inside, no question mark at the end.

    >>> _one_headline("Apple and HBO announce HBO Now with a new trailer"), _one_headline("What next?")
    (True, False)
    >>> _one_headline("Notre groupe les approuvera donc. Pourquoi nous occupons-nous de ce problème ?")
    False
    """
    text = text.strip()
    return not text.endswith(("?", "？", "؟")) and _INNER_SENTENCE_END.search(text) is None


class _Page(NamedTuple):
    """Where each row of a frame sits: its page (``doc_id``), its paragraph index and
    its page position (``pos``, else the index).

    >>> page = _Page.of(pd.DataFrame({"doc_id": list("aaab"), "paragraph": [0, 1, 2, 0], "pos": [0, 1, 5, 0]}))
    >>> page.adjacent(0, 1), page.adjacent(1, 2), page.adjacent(2, 3)
    (True, False, False)
    >>> page.shows(np.ones(4, bool), np.array([True, True, False, True]), least=2, share=0.5).tolist()
    [True, True, False, False]
    """

    doc: list[str]
    index: list[int]
    pos: list[float]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> "_Page":
        doc = frame["doc_id"].astype(str).tolist()
        index = frame["paragraph"].fillna(-1).astype(int).tolist()
        pos = pd.to_numeric(frame["pos"], errors="coerce").fillna(-1).tolist() if "pos" in frame else index
        return cls(doc, index, pos)

    def order(self, rows) -> list[int]:
        """``rows`` by page, then by paragraph index."""
        return sorted(rows, key=lambda r: (self.doc[r], self.index[r]))

    def adjacent(self, a: int, b: int) -> bool:
        """Is row ``b`` the paragraph right after row ``a`` on the same page (page
        positions at most 1 apart, so a sample of a page's rows rarely is)?"""
        return (self.doc[a] == self.doc[b] and self.index[b] == self.index[a] + 1
                and 0 <= self.pos[b] - self.pos[a] <= 1)

    def shows(self, known: np.ndarray, marked: np.ndarray, least: int, share: float) -> np.ndarray:
        """Per row: is it marked, on a page where at least ``least`` of the rows with
        page context, and ``share`` of them, are marked?"""
        marked = known & marked
        size = Counter(self.doc[r] for r in np.flatnonzero(known))
        shown = Counter(self.doc[r] for r in np.flatnonzero(marked))
        return np.array([bool(m) and shown[d] >= least and shown[d] >= share * size[d] for d, m in zip(self.doc, marked)],
                        dtype=bool)


def _with_spacing_pattern(page: _Page, texts: list[str], known: np.ndarray, spans: list) -> list:
    """Add ``spacing/page_pattern`` to the spacing evidence of paragraphs whose page
    repeats it: a space before a comma, stop or closing bracket, or after an opening
    one (``_PATTERN_RULES``) in at least ``PAGE_PATTERN_MIN`` paragraphs of the page
    and ``PAGE_PATTERN_SHARE`` of them, or of its running-text paragraphs (menus and
    link lists do not dilute the share then). An extractor that joins inline
    nodes with a space leaves ``word ,`` wherever a link ended before a comma, across
    the page (in the build's extractor output, a median 15% of the page's
    paragraphs); a writer's typo stays rare even in a long thread (a Russian
    treebank's comment thread: 6% of 331 paragraphs). Every paragraph of such a page
    with the pattern gets the span, on its first such space.

    >>> from features.spans import Span
    >>> text = "The minister , who spoke on Monday, said the talks would go on."
    >>> sp = [(Span(12, 14, "spacing", "before_comma"),)] * 3 + [()] * 7
    >>> page = _Page.of(pd.DataFrame({"doc_id": ["p"] * 10, "paragraph": range(10)}))
    >>> [[s.rule for s in row] for row in _with_spacing_pattern(page, [text] * 10, np.ones(10, bool), sp)][:4]
    [['before_comma', 'page_pattern'], ['before_comma', 'page_pattern'], ['before_comma', 'page_pattern'], []]
    >>> page = _Page.of(pd.DataFrame({"doc_id": ["p"] * 40, "paragraph": range(40)}))
    >>> _with_spacing_pattern(page, [text] * 40, np.ones(40, bool), sp + [()] * 30)[0]
    (Span(start=12, end=14, label='spacing', rule='before_comma'),)
    >>> menus = [text] * 10 + ["Home", "News", "Sport"] * 10     # short lines do not dilute
    >>> _with_spacing_pattern(page, menus, np.ones(40, bool), sp + [()] * 30)[0][-1].rule
    'page_pattern'
    """
    first = [next((s for s in row if s.label == "spacing" and s.rule in _PATTERN_RULES), None) for row in spans]
    marked = np.array([f is not None for f in first], dtype=bool)
    if not (known & marked).any():
        return spans
    shows = (page.shows(known, marked, PAGE_PATTERN_MIN, PAGE_PATTERN_SHARE)
             | page.shows(known & _running(texts), marked, PAGE_PATTERN_MIN, PAGE_PATTERN_SHARE))
    pages = {page.doc[i] for i in np.flatnonzero(shows)}
    out = list(spans)
    for i in np.flatnonzero(known & marked):
        if page.doc[i] in pages:
            out[i] = tuple(out[i]) + (Span(first[i].start, first[i].end, "spacing", PAGE_PATTERN),)
    return out


def _running(texts: list[str]) -> np.ndarray:
    """Per row: is it running text, ``PAGE_PATTERN_WORDS`` words or more (twice as
    many CJK characters)? A page's share of a pattern is also counted over these, so
    that its menus and link lists do not dilute it.

    >>> _running(["Home", "The minister said on Monday that the talks would go on.", "天氣" * 8]).tolist()
    [False, True, True]
    """
    return np.array([len(t.split()) >= PAGE_PATTERN_WORDS or wide_count(t) >= 2 * PAGE_PATTERN_WORDS
                     for t in texts], dtype=bool)


#: Rule name of the page-context truncation span, and when a page shows it: at least
#: this many paragraphs, and this share of them, on either side of a broken sentence.
WRAPPED_PAGE = "wrapped_page"
#: Rule name of the truncation span of one evident break (``_with_wrapped_page``).
SPLIT_SENTENCE = "split_sentence"
WRAPPED_MIN, WRAPPED_SHARE = 5, 0.20
_LOWER_START = regex.compile(r"\s*\p{Ll}")
_FIRST_WORD = regex.compile(r"\s*\S+")


def _with_wrapped_page(page: _Page, texts: list[str], known: np.ndarray, ends: np.ndarray, spans: list,
                       langs: Sequence[str] | None = None) -> list:
    """Add ``truncated/wrapped_page`` where a page breaks sentences into paragraphs
    again and again: a paragraph that ends without a sentence end, followed on the
    page by one that starts lowercase, is one sentence cut in two (an extractor
    splitting at the page source's hard line breaks). When at least ``WRAPPED_MIN``
    paragraphs of a page, and ``WRAPPED_SHARE`` of them, sit on either side of such a
    break, each of them gets the span on its cut edge (the last word before the
    break, the first word after it). A lone break proves little: a heading followed
    by a lowercase list item, informal text without stops. It does prove the cut
    when the first piece ends on a function word, or as prose and the next piece ends
    the sentence (``features.truncation.runs_on``): both pieces then get ``truncated/split_sentence``
    on their cut edges, on any page, a wrapped one too (``get_text("\\n")`` breaking a paragraph where
    a link or an emphasis sat: ``... don't seem to understand that`` + ``regulations
    exist for a reason.``).

    >>> texts = ["similar to the Xbox One S, except it has an", "entirely matte black case and",
    ...          "a faster GPU. It ships in", "November for most buyers and", "costs less than the", "old model."]
    >>> page = _Page.of(pd.DataFrame({"doc_id": ["p"] * 6, "paragraph": range(6)}))
    >>> ends = np.array([False, False, False, False, False, True])
    >>> out = _with_wrapped_page(page, texts, np.ones(6, bool), ends, [()] * 6)
    >>> [[texts[i][s.start:s.end] for s in row] for i, row in enumerate(out)][:2]
    [['an'], ['entirely', 'and']]
    >>> out[5][0].start == 0 and len(out[5]) == 1
    True
    >>> texts = ["Related stories", "Uber and its supporters don't seem to understand that",
    ...          "regulations exist for a reason.", "Results and discussion", "was the headline."]
    >>> page = _Page.of(pd.DataFrame({"doc_id": ["p"] * 5, "paragraph": range(5)}))
    >>> out = _with_wrapped_page(page, texts, np.ones(5, bool), np.array([False, False, True, False, True]),
    ...                          [()] * 5, ["en"] * 5)
    >>> [[(texts[i][s.start:s.end], s.rule) for s in row] for i, row in enumerate(out)]
    [[], [('that', 'split_sentence')], [('regulations', 'split_sentence')], [], []]
    """
    order = page.order(np.flatnonzero(known))
    cut_end = np.zeros(len(texts), dtype=bool)
    cut_start = np.zeros(len(texts), dtype=bool)
    evident_end = np.zeros(len(texts), dtype=bool)
    evident_start = np.zeros(len(texts), dtype=bool)
    for a, b in zip(order, order[1:]):
        if page.adjacent(a, b) and not ends[a] and texts[a].strip() and _LOWER_START.match(texts[b]):
            cut_end[a] = cut_start[b] = True
            how = runs_on(texts[a], langs[a] if langs is not None else "und")
            if how == "function_word" or (how == "prose" and ends[b]):
                evident_end[a] = evident_start[b] = True
    out = list(spans)
    wrapped = page.shows(known, cut_end | cut_start, WRAPPED_MIN, WRAPPED_SHARE)
    for r in np.flatnonzero(wrapped | evident_end | evident_start):
        # an evident cut is split_sentence on any page; a page that shows the pattern
        # adds wrapped_page on its other cuts
        added = []
        rule = _cut_rule(evident_start[r], cut_start[r] and wrapped[r])
        if rule:
            m = _FIRST_WORD.match(texts[r])
            added.append(Span(m.end() - len(m.group().lstrip()), m.end(), "truncated", rule))
        rule = _cut_rule(evident_end[r], cut_end[r] and wrapped[r])
        if rule:
            end = len(texts[r].rstrip())
            start = max(texts[r].rfind(c, 0, end) for c in " \t\n\r\u00a0") + 1
            added.append(Span(start, end, "truncated", rule))
        out[r] = tuple(out[r]) + tuple(added)
    return out


def _cut_rule(evident: bool, on_wrapped_page: bool) -> str:
    """The rule of a cut edge's span: ``split_sentence`` when the cut is evident
    (decisive), else ``wrapped_page`` on a page that shows the pattern, else none.

    >>> _cut_rule(True, True), _cut_rule(False, True), _cut_rule(False, False)
    ('split_sentence', 'wrapped_page', '')
    """
    return SPLIT_SENTENCE if evident else (WRAPPED_PAGE if on_wrapped_page else "")


def _page_rows(page: _Page, rows) -> list[list[int]]:
    """``rows`` grouped by page, each group in page order.

    >>> page = _Page.of(pd.DataFrame({"doc_id": list("abab"), "paragraph": [0, 0, 1, 1]}))
    >>> _page_rows(page, [3, 2, 1, 0])
    [[0, 2], [1, 3]]
    """
    groups: dict[str, list[int]] = {}
    for r in page.order(rows):
        groups.setdefault(page.doc[r], []).append(r)
    return list(groups.values())


def _adjacent_runs(page: _Page, rows) -> list[list[int]]:
    """``rows`` in page order, split where two are not adjacent on their page.

    >>> page = _Page.of(pd.DataFrame({"doc_id": list("aaab"), "paragraph": [0, 1, 2, 0], "pos": [0, 1, 5, 0]}))
    >>> _adjacent_runs(page, [3, 2, 1, 0])
    [[0, 1], [2], [3]]
    """
    runs: list[list[int]] = []
    for r in page.order(rows):
        if runs and page.adjacent(runs[-1][-1], r):
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _in_runs(page: _Page, member: np.ndarray, least: int) -> np.ndarray:
    """Per row: is it one of at least ``least`` members adjacent on their page
    (``_Page.adjacent``)?

    >>> page = _Page.of(pd.DataFrame({"doc_id": list("aaaab"), "paragraph": [0, 1, 2, 3, 0], "pos": [0, 1, 5, 6, 0]}))
    >>> _in_runs(page, np.array([True, True, True, True, True]), 2).tolist()
    [True, True, True, True, False]
    """
    out = np.zeros(len(member), dtype=bool)
    for run in _adjacent_runs(page, np.flatnonzero(member)):
        if len(run) >= least:
            out[run] = True
    return out


def _prose_rows(texts: list[str], base: np.ndarray, cols: dict[str, int]) -> np.ndarray:
    """Per row, True when it reads as article prose: long, ending like a
    sentence, with no boilerplate or code rule firing.

    Naive scrapes hold the article as one run of such paragraphs, with page
    furniture before and after it: where a paragraph sits relative to that run
    is the strongest page-level sign of boilerplate.
    """
    out = np.zeros(len(texts), dtype=bool)
    end = cols.get("textstats_ends_with_terminator")
    rules = [cols[n] for n in ("boilerplate_rule_count", "code_region_share") if n in cols]
    for i, text in enumerate(texts):
        if len(text) < PROSE_MIN_CHARS // 2:
            continue
        size = len(text) + wide_count(text[:PROSE_MIN_CHARS])
        if size < PROSE_MIN_CHARS or (end is not None and base[i, end] < 0.5):
            continue
        out[i] = not any(base[i, j] > 0 for j in rules)
    return out


def _content_block(row: np.ndarray, i: int, prose_at: list[int], is_prose: bool, members: int) -> None:
    """Fill the content-block features of paragraph ``i`` (in place).

    ``prose_at`` holds the indices of the document's prose paragraphs; the
    paragraph itself is left out, so its own text does not decide its context.

    >>> row = np.zeros(len(CONTEXT_NAMES))
    >>> _content_block(row, 5, [2, 5, 8], True, 4)
    >>> dict(zip(CONTEXT_NAMES[8:12], row[8:12].round(2).tolist()))
    {'ctx_prose_share': 0.67, 'ctx_prose_before': 1.0, 'ctx_prose_after': 1.0, 'ctx_inside_prose': 1.0}
    """
    others = [j for j in prose_at if j != i] if is_prose else prose_at
    before = any(j < i for j in others)
    after = any(j > i for j in others)
    row[8] = len(others) / max(1, members - 1)
    row[9] = float(before)
    row[10] = float(after)
    row[11] = float(before and after)


def _page_distance(row: np.ndarray, pos: float, prose_pos: list[float], is_prose: bool, extent: float) -> None:
    """Fill the page-position features (in place): how far, in page positions,
    the paragraph is from the nearest other prose paragraph (log; -1 when the
    page shows none), its own position and the span of positions seen.

    Page furniture sits far from the article's run of prose; a sample of a
    page's rows keeps those distances even when few rows are seen.

    >>> row = np.zeros(len(CONTEXT_NAMES))
    >>> _page_distance(row, 300.0, [40.0, 45.0], False, 5.7)
    >>> round(float(row[12]), 2), round(float(row[13]), 2)
    (5.55, 5.71)
    """
    others = list(prose_pos)
    if is_prose and pos in others:
        others.remove(pos)
    row[12] = math.log1p(min(abs(p - pos) for p in others)) if others else -1.0
    row[13] = math.log1p(max(0.0, pos))
    row[14] = extent


def _as_frame(X) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        if "text" not in X:
            raise ValueError("the frame needs a 'text' column")
        return X
    return pd.DataFrame({"text": list(X)})


def _languages(frame: pd.DataFrame, texts: list[str]) -> list[str]:
    if "lang" in frame:
        langs = frame["lang"].fillna("und").astype(str).tolist()
        return [lang if lang and lang != "nan" else detect(t) for lang, t in zip(langs, texts)]
    return [detect(t) for t in texts]
