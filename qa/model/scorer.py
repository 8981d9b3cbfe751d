"""Score paragraphs with a loaded model.

``Scorer`` turns a batch of paragraphs into ``ParagraphScore`` records:
calibrated probabilities per label, ``score`` (probability of any defect),
predicted labels (each label's probability against its threshold), evidence
spans from the extractors and the top signals behind the score.

>>> scorer = Scorer.load()                       # doctest: +SKIP
>>> scorer.explain_text("Hello , world .").labels  # doctest: +SKIP
('spacing',)
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd

from qa.labels import LABELS, PROB_COLUMNS
from qa.model.calibrate import apply_platt, recalibrate
from qa.model.context_mix import ContextMix, context_languages, with_context
from qa.model.decisions import (UNSUPPORTED_FLOORS, excluded_labels, explained, reported_without_excluded,
                                reported_without_vetoed, shown, unsupported_row, vetoed)
from qa.model.store import LoadedModel, load_model
from qa.records import Paragraph, ParagraphScore

__all__ = ["Scorer", "TOP_SIGNALS"]

#: How many signals each flagged paragraph carries.
TOP_SIGNALS = 5


class Scorer:
    """A loaded, verified model ready to score."""

    def __init__(self, model: LoadedModel):
        self.model = model
        self.featurizer = model.pipeline.named_steps["features"]
        self.label_models = model.pipeline.named_steps["labels"]
        manifest = model.manifest
        self.thresholds: dict[str, float] = manifest["thresholds"]
        #: Per label, a factor: when one of the label's evidence spans fires, the
        #: label is predicted from factor x threshold (1.0: spans add nothing).
        #: Chosen on development data at training time.
        self.span_support: dict[str, float] = manifest.get("span_support", {})
        #: Per language, thresholds of its own: lower where its development rows allow
        #: it under the same false-alarm caps, higher where its clean edited rows need
        #: it (``qa tune --raise-languages``).
        self.language_thresholds: dict[str, dict[str, float]] = manifest.get("language_thresholds", {})
        #: Platt parameters per output that turn raw probabilities into reported
        #: ones (``qa.model.calibrate``); decisions use the raw probabilities.
        self.recalibration: dict[str, list[float]] | None = manifest.get("recalibration")
        #: Labels whose probability reads page context (``qa.model.context_mix``);
        #: the other outputs score each paragraph alone.
        self.context_labels: tuple[str, ...] = tuple(manifest.get("context_labels", ()))
        #: Thresholds of the outputs that read page context, for rows scored with
        #: it (rows alone keep ``thresholds``); chosen by ``qa tune``.
        self.context_thresholds: dict[str, float] = dict(manifest.get("context_thresholds") or {})
        #: Per language, context thresholds of its own (``qa tune``): a context label
        #: listed here for some languages reads page context in those languages only
        #: (those whose clean edited documents checked it); rows of other languages
        #: score it alone, with their thresholds of rows alone.
        self.context_language_thresholds: dict[str, dict[str, float]] = dict(
            manifest.get("context_language_thresholds") or {})
        self.context_languages: dict[str, frozenset[str]] = context_languages(self.context_language_thresholds)
        self._models = self.label_models
        if self.context_labels:
            self.featurizer.set_params(use_context=True)
            self._models = ContextMix(self.label_models, manifest["feature_names"], self.context_labels,
                                      self.context_languages)
        self.names = np.asarray(manifest["feature_names"])
        self._known = list(self.names).index("ctx_known") if "ctx_known" in self.names else None
        self._importance = {k: np.asarray(v) for k, v in manifest.get("importances", {}).items()}
        ref = manifest.get("reference", {})
        n = len(self.names)
        self._median = np.asarray(ref.get("median", [0.0] * n))
        self._scale = np.asarray(ref.get("scale", [1.0] * n))

    @classmethod
    def load(cls, path=None) -> "Scorer":
        """Load the model at ``path`` (the packaged default when None)."""
        return cls(load_model(path))

    @property
    def info(self) -> dict:
        """Name, version, feature set, hash and thresholds (on the scale of the reported
        probabilities; those of rows scored with page context apart), for reports."""
        m = self.model.manifest
        card = self.model.card.strip().splitlines()
        return {
            "name": m.get("name"),
            "version": m.get("version"),
            "feature_set": m.get("feature_set"),
            "sha256": m.get("sha256"),
            "thresholds": self.reported_thresholds(),
            "context_thresholds": self.reported_thresholds(in_context=True) if self.context_thresholds else None,
            "evidence_floors": self.reported_floors(),
            "path": str(self.model.path),
            "card_summary": " ".join(line for line in card[:6] if line and not line.startswith("#"))[:500],
        }

    # -- core ---------------------------------------------------------------------
    def predict(self, frame: pd.DataFrame):
        """Return ``(P, p_any, X, spans, langs)`` for a featurizer input frame."""
        X, spans, langs = self.featurizer.transform_with_spans(frame)
        if len(frame) == 0:
            return np.zeros((0, len(LABELS))), np.zeros(0), X, spans, langs
        if isinstance(self._models, ContextMix):
            PA = self._models.predict_proba(X, langs)
        else:
            PA = self._models.predict_proba(X)
        return PA[:, :-1], PA[:, -1], X, spans, langs

    def reported(self, P: np.ndarray, p_any: np.ndarray):
        """The probabilities to show users: ``(P, p_any)`` recalibrated on development
        rows when the model has recalibration parameters, else unchanged."""
        return recalibrate(P, p_any, self.recalibration)

    def in_context(self, X: np.ndarray) -> np.ndarray:
        """Per row of a feature matrix from ``predict``: whether it was scored with
        page context, so that ``decide`` takes the context thresholds (``in_context=True``)."""
        if not self.context_thresholds or self._known is None or len(X) == 0:
            return np.zeros(len(X), dtype=bool)
        return np.asarray(X)[:, self._known] > 0

    def reported_thresholds(self, lang: str | None = None, in_context: bool = False) -> dict[str, float]:
        """The decision thresholds on the scale of the probabilities users see (the
        recalibrated ones): a label is given when its probability reaches its
        threshold (or a lower one when the label's own evidence fired), and a row
        is flagged when its score reaches ``any``. Rounded to 3 decimals.

        >>> t = Scorer.load().reported_thresholds()
        >>> sorted(t) == sorted([*LABELS, "any"]) and all(0.0 < v <= 1.0 for v in t.values())
        True
        """
        own = self.language_thresholds.get(lang, {}) if lang else {}
        if in_context:
            own = self._with_context(own, lang)
        raw = {label: float(own.get(label, self.thresholds[label])) for label in LABELS}
        raw["any"] = self.any_threshold(lang, in_context)
        return {key: self._reported_value(key, value) for key, value in raw.items()}

    def _reported_value(self, key: str, value: float) -> float:
        """A raw probability of output ``key`` on the reported scale, rounded to 3 decimals."""
        params = (self.recalibration or {}).get(key)
        return round(float(apply_platt(np.array([value]), params)[0]) if params else float(value), 3)

    def reported_floors(self) -> dict[str, float | None]:
        """Per label that needs its own evidence (``UNSUPPORTED_FLOORS``): the probability
        (on the reported scale) it needs without a span of its own, or None when it is
        never given without one.

        >>> f = Scorer.load().reported_floors()
        >>> f["spliced"] is None and f["spacing"] is None and 0.0 < f["truncated"] <= 1.0
        True
        """
        return {label: self._reported_value(label, floor) if math.isfinite(floor) else None
                for label, floor in UNSUPPORTED_FLOORS.items()}

    def _with_context(self, own: dict[str, float], lang: str | None = None) -> dict[str, float]:
        """A language's thresholds for a row with page context (``with_context``)."""
        return with_context(own, lang, self.context_thresholds, self.context_language_thresholds,
                            self.context_languages)

    def any_threshold(self, lang: str | None = None, in_context: bool = False) -> float:
        """The any-defect threshold of a row: the context one when the row was scored
        with page context (and the model has one), else its language's or the global one."""
        if in_context and "any" in self.context_thresholds:
            return float(self.context_thresholds["any"])
        own = self.language_thresholds.get(lang, {}) if lang else {}
        return float(own.get("any", self.thresholds["any"]))

    def decide(self, probs: np.ndarray, p_any: float, spans=(), lang: str | None = None,
               in_context: bool = False) -> tuple[str, ...]:
        """Labels for one row: those over threshold (the language's, where it has
        its own), those over their span-supported threshold when their evidence
        fired, and the relatively strongest label if only 'any' passed (over the
        context threshold when ``in_context``, see ``in_context``). A label that row
        evidence rules out (``decisions.ROW_VETOES``), or that needs evidence the row
        lacks (``decisions.UNSUPPORTED_FLOORS``), is none of these; and when row
        evidence rules out the label the row reads most like, 'any' alone flags nothing
        (``decisions.withheld_any``)."""
        own = self.language_thresholds.get(lang, {}) if lang else {}
        if in_context:
            own = self._with_context(own, lang)
        ratios = probs / np.array([own.get(label, self.thresholds[label]) for label in LABELS])
        factor = dict.fromkeys(LABELS, 1.0)
        for s in shown(explained(spans)):
            if s.label in factor:
                f = min(self.span_support.get(s.label, 1.0), self.span_support.get(f"{s.label}/{s.rule}", 1.0))
                factor[s.label] = min(factor[s.label], f)
        veto = vetoed(spans)
        strongest = int(np.argmax(ratios))
        ruled_out = veto | unsupported_row(probs, spans)
        if ruled_out.any():
            ratios = np.where(ruled_out, -1.0, ratios)
        labels = tuple(label for label, r in zip(LABELS, ratios) if r >= 1.0 or r >= factor[label])
        if not labels and p_any >= self.any_threshold(lang, in_context) and not veto[strongest]:
            labels = (LABELS[int(np.argmax(ratios))],)  # (decisions.withheld_any: not when evidence rules it out)
        return excluded_labels(labels)  # (decisions.LABEL_EXCLUSIONS: leaked code is not judged for spacing)

    def top_signals(self, x: np.ndarray, labels: Sequence[str]) -> tuple[tuple[str, float], ...]:
        """Features that pushed this row: importance x deviation from clean text."""
        if not self._importance:
            return ()
        keys = list(labels) or ["any"]
        imp = np.zeros(len(self.names))
        for key in keys:
            if key in self._importance:
                imp = np.maximum(imp, self._importance[key])
        deviation = np.minimum(np.abs(x - self._median) / self._scale, 10.0)
        weight = imp * deviation
        order = np.argsort(-weight)[:TOP_SIGNALS]
        return tuple((str(self.names[j]), round(float(weight[j]), 4)) for j in order if weight[j] > 0)

    # -- public views -------------------------------------------------------------------
    def score_paragraphs(
        self,
        paragraphs: Sequence[Paragraph],
        langs: Sequence[str] | None = None,
        repeats: Sequence[int] | None = None,
        context: Sequence[tuple] | None = None,
    ) -> list[ParagraphScore]:
        """Score paragraphs of whole documents (neighbours are used as context).

        ``context`` gives, per paragraph, ``(page key, index, count[, position])``
        when the page is not the paragraph's own document (records that are
        pieces of a page); the position defaults to the index.
        """
        if context is None:
            context = [(p.doc_id, p.index, p.count) for p in paragraphs]
        frame = pd.DataFrame(
            {
                "text": [p.text for p in paragraphs],
                "doc_id": [c[0] for c in context],
                "paragraph": [c[1] for c in context],
                "n_paragraphs": [c[2] for c in context],
                "pos": [float(c[3]) if len(c) > 3 else float(c[1]) for c in context],
            }
        )
        if langs is not None:
            frame["lang"] = list(langs)
        if repeats is not None:
            frame["repeat"] = list(repeats)
        P, p_any, X, spans, used_langs = self.predict(frame)
        Pc, pc_any = self.reported(P, p_any)
        in_context = self.in_context(X)
        out = []
        for i, para in enumerate(paragraphs):
            labels = self.decide(P[i], p_any[i], spans[i], used_langs[i], in_context[i])
            probs, score = reported_without_vetoed(Pc[i], pc_any[i], spans[i])
            probs = reported_without_excluded(probs, labels)
            out.append(
                ParagraphScore(
                    paragraph=para,
                    lang=used_langs[i],
                    score=float(score),
                    probs={label: float(probs[j]) for j, label in enumerate(LABELS)},
                    labels=labels,
                    evidence=shown(spans[i]),
                    signals=self.top_signals(X[i], labels) if labels else (),
                )
            )
        return out

    def score_frame(self, frame: pd.DataFrame, text_column: str = "text") -> pd.DataFrame:
        """pandas in, pandas out: one row per input row, whole text as one paragraph.

        Adds ``lang``, ``score``, ``labels``, one ``p_<label>`` column per label and
        ``evidence``. Usable in Spark's ``mapInPandas`` or a Dask ``map_partitions``.
        """
        texts = frame[text_column].astype(str).tolist()
        inp = pd.DataFrame({"text": texts})
        if "lang" in frame:
            inp["lang"] = frame["lang"].values
        P, p_any, X, spans, langs = self.predict(inp)
        Pc, pc_any = self.reported(P, p_any)
        labels = [self.decide(P[i], p_any[i], spans[i], langs[i]) for i in range(len(texts))]
        for i in range(len(texts)):
            Pc[i], pc_any[i] = reported_without_vetoed(Pc[i], pc_any[i], spans[i])
            Pc[i] = reported_without_excluded(Pc[i], labels[i])
        out = frame.copy()
        out["lang"] = langs
        out["score"] = pc_any
        out["labels"] = [";".join(row) for row in labels]
        for j, col in enumerate(PROB_COLUMNS):
            out[col] = Pc[:, j] if len(texts) else []
        out["evidence"] = [[list(s) for s in shown(row)] for row in spans]
        return out

    def explain_text(self, text: str, lang: str | None = None) -> ParagraphScore:
        """Score one free-standing text (no context)."""
        para = Paragraph("-", 0, text, 0, len(text), 1)
        return self.score_paragraphs([para], [lang] if lang else None)[0]
