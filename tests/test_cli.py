"""The command line, in-process with click's CliRunner, on fixtures and generated files."""

import csv
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.labels import LABELS, PROB_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example"
CONTRACT = ["doc_id", "paragraph", "start", "end", "chars", "lang", "score", "labels", *PROB_COLUMNS, "evidence", "text"]


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    return result


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_command_has_help_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    for name, command in main.commands.items():
        text = run(name, "--help").output
        assert "Example" in text, name


def test_audit_bundled_example(tmp_path):
    out = tmp_path / "report"
    result = run("audit", EXAMPLE, "--out", out, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    rows = read_csv(out / "paragraphs.csv")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (out / "report.html").stat().st_size > 1000
    assert set(CONTRACT) <= set(rows[0])
    assert summary["paragraphs"] == len(rows)
    assert summary["documents"] == 7
    for row in rows:
        text = row["text"]
        assert int(row["end"]) - int(row["start"]) == int(row["chars"]) == len(text)
        assert 0.0 <= float(row["score"]) <= 1.0
        for start, end, label, rule in json.loads(row["evidence"]):
            assert 0 <= start < end <= len(text)
    # the harbour page's leaked state blob is found, with evidence on it
    blob = [r for r in rows if r["text"].startswith("window.__APP_STATE__")]
    assert blob and "leaked_code" in blob[0]["labels"]
    # a clean, edited sentence of the same page is not flagged
    lede = [r for r in rows if r["text"].startswith("The council of Eastmere voted")]
    assert lede and lede[0]["labels"] == ""


def test_evaluation_call_segment_none(tmp_path):
    data = tmp_path / "rows.jsonl"
    records = [
        {"id": "a", "text": "The council voted on Tuesday to rebuild the pier.\n\nIt will open in May."},
        {"id": "b", "text": "Privacy policy | Terms of use | Cookie settings"},
        {"text": "Missing id gets FILE:LINE."},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "audit", data, "--format", "jsonl", "--text-field", "text", "--id-field", "id",
        "--segment", "none", "--out", out, "--workers", 1, "--quiet",
    )
    assert result.exit_code == 0, result.output
    rows = read_csv(out / "paragraphs.csv")
    assert [r["doc_id"] for r in rows] == ["a", "b", f"{data}:3"]
    assert all(r["paragraph"] == "0" for r in rows)


def test_bad_jsonl_fail_and_skip(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "ok", "text": "Fine text."}\n{not json\n{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(data), "--on-error", "fail", "--out", str(tmp_path / "f"), "--quiet", "--workers", "1"])
    assert result.exit_code != 0
    assert f"{data}:2" in result.output
    result = run("audit", data, "--on-error", "skip", "--out", tmp_path / "s", "--quiet", "--workers", 1)
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "s" / "summary.json").read_text())
    assert summary["skipped"]["count"] == 2
    assert summary["documents"] == 1


def test_explain_json():
    result = run("explain", "--json", 'window.__APP__ = {"a":{"b":[1,2,3]},"c":"d"};')
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "leaked_code" in data["labels"]
    assert data["evidence"]


def test_corrupt_command(tmp_path):
    src = tmp_path / "clean.jsonl"
    rows = [{"id": str(i), "text": "The ferry left at noon , and the sea was calm.".replace(" ,", ","), "lang": "en"} for i in range(5)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "noisy.jsonl"
    result = run("corrupt", src, "--out", out, "--kinds", "spacing", "--seed", 3)
    assert result.exit_code == 0, result.output
    produced = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    variants = [r for r in produced if r["labels"]]
    assert len(produced) == 10 and len(variants) == 5
    assert all(r["labels"] == ["spacing"] for r in variants)
    bad = run("corrupt", src, "--out", out, "--kinds", "nonsense")
    assert bad.exit_code != 0


def test_unknown_model_dir_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["explain", "text", "--model", str(tmp_path)])
    assert result.exit_code != 0
    assert "manifest" in result.output


def test_tune_with_target_and_train_rows(tmp_path, tiny_model_dir):
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    target = tmp_path / "target.jsonl"
    target.write_text("\n".join(json.dumps(r) for r in TINY_ROWS[:8]) + "\n", encoding="utf-8")
    out = tmp_path / "tuned"
    result = run(
        "tune", dev, "--model", tiny_model_dir, "--out", out, "--target", target, "--train", dev, "--max-edited-fpr", "0.01"
    )
    assert result.exit_code == 0, result.output
    assert "decisive rules" in result.output and "language thresholds" in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["thresholds"]) == {*LABELS, "any"}
    assert "rule_statistics" in manifest and "language_thresholds" in manifest
    assert manifest["options"]["max_edited_fpr"] == 0.01
    assert run("explain", "Work starts in spring , the mayor said .", "--model", out).exit_code == 0


def test_tune_chooses_whether_the_model_scores_with_document_context(tmp_path, tiny_model_dir):
    from qa.model.store import load_model
    from tests.conftest import TINY_ROWS

    # the tiny model was trained with the default: paragraphs scored alone
    assert load_model(tiny_model_dir).pipeline.named_steps["features"].use_context is False
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "with-context"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--document-context")
    assert result.exit_code == 0, result.output
    assert load_model(out).pipeline.named_steps["features"].use_context is True
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["options"]["document_context"] is True


def test_tune_recalibrate_only_keeps_decisions_and_recalibrates_what_reports_show(tmp_path, tiny_model_dir):
    from qa.model.calibrate import recalibrate
    from qa.model.scorer import Scorer
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "recalibrated"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only")
    assert result.exit_code == 0, result.output
    before = json.loads((Path(tiny_model_dir) / "manifest.json").read_text(encoding="utf-8"))
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for key in ("thresholds", "span_support", "language_thresholds", "rule_statistics"):
        assert after[key] == before.get(key, after[key])
    assert set(after["recalibration"]) == {*LABELS, "any"}
    # same labels; the reported score is the recalibrated probability of the raw one
    old, new = Scorer.load(tiny_model_dir), Scorer.load(out)
    old.recalibration = None  # raw probabilities
    frame = pd.DataFrame({"text": [r["text"] for r in TINY_ROWS], "lang": [r["lang"] for r in TINY_ROWS]})
    a, b = old.score_frame(frame), new.score_frame(frame)
    assert a["labels"].tolist() == b["labels"].tolist()
    P = a[[f"p_{label}" for label in LABELS]].to_numpy()
    Pc, pc_any = recalibrate(P, a["score"].to_numpy(), after["recalibration"])
    assert np.allclose(b[[f"p_{label}" for label in LABELS]].to_numpy(), Pc)
    assert np.allclose(b["score"].to_numpy(), pc_any)


def test_tune_recalibrate_only_with_train_rows_makes_only_new_rules_decisive(tmp_path, tiny_model_dir):
    """With --train, the rule statistics are measured again; a rule the model had no
    statistics for (here: removed, as if added to the features since) becomes decisive
    when it qualifies, and rules it knew keep their span support."""
    import shutil

    from qa.model.decisions import decisive_rules
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    manifest = json.loads((model / "manifest.json").read_text(encoding="utf-8"))
    new_rule = "spacing/before_comma"
    assert new_rule in decisive_rules(manifest["rule_statistics"])
    del manifest["rule_statistics"][new_rule]
    manifest["span_support"].pop(new_rule, None)
    (model / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    out = tmp_path / "refreshed"
    result = run("tune", dev, "--model", model, "--out", out, "--recalibrate-only", "--train", dev)
    assert result.exit_code == 0, result.output
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert after["span_support"][new_rule] == 0.0
    assert new_rule in after["rule_statistics"]
    assert {k: v for k, v in after["span_support"].items() if k != new_rule} == manifest["span_support"]
    assert after["thresholds"] == manifest["thresholds"]


def test_tune_span_support_set_by_hand_is_applied_recorded_and_checked(tmp_path, tiny_model_dir):
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "by-hand"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only",
                 "--span-support", "spacing/before_comma=0.5", "--span-support", "truncated=0.9")
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["span_support"]["spacing/before_comma"] == 0.5 and manifest["span_support"]["truncated"] == 0.9
    assert manifest["span_overrides"] == {"spacing/before_comma": 0.5, "truncated": 0.9}
    assert "Set by hand (`qa tune --span-support`): spacing/before_comma x0.5" in (out / "MODEL_CARD.md").read_text(
        encoding="utf-8")
    for bad in ("spacing/before_comma", "footer/x=0.5", "spacing=2", "spacing=x"):
        result = run("tune", dev, "--model", tiny_model_dir, "--out", tmp_path / "bad", "--span-support", bad)
        assert result.exit_code != 0 and "--span-support" in result.output, bad


def test_tune_raise_languages_raises_only_where_edited_rows_need_it(tmp_path, tiny_model_dir):
    """Clean edited rows flagged in one language: --raise-languages may raise only
    that language's thresholds of rows alone, never lowers one, and needs
    --recalibrate-only. Here a decisive rule (a space before a comma, decisive in
    the tiny model) flags them: no threshold can clear them, so none is raised
    (``raise_language_thresholds``'s doctest shows a raise)."""
    from qa.model.scorer import Scorer
    from tests.conftest import TINY_ROWS

    edited = [{"text": f"Work starts in spring , the mayor said in town number {i} .", "lang": "en", "labels": [],
               "source": "ud"} for i in range(70)]
    rows = [dict(r, source="scrape") for r in TINY_ROWS] + edited
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "raised"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only", "--raise-languages",
                 "--max-edited-fpr", "0.02")
    assert result.exit_code == 0, result.output
    before = json.loads((Path(tiny_model_dir) / "manifest.json").read_text(encoding="utf-8"))
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert after["thresholds"] == before["thresholds"]
    assert set(after["language_thresholds"]) - set(before.get("language_thresholds", {})) <= {"en"}
    assert before["span_support"].get("spacing/before_comma") == 0.0
    assert after["language_thresholds"].get("en", {}) == before.get("language_thresholds", {}).get("en", {})
    assert all("spacing" in Scorer.load(out).explain_text(r["text"], "en").labels for r in edited[:5])
    bad = run("tune", dev, "--model", tiny_model_dir, "--out", tmp_path / "bad", "--raise-languages")
    assert bad.exit_code != 0 and "--raise-languages" in bad.output


def test_tune_lower_labels_only_lowers_the_named_labels_and_is_checked(tmp_path, tiny_model_dir):
    """--lower-labels may lower only the named labels' thresholds of rows alone (never
    under half, never up), keeps every other decision, and needs --recalibrate-only
    and known labels (``hold_edited``'s doctest shows a language held back)."""
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(dict(r, source="scrape")) for r in TINY_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "lowered"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only",
                 "--lower-labels", "truncated,spacing")
    assert result.exit_code == 0, result.output
    assert "truncated threshold of rows alone" in result.output and "spacing threshold of rows alone" in result.output
    before = json.loads((Path(tiny_model_dir) / "manifest.json").read_text(encoding="utf-8"))["thresholds"]
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["thresholds"]
    for label, value in after.items():
        if label in ("truncated", "spacing"):
            assert before[label] / 2 - 1e-4 <= value <= before[label], (label, value)
        else:
            assert value == before[label], label
    for args in (["--lower-labels", "truncated"], ["--recalibrate-only", "--lower-labels", "footer"]):
        bad = run("tune", dev, "--model", tiny_model_dir, "--out", tmp_path / "bad", *args)
        assert bad.exit_code != 0 and "--lower-labels" in bad.output, args


def test_tune_with_page_context_for_the_any_defect_score_sets_its_own_threshold(tmp_path, tiny_model_dir):
    """``any`` among the context labels: rows scored with page context get an
    any-defect threshold of their own, chosen on clean edited rows as documents,
    never below the alone one; rows alone keep the alone threshold."""
    from qa.model.scorer import Scorer
    from tests.conftest import TINY_ROWS

    edited = [dict(r, source="ud", doc_id=f"doc{i // 4}", pos=i % 4, labels=[])
              for i, r in enumerate(r for r in TINY_ROWS if not r["labels"])]
    rows = [dict(r, source="scrape") for r in TINY_ROWS] + edited
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "context-any"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only",
                 "--context-labels", "boilerplate,any")
    assert result.exit_code == 0, result.output
    assert "any-defect threshold with page context" in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["context_labels"] == ["boilerplate", "any"]
    context = manifest["context_thresholds"]
    assert context["any"] >= manifest["thresholds"]["any"]
    assert context["boilerplate"] == manifest["thresholds"]["boilerplate"]  # no target rows: kept
    scorer = Scorer.load(out)
    assert scorer.any_threshold("en", in_context=True) == context["any"]
    assert scorer.any_threshold("en", in_context=False) == manifest["thresholds"]["any"]
    # a page gives its rows context; the same texts alone have none
    texts = [r["text"] for r in TINY_ROWS[:4]]
    page = pd.DataFrame({"text": texts, "lang": "en", "doc_id": "p", "paragraph": range(4), "n_paragraphs": 4,
                         "pos": [0.0, 1.0, 2.0, 3.0]})
    assert scorer.in_context(scorer.predict(page)[2]).all()
    assert not scorer.in_context(scorer.predict(pd.DataFrame({"text": texts, "lang": "en"}))[2]).any()
    # without context labels there are no such thresholds
    plain = tmp_path / "no-context"
    assert run("tune", dev, "--model", tiny_model_dir, "--out", plain, "--recalibrate-only",
               "--context-labels", "none").exit_code == 0
    assert "context_thresholds" not in json.loads((plain / "manifest.json").read_text(encoding="utf-8"))
    assert run("tune", dev, "--model", tiny_model_dir, "--out", tmp_path / "bad", "--context-labels", "footer").exit_code != 0


def test_tune_target_pages_may_lower_a_context_label_threshold_and_recalibration_ignores_them(tmp_path, tiny_model_dir):
    """Target rows with page positions choose the thresholds of rows with page
    context (never above the alone ones); the recalibration is fitted without them."""
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(dict(r, source="scrape")) for r in TINY_ROWS) + "\n", encoding="utf-8")
    target = tmp_path / "target.jsonl"
    pages = [dict(r, source="gold", doc_id=f"page{i // 4}", pos=i % 4) for i, r in enumerate(TINY_ROWS)]
    target.write_text("\n".join(json.dumps(r) for r in pages) + "\n", encoding="utf-8")
    out, plain = tmp_path / "with-target", tmp_path / "without-target"
    result = run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only", "--target", target,
                 "--context-labels", "boilerplate,spacing")
    assert result.exit_code == 0, result.output
    assert "threshold with page context (target rows)" in result.output
    assert run("tune", dev, "--model", tiny_model_dir, "--out", plain, "--recalibrate-only",
               "--context-labels", "boilerplate,spacing").exit_code == 0
    with_target = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    without = json.loads((plain / "manifest.json").read_text(encoding="utf-8"))
    for label in ("boilerplate", "spacing"):
        assert with_target["context_thresholds"][label] <= with_target["thresholds"][label]
        assert without["context_thresholds"][label] == without["thresholds"][label]
    assert with_target["recalibration"] == without["recalibration"]


def test_a_tuned_model_keeps_the_record_of_the_extractors_its_weights_were_trained_on(tmp_path, tiny_model_dir):
    """``feature_fingerprint`` is renewed at every save (the load check); the training
    one stays through ``qa tune``, and the card says whether they still agree."""
    from qa.model.store import feature_fingerprint
    from tests.conftest import TINY_ROWS

    trained = json.loads((tiny_model_dir / "manifest.json").read_text(encoding="utf-8"))
    assert trained["trained_feature_fingerprint"] == trained["feature_fingerprint"] == feature_fingerprint()
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "tuned"
    assert run("tune", dev, "--model", tiny_model_dir, "--out", out, "--recalibrate-only").exit_code == 0
    tuned = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert tuned["trained_feature_fingerprint"] == trained["trained_feature_fingerprint"]
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "The extractors compute the values the weights were trained on." in card


def test_tune_carries_weights_over_an_extractor_change_only_when_asked(tmp_path, tiny_model_dir):
    """A model whose extractors changed is refused by ``qa tune`` unless
    ``--accept-feature-drift``; the tuned model loads, and its card says what happened."""
    import shutil

    from qa.model.store import feature_fingerprint, load_model
    from tests.conftest import TINY_ROWS

    stale = tmp_path / "stale"
    shutil.copytree(tiny_model_dir, stale)
    manifest = json.loads((stale / "manifest.json").read_text(encoding="utf-8"))
    manifest["feature_fingerprint"] = "f" * 64
    (stale / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in TINY_ROWS) + "\n", encoding="utf-8")
    refused = run("tune", dev, "--model", stale, "--out", tmp_path / "no", "--recalibrate-only")
    assert refused.exit_code != 0 and "accept-feature-drift" in refused.output
    out = tmp_path / "tuned"
    result = run("tune", dev, "--model", stale, "--out", out, "--recalibrate-only", "--accept-feature-drift")
    assert result.exit_code == 0, result.output
    tuned = load_model(out).manifest
    assert tuned["feature_fingerprint"] == feature_fingerprint()
    assert tuned["accepted_feature_drift"] == [{"from": "f" * 64, "to": feature_fingerprint()}]
    assert "carried the weights over 1 change(s)" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_tune_remeasure_chooses_nothing_and_measures_again(tmp_path, tiny_model_dir, monkeypatch):
    """``--remeasure`` keeps every decision of the model (thresholds alone and with page
    context, span rules) and measures the development rows again under the decision
    rules of the running code: a stricter rule shows in the recorded metrics."""
    import qa.model.decisions as decisions
    from tests.conftest import TINY_ROWS

    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(dict(r, source="scrape")) for r in TINY_ROWS) + "\n", encoding="utf-8")
    tuned = tmp_path / "tuned"
    assert run("tune", dev, "--model", tiny_model_dir, "--out", tuned, "--recalibrate-only",
               "--context-labels", "boilerplate,any").exit_code == 0
    before = json.loads((tuned / "manifest.json").read_text(encoding="utf-8"))
    same = tmp_path / "same"
    result = run("tune", dev, "--model", tuned, "--out", same, "--remeasure")
    assert result.exit_code == 0, result.output
    after = json.loads((same / "manifest.json").read_text(encoding="utf-8"))
    for key in ("thresholds", "language_thresholds", "span_support", "context_thresholds", "context_labels",
                "recalibration", "dev_metrics"):
        assert after.get(key) == before.get(key), key
    # a rule that gives no label any more (no evidence supports any): the metrics say so
    monkeypatch.setattr(decisions, "_FLOOR_LABELS", tuple((j, (), math.inf) for j in range(len(LABELS))))
    strict = tmp_path / "strict"
    assert run("tune", dev, "--model", tuned, "--out", strict, "--remeasure").exit_code == 0
    measured = json.loads((strict / "manifest.json").read_text(encoding="utf-8"))
    assert measured["thresholds"] == before["thresholds"]
    assert all(m["tp"] == 0 for m in measured["dev_metrics"]["labels"].values())
    assert any(m["tp"] > 0 for m in before["dev_metrics"]["labels"].values())
    bad = run("tune", dev, "--model", tuned, "--out", tmp_path / "bad", "--remeasure", "--lower-labels", "truncated")
    assert bad.exit_code != 0 and "--remeasure" in bad.output
    # span support set by hand is applied and recorded; every chosen decision stays
    hand = tmp_path / "hand"
    result = run("tune", dev, "--model", tuned, "--out", hand, "--remeasure",
                 "--span-support", "leaked_code/console_table=0")
    assert result.exit_code == 0, result.output
    given = json.loads((hand / "manifest.json").read_text(encoding="utf-8"))
    assert given["span_support"]["leaked_code/console_table"] == 0.0
    assert given["span_overrides"]["leaked_code/console_table"] == 0.0
    assert given["thresholds"] == before["thresholds"]
    assert {k: v for k, v in given["span_support"].items() if k != "leaked_code/console_table"} == before["span_support"]
