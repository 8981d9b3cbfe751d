"""Recalibration of the reported probabilities on development rows.

Each label's classifier is calibrated (sigmoid, cross-validated) on the
training rows. Training rows are not the text users score: the synthetic
variants and the share of boilerplate differ, so on hand-checked scraped text
the raw probabilities were off by 0.18 on average (expected calibration error,
boilerplate and any defect, dev_gold). A second Platt scaling per output,
fitted on the development rows, maps raw probabilities to probabilities that
match the development rows' label shares.

Decisions do not change: thresholds and span support were chosen on the raw
probabilities and are applied to them. Only what the reports and ``qa explain``
print as ``score`` and per-label probabilities is recalibrated.

>>> import numpy as np
>>> raw = np.array([0.2, 0.4, 0.6, 0.8] * 50)
>>> y = np.array([0, 0, 1, 1] * 50)
>>> a, b = fit_platt(raw, y)
>>> bool(apply_platt(np.array([0.8]), (a, b))[0] > 0.9), bool(apply_platt(np.array([0.2]), (a, b))[0] < 0.1)
(True, True)
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from qa.labels import LABELS

__all__ = ["fit_platt", "apply_platt", "fit_recalibration", "recalibrate"]

_EPS = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def fit_platt(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """``(a, b)`` such that ``sigmoid(a * logit(p) + b)`` fits ``y``; the identity
    ``(1.0, 0.0)`` when ``y`` has a single class or fewer than 10 rows of either."""
    y = np.asarray(y).astype(int)
    if len(y) == 0 or min(y.sum(), len(y) - y.sum()) < 10:
        return 1.0, 0.0
    model = LogisticRegression(C=1e4).fit(_logit(p)[:, None], y)
    return round(float(model.coef_[0, 0]), 5), round(float(model.intercept_[0]), 5)


def apply_platt(p: np.ndarray, ab) -> np.ndarray:
    """Recalibrated probabilities (``ab = (a, b)`` from ``fit_platt``)."""
    a, b = ab
    return expit(a * _logit(p) + b)  # (1 / (1 + exp(-x)), without overflow for large -x)


def fit_recalibration(P: np.ndarray, p_any: np.ndarray, Y: np.ndarray, K: np.ndarray) -> dict[str, list[float]]:
    """Platt parameters per label (on the rows that vouch for it) and for ``any``
    (on rows known for every label, or defective)."""
    Y, K = np.asarray(Y).astype(bool), np.asarray(K).astype(bool)
    out = {label: list(fit_platt(P[K[:, j], j], Y[K[:, j], j])) for j, label in enumerate(LABELS)}
    full = K.all(axis=1) | Y.any(axis=1)
    out["any"] = list(fit_platt(p_any[full], Y[full].any(axis=1)))
    return out


def recalibrate(P: np.ndarray, p_any: np.ndarray, params: dict | None):
    """``(P, p_any)`` recalibrated with ``params`` (unchanged when None). The any-defect
    probability stays at least that of the likeliest label.

    >>> P = np.array([[0.5, 0.1, 0.1, 0.1, 0.1, 0.1]])
    >>> params = dict({label: [1.0, 0.0] for label in LABELS}, leaked_code=[1.0, 2.0], any=[1.0, -1.0])
    >>> Pc, pa = recalibrate(P, np.array([0.5]), params)
    >>> round(float(Pc[0, 0]), 3), round(float(pa[0]), 3)
    (0.881, 0.881)
    """
    if not params or len(P) == 0:
        return P, p_any
    Pc = np.column_stack([apply_platt(P[:, j], params.get(label, (1.0, 0.0))) for j, label in enumerate(LABELS)])
    pa = np.maximum(apply_platt(p_any, params.get("any", (1.0, 0.0))), Pc.max(axis=1))
    return Pc, pa
