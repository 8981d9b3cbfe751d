"""``audit``: read inputs, score every paragraph, write the CSV, JSON and HTML report.

>>> summary = audit(["fixtures/example"], "reports/example")   # doctest: +SKIP
>>> summary["paragraphs"] > 0                                  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path
from typing import Sequence

from qa import __version__
from qa.pipeline import ScoreOptions, score_documents
from qa.progress import Progress

__all__ = ["audit", "default_out_dir"]


def default_out_dir(inputs: Sequence[str]) -> Path:
    """``reports/<name of the first input>`` (``reports/stdin`` for ``-``).

    >>> default_out_dir(["data/corpus.jsonl.gz"]).as_posix()
    'reports/corpus'
    """
    first = inputs[0] if inputs else "-"
    if first == "-":
        return Path("reports") / "stdin"
    name = Path(first.rstrip("/")).name
    for suffix in (".gz", ".zst", ".zstd", ".bz2"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    stem = name.split(".")[0] or name
    return Path("reports") / stem


def audit(
    inputs: Sequence[str],
    out_dir: str | Path | None = None,
    read_options=None,
    score_options: ScoreOptions | None = None,
    report_limit: int = 1000,
    progress: bool | None = None,
) -> dict:
    """Score ``inputs`` and write ``paragraphs.csv``, ``summary.json`` and ``report.html``.

    Returns the summary dict. Bad records follow ``read_options.on_error``.
    """
    from qa.model.scorer import Scorer
    from qa.readers import ReadOptions, SkipLog, read_documents
    from qa.report import AuditWriter

    read_options = read_options or ReadOptions()
    score_options = score_options or ScoreOptions()
    out = Path(out_dir) if out_dir is not None else default_out_dir(inputs)
    scorer = Scorer.load(score_options.model)
    run = {
        "inputs": list(inputs),
        "options": {
            "format": read_options.format,
            "text_field": read_options.text_field,
            "id_field": read_options.id_field,
            "on_error": read_options.on_error,
            "segment": score_options.segment,
            "workers": score_options.workers,
            "report_limit": report_limit,
        },
        "tool_version": __version__,
        "model": scorer.info,
        "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    skips = SkipLog()
    start = time.monotonic()
    docs = read_documents(inputs, read_options, skips)
    with AuditWriter(out, run, report_limit=report_limit) as writer, Progress(progress) as bar:
        for doc, scores in score_documents(docs, score_options):
            for score in scores:
                writer.add(score, doc)
            bar.advance(docs=1, chars=len(doc.text))
        return writer.close(skips.to_dict(), time.monotonic() - start)
