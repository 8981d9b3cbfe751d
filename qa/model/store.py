"""Model files: save and load a model directory safely.

A model directory holds ``model.skops`` (the fitted estimators, in skops'
format: no pickle), ``manifest.json`` (hash, feature names, versions,
thresholds, metrics) and ``MODEL_CARD.md``. Loading refuses a file whose hash,
feature set, scikit-learn version or object types do not match.

>>> DEFAULT_MODEL_DIR.name
'default'
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from qa.errors import ModelError

__all__ = ["DEFAULT_MODEL_DIR", "TRUSTED_TYPES", "LoadedModel", "save_model", "load_model", "sha256_file"]

DEFAULT_MODEL_DIR = Path(str(resources.files("qa"))) / "models" / "default"
MODEL_FILE = "model.skops"
MANIFEST_FILE = "manifest.json"
CARD_FILE = "MODEL_CARD.md"
FORMAT_VERSION = 1

#: The only non-builtin types a model file may contain. The list lives in code,
#: not in the manifest, so a crafted file cannot widen it.
TRUSTED_TYPES: tuple[str, ...] = (
    "sklearn.pipeline.Pipeline",
    "qa.model.featurize.ParagraphFeaturizer",
    "qa.model.labelmodel.LabelModels",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn.utils._bunch.Bunch",
    "sklearn.dummy.DummyClassifier",
    "sklearn.frozen._frozen.FrozenEstimator",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.model_selection._split.KFold",
    "numpy.random.mtrand.RandomState",
    "numpy.random._mt19937.MT19937",
    "numpy.random._generator.Generator",
    "numpy.random._pcg64.PCG64",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "builtins.slice",
)


#: Texts whose feature values fingerprint the extractors' behaviour: a model
#: refuses to load when the extractors now compute something else for them.
PROBE_TEXTS: tuple[tuple[str, str], ...] = (
    ("The council voted on Tuesday to rebuild the pier , and work starts in spring .", "en"),
    ("Résumé : la mairie a inauguré « trois pistes » samedi ! Pourquoi ? Parce que.", "fr"),
    ("Die Bäckerei schließt, z. B. weil kein Nachfolger gefunden wurde.Die Enkelin", "de"),
    ("Ким се срещна с Путин , прегърнаха се. и после Ð’ Ð³Ð¾Ñ€Ð¾Ð´Ðµ", "bg"),
    ("气象台表示，这场降雨将持续到周末。鍙戝竷鏃堕棿锛", "zh"),
    ("هل ستفتح المكتبة أيام العطل؟ قالت المديرة إن ذلك سيتقرر", "ar"),
    ('window.__APP__ = {"page":{"id":"n-1"},"ads":{"slot":"mpu-1","kw":"ferry"}};', "und"),
    ("Home | News | Sport | Privacy policy | Cookie settings © 2026 All rights reserved", "en"),
    ("Comments (12)", "en"),
    ("and the medical staff who had been waiting since the", "en"),
    ("It was filmed near Matamata for the trilogy.[336] Crews stayed a year. [MP3 SP]", "en"),
    (". The Inquisitr. Retrieved 2016-10-26.", "en"),
    ("Lire : Que sont les IMSI-catchers, ces valises qui espionnent les portables ?", "fr"),
    ("Cheografía[editar | modificar o codigo]", "an"),
    ('Obteniu de "https://an.wikipedia.org/w/index.php?title=Escopete&oldid=2049929"', "an"),
    ("This page was last edited on 17 August 2023, at 21:26.", "en"),
    ("The tide tables for the harbour are printed weekly. " * 9 + "x" * 12, "en"),
    ("var cfg = {a: 1, b: [2, 3]}; " * 68, "und"),
)


def feature_fingerprint() -> str:
    """sha256 of the extractors' values on ``PROBE_TEXTS`` (rounded to 1e-6).

    >>> len(feature_fingerprint())
    64
    """
    import features

    h = hashlib.sha256()
    for text, lang in PROBE_TEXTS:
        sig = features.extract(text, lang)
        h.update(repr([round(float(v), 6) for v in sig.values]).encode())
        h.update(repr([tuple(s) for s in sig.spans]).encode())
    return h.hexdigest()


@dataclass(frozen=True)
class LoadedModel:
    """A verified model: the fitted pipeline and the manifest that describes it."""

    pipeline: Any
    manifest: dict[str, Any]
    path: Path

    @property
    def card(self) -> str:
        """The model card text ('' when absent)."""
        card = self.path / CARD_FILE
        return card.read_text(encoding="utf-8") if card.exists() else ""


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _versions() -> dict[str, str]:
    import platform

    import sklearn
    import skops

    from qa import __version__

    return {"qa": __version__, "scikit-learn": sklearn.__version__, "skops": skops.__version__, "python": platform.python_version()}


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def save_model(pipeline, manifest: dict[str, Any], out_dir: Path, card: str = "") -> Path:
    """Write the fitted ``pipeline`` with skops and a manifest with its sha256 into ``out_dir``."""
    import skops.io as sio

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / (MODEL_FILE + ".tmp")
    sio.dump(pipeline, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    untrusted = set(sio.get_untrusted_types(file=tmp))
    unexpected = sorted(untrusted - set(TRUSTED_TYPES))
    if unexpected:
        tmp.unlink()
        raise ModelError(f"model contains types outside the trusted list: {unexpected}")
    os.replace(tmp, out_dir / MODEL_FILE)
    full = dict(manifest)
    full.update(
        format_version=FORMAT_VERSION,
        model_file=MODEL_FILE,
        sha256=sha256_file(out_dir / MODEL_FILE),
        versions=_versions(),
        feature_fingerprint=feature_fingerprint(),
    )
    _atomic_write(out_dir / MANIFEST_FILE, json.dumps(full, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    if card:
        _atomic_write(out_dir / CARD_FILE, card)
    return out_dir


def load_model(path: Path | str | None = None, accept_drift: bool = False) -> LoadedModel:
    """Load and verify a model directory (the packaged default when ``path`` is None).

    ``accept_drift``: load it even when the extractors now compute other values than
    when it was saved (``qa tune --accept-feature-drift``, which then chooses its
    thresholds again on the current values); the manifest's ``accepted_feature_drift``
    records each such step (``{"from": old fingerprint, "to": new}``).
    """
    import skops.io as sio

    import features

    model_dir = Path(path) if path is not None else DEFAULT_MODEL_DIR
    manifest_path = model_dir / MANIFEST_FILE
    if not manifest_path.exists():
        raise ModelError(f"{model_dir}: no {MANIFEST_FILE}; train a model with 'qa train' or pass --model DIR")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{manifest_path}: invalid JSON ({exc})") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{model_dir}: model format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    model_file = model_dir / manifest.get("model_file", MODEL_FILE)
    if not model_file.exists():
        raise ModelError(f"{model_file}: missing")
    digest = sha256_file(model_file)
    if digest != manifest.get("sha256"):
        raise ModelError(f"{model_file}: sha256 {digest[:12]}… does not match the manifest; refusing to load")
    if manifest.get("feature_set") != features.FEATURE_SET_VERSION:
        raise ModelError(
            f"{model_dir}: trained on feature set {manifest.get('feature_set')}, this code has "
            f"{features.FEATURE_SET_VERSION}; retrain with 'qa train'"
        )
    stored_print, current_print = manifest.get("feature_fingerprint"), feature_fingerprint()
    if stored_print is not None and stored_print != current_print:
        if not accept_drift:
            raise ModelError(
                f"{model_dir}: the extractors in features/ now compute different values than when this model "
                "was trained (same feature names, changed behaviour); retrain with 'qa train' (or carry the "
                "weights over with 'qa tune --accept-feature-drift', which chooses the thresholds again)"
            )
        manifest.setdefault("accepted_feature_drift", []).append({"from": stored_print, "to": current_print})
    import sklearn

    trained_with = manifest.get("versions", {}).get("scikit-learn", "?")
    if _minor(trained_with) != _minor(sklearn.__version__):
        raise ModelError(
            f"{model_dir}: trained with scikit-learn {trained_with}, running {sklearn.__version__}; "
            "install the matching version or retrain"
        )
    untrusted = set(sio.get_untrusted_types(file=model_file))
    unexpected = sorted(untrusted - set(TRUSTED_TYPES))
    if unexpected:
        raise ModelError(f"{model_file}: contains untrusted types {unexpected}; refusing to load")
    pipeline = sio.load(model_file, trusted=sorted(untrusted))
    steps = getattr(pipeline, "named_steps", {})
    if "features" not in steps or "labels" not in steps:
        raise ModelError(f"{model_file}: not a qa model pipeline (steps 'features' and 'labels')")
    names = list(steps["features"].get_feature_names_out())
    if names != manifest.get("feature_names"):
        raise ModelError(f"{model_dir}: feature names in the model and manifest differ")
    return LoadedModel(pipeline=pipeline, manifest=manifest, path=model_dir)


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
