"""Candidate own-line furniture for the phrase table, mined from the page set's train split.

A short line (menu item, section link, share target) that the naive scrapes label boilerplate on
several sites and never label article text is a candidate ``sections`` entry of
``features/data/boilerplate_phrases.json``: counted only on a line of its own. The script prints
candidates the phrase table does not match yet, most widespread first; a person still reads them
(brand names, cities and words that head article sections such as "Features" or "Data" do not
belong). Only train-split pages are read, so the build's test pages stay a fair check of the
entries (``benchmarks/audit_quality.py`` on them).

Usage::

    python scripts/mine_furniture.py                       # ../shared/data/readability_testpages
    python scripts/mine_furniture.py --min-sites 3 --max-chars 40 --lang fr

>>> rows = [{"text": "Frobnicate", "label": "boilerplate", "doc_id": f"readability/site{i}", "split": "train",
...          "lang": "en"} for i in range(3)]
>>> [c.text for c in candidates(rows, min_sites=2)]
['frobnicate']
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path
from typing import Iterable, NamedTuple

from features import boilerplate

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "readability_testpages" / "paragraphs.jsonl"


class Candidate(NamedTuple):
    sites: int
    furniture: int
    lang: str
    text: str


def _site(doc_id: str) -> str:
    """``readability/nytimes-3`` -> ``nytimes``: pages of one site count once."""
    return doc_id.rsplit("/", 1)[-1].split("-")[0]


def candidates(rows: Iterable[dict], min_sites: int = 2, max_chars: int = 60,
               lang: str | None = None) -> list[Candidate]:
    """Lines labelled boilerplate on ``min_sites`` sites or more and never clean, that no
    boilerplate rule claims yet, most widespread first."""
    sites: dict[str, set] = collections.defaultdict(set)
    labels: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    langs: dict[str, str] = {}
    for r in rows:
        if r.get("split") != "train":
            continue
        text = " ".join(r["text"].split()).lower()
        if not text or len(text) > max_chars:
            continue
        labels[text][r["label"]] += 1
        langs.setdefault(text, r.get("lang") or "und")
        if r["label"] == "boilerplate":
            sites[text].add(_site(r["doc_id"]))
    out = [
        Candidate(len(s), labels[t]["boilerplate"], langs[t], t)
        for t, s in sites.items()
        if len(s) >= min_sites and not labels[t]["clean"] and (lang is None or langs[t] == lang)
        and not boilerplate.signals(t, langs[t]).spans
    ]
    return sorted(out, key=lambda c: (-c.sites, -c.furniture, c.text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT, help="page-set JSONL (text, label, doc_id, split)")
    ap.add_argument("--min-sites", type=int, default=2)
    ap.add_argument("--max-chars", type=int, default=60)
    ap.add_argument("--lang", help="only lines of this language")
    args = ap.parse_args(argv)
    with open(args.data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for c in candidates(rows, args.min_sites, args.max_chars, args.lang):
        print(f"{c.sites:3d} sites {c.furniture:4d} rows  {c.lang:4}  {c.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
