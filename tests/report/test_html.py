"""report.html without a browser: CSP hashes, escaping, self-containment, bounded size."""

from __future__ import annotations

import html
import json
import re

from qa.report import AuditWriter
from qa.report.aggregate import DISPLAY_CHARS
from qa.report.html import csp_hash

from .sample import PAYLOADS, RUN, SKIPS, feed, hostile_corpus, sample_corpus, scored_document


def _page(tmp_path, corpus, **kwargs) -> str:
    writer = AuditWriter(tmp_path, RUN, **kwargs)
    feed(writer, corpus)
    writer.close(SKIPS, 1.0)
    return (tmp_path / "report.html").read_text(encoding="utf-8")


def _csp(page: str) -> dict[str, list[str]]:
    content = html.unescape(
        re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    )
    return {d.split()[0]: d.split()[1:] for d in content.split(";") if d.strip()}


def test_csp_allows_only_our_inline_script_and_style(tmp_path):
    page = _page(tmp_path, sample_corpus())
    csp = _csp(page)
    assert csp["default-src"] == ["'none'"]
    assert csp["img-src"] == ["data:"]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert csp["script-src"] == [csp_hash(scripts[0])]
    assert csp["style-src"] == [csp_hash(styles[0])]
    assert "unsafe" not in page.split("</head>")[0]
    assert "connect-src" not in csp and "frame-src" not in csp


def test_self_contained(tmp_path):
    page = _page(tmp_path, sample_corpus())
    urls = re.findall(r'(?:src|href|action)="([^"]*)"', page)
    assert urls and all(u.startswith(("#", "data:")) for u in urls), urls
    assert not re.search(r"<(?:link|script|img|iframe)[^>]+(?:src|href)=\"https?:", page)


def test_table_data_is_json_without_angle_brackets(tmp_path):
    page = _page(tmp_path, hostile_corpus())
    block = re.search(r'<script type="application/json" id="qa-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["columns"] == ["doc", "para", "lang", "score", "labels", "chars"]
    assert {row[0] for row in data["rows"]} == {f"{p}#{i}" for i, p in enumerate(PAYLOADS)}


def test_hostile_text_is_escaped(tmp_path):
    page = _page(tmp_path, hostile_corpus())
    assert page.count("<script") == 2, "only the JSON block and our own script"
    for needle in ("<img", "<iframe", "<svg onload", "<a href=\"javascript", "</style><style>"):
        assert needle not in page
    assert "&lt;script&gt;window.__pwned = 1" in page


def test_page_keeps_only_the_worst_paragraphs(tmp_path):
    paras = [(f"Paragraph number {i} , with text.", "en", (i % 100) / 100, ["spacing"] if i % 100 >= 50 else [], [])
             for i in range(3000)]
    page = _page(tmp_path, [scored_document("big", paras)], report_limit=25)
    rows = re.findall(r'<tr data-i="(\d+)">', page)
    assert len(rows) == 25
    scores = [float(s) for s in re.findall(r'<td class="num score" data-value="([0-9.]+)">', page)]
    assert scores == [0.99] * 25, "the highest scores, and among ties the earliest paragraphs"
    assert "Paragraph number 99 ," in page and "Paragraph number 2999 ," not in page
    assert len(page) < 120_000


def test_long_paragraph_is_clipped_in_page_only(tmp_path):
    text = "word " * 2000
    page = _page(tmp_path, [scored_document("long", [(text, "en", 0.9, ["spacing"], [])])])
    assert f"{len(text) - DISPLAY_CHARS:,} more characters" in page
