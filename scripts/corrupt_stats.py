"""Run the corruption synthesizer on the UD paragraphs and print what it made.

Reads ``../shared/data/ud/paragraphs.jsonl`` (never copied into the repo), runs
``corrupt_records`` and prints counts per kind, mechanism, label set and language, plus a few
examples per mechanism with the damaged spans in [[ ]] so they can be eyeballed.

Usage::

    python scripts/corrupt_stats.py                       # all kinds, seed 0, 3 examples each
    python scripts/corrupt_stats.py --kinds spacing mojibake --seed 4 --examples 5 --limit 1000
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from qa.corrupt import KINDS, corrupt_records  # noqa: E402

UD = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data" / "ud" / "paragraphs.jsonl"


def read(path: pathlib.Path, limit: int | None):
    """Yield the JSONL records of ``path`` (at most ``limit``)."""
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def marked(text: str, spans: list, width: int = 240) -> str:
    """``text`` with each span wrapped in [[ ]], shortened around the first span."""
    out, prev = [], 0
    for s, e, _label, _rule in sorted(spans):
        if s < prev:
            continue
        out += [text[prev:s], "[[", text[s:e], "]]"]
        prev = e
    out.append(text[prev:])
    flat = "".join(out).replace("\n", "⏎")
    first = flat.find("[[")
    start = max(0, first - width // 3)
    return ("…" if start else "") + flat[start : start + width] + ("…" if len(flat) > start + width else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=pathlib.Path, default=UD)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate", type=float, default=1.0)
    parser.add_argument("--limit", type=int, default=None, help="read at most this many records")
    parser.add_argument("--examples", type=int, default=3, help="examples shown per mechanism")
    args = parser.parse_args(argv)
    if not args.input.exists():
        print(f"{args.input} not found (the shared data folder is not here)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    n_in = 0
    by_mech: collections.Counter[str] = collections.Counter()
    by_labels: collections.Counter[str] = collections.Counter()
    by_kind_lang: collections.Counter[tuple[str, str]] = collections.Counter()
    langs: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[dict]] = collections.defaultdict(list)
    for rec in corrupt_records(read(args.input, args.limit), args.kinds, args.seed, args.rate):
        if rec["mechanism"] == "none":
            n_in += 1
            langs[rec.get("lang", "und")] += 1
            continue
        by_mech[rec["mechanism"]] += 1
        by_labels["+".join(rec["labels"])] += 1
        for label in rec["labels"]:
            by_kind_lang[(label, rec.get("lang", "und"))] += 1
        if len(examples[rec["mechanism"]]) < args.examples * 20:
            examples[rec["mechanism"]].append(rec)
    elapsed = time.perf_counter() - started

    n_var = sum(by_mech.values())
    print(f"{n_in} records in, {n_var} variants ({n_var / max(1, n_in):.1%}), {elapsed:.1f} s")
    print("\n== variants per mechanism")
    for mech, n in by_mech.most_common():
        print(f"{n:7d}  {mech}")
    print("\n== variants per label set")
    for labels, n in by_labels.most_common():
        print(f"{n:7d}  {labels}")
    print("\n== label x language (variants carrying the label)")
    lang_order = [lang for lang, _ in langs.most_common()]
    print("label".ljust(12) + "".join(lang.rjust(6) for lang in lang_order))
    for label in sorted({label for label, _ in by_kind_lang}):
        print(label.ljust(12) + "".join(str(by_kind_lang[(label, lang)]).rjust(6) for lang in lang_order))
    print("\n== examples (damage in [[ ]])")
    rng = random.Random(args.seed)
    for mech in sorted(examples):
        print(f"\n-- {mech}")
        for rec in rng.sample(examples[mech], min(args.examples, len(examples[mech]))):
            print(f"  [{rec['lang']}] {'+'.join(rec['labels'])}: {marked(rec['text'], rec['spans'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
