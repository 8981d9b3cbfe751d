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
