"""The public API: corrupt_text, corrupt_records, corrupt_html; properties with Hypothesis."""

from __future__ import annotations

import json
import pathlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.corrupt import KINDS, Corruption, corrupt_html, corrupt_records, corrupt_text, page_blocks
from qa.errors import ConfigError
from qa.labels import LABELS

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "corrupt"
SHARED_UD = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "ud" / "paragraphs.jsonl"

DOC = [
    {"id": "p1", "doc_id": "d1", "lang": "fr", "label": "clean", "text": "Le maire a déclaré : « Nous ouvrirons le parc demain ! » Les habitants ont applaudi."},
    {"id": "p2", "doc_id": "d1", "lang": "fr", "label": "clean", "text": "La décision, prise à l'unanimité, sera appliquée dès lundi. Le parc fermera à 22 h."},
    {"id": "p3", "doc_id": "d2", "lang": "ru", "text": "Мы используем новые методы. Они работают, и это хорошо."},
    {"id": "p4", "doc_id": "d3", "lang": "ja", "text": "先週末、京都の嵐山を訪れました。紅葉はちょうど見頃でした。"},
    {"id": "p5", "lang": "en", "text": "Plain English, with (brackets) and a full stop. Another sentence follows here."},
]


def assert_valid(c: Corruption, original: str) -> None:
    assert isinstance(c, Corruption) and c.text != original
    assert c.labels and set(c.labels) <= set(LABELS)
    for s in c.spans:
        assert 0 <= s.start < s.end <= len(c.text) and s.label in c.labels


@pytest.mark.parametrize("kind", KINDS)
def test_corrupt_text_each_kind(kind):
    for row in DOC:
        for seed in range(3):
            c = corrupt_text(row["text"], kind, random.Random(seed), row["lang"], [r["text"] for r in DOC if r is not row])
            if c is None:
                assert kind == "mojibake" and row["text"].isascii()
                continue
            assert_valid(c, row["text"])
            assert kind in c.labels


def test_corrupt_text_is_deterministic():
    for kind in KINDS:
        a = corrupt_text(DOC[0]["text"], kind, random.Random(7), "fr", [DOC[1]["text"]])
        b = corrupt_text(DOC[0]["text"], kind, random.Random(7), "fr", [DOC[1]["text"]])
        assert a == b


def test_unknown_kind_is_a_config_error():
    with pytest.raises(ConfigError):
        corrupt_text("x", "nonsense", random.Random(0))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32),
       lang=st.sampled_from(["und", "en", "fr", "zh", "ja", "ar", "ru"]),
       context=st.lists(st.text(max_size=80), max_size=3))
def test_corrupt_text_never_raises(text, kind, seed, lang, context):
    c = corrupt_text(text, kind, random.Random(seed), lang, context)
    if c is not None:
        assert_valid(c, text)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200), kind=st.sampled_from(KINDS))
def test_corrupt_text_same_seed_same_output(text, kind):
    assert corrupt_text(text, kind, random.Random(3), "und") == corrupt_text(text, kind, random.Random(3), "und")


def test_records_every_input_once_plus_variants():
    out = list(corrupt_records(DOC, None, seed=5))
    originals = [r for r in out if r["mechanism"] == "none"]
    assert [r["id"] for r in originals] == [r["id"] for r in DOC]
    assert all(r["labels"] == [] and r["text"] == d["text"] for r, d in zip(originals, DOC))
    variants = [r for r in out if r["mechanism"] != "none"]
    assert len(variants) == len(DOC)  # rate 1.0: every record gets one (some kind always applies)
    for v in variants:
        src = next(d for d in DOC if d["id"] == v["source_id"])
        assert v["id"] == f"{src['id']}~{v['mechanism']}" and v["lang"] == src["lang"]
        assert v["text"] != src["text"] and v["labels"]
        assert "label" not in v  # the clean label would be false on a variant
        assert v.get("doc_id") == src.get("doc_id")
        for s, e, label, rule in v["spans"]:
            assert 0 <= s < e <= len(v["text"]) and label in v["labels"] and rule
    json.dumps(out, ensure_ascii=False)


def test_records_rate_kinds_and_seed():
    none = list(corrupt_records(DOC, ["spacing"], seed=1, rate=0.0))
    assert len(none) == len(DOC)
    a = list(corrupt_records(DOC * 20, ["truncated", "boilerplate"], seed=9, rate=0.5))
    b = list(corrupt_records(DOC * 20, ["truncated", "boilerplate"], seed=9, rate=0.5))
    assert a == b
    variants = [r for r in a if r["mechanism"] != "none"]
    assert 20 < len(variants) < 80
    assert {label for r in variants for label in r["labels"]} <= {"truncated", "boilerplate", "spliced", "spacing", "mojibake"}
    with pytest.raises(ConfigError):
        list(corrupt_records(DOC, ["bogus"], seed=0))


def test_records_without_text_pass_through():
    rows = [{"id": "x", "body": "Some text here, fine."}, {"id": "y", "text": None}]
    out = list(corrupt_records(rows, None, seed=0, text_field="body"))
    assert [r["id"] for r in out if r["mechanism"] == "none"] == ["x", "y"]
    assert out[1]["source_id"] == "x" and out[1]["body"] != "Some text here, fine."


@settings(max_examples=30, deadline=None)
@given(st.lists(st.fixed_dictionaries({"id": st.text(max_size=5), "text": st.text(max_size=120),
                                       "doc_id": st.sampled_from(["a", "b", None])}), max_size=8),
       st.floats(0, 1))
def test_records_property(rows, rate):
    out = list(corrupt_records(rows, None, seed=1, rate=rate))
    originals = [r for r in out if r["mechanism"] == "none"]
    assert len(originals) == len(rows)
    assert len(out) <= 2 * len(rows)


@pytest.mark.parametrize("name", ["news_en", "news_bg", "blog_ja"])
def test_corrupt_html_fixtures(name):
    html = (FIXTURES / f"{name}.html").read_text("utf-8")
    clean = {b.text for b in page_blocks(html)}
    made = list(corrupt_html(html, random.Random(0)))
    assert made == list(corrupt_html(html, random.Random(0)))
    mechanisms = {c.mechanism for c in made}
    assert {"inline_join_separator", "link_text_dropped", "block_glue", "furniture_paragraph", "page_script"} <= mechanisms | {"inline_boundary_split"}
    for c in made:
        assert c.labels and all(0 <= s.start < s.end <= len(c.text) for s in c.spans)
        if c.mechanism != "furniture_paragraph":
            assert c.text not in clean


def test_corrupt_html_known_cases():
    html = (FIXTURES / "news_en.html").read_text("utf-8")
    texts = {c.text: c for c in corrupt_html(html, random.Random(0), limit=50)}
    assert any(t.startswith("H arbour seals") for t in texts)  # drop cap joined with a space
    assert any("according to . The count" in t for t in texts)  # link text dropped
    assert "Home" in texts and texts["Home"].labels == ("boilerplate",)
    scripts = [c for c in texts.values() if c.mechanism == "page_script"]
    assert len(scripts) == 4 and all("leaked_code" in c.labels for c in scripts)
    bg = (FIXTURES / "news_bg.html").read_text("utf-8")
    glued = [c for c in corrupt_html(bg, random.Random(0), limit=50) if c.mechanism == "block_glue"]
    assert any("ABC News NetworkВсичко" in c.text and c.labels == ("spliced",) for c in glued)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_corrupt_html_never_raises(html):
    for c in corrupt_html(html, random.Random(0)):
        assert c.labels


@pytest.mark.skipif(not SHARED_UD.exists(), reason="../shared data not available")
def test_on_real_ud_paragraphs():
    rows = []
    with SHARED_UD.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 25 == 0:
                rows.append(json.loads(line))
    out = list(corrupt_records(rows, None, seed=3))
    variants = [r for r in out if r["mechanism"] != "none"]
    assert len(variants) >= 0.95 * len(rows)
    assert len({r["mechanism"] for r in variants}) >= 20
