"""The packaged model on the hand-written cases of ``fixtures/cases`` (no ``../shared`` needed).

Each case text is scored alone (``Scorer.explain_text``). Floors and ceilings live in
``fixtures/quality_gate.json`` under ``cases``; like the other floors, they only move up.
The feature tests check the extractors' evidence on the same cases; this checks what the
model decides from it.
"""

import json
from pathlib import Path

import pytest

from qa.labels import LABELS
from qa.model.scorer import Scorer

ROOT = Path(__file__).resolve().parents[1]
GATE = json.loads((ROOT / "fixtures" / "quality_gate.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def scorer():
    return Scorer.load()


def _cases(label):
    return json.loads((ROOT / "fixtures" / "cases" / f"{label}.json").read_text(encoding="utf-8"))


def _lang(case):
    return None if case.get("lang") in (None, "und") else case["lang"]


@pytest.mark.parametrize("label", LABELS)
def test_positives_get_their_label(scorer, label):
    cases = _cases(label)["positives"]
    missed = [c["text"][:60] for c in cases if label not in scorer.explain_text(c["text"], _lang(c)).labels]
    assert len(cases) - len(missed) >= GATE["min_positives_found"][label], missed


@pytest.mark.parametrize("label", LABELS)
def test_negatives_stay_clean(scorer, label):
    flagged = []
    for c in _cases(label)["negatives"]:
        got = scorer.explain_text(c["text"], _lang(c)).labels
        if got:
            flagged.append((c["text"][:60], got))
    assert len(flagged) <= GATE["max_negatives_flagged"][label], flagged
