"""Quality metrics shared by training (threshold choice, model card) and ``qa eval``.

>>> import numpy as np
>>> y = np.array([[1, 0], [0, 0], [1, 1], [0, 1]])
>>> p = np.array([[.9, .1], [.2, .3], [.8, .7], [.4, .2]])
>>> r = label_report(y[:, 0], p[:, 0], 0.5)
>>> r["precision"], r["recall"], r["f1"], r["fpr"]
(1.0, 1.0, 1.0, 0.0)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np
from sklearn.metrics import roc_auc_score

__all__ = ["label_report", "calibration", "evaluate", "choose_threshold", "format_report"]


def label_report(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    """Precision, recall, F1, false-positive rate and ROC-AUC of one binary label."""
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p) >= threshold
    tp = int(np.sum(pred & y))
    fp = int(np.sum(pred & ~y))
    fn = int(np.sum(~pred & y))
    tn = int(np.sum(~pred & ~y))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    auc = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan")
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fpr": round(fpr, 4),
        "roc_auc": round(auc, 4) if auc == auc else None,
    }


def calibration(y: np.ndarray, p: np.ndarray, bins: int = 10) -> dict:
    """How far probabilities are from observed frequencies: the Brier score and
    the expected calibration error (``ece``: over ``bins`` equal-width bins of
    ``p``, the gap between mean probability and share of positives, weighted by
    the bin's size). Both are 0 for perfect, honest probabilities.

    >>> calibration(np.array([1, 0, 1, 0]), np.array([1.0, 0.0, 1.0, 0.0]))
    {'brier': 0.0, 'ece': 0.0}
    >>> calibration(np.array([1, 0, 1, 0]), np.array([0.5, 0.5, 0.5, 0.5]))
    {'brier': 0.25, 'ece': 0.0}
    >>> calibration(np.array([0, 0, 0, 0]), np.array([0.6, 0.6, 0.6, 0.6]))
    {'brier': 0.36, 'ece': 0.6}
    """
    y = np.asarray(y).astype(float)
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
    if not len(y):
        return {"brier": None, "ece": None}
    which = np.minimum((p * bins).astype(int), bins - 1)
    ece = 0.0
    for b in np.unique(which):
        m = which == b
        ece += m.mean() * abs(p[m].mean() - y[m].mean())
    return {"brier": round(float(np.mean((p - y) ** 2)), 4), "ece": round(float(ece), 4)}


def choose_threshold(
    y: np.ndarray,
    p: np.ndarray,
    langs: Sequence[str] | None = None,
    max_fpr: float = 0.02,
    min_lang_negatives: int = 150,
    negatives: np.ndarray | None = None,
    usable: np.ndarray | None = None,
    objective: np.ndarray | None = None,
) -> float:
    """The threshold with the best F1 among those whose false-positive rate stays
    under ``max_fpr`` overall and in every language with enough negatives.

    ``negatives`` marks the rows the false-positive rate is measured on (default:
    every row without the label; pass the clean rows to measure false alarms on
    clean text); ``usable`` masks out rows that do not vouch for the label;
    ``objective`` marks the rows whose F1 is maximised (default: all usable rows),
    while the false-positive caps hold on every row.

    >>> choose_threshold(np.array([0, 0, 1, 1]), np.array([.1, .6, .7, .9]), max_fpr=0.5)
    0.7
    """
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=float)
    usable = np.ones(len(y), dtype=bool) if usable is None else np.asarray(usable, dtype=bool)
    neg = ~y if negatives is None else np.asarray(negatives, dtype=bool) & ~y
    neg &= usable
    groups = [neg]
    if langs is not None:
        langs_arr = np.asarray(langs)
        for lang in np.unique(langs_arr):
            mask = neg & (langs_arr == lang)
            if mask.sum() >= min_lang_negatives:
                groups.append(mask)
    scored = usable if objective is None else usable & np.asarray(objective, dtype=bool)
    if not (scored & y).any():
        scored = usable
    y_u, p_u = y[scored], p[scored]
    candidates = np.unique(np.round(p[usable], 4))
    best_t, best_f1 = 0.99, -1.0
    for t in candidates[::-1]:
        pred = p >= t
        if any(mask.sum() and (pred & mask).sum() / mask.sum() > max_fpr for mask in groups):
            break  # lower thresholds only add false positives
        pred_u = p_u >= t
        tp = np.sum(pred_u & y_u)
        prec = tp / max(pred_u.sum(), 1)
        rec = tp / max(y_u.sum(), 1)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 >= best_f1:
            best_t, best_f1 = float(t), f1
    return max(0.05, min(best_t, 0.99))


def evaluate(
    Y: np.ndarray,
    P: np.ndarray,
    p_any: np.ndarray,
    labels: Sequence[str],
    thresholds: dict[str, float],
    langs: Sequence[str],
    known: np.ndarray | None = None,
    decided: np.ndarray | None = None,
    t_any: np.ndarray | None = None,
    reported: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict:
    """Metrics per label, for any defect, and per language.

    ``Y`` (n x labels) holds true labels, ``P`` their probabilities, ``p_any``
    the probability of any defect. A row is predicted defective when any label
    passes its threshold or ``p_any`` passes ``thresholds["any"]``. ``known``
    (n x labels, default all true) limits each label's metrics to the rows that
    vouch for it; any-defect metrics use rows known for every label or defective.
    ``decided`` (n x labels booleans) overrides the thresholded predictions, for
    decisions that also use evidence spans; probabilities still give ROC-AUC.
    ``t_any`` (per row) overrides ``thresholds["any"]`` where languages have their own.
    ``reported`` (``(P, p_any)`` recalibrated, see ``qa.model.calibrate``) gives
    ROC-AUC, Brier score and calibration error instead of the raw probabilities.
    """
    Y = np.asarray(Y).astype(bool)
    K = np.ones_like(Y) if known is None else np.asarray(known).astype(bool)
    full = K.all(axis=1) | Y.any(axis=1)
    langs = np.asarray(langs)
    pred_labels = P >= np.array([thresholds[label] for label in labels]) if decided is None else np.asarray(decided, bool)
    pred_any = pred_labels.any(axis=1) | (p_any >= (thresholds["any"] if t_any is None else t_any))
    if reported is not None:
        P, p_any = reported
    y_any = Y.any(axis=1)
    out: dict = {"n": int(len(Y)), "labels": {}, "any": {}, "languages": {}}
    for j, label in enumerate(labels):
        k = K[:, j]
        out["labels"][label] = label_report(Y[k, j], pred_labels[k, j].astype(float), 0.5)
        out["labels"][label]["roc_auc"] = label_report(Y[k, j], P[k, j], 0.5)["roc_auc"]
        out["labels"][label].update(calibration(Y[k, j], P[k, j]))
    out["any"] = label_report(y_any[full], pred_any[full].astype(float), 0.5)
    out["any"]["roc_auc"] = label_report(y_any[full], p_any[full], 0.5)["roc_auc"]
    out["any"].update(calibration(y_any[full], p_any[full]))
    per_lang: dict = defaultdict(dict)
    for lang in sorted(set(langs.tolist())):
        m = (langs == lang) & full
        if not m.any():
            continue
        clean = m & ~y_any
        entry = {
            "n": int(m.sum()),
            "clean": int(clean.sum()),
            "clean_fpr": round(float(pred_any[clean].mean()), 4) if clean.any() else None,
            "any": label_report(y_any[m], pred_any[m].astype(float), 0.5),
            "labels": {},
        }
        for j, label in enumerate(labels):
            mk = (langs == lang) & K[:, j]
            if Y[mk, j].any():
                entry["labels"][label] = label_report(Y[mk, j], pred_labels[mk, j].astype(float), 0.5)
        per_lang[lang] = entry
    out["languages"] = dict(per_lang)
    return out


def format_report(metrics: dict) -> str:
    """A plain-text table of ``evaluate``'s result."""
    lines = [f"rows: {metrics['n']}", "",
             f"{'label':14} {'n+':>6} {'prec':>6} {'rec':>6} {'f1':>6} {'fpr':>6} {'auc':>6} {'brier':>6} {'ece':>6}"]
    rows = list(metrics["labels"].items()) + [("ANY", metrics["any"])]

    def num(value) -> str:
        return f"{value:.3f}" if value is not None else "  -  "

    for name, r in rows:
        lines.append(
            f"{name:14} {r['positives']:6d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['fpr']:6.3f} "
            f"{num(r['roc_auc']):>6} {num(r.get('brier')):>6} {num(r.get('ece')):>6}"
        )
    lines += ["", f"{'lang':6} {'n':>6} {'clean':>6} {'clean FPR':>9} {'any F1':>7}  per-label F1"]
    for lang, e in metrics["languages"].items():
        fpr = f"{e['clean_fpr']:.3f}" if e["clean_fpr"] is not None else "  -"
        per = " ".join(f"{k}={v['f1']:.2f}" for k, v in e["labels"].items())
        lines.append(f"{lang:6} {e['n']:6d} {e['clean']:6d} {fpr:>9} {e['any']['f1']:7.3f}  {per}")
    return "\n".join(lines)
