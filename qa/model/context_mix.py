"""Page context for some labels only.

Document context (neighbours, position on the page, the article's run of prose)
ranks page furniture much better when a paragraph's page is known, but it also
shifts the other labels: with it, the seed page lost two Bulgarian splices and
clean UD English and Russian paragraphs were flagged 3-5% of the time. The
packaged model therefore reads context for ``boilerplate`` and the any-defect
model only (``context_labels`` may name ``any``): every other label sees the
paragraph alone (with its corpus repetition), exactly as before. Rows with page
context take their own thresholds for these outputs (``Scorer.context_thresholds``,
chosen by ``qa tune``).

``alone_view`` turns a feature matrix computed with context into the matrix the
featurizer computes without it; ``ContextMix`` wraps the label models so that
``predict_proba`` takes the with-context matrix and mixes the two.

>>> import numpy as np
>>> names = ["textstats_chars_log", "ctx_known", "ctx_rel_position", "ctx_log_repeat", "ctx_has_prev"]
>>> alone_view(np.array([[3.0, 1.0, 0.5, 0.7, 1.0]]), names).tolist()
[[3.0, 0.0, -1.0, 0.7, 0.0]]
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from qa.labels import LABELS
from qa.model.proba import positive_proba

__all__ = ["alone_view", "ContextMix"]

#: Context columns that keep their value without document structure.
_KEPT = ("ctx_log_repeat",)
#: Context columns whose no-context value is not 0.
_NO_CONTEXT = {"ctx_rel_position": -1.0}


def _context_columns(names: Sequence[str]) -> tuple[list[int], np.ndarray]:
    """Page-context columns and their no-context values."""
    columns = [j for j, name in enumerate(names) if name.startswith("ctx_") and name not in _KEPT]
    return columns, np.array([_NO_CONTEXT.get(names[j], 0.0) for j in columns])


def alone_view(X: np.ndarray, names: Sequence[str], columns=None) -> np.ndarray:
    """``X`` (computed with document context) as the featurizer computes it without:
    page-context columns at their no-context value, corpus repetition kept.
    ``columns``: ``_context_columns(names)``, when already known."""
    columns, values = _context_columns(list(names)) if columns is None else columns
    out = np.array(X, dtype=float, copy=True)
    out[:, columns] = values
    return out


class ContextMix:
    """Label models whose ``context_labels`` read page context and whose other
    outputs see each paragraph alone. ``context_labels`` may name ``any``: the
    any-defect model then reads context too. ``predict_proba`` takes the feature
    matrix computed with context; the any-defect probability is raised to at
    least the likeliest label's."""

    def __init__(self, label_models, names: Sequence[str], context_labels: Sequence[str]):
        unknown = sorted(set(context_labels) - set(LABELS) - {"any"})
        if unknown:
            raise ValueError(f"unknown context labels {unknown}: choose among {', '.join(LABELS)}, any")
        self.label_models = label_models
        self.names = list(names)
        self.columns = [LABELS.index(label) for label in context_labels if label != "any"]
        self.any_context = "any" in context_labels
        self._context = _context_columns(self.names)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        alone = self.label_models.predict_proba(alone_view(X, self.names, self._context))
        if not (self.columns or self.any_context) or len(X) == 0:
            return alone
        out = alone.copy()
        X32 = X.astype(np.float32)
        for j in self.columns:  # only the context outputs' models run twice
            out[:, j] = positive_proba(self.label_models.estimator_for(LABELS[j]), X32)
        if self.any_context:
            out[:, -1] = positive_proba(self.label_models.estimator_for("any"), X32)
        out[:, -1] = np.maximum(out[:, -1], out[:, :-1].max(axis=1))
        return out
