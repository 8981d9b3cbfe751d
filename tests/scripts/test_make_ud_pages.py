"""scripts/make_ud_pages.py: article pages around treebank documents (inputs written for these tests)."""

from __future__ import annotations

import html
import json
import pathlib
import sys

import regex

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))

import make_ud_pages  # noqa: E402

DOCS = {
    "en": ["The storm reached the coast on Monday. Nobody was hurt, the police said.",
           "Schools stayed closed, and the ferry to the islands did not run."],
    "zh": ["暴风雨星期一到达海岸。警方说，没有人受伤。", "学校停课，去岛上的渡轮也停运了。"],
    "fr": ["La tempête a atteint la côte lundi. Personne n'a été blessé, selon la police.",
           "Les écoles sont restées fermées ; le bac vers les îles n'a pas circulé."],
}


def _ud(tmp_path: pathlib.Path) -> pathlib.Path:
    rows = [{"id": f"{lang}-{d}-{i}", "text": text, "lang": lang, "doc_id": f"doc-{lang}-{d}", "license": "CC BY-NC-SA 4.0"}
            for lang, paras in DOCS.items() for d in range(3) for i, text in enumerate(paras)]
    path = tmp_path / "ud.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _text(markup: str) -> str:
    return " ".join(html.unescape(regex.sub(r"<[^>]+>", "", markup)).split())


def test_pages_hold_the_documents_with_inline_markup_and_their_expected_article(tmp_path):
    meta = list(make_ud_pages.build(_ud(tmp_path), tmp_path / "out", seed=1))
    assert {m["lang"] for m in meta} == set(DOCS) and len(meta) == 9
    for m in meta:
        folder = tmp_path / "out" / "html" / m["page_name"]
        source = (folder / "source.html").read_text(encoding="utf-8")
        expected = (folder / "expected.html").read_text(encoding="utf-8")
        body = source[source.index("<article>"):source.index("</article>")]
        for para in DOCS[m["lang"]]:
            assert f"<p>{html.escape(para)}</p>" in expected
            assert " ".join(para.split()) in _text(body) or m["lang"] == "zh"
            assert para in _text(body).replace(" ", "") or m["lang"] != "zh"
        assert make_ud_pages.FRAME[m["lang"]][6] in html.unescape(source)  # the privacy link is frame, not article
        assert make_ud_pages.FRAME[m["lang"]][6] not in expected
    sources = "".join((tmp_path / "out" / "html" / m["page_name"] / "source.html").read_text(encoding="utf-8")
                      for m in meta)
    assert "<a href=\"/p/" in sources or "<em>" in sources  # some words are inline elements


def test_documents_that_trained_the_model_are_left_out(tmp_path):
    path = _ud(tmp_path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r["license"] = "CC BY-SA 4.0"  # not NC: only the hash split keeps a document out of training
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    kept = make_ud_pages.held_out_documents(path)
    for lang, docs in kept.items():
        for doc in docs:
            assert make_ud_pages.hash_split("ud:" + doc[0]["doc_id"]) != "train"
