"""The thresholds shown to users are on the scale of the probabilities they see."""

import json
from pathlib import Path

import numpy as np
import pandas as pd

from features.spans import Span

from qa.labels import LABELS
from qa.model.decisions import ALSO_SUPPORTED_BY, span_keys
from qa.model.scorer import Scorer

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"


def _texts():
    for path in sorted(CASES.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("positives", "negatives"):
            for case in cases.get(kind, []):
                yield case["text"], case.get("lang")


def test_a_probability_over_its_shown_threshold_always_gives_the_label():
    """... unless the label needs evidence of its own and the row has none: then it
    needs its shown floor (``reported_floors``), and a label with no floor is never given."""
    scorer = Scorer.load()
    floors = scorer.reported_floors()
    checked = flagged_by_score = held_back = 0
    for text, lang in _texts():
        result = scorer.explain_text(text, lang)
        limits = scorer.reported_thresholds(result.lang)
        keys = span_keys(result.evidence)
        held = set()
        for label in LABELS:
            supported = any(k in keys for k in (label, *ALSO_SUPPORTED_BY.get(label, ())))
            if label in floors and not supported:
                if floors[label] is None or result.probs[label] < floors[label] - 1e-3:
                    assert label not in result.labels, (text, label, result.probs[label])
                    held.add(label)
                    held_back += result.probs[label] >= limits[label] + 1e-3
                    continue
            if result.probs[label] >= limits[label] + 1e-3:  # shown values are rounded
                assert label in result.labels, (text, label, result.probs[label], limits[label])
                checked += 1
        if result.score >= limits["any"] + 1e-3:
            assert result.labels, (text, result.score, limits["any"])
            flagged_by_score += 1
        if not result.labels:
            # clean rows stay under every shown threshold (of the labels they could get)
            assert result.score < limits["any"] + 1e-3 and all(
                result.probs[label] < limits[label] + 1e-3 for label in LABELS if label not in held), text
    assert checked > 50 and flagged_by_score > 50 and held_back > 0


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


def test_a_label_checked_per_language_reads_context_there_and_scores_alone_elsewhere():
    """``qa tune`` checks a context label on each language's clean edited documents
    (``context_language_thresholds``): a checked language takes its own context
    threshold (English's is raised over the shared one), and a language that was
    not checked scores the label alone, with its threshold of rows alone."""
    scorer = Scorer.load()
    held = scorer.context_language_thresholds
    assert held.get("en", {}).get("truncated", 0.0) > scorer.context_thresholds["truncated"]
    assert "ru" not in held  # Russian's treebank text is one trained document: nothing checks it
    j = LABELS.index("truncated")
    raised = held["en"]["truncated"]
    cut = (Span(0, 1, "truncated", "end_at_limit"),)  # own evidence (UNSUPPORTED_FLOORS) that lowers no threshold
    P = np.zeros(len(LABELS))
    P[j] = (scorer.context_thresholds["truncated"] + raised) / 2
    assert "truncated" not in scorer.decide(P, 0.0, cut, "en", in_context=True)
    assert held["fr"]["truncated"] < P[j]  # French's documents needed no raise
    assert "truncated" in scorer.decide(P, 0.0, cut, "fr", in_context=True)
    # an unchecked language: its alone threshold, with or without page context
    alone = scorer.language_thresholds.get("ru", {}).get("truncated", scorer.thresholds["truncated"])
    P[j] = alone + 0.001
    assert "truncated" in scorer.decide(P, 0.0, cut, "ru", in_context=True)
    P[j] = alone - 0.001
    assert "truncated" not in scorer.decide(P, 0.0, cut, "ru", in_context=True)
    assert scorer.reported_thresholds("ru", in_context=True)["truncated"] == scorer.reported_thresholds("ru")["truncated"]


def test_an_unchecked_language_gets_the_probability_alone_for_a_label_checked_per_language():
    """The same text on the same page: an English row's truncated probability reads
    the page, a Russian-tagged row's is the one it gets alone."""
    scorer = Scorer.load()
    texts = ["The console is similar to the Xbox One S, except it has an entirely",
             "matte black case and is slightly slimmer than the last model",
             "It is also surprisingly dense for its size."]
    j = LABELS.index("truncated")
    probs = {}
    for lang in ("en", "ru"):
        page = pd.DataFrame({"text": texts, "lang": lang, "doc_id": "p", "paragraph": range(3), "n_paragraphs": 3,
                             "pos": [0.0, 1.0, 2.0]})
        alone = pd.DataFrame({"text": texts, "lang": lang})
        probs[lang] = (scorer.predict(page)[0][:, j], scorer.predict(alone)[0][:, j])
    assert not np.allclose(probs["en"][0], probs["en"][1])  # English reads its neighbours
    assert np.allclose(probs["ru"][0], probs["ru"][1])  # an unchecked language does not
