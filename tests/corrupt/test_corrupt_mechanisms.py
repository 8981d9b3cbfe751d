"""Each mechanism on written examples in several languages and scripts."""

from __future__ import annotations

import random

import pytest

from qa.corrupt import codec, furniture, leak, spacing, splice, truncation
from qa.corrupt.corruption import Corruption
from qa.labels import LABELS

TEXTS = {
    "en": 'The co-author of the study, Jane Smith, said: “In our simulation it fails badly”. Then it rained (14, 15) all day long in Hong Kong.',
    "fr": "Le maire a déclaré : « Nous ouvrirons le parc demain ! » Les habitants, très nombreux, ont applaudi la décision du conseil.",
    "de": "Die Straße wurde gestern gesperrt, weil Bäume umgestürzt waren. Die Feuerwehr räumte sie bis zum Abend, sagte die Polizei.",
    "bg": "Щом се наям, ставам. Страх ли те е? На заека му омръзна да студува. Той подаде на слугата си повода на коня и влезе в двора.",
    "zh": "我上周去了北京，天气很好。他说：「我们明天去上海吧」。然后大家都走了，只剩下我一个人在公园里散步。",
    "ja": "先週末、京都の嵐山を訪れました。紅葉はちょうど見頃で、多くの観光客が集まっていました。入場料は五百円でした。",
    "ar": "ذهب الولد إلى المدرسة، ثم عاد إلى البيت. هل أنت هنا اليوم مع أصدقائك؟ نعم، نحن هنا منذ الصباح الباكر.",
}
CONTEXT = {lang: [f"{t.split('.')[0]} — second block", "A heading here"] for lang, t in TEXTS.items()}

ALWAYS = [  # mechanisms that apply to every example text
    (spacing.detokenized, "spacing"),
    (spacing.inline_join_separator, "spacing"),
    (spacing.inline_boundary_split, "spacing"),
    (splice.link_text_dropped, "spliced"),
    (splice.block_glue, "spliced"),
    (splice.heading_glue, "spliced"),
    (splice.byline_glued, "spliced"),
    (splice.sentence_middle_lost, "spliced"),
    (truncation.start_cut, "truncated"),
    (truncation.end_cut_word, "truncated"),
    (codec.legacy_as_utf8, "mojibake"),
    (codec.double_utf8, "mojibake"),
    (codec.partial_misread, "mojibake"),
    (leak.script_blob_glued, "leaked_code"),
    (leak.script_blob_alone, "leaked_code"),
    (leak.escaped_markup, "leaked_code"),
    (furniture.furniture_glued, "boilerplate"),
    (furniture.furniture_newline, "boilerplate"),
    (furniture.furniture_paragraph, "boilerplate"),
]


def check(c: Corruption, original: str, label: str) -> None:
    """The shared contract: changed text, the label, canonical label order, spans inside the text."""
    assert c.text != original
    assert label in c.labels
    assert list(c.labels) == [x for x in LABELS if x in c.labels]
    assert c.spans, "every corruption says where the damage is"
    for s in c.spans:
        assert 0 <= s.start < s.end <= len(c.text)
        assert s.label in c.labels
    assert label in {s.label for s in c.spans}


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("mechanism,label", ALWAYS, ids=[m.__name__ for m, _ in ALWAYS])
def test_mechanism_applies_everywhere(mechanism, label, lang):
    text = TEXTS[lang]
    for seed in range(5):
        c = mechanism(text, random.Random(seed), lang, CONTEXT[lang])
        assert c is not None, (mechanism.__name__, lang, seed)
        check(c, text, label)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_mechanisms_are_deterministic(lang):
    for mechanism, _ in ALWAYS:
        a = mechanism(TEXTS[lang], random.Random(42), lang, CONTEXT[lang])
        b = mechanism(TEXTS[lang], random.Random(42), lang, CONTEXT[lang])
        assert a == b


# --- spacing --------------------------------------------------------------------------------

def test_detokenized_latin_and_numbers():
    c = spacing.detokenized("Yes, (14, 15) pages cost 3.5 U.S. dollars.", random.Random(0), "en", ())
    assert c.text == "Yes , ( 14 , 15 ) pages cost 3.5 U.S. dollars ."
    assert all(" " in c.text[s.start : s.end] for s in c.spans)


def test_detokenized_french_keeps_its_own_spaces():
    text = "Il a dit : « oui » ; puis (enfin) il est parti !"
    c = spacing.detokenized(text, random.Random(0), "fr", ())
    assert c.text == "Il a dit : « oui » ; puis ( enfin ) il est parti !"


def test_detokenized_cjk_gets_spaces():
    c = spacing.detokenized("我喜欢北京。", random.Random(0), "zh", ())
    assert c.text.replace(" ", "") == "我喜欢北京。" and " 。" in c.text


def test_inline_join_separator_french_never_adds_correct_french_space():
    c = spacing.inline_join_separator("Vraiment? Oui!", random.Random(0), "fr", ())
    assert c is None


def test_node_join_no_space():
    c = spacing.node_join_no_space("Fix it. So, if you can.", random.Random(0), "en", ())
    assert c.text == "Fix it.So, if you can."
    assert spacing.node_join_no_space("我喜欢北京。你呢？", random.Random(0), "zh", ()) is None


def test_inline_boundary_split_breaks_one_word():
    c = spacing.inline_boundary_split("Hong", random.Random(0), "en", ())
    assert c.text.replace(" ", "") == "Hong" and c.text.count(" ") == 1


# --- splice ---------------------------------------------------------------------------------

def test_block_glue_has_no_break_and_labels_spacing_after_a_period():
    c = splice.block_glue("So, if you can.", random.Random(0), "en", ["Fix it."])
    assert c.text in {"Fix it.So, if you can.", "So, if you can.Fix it."}
    assert c.labels == ("spliced", "spacing")
    c = splice.block_glue("Всичко за Nielsen.", random.Random(1), "bg", ["ABC News Network"])
    assert c.text == "ABC News NetworkВсичко за Nielsen." and c.labels == ("spliced",)
    assert "kВ" in c.text[c.spans[0].start : c.spans[0].end]


def test_splices_need_what_they_use():
    assert splice.block_glue("Text.", random.Random(0), "en", ()) is None
    assert splice.quote_unclosed("No quotes here. None at all.", random.Random(0), "en", ()) is None


def test_link_text_dropped_loses_words_only():
    text = TEXTS["en"]
    c = splice.link_text_dropped(text, random.Random(3), "en", ())
    assert len(c.text) < len(text)
    assert any(text.startswith(c.text[:k]) and text.endswith(c.text[k:]) for k in range(len(c.text) + 1))


def test_quote_unclosed_loses_the_closing_quote():
    for lang in ("en", "fr", "zh"):
        text = TEXTS[lang]
        c = splice.quote_unclosed(text, random.Random(0), lang, ())
        assert c is not None and c.labels == ("spliced",)
        assert not any(q in c.text for q in ("”", "»", "」"))


def test_sentence_middle_lost_resumes_mid_sentence():
    text = TEXTS["bg"]
    c = splice.sentence_middle_lost(text, random.Random(2), "bg", ())
    assert len(c.text) < len(text)
    assert text.startswith(c.text[: c.spans[0].start])


# --- truncation -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_byte_cap_respects_caps(lang):
    text = TEXTS[lang] * 5
    for seed in range(10):
        c = truncation.byte_cap(text, random.Random(seed), lang, ())
        body = c.text.rstrip(". …[]")
        assert len(body.encode()) in truncation.CAPS or len(body.encode()) < max(truncation.CAPS)
        assert "truncated" in c.labels
        assert text.startswith(body.rstrip("\ufffd").rstrip()[:50])


def test_byte_cap_mid_character():
    assert truncation.cut_bytes("Жена", 3) == "Ж"
    assert truncation.byte_cap("short", random.Random(0), "en", ()) is None


def test_end_cut_leaves_no_final_mark():
    for seed in range(20):
        c = truncation.end_cut_word(TEXTS["de"], random.Random(seed), "de", ())
        assert TEXTS["de"].startswith(c.text) and c.text[-1] not in ".!?"


def test_start_cut_starts_mid_sentence():
    for seed in range(20):
        c = truncation.start_cut(TEXTS["en"], random.Random(seed), "en", ())
        assert TEXTS["en"].endswith(c.text) and not TEXTS["en"].startswith(c.text)


# --- mojibake -------------------------------------------------------------------------------

def test_misread_classics():
    assert codec.misread("été", "cp1252") == "Ã©tÃ©"
    assert codec.misread("София", "cp1252") == "Ð¡Ð¾Ñ„Ð¸Ñ\x8f"
    assert codec.misread("София", "cp1251") == "РЎРѕС„РёСЏ"
    assert set(codec.legacy_misread("Жена", "cp1251")) == {"\ufffd"}


def test_mojibake_needs_non_ascii():
    for mechanism in codec.MECHANISMS:
        assert mechanism("plain ascii text.", random.Random(0), "en", ()) is None


@pytest.mark.parametrize("lang", ["zh", "ja", "bg", "ar", "fr"])
def test_utf8_as_legacy_picks_codec_by_script(lang):
    names = {codec.utf8_as_legacy(TEXTS[lang], random.Random(s), lang, ()).mechanism for s in range(30)}
    assert all(n.startswith("utf8_as_") for n in names)
    if lang in {"zh", "ja"}:
        assert names & ({"utf8_as_gbk", "utf8_as_big5"} if lang == "zh" else {"utf8_as_shift_jis", "utf8_as_euc_jp"})
    if lang == "bg":
        assert names & {"utf8_as_cp1251", "utf8_as_koi8_r"}


def test_partial_keeps_part_of_the_text():
    c = codec.partial_misread(TEXTS["fr"], random.Random(1), "fr", ())
    s = c.spans[0]
    assert c.text[: s.start] == TEXTS["fr"][: s.start]


# --- leaked code and boilerplate ------------------------------------------------------------

def test_blob_glued_labels_are_honest():
    seen = set()
    for seed in range(40):
        c = leak.script_blob_glued(TEXTS["en"], random.Random(seed), "en", ())
        assert {"leaked_code", "spliced"} <= set(c.labels)
        assert TEXTS["en"].strip() in c.text
        if "truncated" in c.labels:
            assert not c.text.endswith(TEXTS["en"])
        seen.add(c.labels)
    assert ("leaked_code", "spliced", "truncated") in seen


def test_furniture_is_in_the_paragraph_language():
    c = furniture.furniture_paragraph(TEXTS["bg"], random.Random(5), "bg", ())
    langs = [furniture.furniture_paragraph(TEXTS["ja"], random.Random(s), "ja", ()).text for s in range(20)]
    assert c.labels == ("boilerplate",)
    assert sum(any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in t) for t in langs) >= 12


def test_furniture_glued_is_also_spliced():
    for seed in range(10):
        c = furniture.furniture_glued(TEXTS["de"], random.Random(seed), "de", ())
        assert {"boilerplate", "spliced"} <= set(c.labels)
        assert TEXTS["de"] in c.text
