"""Any-defect precision, recall, F1 and clean false-positive rate: qa against datatrove's filters.

For every labelled JSONL file (``text``, ``lang``, ``labels``: a list, ``[]`` =
clean) each paragraph is scored by

- each datatrove filter (run by ``benchmarks/baselines.py`` with the python of
  a separate virtualenv): "flagged" = the filter rejects the paragraph given
  as a one-paragraph document. Defaults: C4QualityFilter, GopherQualityFilter,
  GopherRepetitionFilter, FineWebQualityFilter (all English, as shipped), their
  union ("any of 4"), and two per-paragraph variants without the length rules
  (C4 with ``min_num_sentences=1``, Gopher quality with ``min_doc_words=None``);
- a reference row that flags everything (its F1 is what the defect share alone gives);
- qa: ``qa audit FILE --format jsonl --segment none --out DIR --workers 2 --quiet``
  with the system python; "flagged" = ``labels`` non-empty in
  ``DIR/paragraphs.csv`` or ``score`` >= the model's ``any`` threshold.

A paragraph is positive when its gold ``labels`` is non-empty. Printed per file:
precision, recall and F1 of "any defect", and the false-positive rate on clean
paragraphs, overall, then F1 / FPR per language.

Usage::

    python benchmarks/quality_vs_baselines.py --model /tmp/model1
    python benchmarks/quality_vs_baselines.py --data my_labelled.jsonl --json out.json

The model is the packaged one (qa/models/default) unless --model is given; with
neither, the script waits for --wait-for (default /tmp/model1/manifest.json).
Nothing here asserts a figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
DEFAULT_DATA = ("/work/shared/data/dev_gold/paragraphs.jsonl", "/work/data/test.jsonl")
DEFAULT_BASELINE_PYTHON = "/work/benchvenv/bin/python"
PACKAGED = ROOT / "qa" / "models" / "default"

#: Tool columns, in print order: (key, label).
TOOLS = (
    ("qa", "qa"),
    ("c4", "C4"),
    ("gopher_quality", "GopherQ"),
    ("gopher_repetition", "GopherRep"),
    ("fineweb", "FineWeb"),
    ("any4", "any of 4"),
    ("c4_min1", "C4 min1"),
    ("gopher_quality_nomin", "GopherQ nomin"),
    ("all", "flag all (ref)"),
)

csv.field_size_limit(1 << 30)


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def resolve_model(args) -> Path:
    if args.model:
        return Path(args.model)
    if (PACKAGED / "manifest.json").exists():
        return PACKAGED
    wait = Path(args.wait_for)
    print(f"packaged model missing; waiting up to {args.wait_minutes} min for {wait}", flush=True)
    deadline = time.monotonic() + args.wait_minutes * 60
    while not wait.exists():
        if time.monotonic() > deadline:
            sys.exit(f"no model: {PACKAGED} is missing and {wait} did not appear; pass --model DIR")
        time.sleep(15)
    time.sleep(5)  # let the writer finish the directory
    return wait.parent


def qa_flags(data: str, model: Path, tmp: Path, workers: int) -> tuple[dict[str, bool], float]:
    """doc_id -> flagged, from ``qa audit``; and the wall seconds it took."""
    out = tmp / ("audit-" + Path(data).parent.name + "-" + Path(data).stem)
    exe = shutil.which("qa")
    cmd = ([exe] if exe else [sys.executable, "-m", "qa"]) + [
        "audit", data, "--format", "jsonl", "--text-field", "text", "--id-field", "id", "--segment", "none",
        "--out", str(out), "--workers", str(workers), "--quiet"]
    if model != PACKAGED:
        cmd += ["--model", str(model)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1) or not (out / "paragraphs.csv").exists():
        sys.exit(f"qa audit failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    manifest = json.loads((model / "manifest.json").read_text(encoding="utf-8"))
    thr = float(manifest["thresholds"]["any"])
    flags: dict[str, bool] = {}
    with open(out / "paragraphs.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            hit = bool(row["labels"].strip()) or float(row["score"] or 0) >= thr
            flags[row["doc_id"]] = flags.get(row["doc_id"], False) or hit
    return flags, wall


def baseline_flags(data: str, python: str, tmp: Path) -> dict[str, dict[str, str | None]]:
    out = tmp / ("flags-" + Path(data).parent.name + "-" + Path(data).stem + ".jsonl")
    proc = subprocess.run([python, str(HERE / "baselines.py"), "flag", "--input", data, "--out", str(out)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"baselines.py failed: {proc.stderr.strip()[-2000:]}")
    return {r["id"]: r["flags"] for r in read_jsonl(str(out))}


class Counts:
    __slots__ = ("tp", "fp", "fn", "tn")

    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif gold:
            self.fn += 1
        elif pred:
            self.fp += 1
        else:
            self.tn += 1

    def metrics(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        f = 2 * p * r / (p + r) if self.tp else (0.0 if self.tp + self.fn else float("nan"))
        fpr = self.fp / (self.fp + self.tn) if self.fp + self.tn else float("nan")
        return {"precision": p, "recall": r, "f1": f, "fpr_clean": fpr, "n": self.tp + self.fp + self.fn + self.tn,
                "defective": self.tp + self.fn, "clean": self.fp + self.tn, "flagged": self.tp + self.fp}


def evaluate(records, predictions: dict[str, dict[str, bool]]) -> dict:
    """{'overall': {tool: metrics}, 'langs': {lang: {tool: metrics}}}."""
    overall = defaultdict(Counts)
    by_lang: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for rec in records:
        rid = str(rec["id"])
        gold = bool(rec.get("labels"))
        lang = rec.get("lang") or "und"
        for tool, _ in TOOLS:
            pred = predictions[tool].get(rid)
            if pred is None:
                continue
            overall[tool].add(gold, pred)
            by_lang[lang][tool].add(gold, pred)
    return {
        "overall": {t: overall[t].metrics() for t, _ in TOOLS if t in overall},
        "langs": {lang: {t: c.metrics() for t, c in tools.items()} for lang, tools in by_lang.items()},
    }


def fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.3f}"


def print_tables(name: str, res: dict, min_lang: int) -> None:
    ov = res["overall"]
    any_tool = next(iter(ov.values()))
    print(f"\n== {name}: {any_tool['n']} paragraphs, {any_tool['defective']} defective, {any_tool['clean']} clean")
    print(f"{'tool':<15} {'flagged':>8} {'precision':>9} {'recall':>7} {'F1':>6} {'FPR clean':>9}")
    for tool, label in TOOLS:
        if tool in ov:
            m = ov[tool]
            print(f"{label:<15} {m['flagged']:>8} {fmt(m['precision']):>9} {fmt(m['recall']):>7} "
                  f"{fmt(m['f1']):>6} {fmt(m['fpr_clean']):>9}")
    langs = sorted(res["langs"].items(), key=lambda kv: -next(iter(kv[1].values()))["n"])
    shown = [(lang, t) for lang, t in langs if next(iter(t.values()))["n"] >= min_lang]
    if not shown:
        return
    cols = [(t, label) for t, label in TOOLS if t in ov and t != "all"]
    print(f"per language (>= {min_lang} paragraphs): F1 / FPR on clean")
    print(f"{'lang':<5} {'n':>5} {'def':>5} " + " ".join(f"{label:>13}" for _, label in cols))
    for lang, tools in shown:
        m0 = next(iter(tools.values()))
        cells = []
        for t, _ in cols:
            m = tools.get(t)
            cells.append(f"{fmt(m['f1'])}/{fmt(m['fpr_clean'])}" if m else "-")
        print(f"{lang:<5} {m0['n']:>5} {m0['defective']:>5} " + " ".join(f"{c:>13}" for c in cells))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="qa vs datatrove filters: any-defect P/R/F1 and clean FPR.")
    ap.add_argument("--data", action="append", help=f"Labelled JSONL (repeatable). Default: {', '.join(DEFAULT_DATA)}")
    ap.add_argument("--model", help="Model directory (default: qa/models/default).")
    ap.add_argument("--wait-for", default="/tmp/model1/manifest.json",
                    help="When neither --model nor the packaged model exists, wait for this manifest.")
    ap.add_argument("--wait-minutes", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2, help="qa audit --workers (default 2).")
    ap.add_argument("--baseline-python", default=DEFAULT_BASELINE_PYTHON)
    ap.add_argument("--min-lang", type=int, default=20, help="Show languages with at least this many paragraphs.")
    ap.add_argument("--json", help="Also write all metrics as JSON to this file.")
    args = ap.parse_args(argv)

    model = resolve_model(args)
    have_baselines = Path(args.baseline_python).exists()
    if not have_baselines:
        print(f"NOTE: {args.baseline_python} not found: datatrove columns skipped (see benchmarks/README.md)")
    print(f"model: {model}")
    tmp = Path(tempfile.mkdtemp(prefix="qa-quality-"))
    results = {}
    try:
        for data in args.data or DEFAULT_DATA:
            records = read_jsonl(data)
            preds: dict[str, dict[str, bool]] = {}
            preds["qa"], wall = qa_flags(data, model, tmp, args.workers)
            if have_baselines:
                flags = baseline_flags(data, args.baseline_python, tmp)
                for tool, _ in TOOLS:
                    if tool in ("qa", "any4", "all"):
                        continue
                    preds[tool] = {rid: f[tool] is not None for rid, f in flags.items()}
                preds["any4"] = {rid: any(f[t] is not None for t in ("c4", "gopher_quality", "gopher_repetition",
                                                                      "fineweb")) for rid, f in flags.items()}
            # Reference row: flag every paragraph (F1 = 2p/(1+p) for a defect share p; FPR 1).
            preds["all"] = {str(r["id"]): True for r in records}
            for tool, _ in TOOLS:
                preds.setdefault(tool, {})
            missing = sum(1 for r in records if str(r["id"]) not in preds["qa"])
            res = evaluate(records, preds)
            res["qa_audit_seconds"] = wall
            res["qa_missing_rows"] = missing
            results[data] = res
            print_tables(data, res, args.min_lang)
            if missing:
                print(f"NOTE: {missing} records had no row in qa's paragraphs.csv (not counted for qa)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"model": str(model), "results": results,
                                               "time": time.strftime("%Y-%m-%d %H:%M")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
