"""The model is one scikit-learn Pipeline: featurizer, then per-label models."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from qa.labels import LABELS
from qa.model.labelmodel import LabelModels
from qa.model.store import load_model


def test_shipped_model_is_a_pipeline_whose_first_step_is_the_featurizer():
    pipe = load_model().pipeline
    assert isinstance(pipe, Pipeline)
    assert [name for name, _ in pipe.steps] == ["features", "labels"]
    names = pipe.named_steps["features"].get_feature_names_out()
    assert pipe.named_steps["labels"].n_features_in_ == len(names)
    assert list(pipe.named_steps["labels"].outputs_) == [*LABELS, "any"]


def test_pipeline_scores_a_frame_end_to_end():
    pipe = load_model().pipeline
    frame = pd.DataFrame({"text": ['window.__APP__ = {"a":1,"b":[2,3]};', "The ferry leaves at nine."], "lang": ["und", "en"]})
    P = pipe.predict_proba(frame)
    assert P.shape == (2, len(LABELS) + 1)
    assert np.all((P >= 0) & (P <= 1))
    code = list(LABELS).index("leaked_code")
    assert P[0, code] > P[1, code]
    assert np.all(P[:, -1] >= P[:, :-1].max(axis=1))  # any >= likeliest label


def test_label_models_follow_the_estimator_contract():
    model = LabelModels(labels=("a", "b"), max_iter=5)
    assert clone(model).get_params() == model.get_params()
    assert not hasattr(model, "estimators_")  # no work in __init__
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] > 1]).astype(int)
    known = np.ones_like(Y)
    known[:60, 1] = 0  # these rows say nothing about "b"
    model.fit(X, Y, known=known)
    P = model.predict_proba(X)
    assert P.shape == (120, 3)
    assert P[Y[:, 0] == 1, 0].mean() > P[Y[:, 0] == 0, 0].mean()
    with pytest.raises(ValueError):
        model.fit(X, Y[:, :1])


def test_an_output_can_be_made_to_only_rise_with_a_feature():
    # "a" is likeliest at middling values of feature 0 and rarer at high ones (like a
    # repetition count that training data happens to know mostly from sign-offs)
    # (feature 1 carries most of the signal, so the calibration keeps the model's order)
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 1, size=(4000, 2))
    p = np.where(X[:, 0] < 0.5, 0.3 + X[:, 0], 1.0 - X[:, 0]) * (X[:, 1] > 0.5)
    Y = np.column_stack([rng.uniform(size=4000) < p, rng.uniform(size=4000) < 0.3]).astype(int)
    grid = np.column_stack([np.linspace(0, 1, 21), np.full(21, 0.8)])
    free = LabelModels(labels=("a", "b"), max_iter=60).fit(X, Y).predict_proba(grid)[:, 0]
    assert free[-1] < free.max() - 0.1  # unconstrained: it falls again
    tied = LabelModels(labels=("a", "b"), max_iter=60, increasing={"a": (0,)}).fit(X, Y).predict_proba(grid)
    assert np.all(np.diff(tied[:, 0]) >= -1e-9)  # constrained: never falls
    assert clone(LabelModels(increasing={"a": (0,)})).get_params()["increasing"] == {"a": (0,)}
