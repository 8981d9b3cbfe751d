"""Page context for boilerplate only: the other outputs must score each paragraph alone."""

import numpy as np
import pandas as pd
import pytest

from qa.labels import LABELS
from qa.model.context_mix import ContextMix, alone_view
from qa.model.store import load_model

PAGE = pd.DataFrame({
    "text": ["Home", "Politics", "The ferry left at noon , and the sea was calm.", "Share this article", "Sport"],
    "doc_id": ["page"] * 5,
    "paragraph": [0, 1, 2, 3, 4],
    "n_paragraphs": [5] * 5,
    "pos": [0.0, 1.0, 2.0, 3.0, 4.0],
})


def test_alone_view_is_what_the_featurizer_computes_without_context():
    featurizer = load_model().pipeline.named_steps["features"]
    names = featurizer.get_feature_names_out()
    before = featurizer.use_context
    try:
        featurizer.set_params(use_context=True)
        with_context = featurizer.transform(PAGE)
        featurizer.set_params(use_context=False)
        alone = featurizer.transform(PAGE)
    finally:
        featurizer.set_params(use_context=before)
    assert not np.allclose(with_context, alone)  # the page gives context
    assert np.allclose(alone_view(with_context, names), alone)


def _page():
    """The packaged label models, the feature names and ``PAGE``'s features with context."""
    pipeline = load_model().pipeline
    featurizer, models = pipeline.named_steps["features"], pipeline.named_steps["labels"]
    featurizer.set_params(use_context=True)
    return models, featurizer.get_feature_names_out(), featurizer.transform(PAGE)


BP = LABELS.index("boilerplate")
NOT_BP = [j for j in range(len(LABELS)) if j != BP]


def test_only_the_context_labels_read_page_context():
    models, names, X = _page()
    mixed = ContextMix(models, names, ("boilerplate",)).predict_proba(X)
    alone = models.predict_proba(alone_view(X, names))
    bp, others = BP, NOT_BP
    assert np.allclose(mixed[:, others], alone[:, others])
    assert np.allclose(mixed[:, bp], models.predict_proba(X)[:, bp])
    assert np.all(mixed[:, -1] >= mixed[:, :-1].max(axis=1) - 1e-12)
    # with no context labels it is the alone model
    assert np.allclose(ContextMix(models, names, ()).predict_proba(X), alone)


def test_any_in_the_context_labels_gives_the_any_defect_model_page_context():
    models, names, X = _page()
    mixed = ContextMix(models, names, ("boilerplate", "any")).predict_proba(X)
    with_context = models.predict_proba(X)
    alone = models.predict_proba(alone_view(X, names))
    assert np.allclose(mixed[:, NOT_BP], alone[:, NOT_BP])
    # the any-defect column is the context model's (which is already at least each label's)
    expected_any = np.maximum(with_context[:, -1], mixed[:, :-1].max(axis=1))
    assert np.allclose(mixed[:, -1], expected_any)
    assert not np.allclose(mixed[:, -1], ContextMix(models, names, ("boilerplate",)).predict_proba(X)[:, -1])


def test_unknown_context_labels_are_refused():
    pipeline = load_model().pipeline
    names = pipeline.named_steps["features"].get_feature_names_out()
    with pytest.raises(ValueError, match="footer"):
        ContextMix(pipeline.named_steps["labels"], names, ("boilerplate", "footer"))
