"""Measure how often each extractor family fires a span, per language and label.

Reads labelled JSONL from ../shared/data (never copied into the repo) and prints,
for each set, the share of paragraphs with at least one span of each label.
On clean text every share is a false-alarm rate; on defective rows, a recall.

Usage::

    python scripts/span_rates.py                 # ud + seed + dev_gold + readability dev
    python scripts/span_rates.py --family spacing --show 5   # print 5 firing clean examples
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from features import extract  # noqa: E402
from qa.labels import LABELS  # noqa: E402

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def rows(name: str):
    """Yield (lang, labels, text) for a named set."""
    data = SHARED / "data"
    if name == "ud":
        for line in open(data / "ud/paragraphs.jsonl", encoding="utf-8"):
            r = json.loads(line)
            yield r["lang"], [], r["text"]
    elif name == "dev_gold":
        for line in open(data / "dev_gold/paragraphs.jsonl", encoding="utf-8"):
            r = json.loads(line)
            yield r["lang"], r["labels"], r["text"]
    elif name == "readability_dev":
        for line in open(data / "readability_testpages/paragraphs.jsonl", encoding="utf-8"):
            r = json.loads(line)
            if r["split"] == "dev" and r["label"] != "mixed":
                yield r["lang"], ([] if r["label"] == "clean" else [r["label"]]), r["text"]
    elif name == "mojibake":
        for line in open(data / "chardet_mojibake/pairs.jsonl", encoding="utf-8"):
            r = json.loads(line)
            yield r["lang"], ([] if r["label"] == "clean" else ["mojibake"]), r["text"]
    elif name == "seed":
        text = (SHARED / "seed/page.txt").read_text(encoding="utf-8", errors="replace")
        labels = [json.loads(x) for x in open(SHARED / "seed/labels.jsonl", encoding="utf-8")]
        for lab, line in zip(labels, text.split("\n")):
            if not lab["ambiguous"]:
                yield "bg", lab["labels"], line


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", default=["ud", "seed", "dev_gold", "readability_dev", "mojibake"])
    ap.add_argument("--family", help="print firing clean examples of this label")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    for name in args.sets:
        fired = collections.defaultdict(collections.Counter)  # (lang, kind) -> label -> n
        total = collections.Counter()
        shown = 0
        for lang, labels, text in rows(name):
            kind = "clean" if not labels else "defective"
            total[(lang, kind)] += 1
            span_labels = {s.label for s in extract(text, lang).spans}
            for label in span_labels:
                fired[(lang, kind)][label] += 1
            if span_labels:
                fired[(lang, kind)]["any"] += 1
            for label in labels:
                total[(lang, label)] += 1
                if label in span_labels:
                    fired[(lang, label)]["hit"] += 1
            if args.family and kind == "clean" and args.family in span_labels and shown < args.show:
                shown += 1
                spans = [s for s in extract(text, lang).spans if s.label == args.family]
                print(f"  [{lang}] {text[:300]!r}\n     -> {[(s.rule, text[s.start:s.end]) for s in spans][:5]}")
        print(f"== {name}")
        for (lang, kind), n in sorted(total.items()):
            if kind == "clean":
                rates = " ".join(f"{lab}={fired[(lang, kind)][lab] / n:.3f}" for lab in LABELS + ("any",))
                print(f"  {lang:4} clean n={n:5}  {rates}")
        for (lang, kind), n in sorted(total.items()):
            if kind in LABELS:
                print(f"  {lang:4} {kind:12} n={n:5}  recall(span)={fired[(lang, kind)]['hit'] / n:.3f}")


if __name__ == "__main__":
    main()
