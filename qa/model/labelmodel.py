"""The classifier step of the model pipeline: one calibrated model per label.

``LabelModels`` follows scikit-learn's estimator contract. ``fit(X, Y)`` takes
the feature matrix and an ``n x len(labels)`` 0/1 matrix; ``predict_proba(X)``
returns one column per label plus a last column, ``any``: the probability that
the paragraph has some defect (at least that of its likeliest label).

Each label gets a ``HistGradientBoostingClassifier`` wrapped in a sigmoid
``CalibratedClassifierCV``. ``known`` (same shape as ``Y``) says which labels a
row vouches for: a feed row known only to be correctly decoded teaches the
mojibake model and no other.

>>> import numpy as np
>>> X = np.array([[0.0], [0.1], [0.9], [1.0]] * 10)
>>> Y = np.array([[0, 0], [0, 0], [1, 0], [1, 0]] * 10)
>>> m = LabelModels(labels=("a", "b"), max_iter=5).fit(X, Y)
>>> m.predict_proba(X).shape, list(m.outputs_)
((40, 3), ['a', 'b', 'any'])
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier

from qa.labels import LABELS
from qa.model.proba import positive_proba

__all__ = ["LabelModels"]


class LabelModels(ClassifierMixin, BaseEstimator):
    """Per-label calibrated gradient boosting plus an any-defect model.

    Parameters
    ----------
    labels:
        Names of the columns of ``Y``.
    max_iter, learning_rate, max_leaf_nodes:
        Passed to each ``HistGradientBoostingClassifier``.
    partial_clean_weight:
        Weight, in the any-defect model, of clean rows that vouch for some labels only.
    random_state:
        Seed of every boosted model.
    increasing:
        Per output (a label or ``"any"``), feature columns whose effect may only
        raise its probability (scikit-learn's ``monotonic_cst``): a line repeated
        across the corpus is no less likely to be furniture than a unique one.
    """

    def __init__(self, labels: tuple[str, ...] = LABELS, max_iter: int = 250, learning_rate: float = 0.1,
                 max_leaf_nodes: int = 31, partial_clean_weight: float = 0.3, random_state: int = 0,
                 increasing: dict | None = None):
        self.labels = labels
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.partial_clean_weight = partial_clean_weight
        self.random_state = random_state
        self.increasing = increasing

    def _classifier(self, n_features: int = 0, output: str = "") -> CalibratedClassifierCV:
        cst = None
        columns = (self.increasing or {}).get(output, ())
        if columns:
            cst = np.zeros(n_features, dtype=int)
            cst[list(columns)] = 1
        base = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=1.0,
            max_bins=127,
            early_stopping=True,
            validation_fraction=0.1,
            n_iter_no_change=15,
            random_state=self.random_state,
            monotonic_cst=cst,
        )
        return CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)

    def _fit_one(self, X: np.ndarray, y: np.ndarray, weight: np.ndarray, output: str = ""):
        """A calibrated classifier on the rows with weight > 0, or a constant one
        when ``y`` has one class there."""
        rows = weight > 0
        X, y, weight = X[rows], y[rows], weight[rows]
        if len(y) == 0 or y.min() == y.max():
            return DummyClassifier(strategy="prior").fit(X, y) if len(y) else DummyClassifier().fit([[0] * X.shape[1]], [0])
        return self._classifier(X.shape[1], output).fit(X, y, sample_weight=weight)

    def fit(self, X, Y, known=None, log=None, sample_weight=None):
        """Fit one model per label and the any-defect model.

        ``known``: optional 0/1 matrix like ``Y``; rows count for a label only
        where it is 1 (rows always count for the labels they carry).
        ``sample_weight``: optional weight per row, in every model.
        """
        X = np.asarray(X, dtype=np.float32)
        Y = np.asarray(Y).astype(int)
        if Y.ndim != 2 or Y.shape[1] != len(self.labels):
            raise ValueError(f"Y must have one column per label ({len(self.labels)})")
        K = np.ones_like(Y, dtype=bool) if known is None else (np.asarray(known, bool) | (Y == 1))
        w = np.ones(len(Y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.estimators_ = []
        for j, label in enumerate(self.labels):
            if log:
                log(f"fitting {label}: {int(Y[:, j].sum())} positives of {int(K[:, j].sum())} rows")
            self.estimators_.append(self._fit_one(X, Y[:, j], K[:, j] * w, label))
        y_any = Y.any(axis=1).astype(int)
        w_any = np.where(K.all(axis=1) | (y_any == 1), 1.0, self.partial_clean_weight) * w
        if log:
            log(f"fitting any-defect: {int(y_any.sum())} positives")
        self.any_estimator_ = self._fit_one(X, y_any, w_any, "any")
        self.outputs_ = np.asarray(list(self.labels) + ["any"], dtype=object)
        self.classes_ = np.array([0, 1])
        self.n_features_in_ = X.shape[1]
        return self

    def estimator_for(self, name: str):
        """The fitted binary model of a label, or of ``"any"``."""
        if name == "any":
            return self.any_estimator_
        return self.estimators_[list(self.labels).index(name)]

    def predict_proba(self, X) -> np.ndarray:
        """``n x (labels + 1)`` probabilities; the last column is any defect."""
        X = np.asarray(X, dtype=np.float32)
        if len(X) == 0:
            return np.zeros((0, len(self.labels) + 1))
        P = np.column_stack([positive_proba(est, X) for est in self.estimators_])
        p_any = np.maximum(positive_proba(self.any_estimator_, X), P.max(axis=1))
        return np.column_stack([P, p_any])

    def predict(self, X) -> np.ndarray:
        """0/1 per output at probability 0.5 (the shipped decisions use tuned thresholds)."""
        return (self.predict_proba(X) >= 0.5).astype(int)
