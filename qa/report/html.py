"""``report.html``: one self-contained page (no network) rendered with Jinja2.

Aggregates cover the whole corpus; details (highlighted text, probabilities,
signals) only the worst ``report_limit`` paragraphs, so the page stays small
however big the input. Safety: Jinja2 autoescape is on, evidence highlighting
is built and escaped in Python (:mod:`qa.report.highlight`), table data is
embedded as JSON with ``< > &`` escaped (see :func:`json_for_script`), and a
Content-Security-Policy ``<meta>`` allows only the page's own inline script and
style, by SHA-256 hash computed at render time.

>>> from qa.report.summary import build_summary
>>> page = render_report(build_summary(CorpusStats(), {"count": 0}, {}, 0.0), CorpusStats())
>>> "Content-Security-Policy" in page and "<script>" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import jinja2
from markupsafe import Markup

from features.spans import Span
from qa.labels import LABELS
from qa.report.aggregate import HISTOGRAM_BINS, CorpusStats, WorstParagraph
from qa.report.atomic import atomic_write_text
from qa.report.highlight import css_class, highlight
from qa.report.summary import json_safe

__all__ = ["csp_hash", "json_for_script", "histogram_bars", "render_report", "write_report"]

#: Label probabilities below this are not listed in the paragraph table.
MIN_PROB_SHOWN = 0.05
#: Skipped-record examples shown in the Run section.
SKIP_EXAMPLES = 50

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def csp_hash(source: str) -> str:
    """CSP source expression for an inline ``<script>``/``<style>`` body.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def json_for_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``.

    >>> str(json_for_script({"t": "</script><b>&"}))
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(json_safe(value), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_JSON_ESCAPES))


def _nice_ceiling(x: int) -> int:
    """Smallest 1, 2 or 5 times a power of ten that is >= x (at least 1)."""
    if x <= 1:
        return 1
    magnitude = 10 ** int(math.floor(math.log10(x)))
    for step in (1, 2, 5, 10):
        if step * magnitude >= x:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def histogram_bars(counts: list[int], width: int = 640, height: int = 220) -> dict[str, Any]:
    """Geometry of the score-histogram SVG (drawn by our template, no chart library).

    >>> g = histogram_bars([0] * 19 + [4])
    >>> g["top"], g["bars"][-1]["count"], g["bars"][-1]["h"] == g["plot_h"]
    (5, 4, False)
    """
    left, right, top_pad, bottom = 56, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = _nice_ceiling(max(counts, default=0))
    slot = plot_w / max(1, len(counts))
    bars = []
    for i, count in enumerate(counts):
        h = plot_h * count / top
        lo, hi = i / len(counts), (i + 1) / len(counts)
        bars.append(
            {
                "x": round(left + i * slot + 1, 2),
                "y": round(top_pad + plot_h - h, 2),
                "w": round(slot - 2, 2),
                "h": round(h, 2),
                "count": count,
                "lo": f"{lo:.2f}",
                "hi": f"{hi:.2f}",
                "high": lo >= 0.5,
            }
        )
    yticks = [
        {"value": v, "y": round(top_pad + plot_h - plot_h * v / top, 2)}
        for v in sorted({0, top} | ({top // 2} if top % 2 == 0 else set()))
    ]
    xticks = [
        {"label": f"{t:g}", "x": round(left + plot_w * t, 2)} for t in (0, 0.25, 0.5, 0.75, 1.0)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top_pad": top_pad,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "base": top_pad + plot_h,
        "top": top,
        "max": max(counts, default=0),
        "bars": bars,
        "yticks": yticks,
        "xticks": xticks,
    }


def _pct(x: float | None) -> str:
    """A share as a percentage: ``0.1234`` -> ``12.3%``, tiny non-zero shares as ``<0.1%``."""
    if x is None:
        return "–"
    if 0 < x < 0.001:
        return "<0.1%"
    return f"{100 * x:.1f}%"


def _num(x: int | float | None) -> str:
    """A number with thousands separators (anything else as text)."""
    if x is None:
        return "–"
    return f"{x:,}" if isinstance(x, (int, float)) else str(x)


def _row_view(i: int, w: WorstParagraph) -> dict[str, Any]:
    probs = [
        {"label": label, "p": p, "on": label in w.labels, "cls": css_class(label)}
        for label in dict.fromkeys([*LABELS, *w.probs])
        if (p := w.probs.get(label)) is not None and (p >= MIN_PROB_SHOWN or label in w.labels)
    ]
    return {
        "i": i,
        "doc_id": w.doc_id,
        "index": w.index,
        "lang": w.lang,
        "score": w.score,
        "labels": [{"label": label, "cls": css_class(label)} for label in w.labels],
        "html": highlight(w.text, w.evidence),
        "clipped": w.chars - len(w.text),
        "hidden_spans": w.hidden_spans,
        "chars": w.chars,
        "probs": probs,
        "signals": w.signals,
        "source": w.source,
    }


def _environment() -> jinja2.Environment:
    templates = resources.files("qa.report").joinpath("templates")

    def load(name: str) -> str:
        return templates.joinpath(name).read_text(encoding="utf-8")

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    env.filters["css_class"] = css_class
    env.filters["tojson_pretty"] = lambda v: json.dumps(json_safe(v), ensure_ascii=False, indent=1)
    return env


def render_report(summary: Mapping[str, Any], stats: CorpusStats, title: str = "Scrape quality report") -> str:
    """The report page for a finished ``stats`` and the ``summary`` built from it."""
    env = _environment()
    script = env.loader.get_source(env, "report.js")[0]  # type: ignore[union-attr]
    style = env.loader.get_source(env, "report.css")[0]  # type: ignore[union-attr]
    csp = (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    worst = stats.worst_paragraphs.worst()
    rows = [_row_view(i, w) for i, w in enumerate(worst)]
    table_docs: dict[str, int] = {}
    for w in worst:
        table_docs[w.doc_id] = table_docs.get(w.doc_id, 0) + 1
    documents = stats.documents.worst()
    doc_options = sorted({*table_docs, *(d.doc_id for d in documents)})
    langs = sorted({w.lang for w in worst})
    labels_seen = list(dict.fromkeys([*LABELS, *(label for w in worst for label in w.labels)]))
    data = {
        "columns": ["doc", "para", "lang", "score", "labels", "chars"],
        "rows": [[w.doc_id, w.index, w.lang, w.score, list(w.labels), w.chars] for w in worst],
    }
    rules = [
        {
            "rule": rule,
            "label": rs.label,
            "count": rs.count,
            "paragraphs": rs.paragraphs,
            "example": rs.example,
            "example_html": None
            if rs.example is None
            else highlight(
                rs.example.snippet,
                [Span(rs.example.mark_start, rs.example.mark_end, rs.label, rule)],
            ),
        }
        for rule, rs in sorted(stats.rules.items(), key=lambda kv: (-kv[1].count, kv[0]))
    ]
    run = summary.get("run", {}) or {}
    skipped = summary.get("skipped", {}) or {}
    template = env.get_template("report.html.j2")
    return template.render(
        title=title,
        csp=csp,
        script=Markup(script),
        style=Markup(style),
        data_json=json_for_script(data),
        s=summary,
        labels=LABELS,
        label_rows=[
            {"label": label, "cls": css_class(label), **v} for label, v in summary["per_label"].items()
        ],
        histogram=histogram_bars(list(summary["score_histogram"]["counts"])),
        rows=rows,
        report_limit=stats.worst_paragraphs.limit,
        filter_labels=labels_seen,
        filter_langs=langs,
        doc_options=doc_options,
        documents=[{"d": d, "in_table": table_docs.get(d.doc_id, 0)} for d in documents],
        documents_limit=stats.documents.limit,
        rules=rules,
        run=run,
        model=run.get("model", {}) if isinstance(run.get("model"), Mapping) else {},
        skipped=skipped,
        skip_examples=list(skipped.get("examples", []) or [])[:SKIP_EXAMPLES],
        bins=HISTOGRAM_BINS,
    )


def write_report(path: Path | str, summary: Mapping[str, Any], stats: CorpusStats) -> None:
    """Render and write ``report.html`` atomically."""
    atomic_write_text(path, render_report(summary, stats))

