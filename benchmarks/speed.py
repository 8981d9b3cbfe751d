"""Speed and memory of qa against datatrove's filters, on the same paragraphs.

Contenders, each in its own process, run in interleaved rounds (every contender
once per round, ``--rounds`` rounds, best round kept) because the machine may
be shared with other busy processes:

- ``extract``            ``features.extract(text, lang)`` over every paragraph
- ``family:<name>``      each family's ``signals(text, lang)`` alone (same process
                         as ``extract``; one timing per family)
- ``scorer``             ``Scorer.load(model)`` then ``score_paragraphs`` in batches
                         of ``--batch`` paragraphs (language detected, as in ``qa audit``)
- ``qa audit -w1/-w2``   end to end ``qa audit`` on the sample written as JSONL
                         (``--segment none``), with ``--workers 1`` and ``--workers 2``
- ``datatrove <filter>`` C4QualityFilter, GopherQualityFilter,
                         GopherRepetitionFilter, FineWebQualityFilter (defaults),
                         run by ``benchmarks/baselines.py`` with the python of a
                         separate virtualenv (``--baseline-python``)

Every single-process contender is pinned to one core (``taskset -c 0``), the
in-process ones with OMP/BLAS threads set to 1; ``qa audit`` runs with the
caller's environment (as a user runs it), ``--workers 2`` pinned to cores 0,1,
and once more with ``OMP_NUM_THREADS=1``. ``MB/s per core`` is MB divided by
the CPU seconds (user+sys) of the timed section, which a busy neighbour
disturbs less than wall time; wall seconds are shown too. Peak RSS is
``ru_maxrss`` of the contender's process (interpreter, imports and model
included); for ``qa audit`` it is the peak of the summed RSS of the process
tree (polled from /proc every 50 ms).

The input is sampled at run time from real paragraphs (never copied into the
repo): /work/data/test.jsonl and /work/shared/data/ud/paragraphs.jsonl by default.

Usage::

    python benchmarks/speed.py --model /tmp/model1
    python benchmarks/speed.py --rounds 1 --max-mb 1 --skip audit   # quick look

Nothing here asserts a time: it prints a table (and ``--json FILE`` saves it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
DEFAULT_INPUTS = ("/work/data/test.jsonl", "/work/shared/data/ud/paragraphs.jsonl")
DEFAULT_BASELINE_PYTHON = "/work/benchvenv/bin/python"
BASELINE_FILTERS = ("c4", "gopher_quality", "gopher_repetition", "fineweb")
SINGLE_THREAD_ENV = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


# -- input ----------------------------------------------------------------------------
def build_sample(inputs, max_mb: float | None, seed: int, out_path: Path) -> dict:
    """Write the sample JSONL (id, doc_id, paragraph, text, lang); return its stats."""
    records = []
    for path in inputs:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                rec = json.loads(line)
                text = rec.get("text") or ""
                if not text.strip():
                    continue
                records.append(
                    {
                        "id": f"{Path(path).parent.name}/{rec.get('id', n)}",
                        "doc_id": str(rec.get("doc_id") or rec.get("id", n)),
                        "paragraph": int(rec.get("pos", 0) or 0),
                        "text": text,
                        "lang": rec.get("lang") or "und",
                    }
                )
    if max_mb:
        rng = random.Random(seed)
        rng.shuffle(records)
        kept, size = [], 0
        for rec in records:
            if size >= max_mb * 1e6:
                break
            kept.append(rec)
            size += len(rec["text"].encode("utf-8"))
        order = {id(r): i for i, r in enumerate(records)}
        records = sorted(kept, key=lambda r: order[id(r)])
    with open(out_path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    mb = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    return {"paragraphs": len(records), "mb": mb, "inputs": list(inputs)}


def read_sample(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# -- workers (run in a child process) ---------------------------------------------------
def worker_extract(sample: str) -> list[dict]:
    import features
    from features.registry import FAMILIES

    recs = read_sample(sample)
    pairs = [(r["text"], r["lang"]) for r in recs]
    mb = sum(len(t.encode("utf-8")) for t, _ in pairs) / 1e6
    for t, lang in pairs[:50]:  # warm-up (regex compilation, lazy tables)
        features.extract(t, lang)
    rows = []
    w0, c0 = time.perf_counter(), time.process_time()
    for t, lang in pairs:
        features.extract(t, lang)
    rows.append({"tool": "qa features.extract (all families)", "mb": mb,
                 "seconds": time.perf_counter() - w0, "cpu_seconds": time.process_time() - c0})
    for fam in FAMILIES:
        name = fam.__name__.rsplit(".", 1)[-1]
        w0, c0 = time.perf_counter(), time.process_time()
        for t, lang in pairs:
            fam.signals(t, lang)
        rows.append({"tool": f"  family {name}", "mb": mb,
                     "seconds": time.perf_counter() - w0, "cpu_seconds": time.process_time() - c0})
    peak = _peak_rss_mb()
    for row in rows:
        row["peak_rss_mb"] = peak
    return rows


def worker_scorer(sample: str, model: str | None, batch: int) -> list[dict]:
    from qa.model.scorer import Scorer
    from qa.records import Paragraph

    recs = read_sample(sample)
    paras = [Paragraph(r["doc_id"], r["paragraph"], r["text"], 0, len(r["text"]), 0) for r in recs]
    mb = sum(len(r["text"].encode("utf-8")) for r in recs) / 1e6
    scorer = Scorer.load(model)
    scorer.score_paragraphs(paras[:50])  # warm-up
    w0, c0 = time.perf_counter(), time.process_time()
    flagged = 0
    for i in range(0, len(paras), batch):
        flagged += sum(1 for s in scorer.score_paragraphs(paras[i : i + batch]) if s.labels)
    return [{"tool": f"qa Scorer.score_paragraphs (batch {batch})", "mb": mb,
             "seconds": time.perf_counter() - w0, "cpu_seconds": time.process_time() - c0,
             "peak_rss_mb": _peak_rss_mb(), "flagged": flagged, "n": len(paras)}]


# -- parent side ----------------------------------------------------------------------------
def _tree_rss_kb(root: int) -> int:
    """Summed VmRSS of ``root`` and its descendants (0 when /proc is unavailable)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(pid)
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        rss[pid] = int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_child(cmd: list[str], env: dict | None = None, poll_tree: bool = False) -> dict:
    """Run ``cmd``; return wall, CPU (child and its reaped children), ru_maxrss, tree peak, stdout."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    w0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env, text=True)
    peak_tree = 0
    if poll_tree:
        while proc.poll() is None:
            peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
    out, err = proc.communicate()
    wall = time.perf_counter() - w0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rc": proc.returncode, "stdout": out, "stderr": err, "wall": wall, "ru": ru,
            "peak_tree_mb": peak_tree / 1024.0}


class Contender:
    def __init__(self, key: str, cmd: list[str], env: dict | None = None, kind: str = "json",
                 mb: float = 0.0, cores: int = 1, label: str | None = None):
        self.key, self.cmd, self.env, self.kind = key, cmd, env, kind
        self.mb, self.cores, self.label = mb, cores, label or key
        self.rounds: list[list[dict]] = []
        self.errors: list[str] = []

    def run(self) -> bool:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        res = run_child(self.cmd, self.env, poll_tree=self.kind == "process")
        if res["rc"] != 0:
            self.errors.append(res["stderr"].strip().splitlines()[-1] if res["stderr"].strip() else f"rc={res['rc']}")
            return False
        if self.kind == "json":
            rows = []
            for line in res["stdout"].splitlines():
                if line.startswith("["):
                    rows.extend(json.loads(line))
                elif line.startswith("{"):
                    rows.append(json.loads(line))
        else:  # a whole process: wall and CPU of the process tree
            ru = res["ru"]
            cpu = (ru.ru_utime - before.ru_utime) + (ru.ru_stime - before.ru_stime)
            rows = [{"tool": self.label, "mb": self.mb, "seconds": res["wall"], "cpu_seconds": cpu,
                     "peak_rss_mb": res["peak_tree_mb"]}]
        self.rounds.append(rows)
        return True

    def best(self) -> list[dict]:
        """Per row, the round with the least CPU time; peak RSS is the max over rounds."""
        if not self.rounds:
            return []
        out = []
        for j in range(len(self.rounds[0])):
            cands = [r[j] for r in self.rounds if j < len(r)]
            best = dict(min(cands, key=lambda r: r["cpu_seconds"]))
            best["seconds"] = min(r["seconds"] for r in cands)
            best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in cands)
            best["cores"] = self.cores
            best["rounds"] = len(cands)
            out.append(best)
        return out


def pin(cores: str) -> list[str]:
    return ["taskset", "-c", cores] if shutil.which("taskset") else []


def qa_command() -> list[str]:
    exe = shutil.which("qa")
    return [exe] if exe else [sys.executable, "-m", "qa"]


def format_table(rows: list[dict]) -> str:
    head = (f"{'tool':<44} {'cores':>5} {'MB':>6} {'wall s':>8} {'CPU s':>8} {'MB/s/core':>10} "
            f"{'MB/s wall':>10} {'peak RSS MB':>12}")
    lines = [head, "-" * len(head)]
    for r in rows:
        per_core = r["mb"] / r["cpu_seconds"] if r["cpu_seconds"] > 0 else float("nan")
        wall = r["mb"] / r["seconds"] if r["seconds"] > 0 else float("nan")
        lines.append(f"{r['tool']:<44} {r.get('cores', 1):>5} {r['mb']:>6.2f} {r['seconds']:>8.2f} "
                     f"{r['cpu_seconds']:>8.2f} {per_core:>10.3f} {wall:>10.3f} {r['peak_rss_mb']:>12.0f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="qa vs datatrove: MB/s per core and peak memory.")
    ap.add_argument("--input", action="append", help="JSONL with text (and lang); repeatable. "
                    f"Default: {', '.join(DEFAULT_INPUTS)}")
    ap.add_argument("--max-mb", type=float, default=None, help="Sample at most this many MB of text (default: all).")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--model", help="Model directory (default: the packaged qa/models/default).")
    ap.add_argument("--rounds", type=int, default=3, help="Interleaved rounds; the best is kept (default 3).")
    ap.add_argument("--batch", type=int, default=2000, help="Paragraphs per score_paragraphs call.")
    ap.add_argument("--baseline-python", default=DEFAULT_BASELINE_PYTHON,
                    help="Python of the virtualenv that has datatrove.")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["extract", "scorer", "audit", "datatrove"], help="Leave a contender group out.")
    ap.add_argument("--json", help="Also write the results as JSON to this file.")
    ap.add_argument("--keep", action="store_true", help="Keep the temporary directory (sample, audit output).")
    # internal: the child processes
    ap.add_argument("--_worker", choices=["extract", "scorer"], help=argparse.SUPPRESS)
    ap.add_argument("--_sample", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._worker == "extract":
        print(json.dumps(worker_extract(args._sample)))
        return 0
    if args._worker == "scorer":
        print(json.dumps(worker_scorer(args._sample, args.model, args.batch)))
        return 0

    model = args.model
    needs_model = "scorer" not in args.skip or "audit" not in args.skip
    if needs_model and model is None and not (ROOT / "qa" / "models" / "default" / "manifest.json").exists():
        ap.error("the packaged model qa/models/default is missing: pass --model DIR")

    tmp = Path(tempfile.mkdtemp(prefix="qa-speed-"))
    sample = tmp / "sample.jsonl"
    stats = build_sample(args.input or DEFAULT_INPUTS, args.max_mb, args.seed, sample)
    mb = stats["mb"]
    print(f"sample: {stats['paragraphs']} paragraphs, {mb:.2f} MB of UTF-8 text from {', '.join(stats['inputs'])}")
    pinned = bool(pin("0"))
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"machine: {os.cpu_count()} cores; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
          if load else f"machine: {os.cpu_count()} cores")
    print("pinning: " + ("taskset -c 0 for single-core contenders, -c 0,1 for --workers 2"
                          if pinned else "taskset not found: contenders are NOT pinned to a core"))

    me = [sys.executable, str(Path(__file__).resolve())]
    model_args = ["--model", model] if model else []
    contenders: list[Contender] = []
    if "extract" not in args.skip:
        contenders.append(Contender("extract", pin("0") + me + ["--_worker", "extract", "--_sample", str(sample)],
                                    SINGLE_THREAD_ENV))
    if "scorer" not in args.skip:
        contenders.append(Contender("scorer", pin("0") + me + model_args + ["--_worker", "scorer", "--_sample",
                                    str(sample), "--batch", str(args.batch)], SINGLE_THREAD_ENV))
    if "audit" not in args.skip:
        # As a user runs it (their environment), then --workers 2 with OpenMP limited to one
        # thread per worker: scikit-learn's OpenMP threads oversubscribe the cores otherwise.
        for key, w, cores, env, label in (
            ("audit1", 1, "0", None, "qa audit --workers 1 (end to end)"),
            ("audit2", 2, "0,1", None, "qa audit --workers 2 (end to end)"),
            ("audit2-omp1", 2, "0,1", SINGLE_THREAD_ENV, "qa audit --workers 2, OMP_NUM_THREADS=1"),
        ):
            out_dir = tmp / f"audit-{key}"
            cmd = pin(cores) + qa_command() + ["audit", str(sample), "--format", "jsonl", "--text-field", "text",
                                               "--id-field", "id", "--segment", "none", "--out", str(out_dir),
                                               "--workers", str(w), "--quiet"] + model_args
            contenders.append(Contender(key, cmd, env, kind="process", mb=mb, cores=w, label=label))
    if "audit" not in args.skip:
        # Fixed cost of a run (imports, model load, report) on a one-paragraph corpus.
        tiny = tmp / "one.jsonl"
        tiny.write_text(json.dumps({"id": "one", "text": "One short paragraph of plain text."}) + "\n")
        cmd = pin("0") + qa_command() + ["audit", str(tiny), "--format", "jsonl", "--text-field", "text",
                                         "--id-field", "id", "--segment", "none", "--out", str(tmp / "audit-one"),
                                         "--workers", "1", "--quiet"] + model_args
        contenders.append(Contender("audit-startup", cmd, SINGLE_THREAD_ENV, kind="process", mb=0.0,
                                    label="qa audit start-up cost (1 paragraph)"))
    if "datatrove" not in args.skip:
        if not Path(args.baseline_python).exists():
            print(f"NOTE: {args.baseline_python} not found: datatrove baselines skipped "
                  "(see benchmarks/README.md to create the virtualenv)")
        else:
            for name in BASELINE_FILTERS:
                cmd = pin("0") + [args.baseline_python, str(HERE / "baselines.py"), "speed", "--filter", name,
                                  "--input", str(sample)]
                contenders.append(Contender(f"datatrove-{name}", cmd, SINGLE_THREAD_ENV))

    for r in range(args.rounds):
        order = contenders if r % 2 == 0 else list(reversed(contenders))  # alternate the order too
        for c in order:
            t0 = time.perf_counter()
            status = "ok" if c.run() else "FAILED"
            print(f"  round {r + 1}/{args.rounds}: {c.key:<26} {time.perf_counter() - t0:7.1f} s  {status}",
                  flush=True)

    rows = []
    for c in contenders:
        rows.extend(c.best())
        for e in sorted(set(c.errors)):
            print(f"ERROR {c.key}: {e}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print()
    print(f"Best of {args.rounds} interleaved rounds (order alternated each round) on a shared machine; "
          f"MB/s per core = MB / CPU seconds; load average at end "
          + (f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}" if load else "n/a"))
    print(format_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({"sample": stats, "rounds": args.rounds, "rows": rows,
                                               "pinned": pinned, "time": time.strftime("%Y-%m-%d %H:%M")},
                                              indent=2))
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
