"""``summary.json``: the corpus-level numbers, built from :class:`CorpusStats`.

Shares named ``*char_share`` are weighted by characters, the others count
paragraphs (or, in ``worst_documents``, paragraphs of that document).
Shares are rounded to 6 places.

>>> from qa.report.aggregate import CorpusStats
>>> s = build_summary(CorpusStats(), {"count": 0}, {"tool_version": "0"}, 0.5)
>>> s["paragraphs"], s["defective_share"], len(s["score_histogram"]["counts"])
(0, 0.0, 20)
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Mapping

from qa.report.aggregate import HISTOGRAM_BINS, CorpusStats
from qa.report.atomic import atomic_write_text

__all__ = ["WORST_DOCUMENTS", "share", "build_summary", "summary_json", "write_summary", "json_safe", "normalize_skips"]

#: Documents listed in ``worst_documents``.
WORST_DOCUMENTS = 50


def share(part: int | float, whole: int | float) -> float:
    """``part / whole`` rounded to 6 places, 0 when ``whole`` is 0.

    >>> share(1, 3), share(5, 0)
    (0.333333, 0.0)
    """
    return round(part / whole, 6) if whole else 0.0


def normalize_skips(skips: Mapping[str, Any] | None) -> dict[str, Any]:
    """The skips dict with ``count``, ``by_reason`` and ``examples`` always present.

    Examples become ``{path, line, reason}`` dicts whether given as mappings or
    objects with those attributes; other keys are kept.

    >>> normalize_skips({"count": 1, "examples": [{"path": "a.jsonl", "line": 3, "reason": "bad"}]})
    {'count': 1, 'by_reason': {}, 'examples': [{'path': 'a.jsonl', 'line': 3, 'reason': 'bad'}]}
    """
    given = dict(skips or {})

    def example(e: Any) -> dict[str, Any]:
        get = e.get if isinstance(e, Mapping) else (lambda k, d=None: getattr(e, k, d))
        return {"path": get("path", ""), "line": get("line", None), "reason": get("reason", "")}

    out = {
        "count": given.pop("count", 0) or 0,
        "by_reason": dict(given.pop("by_reason", {}) or {}),
        "examples": [example(e) for e in given.pop("examples", []) or []],
    }
    out.update(given)
    return out


def build_summary(
    stats: CorpusStats,
    skips: Mapping[str, Any],
    run: Mapping[str, Any],
    duration: float,
) -> dict[str, Any]:
    """The summary dict (JSON-ready) of a finished :class:`CorpusStats`."""
    n, chars = stats.paragraphs, stats.characters
    per_label = {
        label: {
            "paragraphs": count,
            "share": share(count, n),
            "char_share": share(stats.label_characters.get(label, 0), chars),
        }
        for label, count in stats.label_paragraphs.items()
    }
    per_language = {
        lang: {
            "paragraphs": ls.paragraphs,
            "characters": ls.characters,
            "defective_share": share(ls.defective, ls.paragraphs),
            "defective_char_share": share(ls.defective_characters, ls.characters),
            "per_label": {label: share(c, ls.paragraphs) for label, c in ls.labels.items()},
        }
        for lang, ls in sorted(stats.languages.items(), key=lambda kv: (-kv[1].paragraphs, kv[0]))
    }
    rules = {
        rule: {
            "label": rs.label,
            "count": rs.count,
            "paragraphs": rs.paragraphs,
            "example": None
            if rs.example is None
            else {
                "doc_id": rs.example.doc_id,
                "paragraph": rs.example.paragraph,
                "snippet": rs.example.snippet,
            },
        }
        for rule, rs in sorted(stats.rules.items(), key=lambda kv: (-kv[1].count, kv[0]))
    }
    worst_documents = [
        {
            "doc_id": d.doc_id,
            "source": d.source,
            "paragraphs": d.paragraphs,
            "characters": d.characters,
            "defective_paragraphs": d.defective,
            "defective_share": share(d.defective, d.paragraphs),
            "defective_char_share": share(d.defective_characters, d.characters),
            "max_score": round(d.max_score, 4),
        }
        for d in stats.documents.worst()[:WORST_DOCUMENTS]
    ]
    duration = float(duration)
    return json_safe({
        "documents": stats.documents.count,
        "paragraphs": n,
        "characters": chars,
        "defective_paragraphs": stats.defective_paragraphs,
        "defective_share": share(stats.defective_paragraphs, n),
        "defective_char_share": share(stats.defective_characters, chars),
        "per_label": per_label,
        "per_language": per_language,
        "score_histogram": {
            "edges": [round(i / HISTOGRAM_BINS, 4) for i in range(HISTOGRAM_BINS + 1)],
            "counts": list(stats.histogram),
        },
        "rules": rules,
        "rules_dropped": stats.rules_dropped,
        "worst_documents": worst_documents,
        "skipped": normalize_skips(skips),
        "run": dict(run),
        "duration_seconds": round(duration, 3) if math.isfinite(duration) else None,
    })


def json_safe(value: Any) -> Any:
    """``value`` with non-finite floats as ``None`` and other non-JSON values as ``str``.

    >>> json_safe({"a": [1.5, float("nan")], "b": (1, 2), "c": {1}})
    {'a': [1.5, None], 'b': [1, 2], 'c': '{1}'}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return str(value)


def summary_json(summary: Mapping[str, Any]) -> str:
    """Pretty, valid UTF-8 JSON text (see :func:`json_safe`)."""
    return json.dumps(json_safe(summary), ensure_ascii=False, indent=2) + "\n"


def write_summary(path: Path | str, summary: Mapping[str, Any]) -> None:
    """Write ``summary.json`` atomically."""
    atomic_write_text(path, summary_json(summary))
