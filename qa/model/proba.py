"""Read the positive-class probability out of any fitted binary classifier.

>>> import numpy as np
>>> from sklearn.dummy import DummyClassifier
>>> clf = DummyClassifier(strategy="prior").fit([[0], [1]], [0, 0])
>>> positive_proba(clf, np.array([[0], [1]])).tolist()
[0.0, 0.0]
"""

from __future__ import annotations

import numpy as np

__all__ = ["positive_proba"]


def positive_proba(clf, X: np.ndarray) -> np.ndarray:
    """Probability of class 1, also for a model fitted on one class only."""
    proba = clf.predict_proba(X)
    classes = list(clf.classes_)
    if 1 in classes:
        return proba[:, classes.index(1)]
    return np.zeros(len(X))
