"""Page context for some labels only.

Document context (neighbours, position on the page, the article's run of prose)
ranks page furniture much better when a paragraph's page is known, but it also
shifts the other labels: with it, the seed page lost two Bulgarian splices and
clean UD English and Russian paragraphs were flagged 3-5% of the time. The
packaged model therefore reads context for ``boilerplate``, ``truncated`` and the
any-defect model only (``context_labels`` may name ``any``): every other label
sees the paragraph alone (with its corpus repetition), exactly as before. Rows
with page context take their own thresholds for these outputs
(``Scorer.context_thresholds``, and per language ``context_language_thresholds``
chosen by ``qa tune``; a label listed there reads context only in the languages
listed). ``truncated`` reads its neighbours to see a sentence that
an extractor broke into paragraphs at the page source's own line breaks (boilerpy3
on hard-wrapped HTML: ``similar to the Xbox One S, except it has an entirely``,
then ``matte black case ...``); ``spliced`` reading context still costs the seed
page two Bulgarian splices.

``alone_view`` turns a feature matrix computed with context into the matrix the
featurizer computes without it; ``ContextMix`` wraps the label models so that
``predict_proba`` takes the with-context matrix and mixes the two.

>>> import numpy as np
>>> names = ["textstats_chars_log", "ctx_known", "ctx_rel_position", "ctx_log_repeat", "ctx_has_prev"]
>>> alone_view(np.array([[3.0, 1.0, 0.5, 0.7, 1.0]]), names).tolist()
[[3.0, 0.0, -1.0, 0.7, 0.0]]
"""

from __future__ import annotations

from typing import Collection, Sequence

import numpy as np

from qa.labels import LABELS
from qa.model.proba import positive_proba

__all__ = ["alone_view", "ContextMix", "context_languages", "with_context"]

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


def context_languages(by_language: dict[str, dict[str, float]]) -> dict[str, frozenset[str]]:
    """Per context label, the languages that read it with page context, from the
    per-language context thresholds (a label no language lists reads it everywhere).

    >>> langs = context_languages({"en": {"truncated": 0.66}, "fr": {"truncated": 0.44}})
    >>> {label: sorted(v) for label, v in langs.items()}
    {'truncated': ['en', 'fr']}
    """
    out: dict[str, set[str]] = {}
    for lang, own in by_language.items():
        for label in own:
            out.setdefault(label, set()).add(lang)
    return {label: frozenset(v) for label, v in out.items()}


def with_context(own: dict[str, float], lang: str | None, context_thresholds: dict[str, float],
                 by_language: dict[str, dict[str, float]], restricted=None) -> dict[str, float]:
    """A language's label thresholds for a row scored with page context, from its
    thresholds of rows alone (``own``; labels it lacks take the global ones): each
    context label's context threshold, or the language's own where that is lower.
    A label that ``by_language`` lists for some languages reads context in those
    only: there it takes the language's context threshold, elsewhere ``own``'s.
    ``restricted``: those labels, when the caller has them already (``context_languages``).

    >>> ctx = {"boilerplate": 0.5, "truncated": 0.44, "any": 0.8}
    >>> by_language = {"en": {"truncated": 0.66}}
    >>> with_context({"boilerplate": 0.45}, "fr", ctx, by_language)
    {'boilerplate': 0.45}
    >>> with_context({}, "en", ctx, by_language)
    {'boilerplate': 0.5, 'truncated': 0.66}
    """
    out = dict(own)
    checked = by_language.get(lang, {}) if lang else {}
    if restricted is None:
        restricted = {label for per in by_language.values() for label in per}
    for label, t in context_thresholds.items():
        if label == "any":
            continue
        if label in checked:
            out[label] = float(checked[label])
        elif label not in restricted:
            out[label] = min(float(t), float(own.get(label, t)))
    return out


class ContextMix:
    """Label models whose ``context_labels`` read page context and whose other
    outputs see each paragraph alone. ``context_labels`` may name ``any``: the
    any-defect model then reads context too. ``predict_proba`` takes the feature
    matrix computed with context; the any-defect probability is raised to at
    least the likeliest label's.

    ``languages`` may restrict a context label to some languages (``{label:
    languages}``): with ``langs`` given to ``predict_proba``, rows of other
    languages keep the label's probability alone (their clean edited text could
    not check the label's reading of context, see ``qa.model.train._held_in_context``).
    Without ``langs`` every row reads context for every context label.

    >>> class Half:  # a stand-in: every label's probability is the first feature
    ...     def predict_proba(self, X):
    ...         return np.column_stack([X[:, 0]] * (len(LABELS) + 1))
    ...     def estimator_for(self, label):
    ...         return None
    >>> mix = ContextMix(Half(), ["ctx_known"], ["truncated"], {"truncated": {"en"}})
    >>> mix._context_proba = lambda label, X: np.full(len(X), 0.9)
    >>> j = LABELS.index("truncated")
    >>> mix.predict_proba(np.array([[1.0], [1.0]]), langs=["en", "ar"])[:, j].tolist()
    [0.9, 0.0]
    """

    def __init__(self, label_models, names: Sequence[str], context_labels: Sequence[str],
                 languages: dict[str, Collection[str]] | None = None):
        unknown = sorted(set(context_labels) - set(LABELS) - {"any"})
        if unknown:
            raise ValueError(f"unknown context labels {unknown}: choose among {', '.join(LABELS)}, any")
        self.label_models = label_models
        self.names = list(names)
        self.columns = [LABELS.index(label) for label in context_labels if label != "any"]
        self.any_context = "any" in context_labels
        self.languages = {label: frozenset(v) for label, v in (languages or {}).items()}
        self._context = _context_columns(self.names)

    def _context_proba(self, label: str, X32: np.ndarray) -> np.ndarray:
        return positive_proba(self.label_models.estimator_for(label), X32)

    def predict_proba(self, X: np.ndarray, langs: Sequence[str] | None = None) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        alone = self.label_models.predict_proba(alone_view(X, self.names, self._context))
        if not (self.columns or self.any_context) or len(X) == 0:
            return alone
        out = alone.copy()
        X32 = X.astype(np.float32)
        for j in self.columns:  # only the context outputs' models run twice
            label = LABELS[j]
            if label in self.languages and langs is not None:
                rows = np.isin(np.asarray(langs, dtype=object), list(self.languages[label]))
                if rows.any():
                    out[rows, j] = self._context_proba(label, X32[rows])
            else:
                out[:, j] = self._context_proba(label, X32)
        if self.any_context:
            out[:, -1] = self._context_proba("any", X32)
        out[:, -1] = np.maximum(out[:, -1], out[:, :-1].max(axis=1))
        return out
