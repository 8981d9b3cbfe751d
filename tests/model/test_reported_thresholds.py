"""The thresholds shown to users are on the scale of the probabilities they see."""

import json
from pathlib import Path

import numpy as np

from qa.labels import LABELS
from qa.model.scorer import Scorer

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"


def _texts():
    for path in sorted(CASES.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("positives", "negatives"):
            for case in cases.get(kind, []):
                yield case["text"], case.get("lang")


def test_a_probability_over_its_shown_threshold_always_gives_the_label():
    scorer = Scorer.load()
    checked = flagged_by_score = 0
    for text, lang in _texts():
        result = scorer.explain_text(text, lang)
        limits = scorer.reported_thresholds(result.lang)
        for label in LABELS:
            if result.probs[label] >= limits[label] + 1e-3:  # shown values are rounded
                assert label in result.labels, (text, label, result.probs[label], limits[label])
                checked += 1
        if result.score >= limits["any"] + 1e-3:
            assert result.labels, (text, result.score, limits["any"])
            flagged_by_score += 1
        if not result.labels:
            # clean rows stay under every shown threshold
            assert result.score < limits["any"] + 1e-3 and all(
                result.probs[label] < limits[label] + 1e-3 for label in LABELS), text
    assert checked > 50 and flagged_by_score > 50


def test_report_model_info_shows_the_reported_scale():
    scorer = Scorer.load()
    info = scorer.info
    assert info["thresholds"] == scorer.reported_thresholds()
    # the raw any-defect threshold is not what users compare scores with
    assert info["thresholds"]["any"] != round(scorer.thresholds["any"], 3)
    # rows scored with their page are compared with the context thresholds
    assert info["context_thresholds"] == scorer.reported_thresholds(in_context=True)
    assert info["context_thresholds"]["boilerplate"] < info["thresholds"]["boilerplate"]


def test_rows_with_page_context_take_the_context_thresholds_or_their_language_lower_one():
    scorer = Scorer.load()
    context = scorer.context_thresholds
    assert context and context["boilerplate"] < scorer.thresholds["boilerplate"]
    probs = {label: 0.0 for label in LABELS}
    # a boilerplate probability between the context threshold and the alone one
    probs["boilerplate"] = (context["boilerplate"] + scorer.thresholds["boilerplate"]) / 2
    P = np.array([probs[label] for label in LABELS])
    assert scorer.decide(P, 0.0, (), "en", in_context=True) == ("boilerplate",)
    assert scorer.decide(P, 0.0, (), "en", in_context=False) == ()
    # a language with its own lower threshold keeps it with page context
    lower = {lang: t["boilerplate"] for lang, t in scorer.language_thresholds.items()
             if t.get("boilerplate", 1.0) < context["boilerplate"]}
    assert lower, "the packaged model has languages with a lower boilerplate threshold"
    lang, t = next(iter(lower.items()))
    P[LABELS.index("boilerplate")] = (t + context["boilerplate"]) / 2
    assert scorer.decide(P, 0.0, (), lang, in_context=True) == ("boilerplate",)
    assert scorer.decide(P, 0.0, (), "en", in_context=True) == ()
