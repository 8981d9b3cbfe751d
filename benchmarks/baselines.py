"""Run datatrove's quality filters over paragraphs: the baselines qa is compared with.

datatrove is not a dependency of qa, so this script runs with the python of a
separate virtualenv (see ``requirements-baselines.txt``)::

    python3 -m venv /work/benchvenv
    /work/benchvenv/bin/pip install -r benchmarks/requirements-baselines.txt

It imports nothing from qa. Input is JSONL with at least ``text`` (and ``id``);
every record is given to each filter as a one-paragraph ``Document``.

Two modes:

``speed``  time one filter over every record; print one JSON line with
           ``mb``, ``seconds`` (wall), ``cpu_seconds`` and ``peak_rss_mb``
           of the timed section (the filter is built and warmed up first).
``flag``   run every filter on every record; write one JSON line per record:
           ``{"id": ..., "flags": {filter: reason-or-null}}`` (null = kept).

Usage::

    /work/benchvenv/bin/python benchmarks/baselines.py speed --filter c4 --input sample.jsonl
    /work/benchvenv/bin/python benchmarks/baselines.py flag --input data.jsonl --out flags.jsonl
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def make_filters() -> dict:
    """Filter name -> factory. Defaults are datatrove's; two per-paragraph variants are added."""
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    return {
        # The four filters with datatrove's default arguments (English).
        "c4": C4QualityFilter,
        "gopher_quality": GopherQualityFilter,
        "gopher_repetition": GopherRepetitionFilter,
        "fineweb": FineWebQualityFilter,
        # Variants without the document-length rules, fairer to a one-paragraph document:
        # C4 keeps a paragraph when at least one line survives its line rules;
        # Gopher quality without its 50-word minimum.
        "c4_min1": lambda: C4QualityFilter(min_num_sentences=1),
        "gopher_quality_nomin": lambda: GopherQualityFilter(min_doc_words=None),
    }


#: Filters whose union is reported as "any of the 4 (defaults)".
DEFAULT_FOUR = ("c4", "gopher_quality", "gopher_repetition", "fineweb")


def read_records(path: str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def verdict(flt, text: str, doc_id: str):
    """None when the filter keeps the document, else the reason it gives."""
    from datatrove.data import Document

    try:
        res = flt.filter(Document(text=text, id=doc_id))
    except Exception as exc:  # a filter crash counts as a rejection, with its reason
        return f"error:{type(exc).__name__}"
    if isinstance(res, tuple):
        keep, reason = res[0], res[1]
    else:
        keep, reason = bool(res), ""
    return None if keep else (reason or "rejected")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cmd_speed(args) -> None:
    records = read_records(args.input)
    texts = [r["text"] for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    flt = make_filters()[args.filter]()
    for i, t in enumerate(texts[:50]):  # warm-up: loads spaCy/nltk lazily, outside the timing
        verdict(flt, t, f"warm{i}")
    rejected = 0
    w0, c0 = time.perf_counter(), time.process_time()
    for i, t in enumerate(texts):
        if verdict(flt, t, str(i)) is not None:
            rejected += 1
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(json.dumps({"tool": f"datatrove {args.filter}", "mb": mb, "seconds": wall, "cpu_seconds": cpu,
                      "peak_rss_mb": peak_rss_mb(), "n": len(texts), "rejected": rejected}))


def cmd_flag(args) -> None:
    records = read_records(args.input)
    filters = {name: make() for name, make in make_filters().items()}
    with open(args.out, "w", encoding="utf-8") as out:
        for i, rec in enumerate(records):
            doc_id = str(rec.get("id", i))
            flags = {name: verdict(flt, rec["text"], doc_id) for name, flt in filters.items()}
            out.write(json.dumps({"id": doc_id, "flags": flags}, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("speed", help="time one filter")
    sp.add_argument("--filter", required=True, choices=sorted(make_filters()))
    sp.add_argument("--input", required=True)
    fp = sub.add_parser("flag", help="verdict of every filter on every record")
    fp.add_argument("--input", required=True)
    fp.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    {"speed": cmd_speed, "flag": cmd_flag}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
