"""Train the default model: per-label calibrated gradient boosting.

``train_model`` fits, on the training frame, one calibrated
``HistGradientBoostingClassifier`` per label plus one for "any defect", then
picks per-label thresholds on the development frame: the best F1 whose
false-positive rate stays under a cap overall and in every language.

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
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier

import features
from qa.context import RepeatCounter
from qa.labels import LABELS
from qa.model.dataset import context_frame, known_matrix, label_matrix
from qa.model.featurize import ParagraphFeaturizer
from qa.model.metrics import choose_threshold, evaluate

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
        ("any", 0.045),
    )
    #: Weight, in the any-defect model, of clean rows that vouch for some labels only.
    partial_clean_weight: float = 0.3
    drop_context_share: float = 0.5
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


def _transform_chunk(args):
    featurizer, chunk = args
    X, spans, langs = featurizer.transform_with_spans(chunk)
    return X


def featurize_frame(featurizer: ParagraphFeaturizer, ctx: pd.DataFrame, workers: int = 1) -> np.ndarray:
    """Feature matrix for ``ctx`` (rows in order), whole documents per worker."""
    ctx = _with_repeat(ctx) if "repeat" not in ctx else ctx
    if workers <= 1 or len(ctx) < 2000:
        return featurizer.transform(ctx)
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
    X = np.zeros((len(ctx), results[0].shape[1]), dtype=np.float32)
    for rows, part in zip(order, results):
        X[rows] = part
    return X


def _classifier(opts: TrainOptions) -> CalibratedClassifierCV:
    base = HistGradientBoostingClassifier(
        max_iter=opts.max_iter,
        learning_rate=opts.learning_rate,
        max_leaf_nodes=opts.max_leaf_nodes,
        l2_regularization=1.0,
        max_bins=127,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=15,
        random_state=opts.seed,
    )
    return CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)


def positive_proba(clf, X: np.ndarray) -> np.ndarray:
    """Probability of the positive class, also for a model fitted on one class."""
    proba = clf.predict_proba(X)
    classes = list(clf.classes_)
    if 1 in classes:
        return proba[:, classes.index(1)]
    return np.zeros(len(X))


def _fit(opts: TrainOptions, X: np.ndarray, y: np.ndarray, weight: np.ndarray):
    """A calibrated classifier on the rows with weight > 0, or a constant one when
    ``y`` has one class there."""
    rows = weight > 0
    X, y, weight = X[rows], y[rows], weight[rows]
    if y.min() == y.max():
        return DummyClassifier(strategy="prior").fit(X, y)
    return _classifier(opts).fit(X, y, sample_weight=weight)


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


def train_model(train: pd.DataFrame, dev: pd.DataFrame, opts: TrainOptions = TrainOptions(), log=print):
    """Fit the model; return ``(bundle, manifest_fields)``.

    ``train`` and ``dev`` are frames from ``qa.model.dataset`` (text, lang,
    labels, doc_id, pos). The bundle is what ``qa.model.store.save_model`` writes.
    """
    t_start = time.monotonic()
    featurizer = ParagraphFeaturizer().fit(train)
    log(f"featurizing {len(train)} training rows ({opts.workers} workers)")
    X = featurize_frame(featurizer, context_frame(train, opts.drop_context_share, opts.seed), opts.workers)
    Y = label_matrix(train)
    K = known_matrix(train)
    log(f"  done in {time.monotonic() - t_start:.1f}s; featurizing {len(dev)} development rows")
    Xd = featurize_frame(featurizer, context_frame(dev, opts.drop_context_share, opts.seed + 1), opts.workers)
    Yd = label_matrix(dev)
    Kd = known_matrix(dev)
    clean_d = ~Yd.any(axis=1)
    langs = dev["lang"].tolist()
    caps = dict(opts.max_fpr)
    estimators, thresholds = {}, {}
    P = np.zeros((len(dev), len(LABELS)))
    for j, label in enumerate(LABELS):
        log(f"fitting {label}: {int(Y[:, j].sum())} positives of {int(K[:, j].sum())} rows")
        t0 = time.monotonic()
        clf = _fit(opts, X, Y[:, j], K[:, j].astype(float))
        estimators[label] = clf
        P[:, j] = positive_proba(clf, Xd)
        thresholds[label] = choose_threshold(
            Yd[:, j], P[:, j], langs, caps[label], negatives=clean_d & Kd.all(axis=1), usable=Kd[:, j]
        )
        log(f"  {time.monotonic() - t0:.1f}s, threshold {thresholds[label]:.3f}")
    y_any = Y.any(axis=1).astype(int)
    w_any = np.where(K.all(axis=1) | (y_any == 1), 1.0, opts.partial_clean_weight)
    log(f"fitting any-defect: {int(y_any.sum())} positives")
    any_clf = _fit(opts, X, y_any, w_any)
    p_any = np.maximum(positive_proba(any_clf, Xd), P.max(axis=1))
    fully_known = Kd.all(axis=1) | Yd.any(axis=1)
    thresholds["any"] = choose_threshold(
        Yd.any(axis=1), p_any, langs, caps["any"], negatives=clean_d & Kd.all(axis=1), usable=fully_known
    )
    metrics = evaluate(Yd, P, p_any, LABELS, thresholds, langs, Kd)
    log("permutation importances")
    rng = np.random.default_rng(opts.seed)
    sample = rng.choice(len(dev), size=min(800, len(dev)), replace=False)
    Xs = Xd[sample].copy()
    importances = {}
    for j, label in enumerate(LABELS):
        importances[label] = _importances(estimators[label], Xs, Yd[sample, j].astype(float), rng).round(5).tolist()
    importances["any"] = _importances(any_clf, Xs, Yd[sample].any(axis=1).astype(float), rng).round(5).tolist()
    clean = ~Y.any(axis=1)
    reference = {
        "median": np.median(X[clean], axis=0).round(5).tolist(),
        "scale": (np.percentile(X[clean], 90, axis=0) - np.percentile(X[clean], 10, axis=0) + 1e-3).round(5).tolist(),
    }
    bundle = {"featurizer": featurizer, "estimators": estimators, "any": any_clf}
    manifest = {
        "name": "qa-default",
        "version": _dt.date.today().isoformat(),
        "feature_set": features.FEATURE_SET_VERSION,
        "feature_names": list(featurizer.get_feature_names_out()),
        "labels": list(LABELS),
        "thresholds": {k: round(float(v), 4) for k, v in thresholds.items()},
        "importances": importances,
        "reference": reference,
        "options": {k: v for k, v in opts.__dict__.items() if k != "workers"},
        "rows": {"train": int(len(train)), "dev": int(len(dev))},
        "dev_metrics": metrics,
    }
    return bundle, manifest
