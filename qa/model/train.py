"""Train the default model: per-label calibrated gradient boosting.

``train_model`` fits a ``sklearn.pipeline.Pipeline``: the ``features`` step
(``ParagraphFeaturizer``) and the ``labels`` step (``LabelModels``: one
calibrated ``HistGradientBoostingClassifier`` per label plus one for "any
defect"). It then picks per-label thresholds on the development frame: the best
F1 whose false-positive rate stays under a cap overall and in every language,
then the decisions of ``qa.model.decisions`` (span support, decisive rules, the
joint false-alarm budget, language thresholds).

Everything is seeded: the same data and seed give the same model.
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

import features
from qa.labels import LABELS
from qa.model.calibrate import fit_recalibration, recalibrate
from qa.model.context_mix import ContextMix, context_languages, with_context
from qa.model.dataset import context_frame, known_matrix, label_matrix, with_repeat
from qa.model.featurize import ParagraphFeaturizer
from qa.model.decisions import (
    Fired,
    _with_support,
    any_thresholds,
    choose_language_thresholds,
    choose_span_support,
    decisive_rules,
    fit_union,
    fpr_groups,
    hold_edited,
    lower_for_target,
    raise_any_threshold,
    raise_language_thresholds,
    rule_statistics,
    span_keys,
    threshold_matrix,
    withheld_any,
)
from qa.model.labelmodel import LabelModels
from qa.model.store import feature_fingerprint
from qa.model.metrics import choose_threshold, evaluate
from qa.model.proba import positive_proba

__all__ = ["TrainOptions", "featurize_frame", "train_model"]


@dataclass(frozen=True)
class TrainOptions:
    """Knobs of ``qa train``; defaults are the shipped model's."""

    seed: int = 0
    #: False-positive caps on clean development rows, per label and for any
    #: defect, enforced overall and in every language with enough clean rows.
    max_fpr: tuple[tuple[str, float], ...] = (
        ("leaked_code", 0.005),
        ("boilerplate", 0.03),
        ("spliced", 0.01),
        ("spacing", 0.01),
        ("truncated", 0.015),
        ("mojibake", 0.005),
        ("any", 0.05),
    )
    #: Development rows from these sources are edited prose (treebanks): their
    #: clean rows may be flagged at most ``max_edited_fpr``, per language.
    edited_sources: tuple[str, ...] = ("ud",)
    #: Training weight of clean rows of ``edited_sources``: informal edited text
    #: (e-mail sign-offs, review titles) is short like page furniture, and the
    #: any-defect and boilerplate models should learn that it is not.
    edited_clean_weight: float = 1.0
    #: Outputs whose probability may only rise with a line's repetition in its
    #: corpus (``ctx_log_repeat``); empty: unconstrained.
    repeat_increases: tuple[str, ...] = ()
    #: Labels whose probability reads page context while every other output
    #: scores each paragraph alone (``qa.model.context_mix``); set by ``qa tune``.
    context_labels: tuple[str, ...] = ()
    #: Span support set by hand (``qa tune --span-support RULE=FACTOR``): where the
    #: rule fires, its label is flagged from FACTOR x its threshold; applied after tuning.
    span_overrides: tuple[tuple[str, float], ...] = ()
    #: ``qa tune --recalibrate-only --raise-languages``: raise a language's thresholds of
    #: rows alone until its clean edited rows, scored alone, are under ``max_edited_fpr``.
    raise_languages: bool = False
    #: ``qa tune --recalibrate-only --lower-labels``: labels whose threshold of rows alone may
    #: be lowered for the any-defect F1 of the scraped DEV rows (``_lowered_for_scraped``).
    lower_labels: tuple[str, ...] = ()
    max_edited_fpr: float = 0.015
    #: With target rows (``qa tune --target``), the cap on other scraped clean rows is this times ``any``'s.
    proxy_fpr_factor: float = 2.0
    #: A language's own lower thresholds keep its clean rows under this x the caps.
    language_margin: float = 0.8
    #: A language's own threshold stays above this x the global one, and is only
    #: taken when it raises the label's F1 on the language's rows by ``language_min_gain``:
    #: a language's development rows are few and rarely cover all of its clean styles
    #: (informal Chinese separates clauses with spaces; the treebanks do not).
    language_floor: float = 0.6
    language_min_gain: float = 0.02
    #: Labels whose per-language lower threshold needs scraped clean rows of the
    #: language to check it (treebank text always ends its sentences).
    language_scraped_labels: tuple[str, ...] = ("truncated", "any")
    #: Whether a language may get its own, lower any-defect threshold (same rules).
    language_any: bool = True
    #: Weight, in the any-defect model, of clean rows that vouch for some labels only.
    partial_clean_weight: float = 0.3
    #: Shares of training documents scored without context and with the sparse
    #: context of a random sample of their paragraphs (the rest: whole documents).
    drop_context_share: float = 0.35
    sparse_context_share: float = 0.35
    #: Whether the fitted model scores with document context (page position,
    #: neighbours, the article's run of prose). Training always sees context;
    #: on pages of sites kept out of training, scoring each paragraph alone
    #: ranked defects better (ROC-AUC 0.88 against 0.85), so the default model
    #: uses only corpus repetition when it scores.
    document_context: bool = False
    max_iter: int = 250
    learning_rate: float = 0.1
    max_leaf_nodes: int = 31
    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))


def _transform_chunk(args):
    featurizer, chunk = args
    X, spans, langs = featurizer.transform_with_spans(chunk)
    return X, [span_keys(row) for row in spans]


def featurize_frame(featurizer: ParagraphFeaturizer, ctx: pd.DataFrame, workers: int = 1, with_spans: bool = False):
    """Feature matrix for ``ctx`` (rows in order), whole documents per worker.

    With ``with_spans`` also return the evidence that fired on each row (``Fired``).
    """
    ctx = with_repeat(ctx) if "repeat" not in ctx else ctx
    if workers <= 1 or len(ctx) < 2000:
        X, keys = _transform_chunk((featurizer, ctx))
        return (X, Fired.from_key_sets(keys)) if with_spans else X
    codes = pd.factorize(ctx["doc_id"])[0]
    n_chunks = workers * 8
    chunk_of = codes % n_chunks
    order, parts = [], []
    for c in range(n_chunks):
        rows = np.flatnonzero(chunk_of == c)
        if len(rows):
            order.append(rows)
            parts.append((featurizer, ctx.iloc[rows]))
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_transform_chunk, parts))
    X = np.zeros((len(ctx), results[0][0].shape[1]), dtype=np.float32)
    keys: list[frozenset] = [frozenset()] * len(ctx)
    for rows, (part, part_keys) in zip(order, results):
        X[rows] = part
        for r, k in zip(rows, part_keys):
            keys[r] = k
    return (X, Fired.from_key_sets(keys)) if with_spans else X


def _used_features(clf, n_features: int) -> list[int]:
    """Columns some tree of the boosted model splits on (all columns if unknown)."""
    try:
        used = set()
        for cal in clf.calibrated_classifiers_:
            for trees in cal.estimator._predictors:
                for tree in trees:
                    nodes = tree.nodes
                    used.update(int(f) for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"]) if not leaf)
        return sorted(used)
    except AttributeError:
        return list(range(n_features))


def _importances(clf, X: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Permutation importance (drop in mean log-likelihood) on a sample."""
    if y.sum() == 0 or y.sum() == len(y):
        return np.zeros(X.shape[1])
    eps = 1e-6

    def loglik(M):
        p = np.clip(positive_proba(clf, M), eps, 1 - eps)
        return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    base = loglik(X)
    imp = np.zeros(X.shape[1])
    for j in _used_features(clf, X.shape[1]):
        col = X[:, j].copy()
        if np.all(col == col[0]):
            continue
        X[:, j] = rng.permutation(col)
        imp[j] = max(0.0, base - loglik(X))
        X[:, j] = col
    return imp


def choose_decisions(label_models: LabelModels, Xd, fired, dev: pd.DataFrame, opts: TrainOptions, log=print,
                     rule_stats: dict | None = None):
    """Per-label thresholds and span rules chosen on development rows, and the
    development metrics they give, and the recalibration of reported probabilities
    (``qa.model.calibrate``). Returns ``(thresholds, span_rules, language_thresholds, recalibration, metrics)``.

    ``rule_stats`` (from ``rule_statistics``): decisive rules start with span
    support 0 (the joint false-alarm budget may still switch them off), and only
    rules precise over all labelled rows may get support."""
    Yd, Kd = label_matrix(dev), known_matrix(dev)
    clean = ~Yd.any(axis=1) & Kd.all(axis=1)
    langs = dev["lang"].tolist()
    # Rows whose F1 the thresholds maximise (``qa tune --target``); caps hold on all rows.
    objective = dev["objective"].to_numpy(bool) if "objective" in dev else np.ones(len(dev), bool)
    caps = dict(opts.max_fpr)
    PA = label_models.predict_proba(Xd)
    P, p_any = PA[:, :-1], PA[:, -1]
    thresholds = {}
    for j, label in enumerate(LABELS):
        thresholds[label] = choose_threshold(
            Yd[:, j], P[:, j], langs, caps[label], negatives=clean, usable=Kd[:, j], objective=objective
        )
    fully_known = Kd.all(axis=1) | Yd.any(axis=1)
    thresholds["any"] = choose_threshold(
        Yd.any(axis=1), p_any, langs, caps["any"], negatives=clean, usable=fully_known, objective=objective
    )
    span_rules = choose_span_support(Yd, Kd, P, fired, thresholds, clean, caps, objective=objective,
                                     rule_stats=rule_stats)
    for key in decisive_rules(rule_stats or {}):
        span_rules[key] = 0.0
    edited = dev["source"].isin(opts.edited_sources).to_numpy()
    if objective.all():
        groups = fpr_groups(clean, np.asarray(langs), edited, caps["any"], opts.max_edited_fpr)
    else:
        # With target rows, their clean rows hold the cap; the other scraped clean
        # rows (labelled automatically, a noisier proxy) hold a looser one.
        # Edited clean rows keep their own cap.
        groups = fpr_groups(clean & objective, np.asarray(langs), edited, caps["any"], opts.max_edited_fpr,
                            min_lang_clean=60)
        groups += fpr_groups(clean & ~objective, np.asarray(langs), edited, caps["any"] * opts.proxy_fpr_factor,
                             opts.max_edited_fpr)
    thresholds, span_rules = fit_union(
        P, p_any, fired, groups, thresholds, span_rules, defective=Yd.any(axis=1) & objective
    )
    lang_thresholds = choose_language_thresholds(
        P, p_any, fired, Yd, Kd, clean, langs, thresholds, span_rules, groups, caps, objective,
        margin=opts.language_margin, floor=opts.language_floor, min_gain=opts.language_min_gain,
        edited=edited, scraped_labels=opts.language_scraped_labels, with_any=opts.language_any,
    )
    log("thresholds: " + ", ".join(f"{k}={v:.3f}" for k, v in thresholds.items()))
    log(f"language thresholds: {lang_thresholds}")
    log(f"span support (factor x threshold when a span fires): {span_rules}")
    recalibration, metrics = _dev_metrics(P, p_any, fired, dev, thresholds, span_rules, lang_thresholds, log)
    return thresholds, span_rules, lang_thresholds, recalibration, metrics


def _dev_metrics(P, p_any, fired: Fired, dev: pd.DataFrame, thresholds, support, lang_thresholds, log=print):
    """``(recalibration, metrics)``: the recalibration of reported probabilities fitted on
    ``dev``, and the development metrics of these decisions (with recalibrated probabilities)."""
    Yd, Kd = label_matrix(dev), known_matrix(dev)
    langs = dev["lang"].tolist()
    recalibration = fit_recalibration(P, p_any, Yd, Kd)
    log(f"recalibration (Platt a, b per output): {recalibration}")
    T = threshold_matrix(thresholds, len(P), langs, lang_thresholds)
    decided = _with_support(P, fired, thresholds, support, T)
    t_any = np.where(withheld_any(P, fired, T), np.inf, any_thresholds(thresholds, len(P), langs, lang_thresholds))
    metrics = evaluate(Yd, P, p_any, LABELS, thresholds, langs, Kd, decided, t_any=t_any,
                       reported=recalibrate(P, p_any, recalibration))
    return recalibration, metrics


def retune(pipeline: Pipeline, manifest: dict, dev: pd.DataFrame, opts: TrainOptions = TrainOptions(), log=print,
           train: pd.DataFrame | None = None, keep_decisions: bool = False, remeasure: bool = False) -> dict:
    """Choose thresholds and span rules again for a fitted model; return the new manifest.

    With ``remeasure``, nothing is chosen: every threshold and span rule stays (span
    support set by hand, ``opts.span_overrides``, is applied), the recalibration is
    fitted again as ``keep_decisions`` fits it (the same rows give the same fit) and the
    development metrics are measured again, under the decision rules of the code that
    runs (after a change to ``qa.model.decisions``, or a new rule set by hand).

    With ``train`` (the training rows), decisive rules are measured on them and ``dev``.
    With ``keep_decisions``, only the recalibration of reported probabilities is
    fitted again on ``dev`` (thresholds, span support and rules stay as they are);
    with ``train`` too, the rule statistics are measured again (without target
    rows), and rules the model has no statistics for yet (added to ``features``
    since its last full tune) become decisive where they qualify (``new_decisive``).
    Without ``keep_decisions`` and with ``opts.context_labels``, the thresholds and
    span rules are chosen on ``dev`` rows scored alone: rows with page context get
    thresholds of their own. Either way, when the any-defect model reads page context (``"any"`` in
    ``opts.context_labels``), its threshold is raised where clean edited documents
    need it, and labels that read it may take lower thresholds on target rows
    (``_context_thresholds``)."""
    featurizer = pipeline.named_steps["features"]
    featurizer.set_params(use_context=opts.document_context or bool(opts.context_labels))
    # With context labels, rows with page context get thresholds of their own (below):
    # the thresholds chosen here are those of rows scored alone, so their caps must
    # hold on rows scored alone.
    drop = 1.0 if opts.context_labels and not (keep_decisions or remeasure) else opts.drop_context_share
    Xd, fired = featurize_frame(
        featurizer, context_frame(dev, drop, opts.seed + 1, opts.sparse_context_share), opts.workers, with_spans=True,
    )
    models = _mixed(pipeline, opts)
    if remeasure:  # span support set by hand is no choice: it is applied, and recorded
        own = _own_rows(dev)
        manifest = _with_hand_support(manifest, opts.span_overrides)
        return _recalibrated(models, manifest, Xd[own], fired.subset(own), dev[own].reset_index(drop=True), log)
    if keep_decisions:
        return _recalibrate_only(models, featurizer, manifest, dev, Xd, fired, opts, log, train)
    stats = manifest.get("rule_statistics")
    if train is not None:
        stats = _rule_stats_with_train(featurizer, train, fired, dev, opts, log)
    thresholds, span_rules, lang_thresholds, recalibration, metrics = choose_decisions(
        models, Xd, fired, dev, opts, log, rule_stats=stats
    )
    if opts.span_overrides:
        span_rules = with_overrides(span_rules, opts.span_overrides)
        recalibration, metrics = _dev_metrics(*_split(models.predict_proba(Xd)), fired, dev, thresholds, span_rules,
                                              lang_thresholds, log)
    out = dict(manifest, context_labels=list(opts.context_labels))
    context = _context_thresholds(
        models, featurizer, dev, dict(thresholds=thresholds, span_support=span_rules, language_thresholds=lang_thresholds),
        opts, log,
    )
    out = _with_context_thresholds(out, context)
    out.update(
        thresholds={k: round(float(v), 4) for k, v in thresholds.items()},
        span_support=span_rules,
        language_thresholds=lang_thresholds,
        recalibration=recalibration,
        rule_statistics=stats,
        dev_metrics=metrics,
        options={k: v for k, v in opts.__dict__.items() if k != "workers"},
    )
    out["rows"] = dict(out.get("rows", {}), dev=int(len(dev)))
    return out


def _with_hand_support(manifest: dict, overrides: tuple[tuple[str, float], ...]) -> dict:
    """``manifest`` with the span support set by hand (``--span-support``) applied to
    its ``span_support`` and recorded in its ``span_overrides``.

    >>> _with_hand_support({"span_support": {"a/b": 0.5}}, (("a/c", 0.0),))
    {'span_support': {'a/b': 0.5, 'a/c': 0.0}, 'span_overrides': {'a/c': 0.0}}
    """
    manifest = dict(manifest, span_support=with_overrides(manifest.get("span_support", {}), overrides))
    if overrides:
        manifest["span_overrides"] = dict(manifest.get("span_overrides", {}), **dict(overrides))
    return manifest


def _own_rows(dev: pd.DataFrame) -> np.ndarray:
    """The development rows that are not ``--target`` rows (they fit the recalibration)."""
    return ~dev["objective"].to_numpy(bool) if "objective" in dev else np.ones(len(dev), bool)


def _recalibrate_only(models, featurizer, manifest: dict, dev: pd.DataFrame, Xd, fired: Fired, opts: TrainOptions,
                      log=print, train: pd.DataFrame | None = None) -> dict:
    """``retune`` with ``keep_decisions``: the thresholds of rows alone stay; rule
    statistics are refreshed (with ``train``), new qualifying rules become decisive,
    span support set by hand is applied, the recalibration is fitted on the non-target
    rows and the thresholds of rows with page context are chosen (target rows only
    choose those)."""
    own = _own_rows(dev)
    own_dev = dev[own].reset_index(drop=True)
    if train is not None:
        stats = _rule_stats_with_train(featurizer, train, fired.subset(own), own_dev, opts, log)
        support = new_decisive(manifest.get("span_support", {}), manifest.get("rule_statistics") or {}, stats)
        was = manifest.get("span_support", {})
        log(f"rules made decisive: {sorted(k for k, v in support.items() if v == 0.0 and was.get(k) != 0.0)}")
        manifest = dict(manifest, span_support=support, rule_statistics=stats)
    manifest = _with_hand_support(manifest, opts.span_overrides)
    alone = _scored_alone(models, featurizer, dev, opts) if (opts.raise_languages or opts.lower_labels) else None
    if opts.lower_labels:
        lowered, by_language = _lowered_for_scraped(alone, manifest, dev, opts, log)
        record = dict(manifest.get("lowered_for_scraped", {}),
                      **{label: [manifest["thresholds"][label], lowered[label]] for label in opts.lower_labels})
        manifest = dict(manifest, thresholds=lowered, language_thresholds=by_language, lowered_for_scraped=record)
    if opts.raise_languages:
        own_alone = (alone[0][own], alone[1][own], alone[2].subset(own))
        manifest = dict(manifest, language_thresholds=_raised_for_edited(own_alone, manifest, own_dev, opts, log))
    out = dict(_recalibrated(models, manifest, Xd[own], fired.subset(own), own_dev, log),
               context_labels=list(opts.context_labels))
    return _with_context_thresholds(out, _context_thresholds(models, featurizer, dev, manifest, opts, log))


def _scored_alone(models, featurizer, dev: pd.DataFrame, opts: TrainOptions):
    """``(P, p_any, fired)`` of ``dev``'s rows, each scored alone (no page context)."""
    X, fired = featurize_frame(featurizer, context_frame(dev, 1.0, opts.seed + 1), opts.workers, with_spans=True)
    P, p_any = _split(models.predict_proba(X))
    return P, p_any, fired


def _lowered_for_scraped(alone, manifest: dict, dev: pd.DataFrame, opts: TrainOptions, log=print) -> dict:
    """The manifest's thresholds of rows alone, with ``opts.lower_labels`` lowered
    (``lower_for_target``, down to half) where that raises the any-defect F1 of the
    scraped DEV rows that are not target rows, each scored alone, while the clean
    scraped rows (overall, per language, and the target's) stay flagged at most the
    any-defect cap (or their rate before, if higher). A language in which the lowering
    flags clean edited rows that were not flagged before keeps a threshold of its own,
    raised back just far enough to flag none of them (``hold_edited``).
    Returns ``(thresholds, language_thresholds)``.

    A full tune keeps a label's threshold where the F1 of the target rows is flat:
    dev_gold's 54 truncated rows leave a range of thresholds equally good on it."""
    P, p_any, fired = alone
    Y, K = label_matrix(dev), known_matrix(dev)
    langs = dev["lang"].to_numpy()
    target = dev["objective"].to_numpy(bool) if "objective" in dev else np.zeros(len(dev), bool)
    scraped = ~dev["source"].isin(opts.edited_sources).to_numpy() & (K.all(axis=1) | Y.any(axis=1))
    clean = scraped & ~Y.any(axis=1)
    cap = dict(opts.max_fpr)["any"]
    groups = fpr_groups(clean & ~target, langs, np.zeros(len(dev), bool), cap, cap)
    groups += [(clean & target, cap)]
    thresholds = dict(manifest["thresholds"])
    own = manifest.get("language_thresholds", {})
    support = manifest.get("span_support", {})
    edited = dev["source"].isin(opts.edited_sources).to_numpy() & ~Y.any(axis=1) & K.all(axis=1)
    was = manifest.get("language_thresholds", {})
    for label in opts.lower_labels:
        T = threshold_matrix(thresholds, len(P), langs, own)
        before = float(thresholds[label])
        chosen = round(float(lower_for_target(P, p_any, fired, thresholds, support, label, scraped & ~target,
                                              Y.any(axis=1), 1.0, groups, T)), 4)
        log(f"{label} threshold of rows alone (scraped DEV rows): {before:.4f} -> {chosen:.4f}")
        thresholds[label] = chosen
        own = hold_edited(P, p_any, fired, thresholds, support, own, langs, edited, label, before)
        held = {lang: v[label] for lang, v in own.items() if v.get(label) != was.get(lang, {}).get(label)}
        if held:
            log(f"{label} held for clean edited rows: {held}")
    return thresholds, own


def _raised_for_edited(alone, manifest: dict, dev: pd.DataFrame, opts: TrainOptions, log=print) -> dict:
    """The manifest's language thresholds, raised where a language's clean edited rows
    of ``dev`` (``opts.edited_sources``), each scored alone (``alone``: ``_scored_alone``),
    are flagged more than ``opts.language_margin`` x ``opts.max_edited_fpr``
    (``raise_language_thresholds``; its other rows are the objective): a language's
    few edited rows estimate its rate loosely, as for the thresholds it lowers."""
    P, p_any, fired = alone
    Y, K = label_matrix(dev), known_matrix(dev)
    from_edited = dev["source"].isin(opts.edited_sources).to_numpy()
    edited = from_edited & ~Y.any(axis=1) & K.all(axis=1)
    objective = ~from_edited & (K.all(axis=1) | Y.any(axis=1))
    before = manifest.get("language_thresholds", {})
    raised = raise_language_thresholds(P, p_any, fired, manifest["thresholds"],
                                       manifest.get("span_support", {}), before, dev["lang"].to_numpy(), edited,
                                       opts.language_margin * opts.max_edited_fpr, Y.any(axis=1), objective)
    for lang, own in raised.items():
        changed = {k: v for k, v in own.items() if before.get(lang, {}).get(k) != v}
        if changed:
            log(f"{lang} thresholds raised for its clean edited rows: {changed}")
    return raised


def _with_context_thresholds(manifest: dict, context: tuple[dict, dict] | None) -> dict:
    """``manifest`` with its thresholds for rows scored with page context (global,
    and per language where its clean edited documents raised them)."""
    out = {k: v for k, v in manifest.items() if k not in ("context_thresholds", "context_language_thresholds")}
    if context:
        out["context_thresholds"], by_language = context
        if by_language:
            out["context_language_thresholds"] = by_language
    return out


def _context_thresholds(models, featurizer, dev: pd.DataFrame, manifest: dict, opts: TrainOptions, log=print):
    """Thresholds for rows scored with page context, for the outputs that read it
    (``opts.context_labels``; None when there are none). Rows are scored as whole
    documents (the rows of a ``doc_id`` in ``pos`` order, no context dropped):

    - each language with enough clean edited documents (``opts.edited_sources``)
      checks each context label (``_held_in_context``): where a label, at its
      threshold of rows alone, flags a language's documents more than
      ``opts.language_margin`` x ``opts.max_edited_fpr``, it is raised there, and the
      label then reads context only in the checked languages, with their values
      (an informal forum thread or a poem, lowercase starts and no final stop, looks
      like the pieces of a sentence broken at the page source's line breaks);
    - every other context label starts at its own threshold and is lowered
      (``lower_for_target``) where that raises the any-defect F1 on the target rows
      of ``dev`` (``qa tune --target``: rows like the text to score, with their
      pages), while their clean rows stay flagged at most the any-defect cap and
      clean edited rows at most ``opts.max_edited_fpr`` per language; without
      target rows it keeps its threshold;
    - the any-defect threshold is then raised (never lowered) until those clean
      edited documents stay under ``opts.max_edited_fpr`` in every language, as
      they do when scored alone.

    Returns ``(thresholds, language_thresholds)`` (rows scored alone keep
    ``manifest["thresholds"]``), or None without context labels."""
    if not opts.context_labels:
        return None
    thresholds = dict(manifest["thresholds"])
    support = manifest.get("span_support", {})
    Y, K = label_matrix(dev), known_matrix(dev)
    edited = (dev["source"].isin(opts.edited_sources) & ~Y.any(axis=1) & K.all(axis=1)).to_numpy()
    target = dev["objective"].to_numpy(bool).copy() if "objective" in dev else np.zeros(len(dev), bool)
    target &= (K.all(axis=1) | Y.any(axis=1)) & pd.to_numeric(dev["pos"], errors="coerce").notna().to_numpy()
    rows = edited | target
    if not rows.any():
        return {label: float(thresholds[label]) for label in opts.context_labels}, {}
    part = dev[rows].reset_index(drop=True)
    X, fired = featurize_frame(featurizer, context_frame(part), opts.workers, with_spans=True)
    P, p_any = _split(models.predict_proba(X))
    langs = part["lang"].to_numpy()
    edited, target = edited[rows], target[rows]
    # A row alone on its page (a one-paragraph document) has no page context: the
    # scorer gives it the thresholds of rows alone, so must this choice.
    names = list(featurizer.get_feature_names_out())
    in_context = X[:, names.index("ctx_known")] > 0 if "ctx_known" in names else np.ones(len(X), bool)
    alone_own = manifest.get("language_thresholds") or {}
    alone_T = threshold_matrix(thresholds, len(P), langs, alone_own)
    alone_any = any_thresholds(thresholds, len(P), langs, alone_own)
    groups = fpr_groups(edited, langs, np.ones(len(part), bool), 1.0, opts.max_edited_fpr)
    defective = Y[rows].any(axis=1)
    # First the languages' clean edited documents check each context label; a label
    # that needed a raise somewhere reads context only where it was checked.
    own = _held_in_context(P, p_any, fired, thresholds, support, alone_own, langs, edited & in_context, defective,
                           target, opts, log)
    restricted = context_languages(own)
    if restricted:
        P, p_any = _split(ContextMix(models.label_models, models.names, opts.context_labels,
                                     restricted).predict_proba(X, langs))
    shared = {label: float(thresholds[label]) for label in opts.context_labels if label != "any"}
    T = threshold_matrix(thresholds, len(P), langs,
                         {lang: with_context(alone_own.get(lang, {}), lang, shared, own) for lang in set(langs.tolist())})
    T = np.where(in_context[:, None], T, alone_T)
    chosen = {}
    any_for = None
    if "any" in opts.context_labels and edited.any():
        def any_for(trial_thresholds, trial_T):  # per row: the any-defect threshold the raise below would choose
            t = raise_any_threshold(P, p_any, fired, trial_thresholds, support, groups, trial_T, in_context, alone_any)
            return np.where(in_context, t, alone_any)
    for label in opts.context_labels:
        if label == "any" or label in restricted or not target.any():
            continue
        chosen[label] = lower_for_target(P, p_any, fired, thresholds, support, label, target, defective,
                                         dict(opts.max_fpr)["any"], groups, T, any_for=any_for, follows=in_context)
        j = LABELS.index(label)
        T[:, j] = np.where(in_context, np.minimum(T[:, j], chosen[label]), T[:, j])
        thresholds[label] = chosen[label]
        log(f"{label} threshold with page context (target rows): {manifest['thresholds'][label]:.4f} -> {chosen[label]:.4f}")
    for label in opts.context_labels:
        chosen.setdefault(label, float(manifest["thresholds"][label]))
    if "any" in opts.context_labels and edited.any():
        chosen["any"] = raise_any_threshold(P, p_any, fired, thresholds, support, groups, T, in_context, alone_any)
        log(f"any-defect threshold with page context (clean edited documents): "
            f"{manifest['thresholds']['any']:.4f} -> {chosen['any']:.4f}")
    return {k: round(float(v), 4) for k, v in chosen.items()}, own


def _held_in_context(P, p_any, fired: Fired, thresholds, support, language_thresholds: dict, langs, edited, defective,
                     target, opts: TrainOptions, log=print, min_edited: int = 60) -> dict[str, dict[str, float]]:
    """Per language, the context labels' thresholds that its clean edited documents
    need (``_context_thresholds``); {} when no language needs a raise.

    A language with ``min_edited`` clean edited rows is checked: its context labels are
    raised (``raise_language_thresholds``) until those rows, scored as pages, are flagged
    at most ``opts.language_margin`` x ``opts.max_edited_fpr``. When a label needed a
    raise in some language, every checked language gets its value for it and the label
    reads page context in those languages only (``ContextMix``'s ``languages``): a
    language the step cannot check (Russian's treebank poetry is one trained document)
    scores it alone, as before. ``thresholds`` holds the context labels' chosen values.
    """
    labels = tuple(label for label in opts.context_labels if label != "any")
    if not labels or not edited.any():
        return {}
    shared = {label: thresholds[label] for label in labels}
    effective = {lang: with_context(own, lang, shared, {}) for lang, own in language_thresholds.items()}
    # Labels only: rows that the any-defect score alone flags are for its own raise.
    no_any = {lang: dict(own, any=2.0) for lang, own in effective.items()}
    raised = raise_language_thresholds(P, p_any, fired, dict(thresholds, any=2.0), support, no_any, langs, edited,
                                       opts.language_margin * opts.max_edited_fpr, defective, target,
                                       min_edited=min_edited, keys=labels)
    langs = np.asarray(langs)
    checked = sorted(lang for lang in set(langs[edited].tolist()) if (edited & (langs == lang)).sum() >= min_edited)
    out: dict[str, dict[str, float]] = {}
    for label in labels:
        values = {lang: float(raised.get(lang, {}).get(label, effective.get(lang, {}).get(label, thresholds[label])))
                  for lang in checked}
        if all(v <= float(effective.get(lang, {}).get(label, thresholds[label])) for lang, v in values.items()):
            continue
        log(f"{label} reads page context in the languages its clean edited documents checked: {values}")
        for lang, value in values.items():
            out.setdefault(lang, {})[label] = value
    return out


def _mixed(pipeline: Pipeline, opts: TrainOptions):
    """The label models as the scorer will use them: mixed with page context for ``opts.context_labels``."""
    labels = pipeline.named_steps["labels"]
    if not opts.context_labels:
        return labels
    return ContextMix(labels, pipeline.named_steps["features"].get_feature_names_out(), opts.context_labels)


def _recalibrated(models, manifest: dict, Xd, fired: Fired, dev: pd.DataFrame, log=print) -> dict:
    """``manifest`` with its recalibration fitted on ``dev`` and its development metrics measured again."""
    PA = models.predict_proba(Xd)
    recalibration, metrics = _dev_metrics(
        PA[:, :-1], PA[:, -1], fired, dev, manifest["thresholds"], manifest.get("span_support", {}),
        manifest.get("language_thresholds", {}), log,
    )
    out = dict(manifest, recalibration=recalibration, dev_metrics=metrics)
    out["rows"] = dict(out.get("rows", {}), dev=int(len(dev)))
    return out


def _rule_stats_from(fired_train: Fired, train: pd.DataFrame, fired_dev: Fired, dev: pd.DataFrame, log=print) -> dict:
    fired = Fired.concat(fired_train, fired_dev)
    Y = np.vstack([label_matrix(train), label_matrix(dev)])
    K = np.vstack([known_matrix(train), known_matrix(dev)])
    stats = rule_statistics(fired, Y, K)
    log(f"decisive rules: {sorted(decisive_rules(stats))}")
    return stats


def _rule_stats_with_train(featurizer, train: pd.DataFrame, fired_dev: Fired, dev: pd.DataFrame, opts: TrainOptions,
                           log=print) -> dict:
    """Rule statistics over the training rows (featurized here) and ``dev`` (already fired)."""
    _, fired_train = featurize_frame(featurizer, context_frame(train), opts.workers, with_spans=True)
    return _rule_stats_from(fired_train, train, fired_dev, dev, log)


def with_overrides(support: dict, overrides) -> dict:
    """``support`` with the factors set by hand (``--span-support RULE=FACTOR``).

    >>> with_overrides({"spacing": 1.0}, (("spacing/before_comma", 0.9),))
    {'spacing': 1.0, 'spacing/before_comma': 0.9}
    """
    return dict(support, **dict(overrides))


def _split(PA: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return PA[:, :-1], PA[:, -1]


def new_decisive(support: dict, old_stats: dict, stats: dict) -> dict:
    """``support`` with factor 0 for rules decisive in ``stats`` that were not in
    ``old_stats`` (new rules) or did not qualify there (rules made more precise since):
    rules the last full tune judged as they are keep its decision.

    >>> st = {"fires": 40, "precision": 0.95, "clean_rate": 0.0}
    >>> new_decisive({"spliced": 1.0}, {"spliced/a": st}, {"spliced/a": st, "spliced/b": st})
    {'spliced': 1.0, 'spliced/b': 0.0}
    >>> loose = dict(st, precision=0.75)
    >>> new_decisive({"spliced/a": 0.35}, {"spliced/a": loose}, {"spliced/a": st})
    {'spliced/a': 0.0}
    """
    out = dict(support)
    judged = decisive_rules(old_stats)
    for key in decisive_rules(stats):
        if key not in judged:
            out[key] = 0.0
    return out


def _weights(train: pd.DataFrame, Y, opts: TrainOptions) -> np.ndarray:
    """Per training row: ``opts.edited_clean_weight`` for clean rows of edited sources, else 1.

    >>> frame = pd.DataFrame({"source": ["ud", "ud", "readability_testpages"]})
    >>> _weights(frame, np.array([[0], [1], [0]]), TrainOptions(edited_clean_weight=3.0)).tolist()
    [3.0, 1.0, 1.0]
    """
    edited_clean = train["source"].isin(opts.edited_sources).to_numpy() & ~np.asarray(Y).any(axis=1)
    return np.where(edited_clean, opts.edited_clean_weight, 1.0)


def _increasing(featurizer, opts: TrainOptions) -> dict | None:
    """``LabelModels(increasing=...)`` for ``opts.repeat_increases``."""
    names = list(featurizer.get_feature_names_out())
    if not opts.repeat_increases or "ctx_log_repeat" not in names:
        return None
    return {output: (names.index("ctx_log_repeat"),) for output in opts.repeat_increases}


def train_model(train: pd.DataFrame, dev: pd.DataFrame, opts: TrainOptions = TrainOptions(), log=print):
    """Fit the model; return ``(pipeline, manifest_fields)``.

    ``train`` and ``dev`` are frames from ``qa.model.dataset`` (text, lang,
    labels, doc_id, pos). The pipeline is what ``qa.model.store.save_model`` writes.
    """
    t_start = time.monotonic()
    featurizer = ParagraphFeaturizer().fit(train)
    log(f"featurizing {len(train)} training rows ({opts.workers} workers)")
    train_ctx = context_frame(train, opts.drop_context_share, opts.seed, opts.sparse_context_share)
    X, fired_train = featurize_frame(featurizer, train_ctx, opts.workers, with_spans=True)
    Y = label_matrix(train)
    K = known_matrix(train)
    log(f"  done in {time.monotonic() - t_start:.1f}s; featurizing {len(dev)} development rows")
    featurizer.set_params(use_context=opts.document_context)
    Xd, fired = featurize_frame(
        featurizer, context_frame(dev, opts.drop_context_share, opts.seed + 1, opts.sparse_context_share),
        opts.workers, with_spans=True,
    )
    Yd = label_matrix(dev)
    label_models = LabelModels(
        labels=LABELS, max_iter=opts.max_iter, learning_rate=opts.learning_rate, max_leaf_nodes=opts.max_leaf_nodes,
        partial_clean_weight=opts.partial_clean_weight, random_state=opts.seed,
        increasing=_increasing(featurizer, opts),
    ).fit(X, Y, known=K, log=log, sample_weight=_weights(train, Y, opts))
    stats = _rule_stats_from(fired_train, train, fired, dev, log)
    thresholds, span_rules, lang_thresholds, recalibration, metrics = choose_decisions(
        label_models, Xd, fired, dev, opts, log, rule_stats=stats
    )
    log("permutation importances")
    rng = np.random.default_rng(opts.seed)
    sample = rng.choice(len(dev), size=min(800, len(dev)), replace=False)
    Xs = Xd[sample].copy()
    importances = {}
    for j, label in enumerate(LABELS):
        importances[label] = _importances(label_models.estimator_for(label), Xs, Yd[sample, j].astype(float), rng).round(5).tolist()
    importances["any"] = _importances(label_models.estimator_for("any"), Xs, Yd[sample].any(axis=1).astype(float), rng).round(5).tolist()
    clean = ~Y.any(axis=1)
    reference = {
        "median": np.median(X[clean], axis=0).round(5).tolist(),
        "scale": (np.percentile(X[clean], 90, axis=0) - np.percentile(X[clean], 10, axis=0) + 1e-3).round(5).tolist(),
    }
    pipeline = Pipeline([("features", featurizer), ("labels", label_models)])
    manifest = {
        "name": "qa-default",
        "version": _dt.date.today().isoformat(),
        "feature_set": features.FEATURE_SET_VERSION,
        # The extractors' behaviour the weights learned; ``feature_fingerprint`` is
        # renewed at every save (``qa tune`` too), so this one tells later changes.
        "trained_feature_fingerprint": feature_fingerprint(),
        "feature_names": list(featurizer.get_feature_names_out()),
        "labels": list(LABELS),
        "thresholds": {k: round(float(v), 4) for k, v in thresholds.items()},
        "span_support": span_rules,
        "language_thresholds": lang_thresholds,
        "recalibration": recalibration,
        "rule_statistics": stats,
        "importances": importances,
        "reference": reference,
        "options": {k: v for k, v in opts.__dict__.items() if k != "workers"},
        "rows": {"train": int(len(train)), "dev": int(len(dev))},
        "dev_metrics": metrics,
    }
    return pipeline, manifest
