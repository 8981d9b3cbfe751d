"""Model files: a trained model round-trips; tampered or mismatched files are refused."""

import json
import shutil

import pytest

from qa.errors import ModelError
from qa.model.scorer import Scorer
from qa.model.store import load_model

@pytest.fixture(scope="module")
def model_dir(tiny_model_dir):
    return tiny_model_dir


def test_round_trip_and_scoring(model_dir):
    loaded = load_model(model_dir)
    assert loaded.manifest["labels"][0] == "leaked_code"
    scorer = Scorer(loaded)
    result = scorer.explain_text("Work starts in spring , the mayor said .", "en")
    assert 0.0 <= result.score <= 1.0
    assert set(result.probs) == set(loaded.manifest["labels"])
    assert scorer.info["sha256"] == loaded.manifest["sha256"]


def copy_model(model_dir, tmp_path):
    """A copy of the model directory that a test may damage."""
    copy = tmp_path / "m"
    shutil.copytree(model_dir, copy)
    return copy


def edit_manifest(copy, **fields):
    """Overwrite manifest fields of a copied model."""
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest.update(fields)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def test_tampered_model_file_is_refused(model_dir, tmp_path):
    copy = copy_model(model_dir, tmp_path)
    with open(copy / "model.skops", "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelError, match="sha256"):
        load_model(copy)


def test_feature_set_mismatch_is_refused(model_dir, tmp_path):
    copy = copy_model(model_dir, tmp_path)
    edit_manifest(copy, feature_set="0.000000000000")
    with pytest.raises(ModelError, match="feature set"):
        load_model(copy)


def test_missing_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="qa train"):
        load_model(tmp_path)


def test_changed_extractor_behaviour_is_refused(model_dir, tmp_path):
    copy = copy_model(model_dir, tmp_path)
    assert len(json.loads((copy / "manifest.json").read_text())["feature_fingerprint"]) == 64
    edit_manifest(copy, feature_fingerprint="0" * 64)
    with pytest.raises(ModelError, match="different values"):
        load_model(copy)


def test_accepting_extractor_drift_loads_and_records_the_step(model_dir, tmp_path):
    """``qa tune --accept-feature-drift`` keeps the weights over an extractor change;
    the loaded manifest says from which fingerprint to which."""
    from qa.model.store import feature_fingerprint

    copy = copy_model(model_dir, tmp_path)
    edit_manifest(copy, feature_fingerprint="0" * 64)
    loaded = load_model(copy, accept_drift=True)
    assert loaded.manifest["accepted_feature_drift"] == [{"from": "0" * 64, "to": feature_fingerprint()}]
    assert "accepted_feature_drift" not in load_model(model_dir).manifest
