"""Report size and speed on a large synthetic corpus.

Builds the audit outputs for N synthetic paragraphs (default 100,000) through
``AuditWriter`` and prints the HTML size, the time to write everything, the
peak memory of this process and the page load time in chromium (skipped with a
message when ``/usr/bin/chromium`` or playwright is missing).

Usage::

    python benchmarks/report_size.py                 # 100,000 paragraphs
    python benchmarks/report_size.py -n 1000000 --limit 1000 --out /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from features.spans import Span  # noqa: E402
from qa.labels import LABELS  # noqa: E402
from qa.records import Document, Paragraph, ParagraphScore  # noqa: E402
from qa.report import AuditWriter  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WORDS = ("the report said markets rallied after a long week of quiet trading while "
         "analysts expected rates to stay where they were for now").split()  # fmt: skip
LANGS = ("en", "en", "en", "fr", "de", "bg", "ja", "ar", "hi", "es")


def synthetic(n: int, seed: int = 7):
    """Yield (score, doc) for ``n`` paragraphs in documents of 1-20 paragraphs."""
    rng = random.Random(seed)
    made = 0
    doc_no = 0
    while made < n:
        k = min(rng.randint(1, 20), n - made)
        paras = [" ".join(rng.choices(WORDS, k=rng.randint(8, 80))) + "." for _ in range(k)]
        text = "\n\n".join(paras)
        doc = Document(f"doc-{doc_no:07d}", text, source=f"crawl/part-{doc_no // 1000:04d}.jsonl", line=doc_no)
        lang = rng.choice(LANGS)
        offset = 0
        for i, ptext in enumerate(paras):
            p = Paragraph(doc.id, i, ptext, offset, offset + len(ptext), k)
            offset += len(ptext) + 2
            score = rng.betavariate(0.6, 2.5)
            labels = tuple(label for label in LABELS if rng.random() < score / 4) if score > 0.5 else ()
            spans = []
            for label in labels:
                a = rng.randrange(0, max(1, len(ptext) - 5))
                spans.append(Span(a, a + rng.randint(1, 5), label, f"{label}_rule_{rng.randint(1, 4)}"))
            probs = {label: (score if label in labels else score / 10) for label in LABELS}
            signals = tuple((f"signal_{j}", round(rng.uniform(-1, 1), 3)) for j in range(5))
            yield ParagraphScore(p, lang, score, probs, labels, tuple(spans), signals), doc
            made += 1
        doc_no += 1


def load_time(path: Path) -> str:
    """Seconds until the page's ``load`` event and its script ran, in chromium."""
    if not os.path.exists(CHROMIUM):
        return f"skipped ({CHROMIUM} missing)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped (playwright missing)"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('Showing')")
        wall = time.perf_counter() - t0
        nav = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        t1 = time.perf_counter()
        page.locator('th[data-key="doc"] button').click()
        sort = time.perf_counter() - t1
        browser.close()
    note = f", console errors: {errors}" if errors else ""
    return f"{wall:.2f} s wall ({nav / 1000:.2f} s to load event), sort by document {sort * 1000:.0f} ms{note}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="paragraphs (default 100000)")
    ap.add_argument("--limit", type=int, default=1000, help="report_limit (default 1000)")
    ap.add_argument("--out", type=Path, default=None, help="output dir (default: a temp dir)")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="qa-report-bench-"))
    run = {"inputs": ["synthetic"], "options": {"n": args.n}, "tool_version": "bench",
           "model": {"name": "synthetic", "version": "0"}, "started": time.strftime("%Y-%m-%dT%H:%M:%S")}  # fmt: skip

    items = list(synthetic(args.n))  # generated up front so only the report is timed
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    writer = AuditWriter(out, run, report_limit=args.limit)
    for score, doc in items:
        writer.add(score, doc)
    t_add = time.perf_counter() - t0
    summary = writer.close({"count": 0, "by_reason": {}, "examples": []}, 0.0)
    t_all = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    size = lambda name: (out / name).stat().st_size / 1024  # noqa: E731
    print(f"paragraphs       {summary['paragraphs']:,} in {summary['documents']:,} documents")
    print(f"report.html      {size('report.html'):,.0f} KB (report_limit={args.limit})")
    print(f"summary.json     {size('summary.json'):,.0f} KB")
    print(f"paragraphs.csv   {size('paragraphs.csv'):,.0f} KB")
    print(f"write time       {t_all:.2f} s ({t_add:.2f} s streaming, {t_all - t_add:.2f} s close; "
          f"{args.n / t_all:,.0f} paragraphs/s)")  # fmt: skip
    print(f"peak RSS         {rss:,.0f} MB ({rss0:,.0f} MB before writing: the pre-generated corpus; "
          f"the writer added {rss - rss0:,.0f} MB)")  # fmt: skip
    print(f"chromium load    {load_time(out / 'report.html')}")
    print(f"output           {out}")


if __name__ == "__main__":
    main()
