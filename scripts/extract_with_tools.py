"""Run real HTML extractors on the readability test pages and label their paragraphs.

Runs under the tools virtualenv (extractors are not project dependencies)::

    /work/toolsvenv/bin/python scripts/extract_with_tools.py            # all pages
    /work/toolsvenv/bin/python scripts/extract_with_tools.py --pages bbc-1 --show 30

For each ``<html-dir>/<page>/source.html`` every extractor's output is split into
paragraphs (blank lines, else lines) and each paragraph is aligned with the page's
expected article (``expected.html`` + metadata title) by ``scripts/align.py``.
Rows that cannot be labelled honestly are dropped and counted by reason.

Writes ``<out>/extracted.jsonl`` (labelled rows), ``<out>/extracted_dropped.jsonl``
(dropped rows with reasons, for inspection) and ``<out>/extracted_meta.json``.
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import pathlib
import random
import sys
import traceback
from importlib import metadata

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import align  # noqa: E402

DATA = pathlib.Path("/work/shared/data")
MAX_CHARS = 5000  # longer paragraphs (whole pages glued together) are dropped

JUSTEXT_LANGS = {
    "en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German",
    "cs": "Czech", "la": "Latin", "it": "Italian", "ru": "Russian", "nl": "Dutch",
}


# ---------------------------------------------------------------- extractors

def _soup(markup: str):
    """Parse with BeautifulSoup's lxml tree builder."""
    from bs4 import BeautifulSoup
    return BeautifulSoup(markup, "lxml")


def bs4_all_strings(markup: str, separator: str) -> str:
    """Naive scrape: every text node, script/style/template text included, joined by ``separator``."""
    from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction
    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    soup = _soup(markup)
    return separator.join(
        str(s) for s in soup.descendants if isinstance(s, NavigableString) and not isinstance(s, skip)
    )


def bs4_text(markup: str, separator: str) -> str:
    """Naive scrape without code: script/style/template/noscript removed, then ``get_text``."""
    soup = _soup(markup)
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    return soup.get_text(separator=separator)


def run_html2text(markup: str) -> str:
    """html2text as a plain-text converter (no links, images or emphasis, no wrapping)."""
    import html2text
    h = html2text.HTML2Text()
    h.body_width = 0
    h.ignore_links = True
    h.ignore_images = True
    h.ignore_emphasis = True
    return h.handle(markup)


def run_inscriptis(markup: str) -> str:
    """inscriptis layout-aware text rendering of the whole page."""
    import inscriptis
    return inscriptis.get_text(markup)


def run_trafilatura(markup: str, recall: bool = False) -> str:
    """trafilatura main-text extraction (``recall``: include_comments + favor_recall)."""
    import trafilatura
    kwargs = {"include_comments": True, "favor_recall": True} if recall else {}
    return trafilatura.extract(markup, output_format="txt", **kwargs) or ""


def run_justext(markup: str, lang: str) -> str:
    """jusText: non-boilerplate paragraphs; language-independent mode without a stoplist."""
    import justext
    if lang in JUSTEXT_LANGS:
        paras = justext.justext(markup.encode("utf-8"), justext.get_stoplist(JUSTEXT_LANGS[lang]), encoding="utf-8")
    else:
        paras = justext.justext(markup.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                encoding="utf-8")
    return "\n\n".join(p.text for p in paras if not p.is_boilerplate)


def run_readability(markup: str) -> str:
    """readability-lxml summary, turned into text with lxml ``text_content()`` (a common pipeline)."""
    import lxml.html
    from readability import Document
    summary = Document(markup).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content()


def run_boilerpy3(markup: str) -> str:
    """boilerpy3 ArticleExtractor."""
    from boilerpy3 import extractors
    return extractors.ArticleExtractor(raise_on_failure=False).get_content(markup)


EXTRACTORS = {
    "bs4_space_scripts": lambda m, lang: bs4_all_strings(m, " "),
    "bs4_newline_scripts": lambda m, lang: bs4_all_strings(m, "\n"),
    "bs4_space": lambda m, lang: bs4_text(m, " "),
    "bs4_newline": lambda m, lang: bs4_text(m, "\n"),
    "html2text": lambda m, lang: run_html2text(m),
    "inscriptis": lambda m, lang: run_inscriptis(m),
    "trafilatura": lambda m, lang: run_trafilatura(m),
    "trafilatura_recall": lambda m, lang: run_trafilatura(m, recall=True),
    "justext": run_justext,
    "readability_lxml": lambda m, lang: run_readability(m),
    "boilerpy3": lambda m, lang: run_boilerpy3(m),
}


# ---------------------------------------------------------------- pages

def page_info(path: pathlib.Path) -> dict[str, dict]:
    """Page-level lang and split of readability_testpages, by page_name."""
    info: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            info.setdefault(row["page_name"], {"lang": row["lang"], "split": row["split"],
                                               "html_lang": row.get("html_lang")})
    return info


def load_reference(page_dir: pathlib.Path) -> align.Reference:
    """Expected article blocks, preceded by the metadata title."""
    blocks = []
    meta_path = page_dir / "expected-metadata.json"
    if meta_path.exists():
        title = json.loads(meta_path.read_text(encoding="utf-8")).get("title") or ""
        blocks += align.html_blocks(f"<h1>{_escape(title)}</h1>")
    blocks += align.html_blocks((page_dir / "expected.html").read_text(encoding="utf-8", errors="replace"))
    return align.Reference(blocks)


def _escape(text: str) -> str:
    """Minimal HTML escaping for the title."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def process_page(args: tuple) -> tuple[list[dict], list[dict], dict]:
    """Run every extractor on one page; return (rows, dropped rows, errors)."""
    page_dir, info, extractors = args
    page = page_dir.name
    markup = (page_dir / "source.html").read_text(encoding="utf-8", errors="replace")
    ref = load_reference(page_dir)
    code = align.CodeReference.from_html(markup)
    source_ref = align.Reference(align.html_blocks(markup), strict_spacing=True)  # the whole page, for defects in boilerplate
    rows, dropped, errors = [], [], {}
    for name in extractors:
        try:
            output = EXTRACTORS[name](markup, info["lang"])
        except Exception:  # an extractor failing on a page is data, not a crash
            errors[name] = traceback.format_exc(limit=1).strip().splitlines()[-1]
            continue
        for pos, para in enumerate(align.split_paragraphs(output)):
            base = {
                "id": f"tools/{name}/{page}#{pos}", "text": para, "lang": info["lang"],
                "extractor": name, "page_name": page, "doc_id": f"tools/{name}/{page}",
                "pos": pos, "split": info["split"], "source": f"extractor:{name}",
            }
            if len(para) > MAX_CHARS:
                dropped.append({**base, "reason": "too_long"})
                continue
            try:
                verdict = align.label_paragraph(para, ref, code)
            except Exception:  # a labelling bug must not lose the page: count it
                errors[f"label:{name}"] = traceback.format_exc(limit=1).strip().splitlines()[-1]
                dropped.append({**base, "reason": "labeller_error"})
                continue
            if verdict.labels == ["boilerplate"]:
                verdict.labels = sorted({"boilerplate"} | align.source_defects(para, source_ref))
            elif verdict.labels and "truncated" in verdict.labels and align.is_whole_block(para, source_ref):
                # the same words stand alone elsewhere on the page (a related link, a
                # heading): the paragraph may be that block rather than a cut article piece
                verdict = align.Verdict(None, "standalone_in_page")
            if verdict.labels is None:
                dropped.append({**base, "reason": verdict.reason, "detail": verdict.detail})
            else:
                rows.append({**base, "labels": verdict.labels, "reason": verdict.reason, "detail": verdict.detail})
    return rows, dropped, errors


# ---------------------------------------------------------------- reporting

def print_report(rows: list[dict], dropped: list[dict], show: int, seed: int = 0) -> None:
    """Counts per label x extractor, drop reasons, and examples."""
    names = sorted({r["extractor"] for r in rows} | {r["extractor"] for r in dropped})
    labels = ["clean", "leaked_code", "boilerplate", "spliced", "spacing", "truncated"]
    print(f"{'extractor':22s}" + "".join(f"{lab:>12s}" for lab in labels) + f"{'dropped':>9s}{'rows':>7s}")
    for name in names + ["ALL"]:
        sel = [r for r in rows if name in ("ALL", r["extractor"])]
        cnt = collections.Counter(lab for r in sel for lab in (r["labels"] or ["clean"]))
        nd = sum(1 for r in dropped if name in ("ALL", r["extractor"]))
        print(f"{name:22s}" + "".join(f"{cnt[lab]:12d}" for lab in labels) + f"{nd:9d}{len(sel):7d}")
    print("\nlabel combinations:", collections.Counter(tuple(r["labels"]) for r in rows).most_common(20))
    print("drop reasons:", collections.Counter(d["reason"] for d in dropped).most_common())
    rng = random.Random(seed)
    for lab in labels:
        sel = [r for r in rows if (lab in r["labels"]) or (lab == "clean" and not r["labels"])]
        k = show if lab in ("spliced", "spacing", "truncated") else 3
        print(f"\n=== {lab}: {len(sel)} rows, {min(k, len(sel))} examples")
        for r in rng.sample(sel, min(k, len(sel))):
            print(f"  [{r['extractor']}/{r['page_name']}] {r['labels']} {r['text'][:200]!r}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html-dir", type=pathlib.Path, default=DATA / "html/readability")
    ap.add_argument("--pages-meta", type=pathlib.Path, default=DATA / "readability_testpages/paragraphs.jsonl")
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("/work/data"))
    ap.add_argument("--pages", nargs="*", help="only these page names")
    ap.add_argument("--extractors", nargs="*", default=sorted(EXTRACTORS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=30, help="examples to print for spliced/spacing/truncated")
    args = ap.parse_args(argv)

    info = page_info(args.pages_meta)
    dirs = sorted(d for d in args.html_dir.iterdir() if (d / "source.html").exists())
    if args.pages:
        dirs = [d for d in dirs if d.name in set(args.pages)]
    tasks = [(d, info.get(d.name, {"lang": "und", "split": "train"}), args.extractors) for d in dirs]
    rows, dropped, errors = [], [], {}
    with multiprocessing.Pool(args.jobs) as pool:
        for page_dir, (r, d, e) in zip(dirs, pool.imap(process_page, tasks)):
            rows += r
            dropped += d
            for name, msg in e.items():
                errors[f"{name}/{page_dir.name}"] = msg
            print(f"{page_dir.name}: {len(r)} rows, {len(d)} dropped, errors={sorted(e)}", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    align.write_jsonl(args.out / "extracted.jsonl", rows)
    align.write_jsonl(args.out / "extracted_dropped.jsonl", dropped)
    versions = {}
    for dist in ["trafilatura", "jusText", "inscriptis", "html2text", "beautifulsoup4", "lxml",
                 "readability-lxml", "boilerpy3"]:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    meta = {"pages": len(dirs), "rows": len(rows), "dropped": len(dropped), "errors": errors,
            "versions": versions, "drop_reasons": collections.Counter(d["reason"] for d in dropped)}
    (args.out / "extracted_meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))
    print_report(rows, dropped, args.show)
    print("\nextractor errors:", errors or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
