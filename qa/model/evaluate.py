"""``qa eval``: score labelled data with a model and measure it.

>>> m = evaluate_files(["labelled.jsonl"])   # doctest: +SKIP
>>> m["any"]["f1"]                           # doctest: +SKIP
0.93
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from qa.labels import LABELS
from qa.model.dataset import context_frame, known_matrix, label_matrix, read_labelled, with_repeat
from qa.model.metrics import evaluate
from qa.model.scorer import Scorer

__all__ = ["evaluate_files", "evaluate_frame", "scoring_frame"]


def scoring_frame(frame, context: bool = True):
    """The featurizer input for a labelled frame: its rows' page context (or,
    without ``context``, each row its own document) and corpus repetition."""
    ctx = context_frame(frame)
    if not context:
        ctx["doc_id"] = frame["id"].astype(str).values
        ctx["paragraph"] = -1
        ctx["n_paragraphs"] = 0
        ctx["pos"] = -1.0
    return with_repeat(ctx)


def evaluate_frame(frame, scorer: Scorer, context: bool = True, batch: int = 5000) -> dict:
    """Metrics of ``scorer`` on a labelled frame (from ``qa.model.dataset``)."""
    ctx = scoring_frame(frame, context)
    P = np.zeros((len(ctx), len(LABELS)))
    decided = np.zeros((len(ctx), len(LABELS)), dtype=bool)
    p_any = np.zeros(len(ctx))
    # Keep documents whole inside a batch so neighbours stay visible.
    order = np.argsort(ctx["doc_id"].astype(str).values, kind="stable")
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        P_part, any_part, X_part, spans, langs = scorer.predict(ctx.iloc[rows])
        P[rows], p_any[rows] = P_part, any_part
        in_context = scorer.in_context(X_part)
        for r, probs, pa, row_spans, lang, known in zip(rows, P_part, any_part, spans, langs, in_context):
            chosen = scorer.decide(probs, pa, row_spans, lang, known)
            decided[r] = [label in chosen for label in LABELS]
    return evaluate(
        label_matrix(frame), P, p_any, LABELS, scorer.thresholds, frame["lang"].tolist(), known_matrix(frame), decided,
        # the decisions hold the any-defect score's alarm (Scorer.decide): no threshold of its own
        t_any=np.full(len(ctx), np.inf), reported=scorer.reported(P, p_any),
    )


def evaluate_files(paths: Sequence[str], model: str | None = None, context: bool = True) -> dict:
    """Read labelled JSONL files and evaluate the model on them."""
    return evaluate_frame(read_labelled(paths), Scorer.load(model), context=context)
