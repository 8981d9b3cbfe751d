"""report.html in a real browser (Debian's chromium driven by playwright).

Skipped when /usr/bin/chromium is missing, unless the CI environment variable
is set: then it fails, so CI cannot silently lose these tests.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from qa.report import AuditWriter

from .sample import PAYLOADS, RUN, SKIPS, feed, hostile_corpus, sample_corpus

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
REPO = Path(__file__).resolve().parents[2]


def _need_browser():
    missing = None
    if not os.path.exists(CHROMIUM):
        missing = f"{CHROMIUM} is missing"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is missing"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing} (set CI to make this a failure)")


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _build(out: Path, corpus) -> tuple[Path, dict]:
    writer = AuditWriter(out, RUN)
    feed(writer, corpus)
    summary = writer.close(SKIPS, 1.5)
    return out / "report.html", summary


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("sample"), sample_corpus())


class Page:
    """A page opened on a report, recording console errors, requests and dialogs."""

    def __init__(self, browser, path: Path, scheme: str = "light"):
        self.context = browser.new_context(color_scheme=scheme, viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.context.route("**/*", self._route)
        self.page.goto(self.url, wait_until="load")

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, sample_report):
    p = Page(browser, sample_report[0])
    yield p
    p.close()


def _pct(x: float) -> str:
    return "<0.1%" if 0 < x < 0.001 else f"{100 * x:.1f}%"


def test_overview_matches_summary(page, sample_report):
    summary = sample_report[1]
    pg = page.page
    for key in ("documents", "paragraphs", "characters", "defective_paragraphs"):
        cell = pg.locator(f'[data-stat="{key}"]')
        assert int(cell.get_attribute("data-value")) == summary[key]
        assert cell.inner_text() == f"{summary[key]:,}"
    for key in ("defective_share", "defective_char_share"):
        cell = pg.locator(f'[data-stat="{key}"]')
        assert float(cell.get_attribute("data-value")) == summary[key]
        assert cell.inner_text() == _pct(summary[key])
    assert pg.locator('[data-stat="skipped"]').inner_text() == str(SKIPS["count"])
    for label, entry in summary["per_label"].items():
        cells = pg.locator(f'#per-label tr[data-label="{label}"] td').all_inner_texts()
        assert cells[:3] == [f"{entry['paragraphs']:,}", _pct(entry["share"]), _pct(entry["char_share"])]
    for lang, entry in summary["per_language"].items():
        cells = pg.locator(f'#per-language tr[data-lang="{lang}"] td').all_inner_texts()
        assert cells[:4] == [f"{entry['paragraphs']:,}", f"{entry['characters']:,}",
                             _pct(entry["defective_share"]), _pct(entry["defective_char_share"])]
    counts = [int(c) for c in pg.eval_on_selector_all("#histogram rect.bar", "rs => rs.map(r => r.dataset.count)")]
    assert counts == summary["score_histogram"]["counts"]
    heights = pg.eval_on_selector_all("#histogram rect.bar", "rs => rs.map(r => r.getBBox().height)")
    assert heights.index(max(heights)) == counts.index(max(counts))
    assert page.errors == []


def _scores(pg) -> list[float]:
    return [float(s) for s in pg.locator("#rows tr:not([hidden]) td.score").all_inner_texts()]


def test_sorting_by_header_buttons(page):
    pg = page.page
    first = _scores(pg)
    assert first == sorted(first, reverse=True) and len(first) == 13
    score_th = pg.locator('th[data-key="score"]')
    score_th.get_by_role("button").click()
    assert _scores(pg) == sorted(first)
    assert score_th.get_attribute("aria-sort") == "ascending"
    score_th.get_by_role("button").press("Enter")  # keyboard works too
    assert _scores(pg) == sorted(first, reverse=True)
    assert score_th.get_attribute("aria-sort") == "descending"
    pg.locator('th[data-key="doc"] button').click()
    docs = pg.locator("#rows tr td.doc .id").all_inner_texts()
    assert docs == sorted(docs, key=str.lower)
    assert score_th.get_attribute("aria-sort") is None
    assert pg.locator('th[data-key="doc"]').get_attribute("aria-sort") == "ascending"
    assert page.errors == []


def test_filters(page, sample_report):
    pg = page.page
    pg.get_by_label("Label", exact=True).select_option("spacing")
    visible = pg.locator("#rows tr:not([hidden])")
    with_spacing = [s for _, ss in sample_corpus() for s in ss if "spacing" in s.labels]
    assert visible.count() == len(with_spacing) == 2
    for labels in visible.locator("td.labels").all_inner_texts():
        assert "spacing" in labels
    assert pg.locator("#status").inner_text() == "Showing 2 of 13 paragraphs."
    pg.get_by_label("Label", exact=True).select_option("-")
    assert visible.locator("td.labels").all_inner_texts() == ["clean"] * 4
    pg.get_by_label("Label", exact=True).select_option("")
    pg.get_by_label("Language", exact=True).select_option("bg")
    assert visible.count() == 2
    pg.get_by_label("Language", exact=True).select_option("")
    pg.get_by_label("Minimum score").fill("0.85")
    assert all(s >= 0.85 for s in _scores(pg)) and len(_scores(pg)) == 5
    pg.get_by_label("Minimum score").press("Enter")  # submitting must not navigate
    assert pg.url == page.url
    pg.get_by_role("button", name="Clear filters").click()
    # Poll from Python: wait_for_function compiles its predicate with eval,
    # which the page's Content-Security-Policy rightly forbids.
    from playwright.sync_api import expect

    expect(pg.locator("#rows tr:not([hidden])")).to_have_count(13)
    pg.locator('a.doc-link[data-doc="bg-3"]').click()
    assert pg.get_by_label("Document", exact=True).input_value() == "bg-3"
    assert set(visible.locator("td.doc .id").all_inner_texts()) == {"bg-3"}
    pg.get_by_label("Minimum score").fill("1")
    assert pg.locator("#empty").is_visible()
    assert page.errors == []


COVERAGE_JS = """
tr => {
  const out = [];
  const walk = (node, labels, titles) => {
    if (node.nodeType === Node.TEXT_NODE) {
      for (const ch of Array.from(node.data)) out.push([labels, titles]);
      return;
    }
    if (node.tagName === 'MARK') {
      labels = Array.from(node.classList).filter(c => c.startsWith('l-')).map(c => c.slice(2)).sort();
      titles = node.title;
    }
    for (const child of node.childNodes) walk(child, labels, titles);
  };
  walk(tr.querySelector('.para'), [], '');
  return out;
}
"""


def test_marks_cover_exactly_the_evidence(page):
    pg = page.page
    expected = {(s.paragraph.doc_id, s.paragraph.index): s for _, ss in sample_corpus() for s in ss}
    rows = pg.locator("#rows tr")
    checked = 0
    for i in range(rows.count()):
        tr = rows.nth(i)
        key = (tr.locator("td.doc .id").inner_text(), int(tr.locator("td").nth(2).inner_text()))
        score = expected[key]
        text = score.paragraph.text
        got = tr.evaluate(COVERAGE_JS)
        assert len(got) == len(text), key
        assert tr.locator(".para").evaluate("e => e.textContent") == text
        for pos, (labels, titles) in enumerate(got):
            spans = [s for s in score.evidence if s.start <= pos < s.end]
            assert labels == sorted({s.label for s in spans}), (key, pos)
            for s in spans:
                assert s.rule in titles
        checked += bool(score.evidence)
    assert checked == 9
    assert page.errors == []


def test_no_console_errors_and_no_requests(page):
    page.page.locator("#rows tr").first.hover()
    assert page.errors == []
    assert page.requests == [page.url]
    assert page.dialogs == []


def test_hostile_corpus_runs_nothing(browser, tmp_path):
    path, _ = _build(tmp_path / "hostile", hostile_corpus())
    p = Page(browser, path)
    pg = p.page
    try:
        pg.wait_for_timeout(300)
        assert pg.evaluate("window.__pwned") is None
        assert pg.title() == "Scrape quality report"
        assert pg.locator("script").count() == 2
        assert pg.locator("img, iframe, object, embed, svg[onload]").count() == 0
        assert len(pg.frames) == 1
        body = pg.locator("body").inner_text()
        for payload in PAYLOADS:
            assert payload.strip() in unicodedata.normalize("NFC", body)
        # exercise every script path with hostile values in play
        pg.locator('th[data-key="doc"] button').click()
        pg.get_by_label("Label", exact=True).select_option(index=8)
        pg.get_by_label("Document", exact=True).select_option(index=3)
        pg.locator("a.doc-link").first.click()
        for mark in pg.locator("mark[title]:visible").all()[:5]:
            mark.hover()
        pg.wait_for_timeout(200)
        assert pg.evaluate("window.__pwned") is None
        assert pg.title() == "Scrape quality report"
        assert p.dialogs == [] and p.errors == []
        assert p.requests == [p.url]
    finally:
        p.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot(browser, sample_report, tmp_path, scheme):
    p = Page(browser, sample_report[0], scheme=scheme)
    try:
        shot = tmp_path / f"report-{scheme}.png"
        p.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000
        keep = REPO / "reports" / "screenshots" / ("report.png" if scheme == "light" else "report-dark.png")
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, keep)
        bg = p.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (bg == "rgb(255, 255, 255)") == (scheme == "light")
        assert p.errors == []
    finally:
        p.close()
