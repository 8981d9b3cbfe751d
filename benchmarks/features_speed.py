"""Throughput of the feature extractors, in MB/s per core.

Runs each family's ``signals(text, lang)`` over a sample of paragraphs and
prints one row per family: UTF-8 megabytes per second of wall time and of CPU
time (this process only; steadier on a shared machine), the slowest paragraph
(its fastest time over the passes, so a load spike does not count),
and the cost of the very first call (lazy tables and matchers). Nothing is
asserted: compare rows between runs on the same machine, in the same run when
the machine is busy.

Corpora are JSONL files with a ``text`` field (``lang`` optional) or plain text
files with one paragraph per line. Without arguments the ``paragraphs.jsonl``
samples under ``../shared/data`` are used.

Usage::

    python benchmarks/features_speed.py                              # shared samples
    python benchmarks/features_speed.py /work/data/train.jsonl -n 1000
    python benchmarks/features_speed.py corpus.jsonl -f boilerplate truncation -r 3
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_FAMILIES = ("boilerplate", "textstats", "truncation")
ALL_FAMILIES = ("boilerplate", "code", "mojibake", "spacing", "splice", "textstats", "truncation")
SHARED = ROOT.parent / "shared" / "data"


def read_corpus(path: Path) -> list[tuple[str, str]]:
    """``(text, lang)`` pairs from a JSONL file (``text``/``lang``) or a text file."""
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if path.suffix == ".jsonl":
                row = json.loads(line)
                text = row.get("text")
                if isinstance(text, str) and text:
                    out.append((text, row.get("lang") or "und"))
            else:
                out.append((line, "und"))
    return out


def default_corpora() -> list[Path]:
    return sorted(SHARED.glob("*/paragraphs.jsonl"))


def first_call_ms(family: str, text: str, lang: str) -> float:
    """Cost of the first call in a fresh interpreter state for this module (import excluded)."""
    mod = importlib.import_module(f"features.{family}")
    start = time.perf_counter()
    mod.signals(text, lang)
    return (time.perf_counter() - start) * 1000


def bench(family: str, paras: list[tuple[str, str]], repeat: int) -> dict:
    mod = importlib.import_module(f"features.{family}")
    size = sum(len(t.encode("utf-8", "surrogatepass")) for t, _ in paras) / 1e6
    best_wall = best_cpu = float("inf")
    fastest = [float("inf")] * len(paras)  # per paragraph, over the passes: drops load spikes
    clock = time.perf_counter
    for _ in range(repeat):
        wall0, cpu0 = clock(), time.process_time()
        for i, (text, lang) in enumerate(paras):
            t0 = clock()
            mod.signals(text, lang)
            took = clock() - t0
            if took < fastest[i]:
                fastest[i] = took
        best_wall = min(best_wall, clock() - wall0)
        best_cpu = min(best_cpu, time.process_time() - cpu0)
    slow = max(range(len(paras)), key=fastest.__getitem__)
    worst = (fastest[slow], paras[slow][0])
    return {
        "family": family,
        "mb": size,
        "wall": size / best_wall if best_wall else float("inf"),
        "cpu": size / best_cpu if best_cpu else float("inf"),
        "worst_ms": worst[0] * 1000,
        "worst_text": worst[1],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, help="JSONL (text, lang) or text files")
    ap.add_argument("-f", "--families", nargs="+", default=list(DEFAULT_FAMILIES),
                    choices=ALL_FAMILIES + ("all",))
    ap.add_argument("-n", "--limit", type=int, default=0, help="sample this many paragraphs (0: all)")
    ap.add_argument("-r", "--repeat", type=int, default=3, help="passes; the fastest is reported")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    paths = args.corpus or default_corpora()
    if not paths:
        print(f"no corpus given and none found under {SHARED}", file=sys.stderr)
        return 2
    paras: list[tuple[str, str]] = []
    for p in paths:
        paras.extend(read_corpus(p))
    if args.limit and len(paras) > args.limit:
        paras = random.Random(args.seed).sample(paras, args.limit)
    if not paras:
        print("empty corpus", file=sys.stderr)
        return 2
    families = list(ALL_FAMILIES) if "all" in args.families else args.families

    print(f"{len(paras)} paragraphs, {sum(len(t.encode('utf-8', 'surrogatepass')) for t, _ in paras) / 1e6:.2f} MB"
          f" from {', '.join(str(p) for p in paths)}; best of {args.repeat}")
    first = {fam: first_call_ms(fam, *paras[0]) for fam in families}
    header = f"{'family':<12} {'MB/s wall':>10} {'MB/s cpu':>9} {'first ms':>9} {'worst ms':>9}  worst paragraph"
    print(header)
    print("-" * len(header))
    for fam in families:
        r = bench(fam, paras, args.repeat)
        preview = r["worst_text"][:50].replace("\n", "\\n")
        print(f"{fam:<12} {r['wall']:>10.2f} {r['cpu']:>9.2f} {first[fam]:>9.1f} {r['worst_ms']:>9.1f}  {preview!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
