"""The thresholds shown to users are on the scale of the probabilities they see."""

import json
from pathlib import Path

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
