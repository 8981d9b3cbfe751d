"""Recall on one stray space before a comma or period, per language, in edited text.

The seed page's spacing lines (``ръцете , прегърнаха``, ``цветове на двете страни .``)
come from inline nodes joined with a space: one or two marks in an otherwise clean
paragraph. This probe makes exactly that defect in clean UD paragraphs of every
language with spaced words: one ``,`` or ``.`` after a letter gets a space before it
(seeded choice), and the model scores each variant alone. It prints, per language,
the share of variants flagged ``spacing``, the median spacing probability (raw) and,
for the same paragraphs unchanged, the share flagged with any label.

Paragraphs with fewer than two such marks are skipped (the only mark of a short
sentence is its final period: a different case). Nothing is asserted.

Usage::

    python benchmarks/spacing_probe.py ../shared/data/ud/paragraphs.jsonl [--model DIR] [--seed 0] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict

import numpy as np
import pandas as pd
import regex

from qa.labels import LABELS
from qa.model.scorer import Scorer

#: A comma or period right after a letter, before a space or the end: where the probe adds a space.
MARK = regex.compile(r"(?<=\p{L})[,.](?=\s|$)")
#: Scripts written without spaces between words: the probe does not apply.
SKIP_LANGS = frozenset({"ja", "zh", "th"})


def variants(rows: list[dict], seed: int) -> list[dict]:
    """One spaced-mark variant per paragraph with 2+ marks.

    >>> variants([{"text": "Yes, we did. Then we left.", "lang": "en"}], 0)[0]["text"] in (
    ...     "Yes , we did. Then we left.", "Yes, we did . Then we left.", "Yes, we did. Then we left .")
    True
    """
    rng = random.Random(seed)
    out = []
    for r in rows:
        if r["lang"] in SKIP_LANGS:
            continue
        marks = list(MARK.finditer(r["text"]))
        if len(marks) < 2:
            continue
        at = rng.choice(marks).start()
        out.append({"text": r["text"][:at] + " " + r["text"][at:], "lang": r["lang"], "orig": r["text"]})
    return out


def probe(rows: list[dict], scorer: Scorer, seed: int = 0) -> dict[str, dict]:
    """Per language: variants, share flagged spacing, median raw spacing probability,
    and the share of the unchanged paragraphs flagged with any label."""
    made = variants(rows, seed)
    if not made:
        return {}
    spacing = LABELS.index("spacing")

    def decided(texts, langs):
        P, p_any, _X, spans, got_langs = scorer.predict(pd.DataFrame({"text": texts, "lang": langs}))
        return P, [scorer.decide(p, a, s, g) for p, a, s, g in zip(P, p_any, spans, got_langs)]

    langs = [m["lang"] for m in made]
    P, labels = decided([m["text"] for m in made], langs)
    _, before = decided([m["orig"] for m in made], langs)
    by = defaultdict(list)
    for lang, p, got, was in zip(langs, P[:, spacing], labels, before):
        by[lang].append(("spacing" in got, float(p), bool(was)))
    return {
        lang: {
            "variants": len(v),
            "found": round(float(np.mean([a for a, _, _ in v])), 3),
            "median_p_spacing": round(float(np.median([p for _, p, _ in v])), 3),
            "clean_flagged": round(float(np.mean([w for _, _, w in v])), 3),
        }
        for lang, v in sorted(by.items())
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="JSONL of clean paragraphs (text, lang), e.g. ../shared/data/ud/paragraphs.jsonl")
    ap.add_argument("--model", help="model directory (default: packaged)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the table as JSON")
    args = ap.parse_args(argv)
    with open(args.data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    result = probe(rows, Scorer.load(args.model), args.seed)
    print(f"{'lang':6} {'variants':>8} {'found':>6} {'median p':>9} {'clean flagged':>14}")
    for lang, r in result.items():
        print(f"{lang:6} {r['variants']:8d} {r['found']:6.2f} {r['median_p_spacing']:9.2f} {r['clean_flagged']:14.3f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
