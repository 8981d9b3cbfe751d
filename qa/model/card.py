"""The model card: what a model was trained on and how well it does.

Written by ``qa train`` next to the model; the report shows its first lines.
"""

from __future__ import annotations

import collections
import math

import pandas as pd

from qa.labels import LABELS
from qa.model.decisions import ALSO_SUPPORTED_BY, LABEL_EXCLUSIONS, ROW_VETOES, UNSUPPORTED_FLOORS

__all__ = ["model_card"]


def _evidence_needed() -> str:
    """The labels that need evidence of their own (``decisions.UNSUPPORTED_FLOORS``), in words.

    >>> "spliced" in _evidence_needed()
    True
    """
    never = [label for label, floor in UNSUPPORTED_FLOORS.items() if not math.isfinite(floor)]
    names = ", ".join(never[:-1]) + " and " + never[-1] if len(never) > 1 else "".join(never)
    parts = [f"{names} {'are' if len(never) > 1 else 'is'} never given without a span of their own"] if never else []
    for label, floor in UNSUPPORTED_FLOORS.items():
        if math.isfinite(floor):
            also = ALSO_SUPPORTED_BY.get(label, ())
            parts.append(f"{label} without one{' (or a span of ' + ', '.join(also) + ')' if also else ''} "
                         f"needs a probability of {floor} (before recalibration)")
    return ("Labels that need evidence: " + "; ".join(parts) + ".") if parts else ""


def _ruled_out() -> str:
    """The row evidence that rules labels out (``decisions.ROW_VETOES``), in words.

    >>> "boilerplate/table_cell rules out boilerplate" in _ruled_out(), "leaked_code rules out spacing" in _ruled_out()
    (True, True)
    """
    parts = [f"{key} rules out {', '.join(labels)}" for key, labels in ROW_VETOES.items()]
    given = [f"{label} rules out {', '.join(out)}" for label, out in LABEL_EXCLUSIONS.items()]
    return (("Row evidence that rules labels out: " + "; ".join(parts) + "; and the any-defect score alone "
             "flags nothing when the label a row reads most like is ruled out." if parts else "")
            + (" Labels that rule others out once given: " + "; ".join(given) + "." if given else ""))


def _counts(frame: pd.DataFrame) -> str:
    rows = []
    by_lang = collections.Counter(frame["lang"])
    per_label = collections.Counter(label for labels in frame["labels"] for label in labels)
    clean = int(sum(1 for labels in frame["labels"] if not labels))
    rows.append(f"- rows: {len(frame):,} (clean {clean:,}; " + ", ".join(f"{k} {per_label[k]:,}" for k in LABELS) + ")")
    rows.append("- languages: " + ", ".join(f"{k} {v:,}" for k, v in by_lang.most_common()))
    by_source = collections.Counter(str(s).split(":")[0] for s in frame["source"])
    rows.append("- sources: " + ", ".join(f"{k or 'unknown'} {v:,}" for k, v in by_source.most_common(12)))
    return "\n".join(rows)


def _cap(manifest: dict, name: str, default: float = 0.05) -> float:
    """The false-positive cap a model was tuned with, from its manifest options."""
    caps = dict(manifest.get("options", {}).get("max_fpr", ()))
    return float(caps.get(name, default))


def data_summary(frame: pd.DataFrame) -> str:
    """Counts per label, language and source of a labelled frame (Markdown list)."""
    return _counts(frame)


def _test_also_tuned(manifest: dict) -> bool:
    """Whether a test file (by content hash) was also among the tuning files.

    >>> _test_also_tuned({"data": {"dev": [{"sha256": "a"}], "test": [{"sha256": "a"}]}})
    True
    """
    data = manifest.get("data", {})
    return bool({f.get("sha256") for f in data.get("dev", [])} & {f.get("sha256") for f in data.get("test", [])})


def _context_sentence(manifest: dict) -> str:
    """How the model uses document context when it scores.

    >>> _context_sentence({"options": {"document_context": False}})[:40]
    'Training sees document context (page pos'
    """
    if manifest.get("options", {}).get("document_context", False):
        return "It scores with document context: page position, neighbours and the article's run of prose."
    if manifest.get("context_labels"):
        names = [label for label in manifest["context_labels"] if label != "any"]
        if "any" in manifest["context_labels"]:
            names.append("the any-defect score")
        listed_names = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        sentence = (
            "It reads page context (page position, neighbours, the article's run of prose) for "
            + listed_names
            + " only; every other output scores each paragraph alone, with corpus repetition. Context for every "
            "label cost the seed page two splices (spliced reading context still does) and raised false alarms on "
            "clean informal treebank text."
        )
        context = manifest.get("context_thresholds") or {}
        if context:
            listed = ", ".join(f"{k} {v:.4f} (alone {manifest['thresholds'][k]:.4f})" for k, v in context.items())
            sentence += (
                f" Rows scored with page context take their own thresholds: {listed}. A label's is lowered where"
                " that raises the any-defect F1 on the tuning target's pages while their clean rows stay under the"
                " any-defect cap and clean treebank documents, scored as pages, under the edited-text cap; the"
                " any-defect one is raised until those documents stay under that cap in every language. A language"
                " whose own threshold for a label is lower keeps it."
            )
        held = manifest.get("context_language_thresholds") or {}
        if held:
            listed = "; ".join(f"{lang} " + ", ".join(f"{k} {v:.4f}" for k, v in own.items())
                               for lang, own in sorted(held.items()))
            sentence += (
                " Clean treebank documents, scored as pages, check the context labels per language: where a"
                " label flagged some language's documents over the edited-text cap, its threshold there is raised,"
                f" and the label reads page context only in the languages checked ({listed}); in other languages"
                " it scores each paragraph alone, with the thresholds of rows alone."
            )
        return sentence
    return (
        "Training sees document context (page position, neighbours, the article's run of prose), but the model "
        "scores each paragraph alone, with corpus repetition only: on pages of sites kept out of training, "
        "document context lowered the ranking of defects (ROC-AUC)."
    )


def _label_table(metrics: dict) -> list[str]:
    """Markdown rows of per-label and any-defect metrics (``qa.model.metrics.evaluate``'s result).

    >>> r = {"positives": 3, "precision": 1.0, "recall": 0.5, "f1": 0.67, "fpr": 0.0, "roc_auc": 0.9}
    >>> _label_table({"labels": {"spacing": r}, "any": r})[2]
    '| spacing | 3 | 1.0 | 0.5 | 0.67 | 0.0 | 0.9 | - | - |'
    """
    lines = ["| label | positives | precision | recall | F1 | FPR | ROC-AUC | Brier | ECE |",
             "|---|---|---|---|---|---|---|---|---|"]
    for label, r in list(metrics["labels"].items()) + [("any defect", metrics["any"])]:
        lines.append(f"| {label} | {r['positives']} | {r['precision']} | {r['recall']} | {r['f1']} | {r['fpr']} "
                     f"| {r['roc_auc']} | {r.get('brier', '-')} | {r.get('ece', '-')} |")
    return lines


def _drift_sentence(manifest: dict) -> str:
    """Whether the extractors still compute what the weights were trained on.

    >>> _drift_sentence({"trained_feature_fingerprint": "a", "feature_fingerprint": "a"})
    'The extractors compute the values the weights were trained on.'
    >>> _drift_sentence({})[:37]
    'The weights predate the record of the'
    >>> _drift_sentence({"accepted_feature_drift": [{"from": "a", "to": "b"}]}).startswith("`qa tune --accept")
    True
    """
    trained = manifest.get("trained_feature_fingerprint")
    carried = len(manifest.get("accepted_feature_drift", []))
    if carried:
        return (f"`qa tune --accept-feature-drift` carried the weights over {carried} change(s) of the extractors "
                "(the manifest's `accepted_feature_drift`): the thresholds were chosen again on the current values; "
                "retrain with `qa train` to refit the weights.")
    if trained is None:
        return ("The weights predate the record of the extractors they were trained on: extractors changed since "
                "may feed them other values (thresholds are chosen again on the current ones by `qa tune`).")
    if trained == manifest.get("feature_fingerprint"):
        return "The extractors compute the values the weights were trained on."
    return ("The extractors changed since the weights were trained (same feature names): thresholds were chosen "
            "again on the current values by `qa tune`; retrain with `qa train` to refit the weights.")


def model_card(manifest: dict) -> str:
    """Markdown model card from the manifest (which records the data summaries)."""
    m = manifest["dev_metrics"]
    lines = [
        f"# Model card: {manifest['name']} {manifest['version']}",
        "",
        "A scikit-learn Pipeline: `features` (ParagraphFeaturizer: the extractor signals of `features/` plus",
        "document and corpus context) then `labels` (LabelModels: per-label calibrated gradient boosting,",
        "HistGradientBoostingClassifier with sigmoid calibration, and an any-defect model).",
        _context_sentence(manifest),
        f"Feature set {manifest['feature_set']} ({len(manifest['feature_names'])} features). " + _drift_sentence(manifest),
        "",
        "## Training data",
        "",
        manifest.get("train_summary", "(not recorded)"),
        "",
        "Sources (read from `../shared/data`, never copied into the repository): readability test pages",
        "(naive scrape labelled against the article; page text belongs to its publishers, research use),",
        "real extractors run on those pages and aligned with the expected article, UD treebanks",
        "(CC BY-SA / LGPL-LR rows only; NC-licensed treebanks excluded from training), chardet test feeds",
        "(LGPL-2.1 repository; feed text belongs to its publishers) with wrong-codec mojibake, and the",
        "project's corruption synthesizer (`qa corrupt`).",
        "",
        "## Development data (thresholds and span rules were chosen on it)",
        "",
        manifest.get("dev_summary", "(not recorded)"),
        "",
        "## Thresholds",
        "",
        "Chosen on the development data: best F1 with a false-positive rate under the cap overall and in",
        "every language with enough clean rows, then raised together until at most a capped share of clean",
        "rows is flagged by any label (scraped clean text and edited treebank text capped apart, overall and",
        "per language). A language whose clean rows allow it gets lower thresholds of its own; one whose",
        "clean edited rows never trained on are flagged too often gets higher ones (`qa tune --raise-languages`). When a",
        "label's evidence span fires, its threshold is multiplied by a span-support factor (per label or per",
        "rule, chosen on the same data); decisive rules (precise and silent on clean text over all labelled",
        "rows) flag their label on their own. Support factors under 1: "
        + (", ".join(f"{k} x{v}" for k, v in manifest.get("span_support", {}).items() if v < 1.0) or "none")
        + "."
        + (" Set by hand (`qa tune --span-support`): "
           + ", ".join(f"{k} x{v}" for k, v in manifest["span_overrides"].items()) + "."
           if manifest.get("span_overrides") else "")
        + (" Lowered afterwards where that raised the any-defect F1 of the scraped development rows (`qa tune "
           "--lower-labels`; a language whose clean edited rows need it keeps a higher one): "
           + ", ".join(f"{k} {a} -> {b}" for k, (a, b) in manifest["lowered_for_scraped"].items()) + "."
           if manifest.get("lowered_for_scraped") else "")
        + " " + _evidence_needed() + " " + _ruled_out() + " The metrics below are measured under these rules.",
        "",
        "Language thresholds: "
        + (
            "; ".join(
                f"{lang}: " + ", ".join(f"{k} {v}" for k, v in over.items())
                for lang, over in manifest.get("language_thresholds", {}).items()
            )
            or "none"
        )
        + ".",
        "",
        "| label | threshold |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in manifest["thresholds"].items()]
    if manifest.get("recalibration"):
        lines += [
            "",
            "## Reported probabilities",
            "",
            "Decisions compare the classifiers' raw probabilities with the thresholds above. The `score` and",
            "per-label probabilities that reports print are recalibrated: a Platt scaling per output, fitted on",
            "the development data, so that they match its label shares (Brier and ECE in the tables below are",
            "those of the recalibrated probabilities). Parameters (a, b of sigmoid(a * logit(p) + b)): "
            + ", ".join(f"{k} ({v[0]:g}, {v[1]:g})" for k, v in manifest["recalibration"].items()) + ".",
        ]
    lines += ["", "## Development metrics", "", *_label_table(m)]
    lines += ["", "### Per language", "", "| lang | rows | clean rows | clean FPR | any-defect F1 |", "|---|---|---|---|---|"]
    for lang, e in m["languages"].items():
        lines.append(f"| {lang} | {e['n']} | {e['clean']} | {e['clean_fpr']} | {e['any']['f1']} |")
    tuned_on_test = _test_also_tuned(manifest)
    for key, title in (("context", "with document context"), ("no_context", "each paragraph alone (`--segment none`)")):
        t = manifest.get("test_metrics", {}).get(key)
        if not t:
            continue
        if tuned_on_test and key == "context":
            lines += ["", f"## Test metrics, {title}", "",
                      "The test data was also the tuning target of the thresholds of rows with page context",
                      "(`qa tune --target`): these figures are in-sample for them. Rows alone are not affected.", "",
                      *_label_table(t)]
        else:
            lines += ["", f"## Held-out test metrics (data not used for training or thresholds), {title}", "",
                      *_label_table(t)]
        lines += ["", "| lang | rows | clean rows | clean FPR | any-defect F1 |", "|---|---|---|---|---|"]
        for lang, e in t["languages"].items():
            lines.append(f"| {lang} | {e['n']} | {e['clean']} | {e['clean_fpr']} | {e['any']['f1']} |")
    lines += [
        "",
        "## Limits",
        "",
        "Development figures come from data of the same sources as training (page-level splits); expect",
        "lower figures on other sites and languages (a model trained without any page of dev_gold scores",
        "markedly lower there; see the README). Labels of the page sets are Readability's opinion of",
        "what the article is. The held-out set of the shipped model is the hand-verified `dev_gold`",
        "(562 paragraphs): its rows were removed from training, but other paragraphs of the same pages were",
        "not. Boilerplate that reads like a headline (teasers, navigation items) is the main miss: with page",
        "context, a headline-like line after the article's last prose paragraph carries the span",
        "`boilerplate/after_article` (`boilerplate/after_headline` when it is one sentence and no question),",
        "and one of four or more such lines adjacent on the page before its",
        "first prose paragraph `boilerplate/teaser_list`, one of five or more between its prose",
        "paragraphs `boilerplate/teaser_run`; a lone teaser before the article gets no such help. A space",
        "before a comma or stop that recurs across a page (an",
        "extractor that joins inline nodes with spaces) carries `spacing/page_pattern`, and sentences",
        "broken into paragraphs again and again on a page `truncated/wrapped_page` (one break whose",
        "first piece ends on a function word, or as prose before a piece that ends the sentence,",
        "`truncated/split_sentence`); a long run of",
        "paragraphs of one token per line with code marks (highlighted code split by an extractor)",
        "`leaked_code/token_run`, and the page's `<title>` line (the headline another paragraph holds,",
        "with the site's name) `boilerplate/page_title`; the heading it repeats is the article's own",
        "title and is never called boilerplate, as are the entries of its table of contents and the headings",
        "they list (`boilerplate/contents`). Thresholds",
        "favour few false alarms (on the development data, clean scraped text flagged at most",
        f"{_cap(manifest, 'any'):.0%} and clean edited text at most {manifest.get('options', {}).get('max_edited_fpr', 0.015):.1%},",
        "overall and per language).",
        "",
    ]
    return "\n".join(lines)
