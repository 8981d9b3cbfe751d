"""``choose_decisions`` on made-up probabilities: which caps hold."""

import numpy as np
import pandas as pd

from qa.labels import LABELS
from qa.model.decisions import Fired
from qa.model.train import TrainOptions, _weights, choose_decisions


class _Fixed:
    """A stand-in for ``LabelModels`` that returns fixed probabilities."""

    def __init__(self, PA):
        self.PA = PA

    def predict_proba(self, X):
        return self.PA


def _frame(n_target: int, n_edited: int, rng):
    j = LABELS.index("boilerplate")
    labels = [("boilerplate",) if rng.uniform() < 0.4 else () for _ in range(n_target)] + [()] * n_edited
    frame = pd.DataFrame({
        "labels": labels,
        "known": [tuple(LABELS)] * (n_target + n_edited),
        "lang": ["en"] * (n_target + n_edited),
        "source": ["readability_testpages"] * n_target + ["ud"] * n_edited,
        "objective": [True] * n_target + [False] * n_edited,
    })
    P = np.full((len(frame), len(LABELS)), 0.02)
    y = np.array([bool(x) for x in labels])
    P[:n_target, j] = np.where(y[:n_target], rng.uniform(0.6, 0.9, n_target), rng.uniform(0.0, 0.3, n_target))
    # a tenth of the edited clean rows (short e-mail sign-offs, say) score 0.7
    P[n_target:, j] = np.where(np.arange(n_edited) % 10 == 0, 0.7, 0.1)
    return frame, np.column_stack([P, P.max(axis=1)])


def test_with_target_rows_edited_clean_rows_keep_their_own_cap():
    rng = np.random.default_rng(0)
    frame, PA = _frame(600, 600, rng)
    fired = Fired(np.zeros((len(frame), 0), dtype=bool), ())
    # loose caps for the label and scraped text: only the edited rows' cap can stop the sign-offs
    caps = dict(TrainOptions().max_fpr, boilerplate=0.2, any=0.2)
    opts = TrainOptions(max_edited_fpr=0.015, max_fpr=tuple(caps.items()))
    thresholds, *_ = choose_decisions(_Fixed(PA), None, fired, frame, opts, log=lambda *a: None)
    edited = frame["source"].eq("ud").to_numpy()
    flagged = (PA[:, LABELS.index("boilerplate")] >= thresholds["boilerplate"]) | (PA[:, -1] >= thresholds["any"])
    assert flagged[edited].mean() <= 0.015
    # the target rows' defects (0.6-0.9) are still found: the threshold sits just over the sign-offs' 0.7
    y = frame["labels"].map(bool).to_numpy()
    assert flagged[~edited & y].mean() > 0.6


def test_clean_edited_rows_can_weigh_more_in_training():
    frame = pd.DataFrame({"source": ["ud", "ud", "readability_testpages", "ud"]})
    Y = np.array([[0], [1], [0], [0]])
    assert _weights(frame, Y, TrainOptions()).tolist() == [1.0, 1.0, 1.0, 1.0]
    assert _weights(frame, Y, TrainOptions(edited_clean_weight=2.5)).tolist() == [2.5, 1.0, 1.0, 2.5]


def test_a_language_whose_edited_documents_a_context_label_flags_gets_its_own_context_threshold():
    """``_held_in_context``: English treebank documents, scored as pages, have a tenth
    of their rows at truncated 0.7 (an informal thread's lowercase lines); English
    gets a context threshold just past them, French (whose rows stay low) keeps its
    own lower one, and a language the step could not check (10 edited rows) is not
    listed: it will score the label alone."""
    from qa.model.train import _held_in_context

    j = LABELS.index("truncated")
    n = 200
    langs = np.array(["en"] * n + ["fr"] * n + ["ru"] * 10)
    P = np.full((len(langs), len(LABELS)), 0.02)
    P[:n, j] = np.where(np.arange(n) % 10 == 0, 0.7, 0.1)
    P[n:, j] = 0.1
    edited = np.ones(len(langs), bool)
    none = np.zeros(len(langs), bool)
    thresholds = {**{label: 0.5 for label in LABELS}, "any": 0.9}
    fired = Fired(np.zeros((len(langs), 0), dtype=bool), ())
    opts = TrainOptions(context_labels=("boilerplate", "truncated", "any"), max_edited_fpr=0.02)
    own = _held_in_context(P, P.max(axis=1), fired, thresholds, {}, {"fr": {"truncated": 0.45}}, langs, edited,
                           none, none, opts, log=lambda *a: None)
    assert own == {"en": {"truncated": 0.7001}, "fr": {"truncated": 0.45}}
    # nothing to hold: the label reads context everywhere, with the shared threshold
    P[:n, j] = 0.1
    assert _held_in_context(P, P.max(axis=1), fired, thresholds, {}, {}, langs, edited, none, none, opts,
                            log=lambda *a: None) == {}
