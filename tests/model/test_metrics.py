"""Metrics and threshold choice shared by training and evaluation."""

import numpy as np

from qa.model.metrics import choose_threshold, evaluate, format_report, label_report


def test_label_report_counts():
    r = label_report(np.array([1, 1, 0, 0]), np.array([0.9, 0.2, 0.8, 0.1]), 0.5)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 1)
    assert r["precision"] == 0.5 and r["recall"] == 0.5 and r["fpr"] == 0.5
    assert r["roc_auc"] == 0.75


def test_threshold_respects_the_fpr_cap_in_every_language():
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(100), np.zeros(200)].astype(int)
    p = np.r_[rng.uniform(0.5, 1, 100), rng.uniform(0, 0.6, 200)]
    langs = np.array(["en"] * 150 + ["fr"] * 150)
    p[250:] += 0.3  # French clean rows score higher
    t = choose_threshold(y, p, langs, max_fpr=0.02, min_lang_negatives=40)
    assert t > 0.5
    for lang in ("en", "fr"):
        neg = (langs == lang) & (y == 0)
        assert (p[neg] >= t).mean() <= 0.02


def test_evaluate_and_format():
    Y = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    P = np.array([[0.9, 0.1], [0.1, 0.1], [0.2, 0.8], [0.7, 0.1]])
    m = evaluate(Y, P, P.max(axis=1), ["a", "b"], {"a": 0.5, "b": 0.5, "any": 0.95}, ["en", "en", "fr", "fr"])
    assert m["labels"]["a"]["fp"] == 1
    assert m["any"]["tp"] == 2 and m["any"]["fp"] == 1
    assert m["languages"]["fr"]["clean_fpr"] == 1.0
    assert m["languages"]["en"]["clean_fpr"] == 0.0
    text = format_report(m)
    assert "ANY" in text and "fr" in text


def test_evaluate_reports_calibration_per_label_and_for_any():
    rng = np.random.default_rng(1)
    p = rng.uniform(0, 1, 4000)
    honest = (rng.uniform(0, 1, 4000) < p).astype(int)  # outcomes drawn at the stated probability
    Y = np.column_stack([honest, np.zeros(4000, int)])
    P = np.column_stack([p, np.full(4000, 0.9)])  # the second label claims 0.9 and is never right
    m = evaluate(Y, P, p, ["a", "b"], {"a": 0.5, "b": 0.5, "any": 0.5}, ["en"] * 4000)
    assert m["labels"]["a"]["ece"] < 0.05
    assert m["labels"]["b"]["ece"] > 0.85 and m["labels"]["b"]["brier"] > 0.8
    assert m["any"]["ece"] < 0.05
    assert "ece" in format_report(m)
