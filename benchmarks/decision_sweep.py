"""Re-choose a model's thresholds offline and see what they do to dev_gold, UD and the seed page.

Choosing thresholds (``qa tune``) is where small changes in scores turn into big changes in what
gets flagged: the union step raises whichever label is cheapest at the moment. This script
scores the tuning rows, dev_gold, the clean UD paragraphs and the seed page once (about 20 s on
2 cores), caches the probabilities and evidence, then re-runs ``choose_decisions`` with
``TrainOptions`` overrides in seconds, and prints one line per setting.

Usage::

    python benchmarks/decision_sweep.py --model DIR --data /work/data8 \\
        --set max_fpr_any=0.08 --set max_fpr_any=0.05 --set "max_fpr_any=0.03 language_floor=0.8"
    python benchmarks/decision_sweep.py --model DIR --data /work/data8 --shipped   # the model's own decisions

Rule statistics (which rules are decisive) are taken from the model's manifest, as ``qa tune``
without ``--train`` does. Data stays outside the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
from pathlib import Path

import numpy as np

from qa.labels import LABELS
from qa.model.dataset import context_frame, frame_from_rows, known_matrix, label_matrix, read_labelled
from qa.model.decisions import Fired, _with_support, any_thresholds, span_keys, threshold_matrix
from qa.model.evaluate import scoring_frame
from qa.model.scorer import Scorer
from qa.model.train import TrainOptions, choose_decisions, featurize_frame

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TUNE_FILES = ("dev.jsonl", "test.jsonl", "ud_nc_dev.jsonl", "ud_train.jsonl")


def _alone(scorer: Scorer, frame, detect_language: bool = False) -> dict:
    """Probabilities and evidence keys of rows scored one by one (as ``qa eval --no-context``);
    with ``detect_language`` the rows' languages are detected, as ``qa audit`` does for a page."""
    ctx = scoring_frame(frame, context=False)
    if detect_language:
        ctx = ctx.drop(columns=["lang"])
    P, p_any, _X, spans, langs = scorer.predict(ctx)
    return {"P": P, "p_any": p_any, "keys": [span_keys(s) for s in spans], "lang": np.asarray(langs),
            "Y": label_matrix(frame), "ambiguous": np.zeros(len(frame), bool)}


def cache(model: str, data: Path, workers: int) -> dict:
    """Score everything once: tuning rows (as ``qa tune``), dev_gold, UD and the seed page."""
    scorer = Scorer.load(model)
    opts = TrainOptions()
    dev = read_labelled([data / f for f in TUNE_FILES])
    scorer.featurizer.set_params(use_context=opts.document_context)
    X, fired = featurize_frame(
        scorer.featurizer, context_frame(dev, opts.drop_context_share, opts.seed + 1, opts.sparse_context_share),
        workers, with_spans=True)
    PA = scorer.label_models.predict_proba(X)
    out = {"manifest": scorer.model.manifest, "dev_PA": PA, "dev_keys": fired.key_sets()}
    out["gold"] = _alone(scorer, read_labelled([SHARED / "data" / "dev_gold" / "paragraphs.jsonl"]))
    ud = [json.loads(line) for line in open(SHARED / "data" / "ud" / "paragraphs.jsonl", encoding="utf-8")]
    out["ud"] = _alone(scorer, frame_from_rows([{**r, "labels": []} for r in ud]))
    lines = (SHARED / "seed" / "page.txt").read_bytes().decode("utf-8", "replace").split("\n")
    truth = [json.loads(line) for line in (SHARED / "seed" / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    seed = frame_from_rows([{"id": f"seed-{i}", "text": t, "lang": "bg", "labels": r["labels"]}
                            for i, (t, r) in enumerate(zip(lines, truth))])
    out["seed"] = _alone(scorer, seed, detect_language=True)  # the packaged model scores lines without page context
    out["seed"]["ambiguous"] = np.array([r["ambiguous"] for r in truth])
    return out


def decide(part: dict, thresholds, support, lang_thresholds) -> np.ndarray:
    """Labels per row, as ``Scorer.decide`` picks them."""
    fired = Fired.from_key_sets(part["keys"])
    T = threshold_matrix(thresholds, len(part["P"]), part["lang"], lang_thresholds)
    pred = _with_support(part["P"], fired, thresholds, support, T)
    t_any = any_thresholds(thresholds, len(part["P"]), part["lang"], lang_thresholds)
    only_any = ~pred.any(axis=1) & (part["p_any"] >= t_any)
    best = np.argmax(part["P"] / T, axis=1)
    pred[only_any, best[only_any]] = True
    return pred


def _f1(y, p) -> float:
    tp = int((y & p).sum())
    return 2 * tp / max(2 * tp + int((~y & p).sum()) + int((y & ~p).sum()), 1)


def _extractor_part(c: dict, dev) -> dict:
    """The tuning rows made by real extractors, as a part ``decide`` reads."""
    rows = dev["source"].astype(str).str.startswith("extractor:").to_numpy()
    return {"P": c["dev_PA"][rows, :-1], "p_any": c["dev_PA"][rows, -1], "lang": dev["lang"].to_numpy()[rows],
            "keys": [k for k, r in zip(c["dev_keys"], rows) if r], "Y": label_matrix(dev)[rows],
            "K": known_matrix(dev)[rows]}


def report(c: dict, thresholds, support, lang_thresholds, extractor: dict | None = None) -> str:
    """One line: dev_gold any-defect F1 and clean flagged, per-label F1, worst UD language, seed;
    with ``extractor``, per-label F1 on the tuning rows real extractors made (in-sample for the
    thresholds, out of sample for the weights when the build's test pages were held out)."""
    g = c["gold"]
    pred, Y = decide(g, thresholds, support, lang_thresholds), g["Y"].astype(bool)
    y, p = Y.any(axis=1), pred.any(axis=1)
    parts = [f"dev_gold F1 {_f1(y, p):.3f} clean flagged {(p & ~y).sum() / max((~y).sum(), 1):.1%}"]
    parts.append(" ".join(f"{lab[:5]} {_f1(Y[:, j], pred[:, j]):.2f}" for j, lab in enumerate(LABELS)))
    u = c["ud"]
    pu = decide(u, thresholds, support, lang_thresholds).any(axis=1)
    rates = {lang: pu[u["lang"] == lang].mean() for lang in np.unique(u["lang"])}
    worst = max(rates, key=rates.get)
    parts.append(f"UD worst {worst} {rates[worst]:.1%}")
    s = c["seed"]
    ps, Ys, ok = decide(s, thresholds, support, lang_thresholds), s["Y"].astype(bool), ~s["ambiguous"]
    defective = Ys.any(axis=1) & ok
    exact = defective & (ps >= Ys).all(axis=1)
    missed = [int(i) + 1 for i in np.flatnonzero(defective & ~exact)]
    parts.append(f"seed {int((ps.any(axis=1) & defective).sum())}/{int(defective.sum())} flagged, "
                 f"{int(exact.sum())} exact, {int((ps.any(axis=1) & ~Ys.any(axis=1) & ok).sum())} clean; missed {missed}")
    if extractor is not None:
        pe = decide(extractor, thresholds, support, lang_thresholds)
        Ye, Ke = extractor["Y"].astype(bool), extractor["K"].astype(bool)
        parts.append("extractor rows " + " ".join(
            f"{lab[:5]} {_f1(Ye[Ke[:, j], j], pe[Ke[:, j], j]):.2f}" for j, lab in enumerate(LABELS) if Ye[:, j].any()))
    return " | ".join(parts)


def _options(setting: str) -> TrainOptions:
    """``TrainOptions`` from ``"key=value key=value"``; ``max_fpr_LABEL`` (``max_fpr_any``,
    ``max_fpr_boilerplate``, ...) sets one entry of the ``max_fpr`` caps.

    >>> dict(_options("max_fpr_boilerplate=0.05 max_fpr_any=0.1").max_fpr)["boilerplate"]
    0.05
    """
    defaults, kw = TrainOptions(), {}
    caps = dict(defaults.max_fpr)
    for item in setting.split():
        key, value = item.split("=", 1)
        if key.startswith("max_fpr_"):
            caps[key[len("max_fpr_"):]] = float(value)
            kw["max_fpr"] = tuple(caps.items())
            continue
        current = getattr(defaults, key)
        if isinstance(current, bool):
            kw[key] = value == "True"
        elif isinstance(current, tuple):
            kw[key] = tuple(v for v in value.split(",") if v)
        else:
            kw[key] = type(current)(value)
    return dataclasses.replace(defaults, **kw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="model directory (default: packaged)")
    ap.add_argument("--data", type=Path, required=True, help="build folder with the tuning files")
    ap.add_argument("--set", dest="settings", action="append", default=[], help="TrainOptions overrides, e.g. 'max_fpr_any=0.05'")
    ap.add_argument("--shipped", action="store_true", help="also report the model's own decisions")
    ap.add_argument("--cache", type=Path, help="pickle to reuse (written when absent)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        c = pickle.loads(args.cache.read_bytes())
    else:
        c = cache(args.model, args.data, args.workers)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(c))
    m = c["manifest"]
    dev = read_labelled([args.data / f for f in TUNE_FILES])
    extractor = _extractor_part(c, dev)
    if args.shipped or not args.settings:
        print("shipped:", report(c, m["thresholds"], m["span_support"], m["language_thresholds"], extractor))
    if args.settings:

        class Cached:  # stands in for LabelModels: the probabilities are already known
            def predict_proba(self, X):
                return c["dev_PA"]

        fired = Fired.from_key_sets(c["dev_keys"])
        for setting in args.settings:
            t, support, lt, _, _ = choose_decisions(Cached(), None, fired, dev, _options(setting), log=lambda *a: None,
                                                 rule_stats=m.get("rule_statistics"))
            print(f"{setting}:", report(c, t, support, lt, extractor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
