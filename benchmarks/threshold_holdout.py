"""Do thresholds chosen by ``qa tune`` hold on rows they were not chosen on?

The packaged model's last step (``qa tune --recalibrate-only ...``, see
scripts/README.md) chooses thresholds on the build's DEV files, ``test.jsonl``
among them, so figures measured on those files are in-sample. This benchmark
runs the same step twice on ``dev.jsonl`` (+ ``ud_nc_dev.jsonl``) only, once as
given and once with extra options (default ``--lower-labels truncated``), and
scores ``test.jsonl`` with both models, each row alone: per language, the
truncated and any-defect F1 and the share of clean UD rows flagged. Nothing is
asserted. With ``--context`` the rows of a page (a UD document) are scored
together, as ``qa audit`` scores a page, and take the thresholds of rows with
page context; ``--first`` adds options to the first run too.

Usage::

    python benchmarks/threshold_holdout.py /work/data8p --model DIR [--extra "--lower-labels truncated"]
    python benchmarks/threshold_holdout.py /work/data8p --model DIR --context --first "--lower-labels truncated" \
        --extra "--lower-labels truncated --context-labels boilerplate,any,truncated,spliced"

``--model`` is the model the step starts from (for the packaged one: session
8's, ``git show bfeb7dd:qa/models/default``, as scripts/README.md says).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from qa.labels import LABELS
from qa.model.dataset import known_matrix, label_matrix, read_labelled
from qa.model.evaluate import scoring_frame
from qa.model.scorer import Scorer

#: The step of scripts/README.md, without the DEV files that are measured here.
STEP = ("--recalibrate-only --raise-languages --context-labels boilerplate,any --max-edited-fpr 0.02")


def tune(data: Path, model: str, out: Path, extra: list[str]) -> None:
    """Run the step on dev.jsonl and ud_nc_dev.jsonl (target: dev_gold) into ``out``."""
    cmd = [sys.executable, "-m", "qa", "tune", str(data / "dev.jsonl"), str(data / "ud_nc_dev.jsonl"),
           "--model", model, "--train", str(data / "train.jsonl"), "--target", str(data / "dev_gold.jsonl"),
           *shlex.split(STEP), *extra, "--out", str(out)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    return 2 * float((y & p).sum()) / max(int(y.sum() + p.sum()), 1)


def per_language(model: Path, frame, context: bool = False) -> dict[str, tuple[float, float, float, int]]:
    """Per language: (truncated F1, any-defect F1, share of clean UD rows flagged, clean UD rows)."""
    scorer = Scorer.load(str(model))
    P, p_any, X, spans, langs = scorer.predict(scoring_frame(frame, context=context))
    known = scorer.in_context(X)
    pred = np.array([[label in scorer.decide(p, a, s, g, k) for label in LABELS]
                     for p, a, s, g, k in zip(P, p_any, spans, langs, known)])
    Y, K = label_matrix(frame).astype(bool), known_matrix(frame).astype(bool)
    full = K.all(axis=1) | Y.any(axis=1)
    clean_ud = full & ~Y.any(axis=1) & frame["source"].astype(str).eq("ud").to_numpy()
    j = LABELS.index("truncated")
    lang = frame["lang"].to_numpy()
    out = {}
    for code in sorted(set(lang)):
        m = lang == code
        if not (Y[m, j].any() or clean_ud[m].any()):
            continue
        out[code] = (_f1(Y[m & K[:, j], j], pred[m & K[:, j], j]), _f1(Y[m & full].any(axis=1), pred[m & full].any(axis=1)),
                     float(pred[m & clean_ud].any(axis=1).mean()) if clean_ud[m].any() else float("nan"),
                     int(clean_ud[m].sum()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="a training build (dev.jsonl, test.jsonl, ud_nc_dev.jsonl, train.jsonl, dev_gold.jsonl)")
    ap.add_argument("--model", required=True, help="the model the step starts from")
    ap.add_argument("--extra", default="--lower-labels truncated", help="options added in the second run")
    ap.add_argument("--first", default="", help="options added in the first run")
    ap.add_argument("--context", action="store_true", help="score the rows of a page together (as qa audit does)")
    args = ap.parse_args(argv)
    test = read_labelled([str(args.data / "test.jsonl")])
    with tempfile.TemporaryDirectory() as tmp:
        tables = {}
        for name, extra in ((args.first or "as given", shlex.split(args.first)), (args.extra, shlex.split(args.extra))):
            out = Path(tmp) / str(len(tables))
            tune(args.data, args.model, out, extra)
            tables[name] = per_language(out, test, args.context)
    names = list(tables)
    how = "rows of a page together" if args.context else "each row alone"
    print(f"test.jsonl, {how}; thresholds chosen on dev.jsonl. Cells: truncated F1 / any-defect F1 / clean UD flagged")
    print(f"{'lang':6}{'clean UD':>10}  " + "  ".join(f"{n:>28}" for n in names))
    for code in sorted(set().union(*tables.values())):
        cells = []
        for n in names:
            t, a, fp, _ = tables[n].get(code, (float("nan"),) * 3 + (0,))
            cells.append(f"{t:8.2f} / {a:5.2f} / {fp * 100:5.1f}%")
        rows = next((tables[n][code][3] for n in names if code in tables[n]), 0)
        print(f"{code:6}{rows:>10}  " + "  ".join(f"{c:>28}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
