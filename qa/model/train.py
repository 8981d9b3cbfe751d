"""Train the default model: per-label calibrated gradient boosting.

``train_model`` fits a ``sklearn.pipeline.Pipeline``: the ``features`` step
(``ParagraphFeaturizer``) and the ``labels`` step (``LabelModels``: one
calibrated ``HistGradientBoostingClassifier`` per label plus one for "any
defect"). It then picks per-label thresholds on the development frame: the best
F1 whose false-positive rate stays under a cap overall and in every language,
then a joint false-alarm budget (scraped and edited clean text capped apart).

Everything is seeded: the same data and seed give the same model.
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

import features
from qa.context import RepeatCounter
from qa.labels import LABELS
from qa.model.dataset import context_frame, known_matrix, label_matrix
from qa.model.featurize import ParagraphFeaturizer
from qa.model.labelmodel import LabelModels
from qa.model.metrics import choose_threshold, evaluate, label_report
from qa.model.proba import positive_proba

__all__ = ["TrainOptions", "featurize_frame", "train_model"]


@dataclass(frozen=True)
class TrainOptions:
    """Knobs of ``qa train``; defaults are the shipped model's."""

    seed: int = 0
    #: False-positive caps on clean development rows, per label and for any
    #: defect, enforced overall and in every language with enough clean rows.
    max_fpr: tuple[tuple[str, float], ...] = (
        ("leaked_code", 0.005),
        ("boilerplate", 0.03),
        ("spliced", 0.01),
        ("spacing", 0.01),
        ("truncated", 0.015),
        ("mojibake", 0.005),
        ("any", 0.05),
    )
    #: Development rows from these sources are edited prose (treebanks): their
    #: clean rows may be flagged at most ``max_edited_fpr``, per language.
    edited_sources: tuple[str, ...] = ("ud",)
    max_edited_fpr: float = 0.015
    #: With target rows (``qa tune --target``), the cap on other scraped clean rows is this times ``any``'s.
    proxy_fpr_factor: float = 2.0
    #: A language's own lower thresholds keep its clean rows under this x the caps.
    language_margin: float = 0.8
    #: Weight, in the any-defect model, of clean rows that vouch for some labels only.
    partial_clean_weight: float = 0.3
    #: Shares of training documents scored without context and with the sparse
    #: context of a random sample of their paragraphs (the rest: whole documents).
    drop_context_share: float = 0.35
    sparse_context_share: float = 0.35
    max_iter: int = 250
    learning_rate: float = 0.1
    max_leaf_nodes: int = 31
    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))


def _with_repeat(ctx: pd.DataFrame) -> pd.DataFrame:
    counter = RepeatCounter()
    counter.observe(ctx["text"].tolist())
    out = ctx.copy()
    out["repeat"] = [counter.count(t) for t in ctx["text"]]
    return out


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
        """The ``label/rule`` keys."""
        return [k for k in self.keys if "/" in k]

    def key_sets(self) -> list[frozenset[str]]:
        """Per row, the keys that fired."""
        keys = np.asarray(self.keys, dtype=object)
        return [frozenset(keys[row]) for row in self.matrix]

    @classmethod
    def concat(cls, *parts: "Fired") -> "Fired":
        """Rows of several ``Fired`` one after the other."""
        return cls.from_key_sets([k for part in parts for k in part.key_sets()])


def span_keys(spans) -> frozenset[str]:
    """Keys of the evidence in one row: each span's label and ``label/rule``."""
    out = set()
    for span in spans:
        if span.label in LABELS:
            out.add(span.label)
            out.add(f"{span.label}/{span.rule}")
    return frozenset(out)


def _transform_chunk(args):
    featurizer, chunk = args
    X, spans, langs = featurizer.transform_with_spans(chunk)
    return X, [span_keys(row) for row in spans]


def featurize_frame(featurizer: ParagraphFeaturizer, ctx: pd.DataFrame, workers: int = 1, with_spans: bool = False):
    """Feature matrix for ``ctx`` (rows in order), whole documents per worker.

    With ``with_spans`` also return the evidence that fired on each row (``Fired``).
    """
    ctx = _with_repeat(ctx) if "repeat" not in ctx else ctx
    if workers <= 1 or len(ctx) < 2000:
        X, keys = _transform_chunk((featurizer, ctx))
        return (X, Fired.from_key_sets(keys)) if with_spans else X
    codes = pd.factorize(ctx["doc_id"])[0]
    n_chunks = workers * 8
    chunk_of = codes % n_chunks
    order, parts = [], []
    for c in range(n_chunks):
        rows = np.flatnonzero(chunk_of == c)
        if len(rows):
            order.append(rows)
            parts.append((featurizer, ctx.iloc[rows]))
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_transform_chunk, parts))
    X = np.zeros((len(ctx), results[0][0].shape[1]), dtype=np.float32)
    keys: list[frozenset] = [frozenset()] * len(ctx)
    for rows, (part, part_keys) in zip(order, results):
        X[rows] = part
        for r, k in zip(rows, part_keys):
            keys[r] = k
    return (X, Fired.from_key_sets(keys)) if with_spans else X


def _used_features(clf, n_features: int) -> list[int]:
    """Columns some tree of the boosted model splits on (all columns if unknown)."""
    try:
        used = set()
        for cal in clf.calibrated_classifiers_:
            for trees in cal.estimator._predictors:
                for tree in trees:
                    nodes = tree.nodes
                    used.update(int(f) for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"]) if not leaf)
        return sorted(used)
    except AttributeError:
        return list(range(n_features))


def _importances(clf, X: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Permutation importance (drop in mean log-likelihood) on a sample."""
    if y.sum() == 0 or y.sum() == len(y):
        return np.zeros(X.shape[1])
    eps = 1e-6

    def loglik(M):
        p = np.clip(positive_proba(clf, M), eps, 1 - eps)
        return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    base = loglik(X)
    imp = np.zeros(X.shape[1])
    for j in _used_features(clf, X.shape[1]):
        col = X[:, j].copy()
        if np.all(col == col[0]):
            continue
        X[:, j] = rng.permutation(col)
        imp[j] = max(0.0, base - loglik(X))
        X[:, j] = col
    return imp


#: Factors tried for span support: a label is also predicted when one of its
#: evidence spans fires and its probability reaches factor x threshold.
SPAN_FACTORS = (1.0, 0.7, 0.5, 0.35, 0.2, 0.0)


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
                T[rows, LABELS.index(label)] = t
    return T


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
    return pred


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


def _decided(P, p_any, fired: Fired, thresholds, support, T=None) -> np.ndarray:
    """Rows flagged by any label (with span support) or by the any-defect score."""
    return _with_support(P, fired, thresholds, support, T).any(axis=1) | (p_any >= thresholds["any"])


def choose_language_thresholds(P, p_any, fired: Fired, Yd, Kd, clean, langs, thresholds, support, groups, caps,
                               objective=None, min_clean: int = 60, min_positive: int = 10,
                               floor: float = 0.5, margin: float = 0.67) -> dict[str, dict[str, float]]:
    """Lower a label's threshold in one language where that language's clean rows
    allow it: the threshold (down to ``floor`` x the global one) with the best F1
    on the language's rows, keeping every group of ``groups`` under its cap and
    the label's clean false alarms in the language under ``caps[label]``.

    Languages need ``min_clean`` clean rows and ``min_positive`` rows with the label.
    A language's few clean rows estimate its false-alarm rate loosely, so a lower
    threshold must keep the language's groups under ``margin`` x their caps.
    """
    langs = np.asarray(langs)
    objective = np.ones(len(P), bool) if objective is None else np.asarray(objective, bool)
    chosen: dict[str, dict[str, float]] = {}
    for lang in sorted(set(langs.tolist())):
        in_lang = langs == lang
        lang_clean = clean & in_lang
        if lang_clean.sum() < min_clean:
            continue
        for j, label in enumerate(LABELS):
            rows = in_lang & Kd[:, j] & objective
            if Yd[rows, j].sum() < min_positive:
                continue
            t_global = thresholds[label]
            T = threshold_matrix(thresholds, len(P), langs, chosen)
            best_t = t_global
            best_f1 = _label_f1(Yd, _with_support(P, fired, thresholds, support, T), rows, j)
            candidates = np.unique(np.round(P[rows & (P[:, j] < t_global) & (P[:, j] >= floor * t_global), j], 4))
            for t in candidates[::-1]:
                T[in_lang, j] = t
                pred = _with_support(P, fired, thresholds, support, T)
                flagged = pred.any(axis=1) | (p_any >= thresholds["any"])
                if (pred[:, j] & lang_clean).sum() / lang_clean.sum() > margin * caps[label] or any(
                    (flagged & g).sum() / max(g.sum(), 1) > (margin * cap if (g & in_lang).any() else cap)
                    for g, cap in groups
                ):
                    break  # lower thresholds only add false alarms
                f1 = _label_f1(Yd, pred, rows, j)
                if f1 > best_f1:
                    best_t, best_f1 = float(t), f1
            if best_t < t_global:
                chosen.setdefault(lang, {})[label] = round(best_t, 4)
    return chosen


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


def choose_decisions(label_models: LabelModels, Xd, fired, dev: pd.DataFrame, opts: TrainOptions, log=print,
                     rule_stats: dict | None = None):
    """Per-label thresholds and span rules chosen on development rows, and the
    development metrics they give. Returns ``(thresholds, span_rules, language_thresholds, metrics)``.

    ``rule_stats`` (from ``rule_statistics``): decisive rules start with span
    support 0 (the joint false-alarm budget may still switch them off), and only
    rules precise over all labelled rows may get support."""
    Yd, Kd = label_matrix(dev), known_matrix(dev)
    clean = ~Yd.any(axis=1) & Kd.all(axis=1)
    langs = dev["lang"].tolist()
    # Rows whose F1 the thresholds maximise (``qa tune --target``); caps hold on all rows.
    objective = dev["objective"].to_numpy(bool) if "objective" in dev else np.ones(len(dev), bool)
    caps = dict(opts.max_fpr)
    PA = label_models.predict_proba(Xd)
    P, p_any = PA[:, :-1], PA[:, -1]
    thresholds = {}
    for j, label in enumerate(LABELS):
        thresholds[label] = choose_threshold(
            Yd[:, j], P[:, j], langs, caps[label], negatives=clean, usable=Kd[:, j], objective=objective
        )
    fully_known = Kd.all(axis=1) | Yd.any(axis=1)
    thresholds["any"] = choose_threshold(
        Yd.any(axis=1), p_any, langs, caps["any"], negatives=clean, usable=fully_known, objective=objective
    )
    span_rules = choose_span_support(Yd, Kd, P, fired, thresholds, clean, caps, objective=objective,
                                     rule_stats=rule_stats)
    for key in decisive_rules(rule_stats or {}):
        span_rules[key] = 0.0
    edited = dev["source"].isin(opts.edited_sources).to_numpy()
    if objective.all():
        groups = fpr_groups(clean, np.asarray(langs), edited, caps["any"], opts.max_edited_fpr)
    else:
        # With target rows, their clean rows hold the cap; the other scraped clean
        # rows (labelled automatically, a noisier proxy) hold a looser one.
        groups = fpr_groups(clean & objective, np.asarray(langs), edited, caps["any"], opts.max_edited_fpr,
                            min_lang_clean=60)
        groups += fpr_groups(clean & ~objective & ~edited, np.asarray(langs), edited, caps["any"] * opts.proxy_fpr_factor,
                             opts.max_edited_fpr)
    thresholds, span_rules = fit_union(
        P, p_any, fired, groups, thresholds, span_rules, defective=Yd.any(axis=1) & objective
    )
    lang_thresholds = choose_language_thresholds(
        P, p_any, fired, Yd, Kd, clean, langs, thresholds, span_rules, groups, caps, objective,
        margin=opts.language_margin,
    )
    log("thresholds: " + ", ".join(f"{k}={v:.3f}" for k, v in thresholds.items()))
    log(f"language thresholds: {lang_thresholds}")
    log(f"span support (factor x threshold when a span fires): {span_rules}")
    decided = _with_support(P, fired, thresholds, span_rules, threshold_matrix(thresholds, len(P), langs, lang_thresholds))
    metrics = evaluate(Yd, P, p_any, LABELS, thresholds, langs, Kd, decided)
    return thresholds, span_rules, lang_thresholds, metrics


def retune(pipeline: Pipeline, manifest: dict, dev: pd.DataFrame, opts: TrainOptions = TrainOptions(), log=print,
           train: pd.DataFrame | None = None) -> dict:
    """Choose thresholds and span rules again for a fitted model; return the new manifest.

    With ``train`` (the training rows), decisive rules are measured on them and ``dev``."""
    Xd, fired = featurize_frame(
        pipeline.named_steps["features"],
        context_frame(dev, opts.drop_context_share, opts.seed + 1, opts.sparse_context_share), opts.workers,
        with_spans=True,
    )
    stats = manifest.get("rule_statistics")
    if train is not None:
        _, fired_train = featurize_frame(pipeline.named_steps["features"], context_frame(train), opts.workers, with_spans=True)
        stats = _rule_stats_from(fired_train, train, fired, dev, log)
    thresholds, span_rules, lang_thresholds, metrics = choose_decisions(
        pipeline.named_steps["labels"], Xd, fired, dev, opts, log, rule_stats=stats
    )
    out = dict(manifest)
    out.update(
        thresholds={k: round(float(v), 4) for k, v in thresholds.items()},
        span_support=span_rules,
        language_thresholds=lang_thresholds,
        rule_statistics=stats,
        dev_metrics=metrics,
        options={k: v for k, v in opts.__dict__.items() if k != "workers"},
    )
    out["rows"] = dict(out.get("rows", {}), dev=int(len(dev)))
    return out


def _rule_stats_from(fired_train: Fired, train: pd.DataFrame, fired_dev: Fired, dev: pd.DataFrame, log=print) -> dict:
    fired = Fired.concat(fired_train, fired_dev)
    Y = np.vstack([label_matrix(train), label_matrix(dev)])
    K = np.vstack([known_matrix(train), known_matrix(dev)])
    stats = rule_statistics(fired, Y, K)
    log(f"decisive rules: {sorted(decisive_rules(stats))}")
    return stats


def train_model(train: pd.DataFrame, dev: pd.DataFrame, opts: TrainOptions = TrainOptions(), log=print):
    """Fit the model; return ``(pipeline, manifest_fields)``.

    ``train`` and ``dev`` are frames from ``qa.model.dataset`` (text, lang,
    labels, doc_id, pos). The pipeline is what ``qa.model.store.save_model`` writes.
    """
    t_start = time.monotonic()
    featurizer = ParagraphFeaturizer().fit(train)
    log(f"featurizing {len(train)} training rows ({opts.workers} workers)")
    train_ctx = context_frame(train, opts.drop_context_share, opts.seed, opts.sparse_context_share)
    X, fired_train = featurize_frame(featurizer, train_ctx, opts.workers, with_spans=True)
    Y = label_matrix(train)
    K = known_matrix(train)
    log(f"  done in {time.monotonic() - t_start:.1f}s; featurizing {len(dev)} development rows")
    Xd, fired = featurize_frame(
        featurizer, context_frame(dev, opts.drop_context_share, opts.seed + 1, opts.sparse_context_share),
        opts.workers, with_spans=True,
    )
    Yd = label_matrix(dev)
    label_models = LabelModels(
        labels=LABELS, max_iter=opts.max_iter, learning_rate=opts.learning_rate, max_leaf_nodes=opts.max_leaf_nodes,
        partial_clean_weight=opts.partial_clean_weight, random_state=opts.seed,
    ).fit(X, Y, known=K, log=log)
    stats = _rule_stats_from(fired_train, train, fired, dev, log)
    thresholds, span_rules, lang_thresholds, metrics = choose_decisions(
        label_models, Xd, fired, dev, opts, log, rule_stats=stats
    )
    log("permutation importances")
    rng = np.random.default_rng(opts.seed)
    sample = rng.choice(len(dev), size=min(800, len(dev)), replace=False)
    Xs = Xd[sample].copy()
    importances = {}
    for j, label in enumerate(LABELS):
        importances[label] = _importances(label_models.estimator_for(label), Xs, Yd[sample, j].astype(float), rng).round(5).tolist()
    importances["any"] = _importances(label_models.estimator_for("any"), Xs, Yd[sample].any(axis=1).astype(float), rng).round(5).tolist()
    clean = ~Y.any(axis=1)
    reference = {
        "median": np.median(X[clean], axis=0).round(5).tolist(),
        "scale": (np.percentile(X[clean], 90, axis=0) - np.percentile(X[clean], 10, axis=0) + 1e-3).round(5).tolist(),
    }
    pipeline = Pipeline([("features", featurizer), ("labels", label_models)])
    manifest = {
        "name": "qa-default",
        "version": _dt.date.today().isoformat(),
        "feature_set": features.FEATURE_SET_VERSION,
        "feature_names": list(featurizer.get_feature_names_out()),
        "labels": list(LABELS),
        "thresholds": {k: round(float(v), 4) for k, v in thresholds.items()},
        "span_support": span_rules,
        "language_thresholds": lang_thresholds,
        "rule_statistics": stats,
        "importances": importances,
        "reference": reference,
        "options": {k: v for k, v in opts.__dict__.items() if k != "workers"},
        "rows": {"train": int(len(train)), "dev": int(len(dev))},
        "dev_metrics": metrics,
    }
    return pipeline, manifest
