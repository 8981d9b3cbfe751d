"""Decisions on top of the probabilities: thresholds, span support, false-alarm budgets.

The model gives one probability per label. What gets flagged is decided here,
from development rows:

- ``Fired``: which evidence (a label, or ``label/rule``) fired on each row;
- ``choose_span_support``: a factor per label or rule; where that evidence
  fired, the label is flagged from factor x threshold;
- ``rule_statistics`` / ``decisive_rules``: hand-written rules precise and
  silent on clean text over all labelled rows flag their label on their own;
- ``fpr_groups`` / ``fit_union``: raise thresholds until every group of clean
  rows (scraped text, edited text, each language) stays under its cap;
- ``choose_language_thresholds``: lower a label's threshold in a language whose
  clean rows allow it.

Evidence is first ``explained``: code and mis-decoded text are full of stray
punctuation and glued words, so splice and spacing spans inside leaked code, or
anywhere in a mis-decoded paragraph, support no label.

>>> import numpy as np
>>> t = dict({label: 0.5 for label in LABELS}, any=0.9)
>>> P = np.array([[0.1, 0.6, 0.1, 0.1, 0.1, 0.1], [0.1] * 6])
>>> _decided(P, P.max(axis=1), Fired.from_key_sets([frozenset(), frozenset()]), t, {}).tolist()
[True, False]
"""

from __future__ import annotations

import math

from dataclasses import dataclass

import numpy as np

from qa.labels import LABELS
from qa.model.metrics import label_report

__all__ = [
    "Fired",
    "UNSUPPORTED_FLOORS",
    "ALSO_SUPPORTED_BY",
    "unsupported",
    "unsupported_row",
    "explained",
    "span_keys",
    "SPAN_FACTORS",
    "threshold_matrix",
    "any_thresholds",
    "choose_span_support",
    "reported_without_vetoed",
    "LABEL_EXCLUSIONS",
    "without_excluded",
    "excluded_labels",
    "reported_without_excluded",
    "rule_statistics",
    "decisive_rules",
    "choose_language_thresholds",
    "raise_language_thresholds",
    "hold_edited",
    "fpr_groups",
    "fit_union",
]


@dataclass(frozen=True)
class Fired:
    """Which evidence fired on each row: one 0/1 column per key, where a key is a
    label (any of its rules) or ``label/rule``.

    >>> from features.spans import Span
    >>> f = Fired.from_spans([(Span(0, 1, "spliced", "byline"),), ()])
    >>> f.keys, f.column("spliced/byline").tolist(), f.column("spacing").tolist()
    (('spliced', 'spliced/byline'), [True, False], [False, False])
    """

    matrix: np.ndarray
    keys: tuple[str, ...]

    @classmethod
    def from_spans(cls, spans) -> "Fired":
        return cls.from_key_sets([span_keys(row) for row in spans])

    @classmethod
    def from_key_sets(cls, key_sets) -> "Fired":
        keys = tuple(sorted(set().union(*key_sets))) if key_sets else ()
        index = {k: j for j, k in enumerate(keys)}
        M = np.zeros((len(key_sets), len(keys)), dtype=bool)
        for i, row in enumerate(key_sets):
            for k in row:
                M[i, index[k]] = True
        return cls(M, keys)

    def column(self, key: str) -> np.ndarray:
        """The rows where ``key`` fired (all False for a key never seen)."""
        if key not in self.keys:
            return np.zeros(len(self.matrix), dtype=bool)
        return self.matrix[:, self.keys.index(key)]

    def rules(self) -> list[str]:
        """The ``label/rule`` keys of evidence (markers left out)."""
        return [k for k in self.keys if "/" in k and k not in MARKER_KEYS]

    def key_sets(self) -> list[frozenset[str]]:
        """Per row, the keys that fired."""
        keys = np.asarray(self.keys, dtype=object)
        return [frozenset(keys[row]) for row in self.matrix]

    def subset(self, rows) -> "Fired":
        """The rows selected by a boolean mask (or index array), keys kept.

        >>> Fired.from_key_sets([frozenset({"spacing"}), frozenset()]).subset([False, True]).matrix.tolist()
        [[False]]
        """
        return Fired(self.matrix[np.asarray(rows)], self.keys)

    @classmethod
    def concat(cls, *parts: "Fired") -> "Fired":
        """Rows of several ``Fired`` one after the other."""
        return cls.from_key_sets([k for part in parts for k in part.key_sets()])


#: Families whose evidence explains away the ``EXPLAINED_LABELS`` evidence.
EXPLAINING_LABELS = ("leaked_code", "mojibake")
EXPLAINED_LABELS = ("spliced", "spacing")


def explained(spans) -> tuple:
    """The spans left once leaked code and mojibake explain splice and spacing
    evidence: splice/spacing spans overlapping a leaked-code span, and all of them
    in a paragraph with mojibake evidence, are dropped. (A code blob cut at a byte
    limit is still truncated, so other families stay.)

    >>> from features.spans import Span
    >>> spans = (Span(0, 5, "spliced", "glue_script"), Span(10, 40, "leaked_code", "code_region"),
    ...          Span(20, 21, "spacing", "before_punct"))
    >>> [s.rule for s in explained(spans)]
    ['glue_script', 'code_region']
    """
    code = [(s.start, s.end) for s in spans if s.label == "leaked_code"]
    mojibake = any(s.label == "mojibake" for s in spans)
    if not code and not mojibake:
        return tuple(spans)
    return tuple(
        s for s in spans
        if s.label not in EXPLAINED_LABELS or not (mojibake or any(s.start < e and b < s.end for b, e in code))
    )


#: Evidence that a whole paragraph is code (``qa.model.token_runs``): splices and
#: spacing are not judged inside it, whatever the label models say (``3\n,`` is a code
#: token split from its comma, not a spacing defect).
CODE_ROW_KEYS = ("leaked_code/token_run",)
#: The article's own heading, which the page's ``<title>`` repeats
#: (``qa.model.page_titles``): a heading of the content, not furniture. Its span is a
#: marker, not evidence of a defect: the scorer does not show it.
ARTICLE_TITLE_KEY = "boilerplate/article_title"
#: A cell of a data table split one cell per paragraph (``qa.model.data_tables``): the
#: article's content, however much it reads like a menu entry alone. A marker too.
TABLE_CELL_KEY = "boilerplate/table_cell"
#: An entry of the article's table of contents, or the heading it lists
#: (``qa.model.contents``). A marker too.
CONTENTS_KEY = "boilerplate/contents"
MARKER_KEYS = frozenset({ARTICLE_TITLE_KEY, TABLE_CELL_KEY, CONTENTS_KEY})
#: Evidence too common in clean writing to stand for its label alone: it is shown and
#: keyed (``label/rule``), but it neither supports its label nor lowers its threshold.
#: A space before ``; : ! ?`` outside French (``spacing/spaced_mark``): in the clean
#: legacy-encoded text of ``chardet_mojibake`` it made 84 of 187 rows flagged spacing
#: (Korean, Hungarian, Hebrew, Greek informal writing: ``드라마 버젼 !``), against 2
#: spacing defects of real extractor output that had no other evidence.
WEAK_KEYS = frozenset({"spacing/spaced_mark"})
#: Row evidence that rules labels out, whatever the label models say: the key, and
#: the labels it rules out. (The any-defect score alone still flags the row, unless
#: the label it reads most like is ruled out: ``withheld_any``.)
ROW_VETOES: dict[str, tuple[str, ...]] = {
    **{key: EXPLAINED_LABELS for key in CODE_ROW_KEYS},
    ARTICLE_TITLE_KEY: ("boilerplate",),
    TABLE_CELL_KEY: ("boilerplate",),
    CONTENTS_KEY: ("boilerplate",),
}
_VETO_MASKS = {key: np.isin(LABELS, labels) for key, labels in ROW_VETOES.items()}


def vetoed(spans) -> np.ndarray:
    """Per label (in ``LABELS`` order): is it ruled out in this row (``ROW_VETOES``)?

    >>> from features.spans import Span
    >>> vetoed((Span(0, 3, "leaked_code", "token_run"),)).tolist()
    [False, False, True, True, False, False]
    >>> vetoed((Span(0, 3, "boilerplate", "article_title"),)).tolist(), bool(vetoed(()).any())
    ([False, True, False, False, False, False], False)
    """
    out = np.zeros(len(LABELS), dtype=bool)
    for s in spans:
        mask = _VETO_MASKS.get(f"{s.label}/{s.rule}")
        if mask is not None:
            out |= mask
    return out


def shown(spans) -> tuple:
    """The spans to show users: evidence of defects, without markers (``MARKER_KEYS``).

    >>> from features.spans import Span
    >>> [s.rule for s in shown((Span(0, 3, "boilerplate", "article_title"), Span(0, 3, "spacing", "x")))]
    ['x']
    """
    return tuple(s for s in spans if f"{s.label}/{s.rule}" not in MARKER_KEYS)


def reported_without_vetoed(probs: np.ndarray, score: float, spans) -> tuple[np.ndarray, float]:
    """The reported probabilities and score of one row once row evidence has ruled
    labels out (``ROW_VETOES``): a ruled-out label reads 0, and the score is at most
    the likeliest label left. A table cell that the boilerplate model finds
    menu-like is reported with the score of what it may still be, so that reports
    sorted or filtered by score agree with its labels.

    >>> from features.spans import Span
    >>> p = np.array([0.01, 0.9, 0.02, 0.05, 0.1, 0.0])
    >>> q, s = reported_without_vetoed(p, 0.92, (Span(0, 3, "boilerplate", "table_cell"),))
    >>> q.tolist(), s
    ([0.01, 0.0, 0.02, 0.05, 0.1, 0.0], 0.1)
    >>> reported_without_vetoed(p, 0.92, ())[1]
    0.92
    """
    veto = vetoed(spans)
    if not veto.any():
        return probs, score
    out = np.where(veto, 0.0, probs)
    return out, min(float(score), float(out.max(initial=0.0)))


def _vetoed_matrix(fired: "Fired", n: int) -> np.ndarray:
    """n x labels: the labels that row evidence rules out (``ROW_VETOES``)."""
    out = np.zeros((n, len(LABELS)), dtype=bool)
    for key, mask in _VETO_MASKS.items():
        rows = fired.column(key)
        if rows.any():
            out[np.ix_(rows, mask)] = True
    return out


def withheld_any(P: np.ndarray, fired: "Fired", T: np.ndarray) -> np.ndarray:
    """Per row: is the any-defect score's alarm withheld, because the label the row
    reads most like (the highest probability over threshold) is one that row evidence
    rules out? A table cell that the any-defect model finds furniture-like is no more
    defective than its boilerplate label says (``Scorer.decide`` does the same).

    >>> from features.spans import Span
    >>> P = np.full((2, len(LABELS)), 0.1); P[:, LABELS.index("boilerplate")] = 0.9
    >>> fired = Fired.from_spans([(Span(0, 3, "boilerplate", "table_cell"),), ()])
    >>> withheld_any(P, fired, threshold_matrix(dict.fromkeys(LABELS, 0.5), 2)).tolist()
    [True, False]
    """
    best = np.argmax(P / T, axis=1)
    return _vetoed_matrix(fired, len(P))[np.arange(len(P)), best]


def _without_vetoed(pred: np.ndarray, fired: "Fired") -> np.ndarray:
    """``pred`` with the labels that row evidence rules out cleared (``ROW_VETOES``),
    and those that a label given rules out (``LABEL_EXCLUSIONS``)."""
    return without_excluded(pred & ~_vetoed_matrix(fired, len(pred)))


#: Labels that rule others out once given. A paragraph of leaked code is judged as
#: code: the spaces around its punctuation (``#hovercard h3 a,``, ``var s_topic="1625"``
#: then ``,s_business_reference=`` on the next line) are its layout, not a spacing
#: defect of prose. (Spacing spans inside a leaked-code span are dropped by
#: ``explained``; this also covers code the label model finds without a span.) In
#: every extractor's output of the readability test pages, 20 of the 23 rows flagged
#: both were no spacing defect, and 8 of 8 on the development pages; the 3 that were
#: are credit lines the model took for code. Splices stay: footer links glued
#: together before a leaked JSON blob (the seed page's last line) are both.
LABEL_EXCLUSIONS: dict[str, tuple[str, ...]] = {"leaked_code": ("spacing",)}
_EXCLUSIONS = [(LABELS.index(a), [LABELS.index(b) for b in bs]) for a, bs in LABEL_EXCLUSIONS.items()]


def without_excluded(pred: np.ndarray) -> np.ndarray:
    """n x labels predictions with the labels that another given label rules out
    cleared (``LABEL_EXCLUSIONS``).

    >>> pred = np.zeros((2, len(LABELS)), bool)
    >>> pred[:, LABELS.index("spacing")] = True
    >>> pred[0, LABELS.index("leaked_code")] = True
    >>> without_excluded(pred)[:, LABELS.index("spacing")].tolist()
    [False, True]
    """
    out = np.array(pred, dtype=bool, copy=True)
    for a, bs in _EXCLUSIONS:
        for b in bs:
            out[:, b] &= ~out[:, a]
    return out


def reported_without_excluded(probs: np.ndarray, labels) -> np.ndarray:
    """The reported probabilities of one row with those of the labels that its given
    ``labels`` rule out (``LABEL_EXCLUSIONS``) at 0, so that a shown probability over
    its shown threshold still means the label is given.

    >>> reported_without_excluded(np.array([0.9, 0.1, 0.2, 0.8, 0.1, 0.0]), ("leaked_code",)).tolist()
    [0.9, 0.1, 0.2, 0.0, 0.1, 0.0]
    """
    gone = _ruled_out_by(labels)
    if not gone:
        return probs
    return np.where(np.isin(LABELS, sorted(gone)), 0.0, probs)


def excluded_labels(labels: tuple[str, ...]) -> tuple[str, ...]:
    """``labels`` (of one row) without those another of them rules out.

    >>> excluded_labels(("leaked_code", "spacing", "truncated")), excluded_labels(("spacing",))
    (('leaked_code', 'truncated'), ('spacing',))
    """
    gone = _ruled_out_by(labels)
    return tuple(label for label in labels if label not in gone)


def _ruled_out_by(labels) -> set[str]:
    """The labels that the given ``labels`` rule out (``LABEL_EXCLUSIONS``)."""
    return {b for label in labels for b in LABEL_EXCLUSIONS.get(label, ())}


#: Labels that need evidence: without a span of the label (or of a label in
#: ``ALSO_SUPPORTED_BY``) in the row, the label is given only from this probability
#: (raw, as thresholds are), whatever its threshold. A splice or a spacing defect is a
#: place in the text: with no span there is nothing to show, and the model's
#: evidence-free guesses fall on clean shapes it never saw (a question followed by its
#: answer, a list of short CJK lines). On real text (extractor output, dev_gold, the
#: treebanks, clean legacy-encoded text), none of the 30 rows flagged spliced without a
#: splice span was a splice, and 1 of the 16 flagged spacing without one was a spacing
#: defect. (The synthesizer's glued furniture and script blobs were found without
#: splice spans, so the build's own DEV rows lose splice recall.) A truncation's end is
#: partly left to the model (a heading and a cut sentence both lack a stop), so a
#: confident one stands without a span: the unsupported ones flagged on edited text
#: (French sentences that start ``à 6 mois``, ``l'incidence``) score 0.45-0.65, the cut
#: sentences of extractor output 0.7-0.8.
UNSUPPORTED_FLOORS: dict[str, float] = {"spliced": math.inf, "spacing": math.inf, "truncated": 0.7}
#: Other labels whose evidence also supports a label: the end of a code blob (code cut
#: at a size limit) is the model's call, as no truncation rule reads code.
ALSO_SUPPORTED_BY: dict[str, tuple[str, ...]] = {"truncated": ("leaked_code",)}
_FLOOR_LABELS = tuple(
    (LABELS.index(label), (label, *ALSO_SUPPORTED_BY.get(label, ())), floor)
    for label, floor in UNSUPPORTED_FLOORS.items()
)


def unsupported(P: np.ndarray, fired: "Fired") -> np.ndarray:
    """n x labels: True where a label of ``UNSUPPORTED_FLOORS`` has no supporting
    span in the row and its probability is under the floor (the label cannot be given).

    >>> P = np.array([[0.1, 0.1, 0.9, 0.1, 0.6, 0.1]] * 3)
    >>> f = Fired.from_key_sets([frozenset(), frozenset({"spliced", "truncated"}), frozenset({"leaked_code"})])
    >>> unsupported(P, f).astype(int).tolist()
    [[0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 0, 0], [0, 0, 1, 1, 0, 0]]
    """
    P = np.asarray(P)
    out = np.zeros(P.shape, dtype=bool)
    for j, supporters, floor in _FLOOR_LABELS:
        supported = np.zeros(len(P), dtype=bool)
        for key in supporters:
            supported |= fired.column(key)
        out[:, j] = ~supported & (P[:, j] < floor)
    return out


def unsupported_row(probs: np.ndarray, spans) -> np.ndarray:
    """``unsupported`` for one row, from its spans (as ``span_keys`` reads them).

    >>> from features.spans import Span
    >>> unsupported_row(np.full(6, 0.8), (Span(0, 3, "spacing", "before_comma"),)).tolist()
    [False, False, True, False, False, False]
    """
    return unsupported(np.asarray(probs, dtype=float)[None, :], Fired.from_spans([spans]))[0]


def span_keys(spans) -> frozenset[str]:
    """Keys of the evidence in one row (after ``explained``): each span's label and
    ``label/rule``; a marker or weak evidence (``MARKER_KEYS``, ``WEAK_KEYS``) gives
    its ``label/rule`` alone.

    >>> from features.spans import Span
    >>> sorted(span_keys((Span(0, 2, "spacing", "spaced_mark"),)))
    ['spacing/spaced_mark']
    >>> sorted(span_keys((Span(0, 2, "spacing", "spaced_mark"), Span(5, 7, "spacing", "before_comma"))))
    ['spacing', 'spacing/before_comma', 'spacing/spaced_mark']
    """
    out = set()
    for span in explained(spans):
        if span.label in LABELS:
            key = f"{span.label}/{span.rule}"
            out.add(key)
            if key not in MARKER_KEYS and key not in WEAK_KEYS:  # no evidence of its label alone
                out.add(span.label)
    return frozenset(out)


#: Factors tried for span support: a label is also predicted when one of its
#: evidence spans fires and its probability reaches factor x threshold.
SPAN_FACTORS = (1.0, 0.9, 0.8, 0.7, 0.5, 0.35, 0.2, 0.0)


def threshold_matrix(thresholds, n: int, langs=None, lang_thresholds=None) -> np.ndarray:
    """n x labels thresholds: each label's, or its language's where one was chosen.

    >>> t = {label: 0.5 for label in LABELS}
    >>> threshold_matrix(t, 2, ["en", "bg"], {"bg": {"spacing": 0.3}})[:, LABELS.index("spacing")].tolist()
    [0.5, 0.3]
    """
    T = np.tile(np.array([thresholds[label] for label in LABELS], dtype=float), (n, 1))
    if lang_thresholds and langs is not None:
        langs = np.asarray(langs)
        for lang, overrides in lang_thresholds.items():
            rows = langs == lang
            for label, t in overrides.items():
                if label in LABELS:
                    T[rows, LABELS.index(label)] = t
    return T


def any_thresholds(thresholds, n: int, langs=None, lang_thresholds=None) -> np.ndarray:
    """Per row, the any-defect threshold: the global one, or its language's.

    >>> any_thresholds({"any": 0.75}, 3, ["en", "fr", "xx"], {"fr": {"any": 0.7, "spacing": 0.3}}).tolist()
    [0.75, 0.7, 0.75]
    """
    t = np.full(n, float(thresholds["any"]))
    if lang_thresholds and langs is not None:
        langs = np.asarray(langs)
        for lang, overrides in lang_thresholds.items():
            if "any" in overrides:
                t[langs == lang] = overrides["any"]
    return t


def _with_support(P, fired: Fired, thresholds, support, T=None) -> np.ndarray:
    """n x labels predictions: over threshold, or, where a supported key fired,
    over factor x threshold (keys: a label, or ``label/rule``). ``T``: per-row
    thresholds from ``threshold_matrix`` (default: ``thresholds`` for every row)."""
    T = threshold_matrix(thresholds, len(P)) if T is None else T
    pred = P >= T
    for key, factor in support.items():
        if factor >= 1.0:
            continue
        j = LABELS.index(key.split("/", 1)[0])
        pred[:, j] |= fired.column(key) & (P[:, j] >= factor * T[:, j])
    pred &= ~unsupported(P, fired)
    return _without_vetoed(pred, fired)


def _label_f1(Yd, pred, rows, j) -> float:
    return label_report(Yd[rows, j], pred[rows, j].astype(float), 0.5)["f1"]


def choose_span_support(Yd, Kd, P, fired: Fired, thresholds, clean, caps, min_gain: float = 0.005, objective=None,
                        min_rule_rows: int = 3, min_rule_precision: float = 0.67, rule_stats=None) -> dict[str, float]:
    """Span support chosen on development rows, with clean false alarms of each
    label under its cap. ``objective`` marks the rows whose F1 counts (default: all).

    First per label: the factor with the best F1 (kept at 1.0 unless it gains
    ``min_gain``). Then per rule that fired on at least ``min_rule_rows`` rows:
    the lowest factor that raises the label's F1 and whose added rows carry the
    label at least ``min_rule_precision`` of the time (and, with ``rule_stats``,
    did so over all labelled rows too).
    """
    objective = np.ones(len(P), bool) if objective is None else np.asarray(objective, bool)
    support: dict[str, float] = {}
    rows_of = {}
    for j, label in enumerate(LABELS):
        rows = Kd[:, j] & objective
        rows_of[label] = rows if Yd[rows, j].any() else Kd[:, j]
    for j, label in enumerate(LABELS):
        rows = rows_of[label]
        best_k, best_f1 = 1.0, None
        for factor in SPAN_FACTORS:
            pred = _with_support(P, fired, thresholds, {label: factor})
            if (pred[:, j] & clean).sum() / max(clean.sum(), 1) > caps[label]:
                continue
            f1 = _label_f1(Yd, pred, rows, j)
            if best_f1 is None:
                best_f1 = f1
            elif f1 >= best_f1 + min_gain:
                best_k, best_f1 = factor, f1
        support[label] = best_k
    for key in fired.rules():
        label = key.split("/", 1)[0]
        j = LABELS.index(label)
        if fired.column(key).sum() < min_rule_rows or support.get(label, 1.0) == 0.0:
            continue
        if rule_stats is not None and rule_stats.get(key, {}).get("precision", 0.0) < min_rule_precision:
            continue
        rows = rows_of[label]
        base = _with_support(P, fired, thresholds, support)
        base_f1 = _label_f1(Yd, base, rows, j)
        for factor in sorted(SPAN_FACTORS):
            if factor >= 1.0:
                break
            pred = _with_support(P, fired, thresholds, dict(support, **{key: factor}))
            added = pred[:, j] & ~base[:, j] & Kd[:, j]
            if not added.any() or (pred[:, j] & clean).sum() / max(clean.sum(), 1) > caps[label]:
                continue
            if Yd[added, j].mean() >= min_rule_precision and _label_f1(Yd, pred, rows, j) > base_f1:
                support[key] = factor
                break
    return support


def rule_statistics(fired: Fired, Y, K) -> dict[str, dict]:
    """Per ``label/rule``: how often it fired on rows that vouch for its label,
    how often those rows carry the label, and the share of clean rows it fired on.

    Measured over training and development rows: rules are written by hand, not
    fitted, so their training rows measure them fairly.
    """
    Y, K = np.asarray(Y).astype(bool), np.asarray(K).astype(bool)
    clean = ~Y.any(axis=1) & K.all(axis=1)
    out = {}
    for key in fired.rules():
        j = LABELS.index(key.split("/", 1)[0])
        col = fired.column(key)
        rows = col & K[:, j]
        n = int(rows.sum())
        out[key] = {
            "fires": n,
            "precision": round(float(Y[rows, j].mean()), 4) if n else 0.0,
            "clean_rate": round(float((col & clean).sum() / max(clean.sum(), 1)), 6),
        }
    return out


def decisive_rules(stats: dict[str, dict], min_fires: int = 10, min_precision: float = 0.9,
                   max_clean_rate: float = 0.001) -> dict[str, dict]:
    """Rules precise enough to flag their label on their own (span support 0):
    fired at least ``min_fires`` times, carried the label at least
    ``min_precision`` of the time, fired on at most ``max_clean_rate`` of clean rows.

    >>> decisive_rules({"spliced/byline": {"fires": 12, "precision": 1.0, "clean_rate": 0.0},
    ...                 "spliced/rare": {"fires": 3, "precision": 1.0, "clean_rate": 0.0}})
    {'spliced/byline': {'fires': 12, 'precision': 1.0, 'clean_rate': 0.0}}
    """
    return {
        key: st
        for key, st in stats.items()
        if st["fires"] >= min_fires and st["precision"] >= min_precision and st["clean_rate"] <= max_clean_rate
    }


def _decided(P, p_any, fired: Fired, thresholds, support, T=None, t_any=None) -> np.ndarray:
    """Rows flagged by any label (with span support) or by the any-defect score
    (over ``t_any``, per row, when given; else the global threshold; unless
    ``withheld_any``)."""
    t_any = thresholds["any"] if t_any is None else t_any
    T = threshold_matrix(thresholds, len(P)) if T is None else T
    return _with_support(P, fired, thresholds, support, T).any(axis=1) | (
        (p_any >= t_any) & ~withheld_any(P, fired, T))


def choose_language_thresholds(P, p_any, fired: Fired, Yd, Kd, clean, langs, thresholds, support, groups, caps,
                               objective=None, min_clean: int = 60, min_positive: int = 10,
                               floor: float = 0.5, margin: float = 0.67,
                               min_gain: float = 0.0, edited=None,
                               scraped_labels: tuple[str, ...] = (),
                               with_any: bool = False) -> dict[str, dict[str, float]]:
    """Lower a label's threshold in one language where that language's clean rows
    allow it: the threshold (down to ``floor`` x the global one) with the best F1
    on the language's rows, keeping every group of ``groups`` under its cap and
    the label's clean false alarms in the language under ``caps[label]``.

    Languages need ``min_clean`` clean rows and ``min_positive`` rows with the label.
    A language's few clean rows estimate its false-alarm rate loosely, so a lower
    threshold must keep the language's groups under ``margin`` x their caps, and
    must raise the F1 by at least ``min_gain``.

    ``scraped_labels``: labels whose lower threshold must also be checked on the
    language's scraped clean rows (``~edited``; at least ``min_clean`` of them).
    Treebank sentences always end with punctuation, so they cannot tell whether
    a lower ``truncated`` threshold would flag informal web text (Chinese
    posts whose sentences end without 。).

    ``with_any``: also lower the any-defect threshold (key ``"any"``) of a
    language, for the any-defect F1 of its fully known rows, under the same
    rules (``"any"`` in ``scraped_labels`` makes it need scraped clean rows too).
    English informal web text in the treebanks (e-mail sign-offs, review titles)
    scores like page furniture and holds the global threshold up; languages
    whose clean rows allow it get their own.
    """
    langs = np.asarray(langs)
    objective = np.ones(len(P), bool) if objective is None else np.asarray(objective, bool)
    chosen: dict[str, dict[str, float]] = {}
    fully_known = np.asarray(Kd).all(axis=1) | np.asarray(Yd).any(axis=1)
    defective = np.asarray(Yd).any(axis=1)
    for lang in sorted(set(langs.tolist())):
        in_lang = langs == lang
        lang_clean = clean & in_lang
        if lang_clean.sum() < min_clean:
            continue
        scraped_checked = edited is None or (lang_clean & ~np.asarray(edited, bool)).sum() >= min_clean
        for j, label in enumerate(LABELS):
            rows = in_lang & Kd[:, j] & objective
            if Yd[rows, j].sum() < min_positive:
                continue
            if label in scraped_labels and not scraped_checked:
                continue
            t_global = thresholds[label]
            T = threshold_matrix(thresholds, len(P), langs, chosen)
            t_any = any_thresholds(thresholds, len(P), langs, chosen)
            base_f1 = _label_f1(Yd, _with_support(P, fired, thresholds, support, T), rows, j)
            candidates = np.unique(np.round(P[rows & (P[:, j] < t_global) & (P[:, j] >= floor * t_global), j], 4))

            def label_trial(t, j=j, label=label, rows=rows, T=T, t_any=t_any):
                T[in_lang, j] = t
                pred = _with_support(P, fired, thresholds, support, T)
                flagged = pred.any(axis=1) | (p_any >= t_any)
                if (pred[:, j] & lang_clean).sum() / lang_clean.sum() > margin * caps[label] or _over(
                        flagged, groups, in_lang, margin):
                    return None
                return _label_f1(Yd, pred, rows, j)

            best_t = _best_lower(candidates, label_trial, base_f1, min_gain)
            if best_t is not None:
                chosen.setdefault(lang, {})[label] = round(best_t, 4)
        rows = in_lang & fully_known & objective
        if not with_any or defective[rows].sum() < min_positive or ("any" in scraped_labels and not scraped_checked):
            continue
        T = threshold_matrix(thresholds, len(P), langs, chosen)
        labelled = _with_support(P, fired, thresholds, support, T).any(axis=1)
        t_any = any_thresholds(thresholds, len(P), langs, chosen)
        t_global = thresholds["any"]
        base_f1 = _any_f1(defective, labelled | (p_any >= t_any), rows)
        candidates = np.unique(np.round(p_any[rows & (p_any < t_global) & (p_any >= floor * t_global)], 4))

        def any_trial(t, rows=rows, t_any=t_any, labelled=labelled):
            t_any[in_lang] = t
            flagged = labelled | (p_any >= t_any)
            if (flagged & lang_clean).sum() / lang_clean.sum() > margin * caps["any"] or _over(
                    flagged, groups, in_lang, margin):
                return None
            return _any_f1(defective, flagged, rows)

        best_t = _best_lower(candidates, any_trial, base_f1, min_gain)
        if best_t is not None:
            chosen.setdefault(lang, {})["any"] = round(best_t, 4)
    return chosen


def _best_lower(candidates, trial, base_f1: float, min_gain: float) -> float | None:
    """The candidate threshold, tried from high to low, with the best F1 (``trial(t)``),
    if it beats ``base_f1`` by ``min_gain``; else None. ``trial`` returns None when a
    cap is exceeded: lower thresholds only add false alarms, so the search stops.

    >>> _best_lower([0.2, 0.3, 0.4], lambda t: {0.4: 0.5, 0.3: 0.7, 0.2: None}[t], 0.4, 0.02)
    0.3
    """
    best_t, best_f1 = None, base_f1
    for t in list(candidates)[::-1]:
        f1 = trial(t)
        if f1 is None:
            break
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t if best_t is not None and best_f1 >= base_f1 + min_gain else None


def _over(flagged, groups, in_lang, margin: float) -> bool:
    """Whether a group of clean rows is over its cap (``margin`` x the cap for the groups of ``in_lang``'s rows)."""
    return any(
        (flagged & g).sum() / max(g.sum(), 1) > (margin * cap if (g & in_lang).any() else cap) for g, cap in groups
    )


def _any_f1(defective, flagged, rows) -> float:
    return label_report(defective[rows], flagged[rows].astype(float), 0.5)["f1"]


def fpr_groups(clean, langs, edited, cap: float, edited_cap: float, min_lang_clean: int = 150,
               min_lang_edited: int = 60) -> list[tuple[np.ndarray, float]]:
    """Groups of clean rows whose false-alarm rate is capped, with their caps.

    Scraped clean text (article paragraphs, headings, captions) may be flagged
    up to ``cap``, overall and per language; edited clean text (``edited`` rows:
    treebank prose) up to ``edited_cap``, overall and per language.

    >>> clean = np.array([True, True, False, True]); langs = np.array(["en", "en", "en", "fr"])
    >>> [(int(m.sum()), c) for m, c in fpr_groups(clean, langs, np.array([0, 0, 0, 1], bool), 0.05, 0.02, 1, 1)]
    [(2, 0.05), (2, 0.05), (1, 0.02), (1, 0.02)]
    """
    langs = np.asarray(langs)
    edited = np.asarray(edited, bool)
    groups = []
    for part, part_cap, min_rows in ((clean & ~edited, cap, min_lang_clean), (clean & edited, edited_cap, min_lang_edited)):
        if not part.any():
            continue
        groups.append((part, part_cap))
        for lang in np.unique(langs[part]):
            mask = part & (langs == lang)
            if mask.sum() >= min_rows:
                groups.append((mask, part_cap))
    return groups


def fit_union(P, p_any, fired, groups, thresholds, span_rules, defective, max_steps=300):
    """Raise thresholds until, in every group of clean rows, the share flagged by
    ANY label stays under the group's cap (``groups`` from ``fpr_groups``).

    Each label's threshold is chosen alone; their false alarms add up. At each
    step, among the labels (and the any-defect score) that flag clean rows of the
    group furthest over its cap, the one whose next step (dropping a tenth of its
    false alarms there) loses fewest flagged defective rows per false alarm
    removed moves up; a span rule is switched off the same way.
    """
    thresholds, span_rules = dict(thresholds), dict(span_rules)
    defective = np.asarray(defective, bool)
    names = list(LABELS) + ["any"]
    scores = np.column_stack([P, p_any])
    for _ in range(max_steps):
        if not groups:
            break
        flagged = _decided(P, p_any, fired, thresholds, span_rules)
        worst, worst_cap = max(groups, key=lambda g: (flagged & g[0]).sum() / max(g[0].sum(), 1) / g[1])
        if (flagged & worst).sum() / max(worst.sum(), 1) <= worst_cap:
            break
        options = []
        for key, factor in span_rules.items():
            if factor < 1.0:
                options.append((key, "span", thresholds, dict(span_rules, **{key: 1.0})))
        for j, name in enumerate(names):
            above = np.sort(scores[worst & (scores[:, j] >= thresholds[name]), j])
            if len(above) and thresholds[name] < 0.99:
                cut = above[min(len(above) - 1, max(1, len(above) // 10))]
                trial = dict(thresholds, **{name: float(min(0.99, max(cut, thresholds[name] + 1e-4)))})
                options.append((name, "threshold", trial, span_rules))
        if not options:
            break
        best, best_key = None, None
        for name, kind, trial_t, trial_r in options:
            after = _decided(P, p_any, fired, trial_t, trial_r)
            fp_removed = int((flagged & ~after & worst).sum())
            tp_lost = int((flagged & ~after & defective).sum())
            # Rows flagged by several criteria only clear when all move: when no
            # single step clears a false alarm, move the criterion with most.
            own = int((worst & (fired.column(name) if kind == "span" else scores[:, names.index(name)] >= thresholds[name])).sum())
            key = (0, tp_lost / fp_removed) if fp_removed else (1, -own)
            if best_key is None or key < best_key:
                best, best_key = (trial_t, trial_r), key
        thresholds, span_rules = dict(best[0]), dict(best[1])
    return thresholds, span_rules


def raise_any_threshold(P, p_any, fired: Fired, thresholds, support, groups, T=None, applies=None,
                        others=None) -> float:
    """The lowest any-defect threshold, at least ``thresholds["any"]``, at which every
    group of clean rows (``groups`` from ``fpr_groups``) is flagged no more than its
    cap, or than its labels alone flag it when they already pass the cap.
    ``applies`` (a row mask, default every row): the rows the threshold is for; the
    others are flagged at their own any-defect thresholds ``others`` (per row).

    Used when the any-defect model reads page context: its threshold was chosen on
    rows scored with mixed context, and clean edited text scored as whole documents
    must still stay under its cap.

    >>> P = np.zeros((4, len(LABELS))); p_any = np.array([0.2, 0.76, 0.8, 0.9])
    >>> t = {**{label: 0.5 for label in LABELS}, "any": 0.75}
    >>> raise_any_threshold(P, p_any, Fired.from_key_sets([frozenset()] * 4), t, {}, [(np.ones(4, bool), 0.25)])
    0.9
    """
    base = _with_support(P, fired, thresholds, support, T).any(axis=1)
    if applies is not None:
        applies = np.asarray(applies, bool)
        base |= ~applies & (p_any >= np.asarray(others, dtype=float))
    else:
        applies = np.ones(len(P), bool)
    limits = _limits(base, groups)
    t0 = float(thresholds["any"])
    for t in [t0, *sorted(set(p_any[applies & (p_any > t0)].tolist())), float("inf")]:
        flagged = base | (applies & (p_any >= t))
        if all(flagged[mask].mean() <= cap for mask, cap in limits):
            return 1.0 if math.isinf(t) else min(math.ceil(t * 1e4) / 1e4, 1.0)  # rounded up: 4 decimals kept
    return 1.0


def _decided_by_language(P, p_any, fired: Fired, thresholds, support, langs, lang_thresholds) -> np.ndarray:
    """``_decided`` with each language's own thresholds (labels and any-defect)."""
    T = threshold_matrix(thresholds, len(P), langs, lang_thresholds)
    return _decided(P, p_any, fired, thresholds, support, T, any_thresholds(thresholds, len(P), langs, lang_thresholds))


def raise_language_thresholds(P, p_any, fired: Fired, thresholds, support, lang_thresholds, langs, edited, cap: float,
                              defective, objective, min_edited: int = 60, max_steps: int = 50,
                              keys: tuple[str, ...] = (*LABELS, "any")) -> dict:
    """``lang_thresholds`` with thresholds raised in each language whose clean
    ``edited`` rows are flagged more than ``cap``: one step at a time, the raise
    (of the any-defect threshold or of one label's, just past a flagged edited row's
    probability) that keeps the best any-defect F1 on the language's ``objective``
    rows (``defective`` marks their truth), until the language is under ``cap``.
    Rows that a decisive rule flags stay flagged. Languages need ``min_edited`` edited rows.
    ``keys`` names the thresholds that may be raised (labels, ``"any"``).

    >>> P = np.zeros((4, len(LABELS))); j = LABELS.index("spacing")
    >>> P[:, j] = [0.45, 0.2, 0.6, 0.1]
    >>> t = {**{label: 0.4 for label in LABELS}, "any": 0.9}
    >>> edited = np.array([1, 1, 0, 0], bool); objective = ~edited; defective = np.array([0, 0, 1, 0], bool)
    >>> raise_language_thresholds(P, np.zeros(4), Fired.from_key_sets([frozenset({"spacing"})] * 4), t, {}, {}, ["en"] * 4,
    ...                           edited, 0.0, defective, objective, min_edited=1)
    {'en': {'spacing': 0.4501}}
    """
    langs = np.asarray(langs)
    out = {lang: dict(v) for lang, v in (lang_thresholds or {}).items()}
    for lang in sorted(set(langs[edited].tolist())):
        rows = langs == lang
        group = rows & edited
        if group.sum() < min_edited:
            continue
        own = out.setdefault(lang, {})

        def flagged(extra):
            return _decided_by_language(P, p_any, fired, thresholds, support, langs, {lang: {**own, **extra}})

        for _ in range(max_steps):
            now = flagged({})
            if now[group].mean() <= cap:
                break
            best = None
            for key in keys:
                current = float(own.get(key, thresholds[key]))
                values = p_any[group & now] if key == "any" else P[group & now, LABELS.index(key)]
                for value in np.unique(values[values >= current]):
                    step = {key: math.ceil(float(value) * 1e4 + 1) / 1e4}  # just past a flagged row
                    trial = flagged(step)
                    if trial[group].sum() < now[group].sum():
                        break  # the smallest raise of this threshold that clears an edited row
                else:
                    continue  # other labels (or decisive rules) keep every such row flagged
                score = _any_f1(defective, trial, rows & objective) if (rows & objective).any() else 0.0
                if best is None or score > best[0]:
                    best = (score, step)
            if best is None:
                break
            own.update(best[1])
        if not own:
            del out[lang]
    return out


def _limits(base, groups) -> list[tuple[np.ndarray, float]]:
    """Each non-empty group's cap, or its rate under ``base`` flags when that is already higher."""
    return [(mask, max(cap, float(base[mask].mean()))) for mask, cap in groups if mask.any()]


def hold_edited(P, p_any, fired: Fired, thresholds, support, lang_thresholds, langs, edited, label: str,
                before: float, min_edited: int = 60) -> dict:
    """``lang_thresholds`` with ``label`` raised back (at most to ``before``, its
    threshold before a lowering) in each language where the lowering flags clean
    ``edited`` rows that were not flagged before: the lowest such threshold that
    flags none of them. Languages need ``min_edited`` edited rows (and keep a
    threshold of their own for ``label`` when they have one).

    Holding back only to a cap (say 1.6% of the rows) overfits a language's few
    edited rows: chosen on half of the unseen English treebank rows, such a hold
    flagged 6% of the other half, against 2.7% for this one.

    >>> P = np.zeros((4, len(LABELS))); j = LABELS.index("truncated")
    >>> P[:, j] = [0.5, 0.1, 0.5, 0.1]
    >>> t = {**{label: 0.4 for label in LABELS}, "any": 0.9}
    >>> edited = np.array([1, 1, 1, 1], bool); langs = ["en", "en", "fr", "fr"]
    >>> fired = Fired.from_key_sets([frozenset({"truncated"})] * 4)
    >>> hold_edited(P, np.zeros(4), fired, t, {}, {"fr": {"truncated": 0.6}}, langs, edited, "truncated", 0.6, 1)
    {'fr': {'truncated': 0.6}, 'en': {'truncated': 0.5001}}
    """
    j = LABELS.index(label)
    langs = np.asarray(langs)
    out = {lang: dict(v) for lang, v in (lang_thresholds or {}).items()}
    for lang in sorted(set(langs[edited].tolist())):
        group = edited & (langs == lang)
        if group.sum() < min_edited or label in out.get(lang, {}):
            continue

        def flagged(value):
            trial = {**out, lang: {**out.get(lang, {}), label: value}}
            return _decided_by_language(P, p_any, fired, thresholds, support, langs, trial)[group].sum()

        limit = flagged(before)
        if flagged(float(thresholds[label])) <= limit:
            continue
        values = P[group, j]
        for value in np.unique(values[(values >= thresholds[label]) & (values < before)]):
            step = min(before, math.ceil(float(value) * 1e4 + 1) / 1e4)  # just past an edited row
            if flagged(step) <= limit:
                out.setdefault(lang, {})[label] = step
                break
        else:
            out.setdefault(lang, {})[label] = before
    return out


def lower_for_target(P, p_any, fired: Fired, thresholds, support, label: str, target, defective, target_cap: float,
                     groups, T=None, floor: float = 0.5, any_for=None, follows=None) -> float:
    """A lower threshold for ``label``: the one (between ``floor`` x its threshold and
    the threshold; rows whose language has a lower one keep it) that gives the best
    any-defect F1 on the ``target`` rows while
    their clean rows stay flagged at most ``target_cap`` and every group of clean
    rows (``groups``, e.g. edited documents) at most its cap (or its rate at the
    current threshold, if higher). The threshold itself when nothing lower helps.
    ``any_for(thresholds, T)``, when given, is the any-defect threshold that goes with
    a trial's label thresholds (say, the one raised until edited documents are under
    their cap), so that a label and the any-defect score are chosen together; it may
    return one threshold per row. ``follows`` (a row mask, default every row): the
    rows whose threshold the lowering sets (rows scored with page context); the
    others keep their ``T``.

    >>> P = np.zeros((6, len(LABELS))); j = LABELS.index("boilerplate")
    >>> P[:, j] = [0.9, 0.55, 0.5, 0.45, 0.3, 0.52]
    >>> t = {**{label: 0.6 for label in LABELS}, "any": 0.99}
    >>> target = np.array([1, 1, 1, 1, 1, 0], bool); defective = np.array([1, 1, 1, 0, 0, 0], bool)
    >>> edited = np.array([0, 0, 0, 0, 0, 1], bool)
    >>> fired = Fired.from_key_sets([frozenset()] * 6)
    >>> lower_for_target(P, np.zeros(6), fired, t, {}, "boilerplate", target, defective, 0.5, [(edited, 0.0)])
    0.55
    """
    j = LABELS.index(label)
    t0 = float(thresholds[label])
    T = threshold_matrix(thresholds, len(P)) if T is None else np.array(T, dtype=float)
    base = _decided(P, p_any, fired, thresholds, support, T, None if any_for is None else any_for(thresholds, T))
    limits = _limits(base, groups)
    clean_target = target & ~defective

    follows = np.ones(len(P), bool) if follows is None else np.asarray(follows, bool)

    def trial(c):
        trial_T = T.copy()
        # a language's own lower threshold stays, and so do rows that do not follow
        trial_T[:, j] = np.where(follows, np.minimum(T[:, j], c), T[:, j])
        trial_thresholds = dict(thresholds, **{label: c})
        t_any = None if any_for is None else any_for(trial_thresholds, trial_T)
        flagged = _decided(P, p_any, fired, trial_thresholds, support, trial_T, t_any)
        if clean_target.any() and flagged[clean_target].mean() > target_cap:
            return None
        if any(flagged[mask].mean() > cap for mask, cap in limits):
            return None
        return _any_f1(defective, flagged, target)

    candidates = sorted({float(v) for v in P[target & follows, j] if floor * t0 <= v < t0})
    best = _best_lower(candidates, trial, _any_f1(defective, base, target), 0.0)
    return t0 if best is None else best
