"""Tests specific to features.splice: rules, seed page (the contract: test_contract.py)."""

from __future__ import annotations

import doctest

import regex

from features import punctuation, splice
from .cases import seed_rows

#: How the splice on each spliced seed line shows (line -> (rule, pattern the
#: span text must match)), following each line's label note.
SEED_DEFECTS = {
    3: ("byline", r"^\S+\s+\p{Lu}{3,}.*\d{1,2}:\d{2}"),      # byline glued to the lede
    13: ("quote_left_open", r"^„[^“”\"]+[.!?]$"),             # opening quote never closed
    17: ("lower_after_caps", r"\p{Lu}\.\s+\p{Ll}+$"),          # 'XXX. lowercase'
    24: ("lower_after_quote", r"[“”]\.\s+\p{Ll}+$"),            # lowercase after quote + period
    36: ("glue_script", r"\p{Latin}\p{Cyrillic}"),             # words glued across scripts
}


def test_punctuation_doctests():
    # splice's helper module; the doctests of splice itself are in test_contract.py
    result = doctest.testmod(punctuation)
    assert result.failed == 0 and result.attempted > 0


def test_rules_name_the_mechanism():
    cases = {
        "NetworkВсичко": "glue_script",
        "условията за ползванеВашите": "glue_script",
        "make it greatNow": "glue_lower",
        "CreditMaria Lopez": "glue_line",
        "the photo is by CreditMaria Lopez": "glue_word",
        "from $200See all": "glue_digit",
        "we fixed it.So we": "glue_end",
        "the study, . In": "orphan_punct",
        "the ministry of of health": "doubled_word",
        "History of the region[edit]": "ui_glue",
    }
    for text, rule in cases.items():
        assert [s.rule for s in splice.splice_spans(text, "en" if text.isascii() else "bg")] == [rule], text


def test_a_footnote_number_opening_its_note_is_no_splice():
    """A book's notes print their number glued to the note (``24See ...``); a
    number glued to a short block at the paragraph's start is still a splice."""
    for text in ("24See Applying Alarm Management Techniques to Your On-Call for an example.",
                 "25Zero-redundancy situations count as imminent, as do nearly full parts!"):
        assert "glue_digit" not in [s.rule for s in splice.splice_spans(text, "en")], text
    for text in ("2021Print this page", "417Yuri Dario", "2015The company said on Monday that it would close."):
        assert "glue_digit" in [s.rule for s in splice.splice_spans(text, "en")], text


def test_sentence_start_glued_to_a_lowercase_end_is_a_splice():
    glued = ["Patrick AllanThe Gray Adder", "Kenya tripMr Obama was speaking", "ProblemThe Motley Fool on MSN",
             "The hand is protecting the slot fromThe hand", "Par Karim BenaliJe dois avouer"]
    for text in glued:
        assert "glue_sentence" in [s.rule for s in splice.splice_spans(text, "en")], text
    # brands, names and user names whose last hump opens sentences; a word run on
    # with a hyphen; a comma-separated list of handles
    kept = ["Share on LinkedIn and AddThis today", "ScreamMyName told me", "By Todd VanDerWerff",
            "backing up with MacTheRipper and more", "GamesCom-tapahtuman yhteyteen", "foible, NameIt, Sleepy",
            "the variable isThere stays", "Kudos: YouRanForIt, Steve"]
    for text in kept:
        assert "glue_sentence" not in [s.rule for s in splice.splice_spans(text, "en")], text
    # counted with glue_word: the feature set does not change
    sig = splice.signals("Patrick AllanThe Gray Adder", "en")
    assert dict(zip(splice.NAMES, sig.values))["splice_glue_word"] > 0


def test_quote_opened_inside_a_clause_and_left_open_is_named_apart():
    """A quote opened after a lowercase word and still open at the paragraph's
    end, with another sentence inside it, is ``quote_left_open``; counted with
    ``unclosed_quote`` so the feature set does not change."""
    left = "Putin called it a “breakthrough for peace. The peninsula at the end of the war was divided."
    assert [s.rule for s in splice.splice_spans(left, "en")] == ["quote_left_open"]
    assert dict(zip(splice.NAMES, splice.signals(left, "en").values))["splice_unclosed_quote"] > 0
    # a quotation introduced by a colon may run on to the next paragraph: still
    # only the softer unclosed_quote; closed later, or opening the paragraph: nothing
    assert [s.rule for s in splice.splice_spans(
        "The author writes: «This is not a novel. It is the confession of a great soul.", "uk")] == ["unclosed_quote"]
    for text in ("He called it a “breakthrough. It was signed in Moscow” and left the hall.",
                 "“We will win. The war is far from over and the talks went on,” he said",
                 "“We will win. The war is far from over and the talks went on all night"):
        assert "quote_left_open" not in [s.rule for s in splice.splice_spans(text, "en")], text


def test_screen_reader_label_inside_a_sentence_is_a_splice():
    """A link's hidden label (``Opens a new window``) left inside running text, glued
    to the word before it or in brackets, with the sentence going on: ``a11y_insert``,
    counted with ``glue_word``. After a share button, alone, or as prose about links
    it is not this."""
    for text, lang in (("The firm saidOpens a new window that its sales rose.", "en"),
                       ("A new survey (opens in new tab) found that most readers agree.", "en"),
                       ("Die Studie (öffnet in neuem Tab) zeigt, dass es wirkt.", "de"),
                       ("Selon le rapport (s’ouvre dans un nouvel onglet) publié hier, tout va bien.", "fr")):
        assert "a11y_insert" in [s.rule for s in splice.splice_spans(text, lang)], text
        assert dict(zip(splice.NAMES, splice.signals(text, lang).values))["splice_glue_word"] > 0
    for text in ("Click to email this to a friend (Opens in new window)",
                 "Share on Facebook (Opens in new window)",
                 "Clicking the button opens a new window that lists your files.",
                 "SHE SAIDOPENS A NEW WINDOW THAT"):
        assert "a11y_insert" not in [s.rule for s in splice.splice_spans(text, "en")], text


def test_user_name_closing_a_credit_is_not_glued_words():
    """A handle after a credit label (``(Artist: PeaceFistArtist)``) is one name; a menu
    glued on after a label goes on to more text and stays a splice."""
    for text in ("(Artist: RiverStoneMaker)", "( Source: BlueHarborPhotos )", "Illustration: NightOwlDraws"):
        assert splice.signals(text, "en").spans == (), text
    glued = "Servicios:\n HoróscopoPronósticoLoteríasFeriados\n Tránsito"
    assert [s.rule for s in splice.splice_spans(glued, "es")] == ["glue_line"]


def test_glued_ui_labels_on_a_line_of_their_own_are_glue_line():
    """A glued word that is its line, list marks aside, or opens a line of at most three
    words is ``glue_line`` (counted with ``glue_word``: the feature set does not change);
    inside a sentence, a list of user names or code it stays ``glue_word`` or nothing."""
    for text in ("ProfileFollowUnfollow", "* Edit\n  * XDismissXUndismiss\n  * Share", "CreditErik Carter/NYT"):
        assert "glue_line" in [s.rule for s in splice.splice_spans(text, "en")], text
    for text in ("The photo was taken by CreditErik Carter for the paper", "Fans: KuroKitsune, LittleNovaStar, jenny",
                 "font-family:GuardianTextSans,Georgia"):
        assert "glue_line" not in [s.rule for s in splice.splice_spans(text, "en")], text
    sig = splice.signals("ProfileFollowUnfollow", "en")
    assert dict(zip(splice.NAMES, sig.values))["splice_glue_word"] > 0


def test_informal_lowercase_writing_is_not_a_splice():
    chat = "had a great time. the food was ok. we will come back. thanks"
    assert splice.signals(chat, "en").spans == ()
    lower_any = splice.NAMES.index("splice_lower_after_any")
    assert splice.signals(chat, "en").values[lower_any] > 0


def test_a_lowercase_start_after_a_short_word_still_shows_the_writers_habit():
    # "так." could be an abbreviation, so its lowercase follower is not suspect, but it is
    # the writer's second lowercase start: the one after "прохожих." is no splice either
    poem = "Я шёл домой Под фонарями Именно так. горел свет на лицах прохожих. надо же было идти дальше"
    assert splice.signals(poem, "ru").spans == ()
    # one lowercase start among capitalised ones stays a splice
    prose = "Я шёл домой под фонарями. Горел свет на лицах прохожих. надо же было идти дальше"
    assert [s.rule for s in splice.signals(prose, "ru").spans] == ["lower_after_end"]


def test_camel_share_is_soft_signal_for_brands():
    share = splice.NAMES.index("splice_camel_share")
    sig = splice.signals("PowerPoint and YouTube", "en")
    assert sig.spans == () and sig.values[share] > 0


def test_seed_defects_found_on_the_defect():
    rows = seed_rows()
    assert sorted(lab["line"] for lab, _ in rows if "spliced" in lab["labels"]) == sorted(SEED_DEFECTS)
    for lab, line in rows:
        if lab["line"] not in SEED_DEFECTS:
            continue
        rule, pattern = SEED_DEFECTS[lab["line"]]
        found = [(s.rule, line[s.start:s.end]) for s in splice.signals(line, "bg").spans]
        assert any(r == rule and regex.search(pattern, t) for r, t in found), (lab["line"], found)



def test_lowercase_after_a_period_names_what_came_before():
    cases = {
        "The war went on. САЩ. и южнокорейски служители казаха това.": ("bg", "lower_after_caps"),
        "Тя каза „близкият съсед“. споразумение за изграждане беше подписано.": ("bg", "lower_after_quote"),
        "The talks ended late in the night. agreement to build a bridge was signed.": ("en", "lower_after_end"),
    }
    for text, (lang, rule) in cases.items():
        assert [s.rule for s in splice.splice_spans(text, lang)] == [rule], text


def test_lowercase_names_domains_and_code_after_a_period_are_not_splices():
    for text in (
        "The draft was written by a committee. de Jong [Page 5] was its editor.",
        "Gecko is a layout engine. download-firefox.org. July 17, 2008.",
        "The body is replaced. clone() must be called before the body is read.",
    ):
        assert [s.rule for s in splice.splice_spans(text, "en") if s.rule.startswith("lower_after")] == [], text


def test_ui_glue_ignores_mis_decoded_pilcrows():
    # "ö" in cp1250 mojibake reads "Ă¶": the pilcrow there is not a permalink
    assert splice.splice_spans("a helybeliek Ă¶rdĂ¶kkĂ¶veknek nevezik", "hu") == ()
    assert [s.rule for s in splice.splice_spans("Setting up¶", "en")] == ["ui_glue"]


def test_byline_over_a_line_break_is_glued_to_the_lede():
    """A scraper that joins the byline's name and date nodes with a newline still
    glues the lede to them (LWN: ``By Jonathan Corbet\\nMarch 25, 2015  The ...``);
    a blank line is a paragraph break, not glue."""
    glued = "By Jonathan Corbet   \nMarch 25, 2015  The LibreOffice project was announced in 2010."
    assert "byline" in {s.rule for s in splice.signals(glued, "en").spans}
    apart = "By Jane Doe\n\nMarch 25, 2015 The project was announced in 2010."
    assert "byline" not in {s.rule for s in splice.signals(apart, "en").spans}


def test_wiki_edit_links_with_a_source_option_are_glued_ui():
    """Wikipedia's section links in many languages: ``[edit | edit source]``,
    ``[editar | modificar o codigo]`` (Aragonese, the Common Crawl sample)."""
    for text in ("Cheografía[editar | modificar o codigo]", "History[edit | edit source]",
                 "Geschichte[Bearbeiten | Quelltext bearbeiten]", "Historia[edytuj | edytuj kod]"):
        assert [s.rule for s in splice.signals(text, "und").spans] == ["ui_glue"], text
    assert splice.signals("He typed [editar] between brackets.", "es").spans == ()


def test_byline_after_a_headline_is_glued_to_the_lede():
    """Extractors that join title, byline and lede into one paragraph (trafilatura
    on a byline paragraph, get_text(" ") on LWN) glue the byline after a headline."""
    for text, lang in (
        ("Development activity in LibreOffice and OpenOffice \n  By  Jonathan Corbet \n March 25, 2015"
         "   The LibreOffice project was announced with great fanfare in September 2010.", "en"),
        ("Zu Nevadas Branchen zählen Tourismus Von Anna Berg · 24.06.2019 Zu Nevadas umsatzstärksten "
         "Branchen zählen Tourismus, Bergbau und Landwirtschaft.", "de"),
        ("What do you eat in Miramar? By Sato Yuki · 16.05.2017 What foods do you eat there?", "en"),
    ):
        spans = [s for s in splice.signals(text, lang).spans if s.rule == "byline"]
        assert len(spans) == 1, text
        assert text[spans[0].start:spans[0].end].strip().startswith(("By", "Von")), text


def test_a_byline_after_sentences_or_a_long_head_is_not_glued():
    for text in (
        "He wrote the report. It was long. By Anna Berg, 2024 The committee read it.",
        " ".join(["word"] * 30) + " By Anna Berg, 2024 The committee read it.",
        "The plan grew By 2020 The city had doubled.",
    ):
        assert "byline" not in {s.rule for s in splice.signals(text, "en").spans}, text


def test_bylines_of_other_scripts_and_ledes_that_open_on_a_number():
    """trafilatura keeps the byline paragraph's text before the lede in any language:
    ``بقلم``, ``作者：``, ``Teksti:`` open bylines, names and the lede may be in a script
    without case, and a lede may open on a number."""
    for text, lang in (
        ("بقلم Jean Martin · 15.09.2020 بحلول عام 1340 كان عدد سكان القاهرة يقرب من نصف المليون.", "ar"),
        ("作者： Li Wei · 11.01.2021 本赛季，北京国安再次提前一轮锁定联赛季军。", "zh"),
        ("Автор: Maria Weber · 20.05.2023 80 британци са починали от болестта.", "bg"),
        ("Kameran laukaisin Teksti: Ahmed Hassan · 22.09.2017 Käytetään piirin erottamiseen kamerasta.", "fi"),
        ("By Anna Berg, 2019 10 things to know about the storm.", "en"),
        ("بقلم سارة الخطيب · 03.05.2021 افتتحت المكتبة العامة فرعها الجديد.", "ar"),
        ("Muistelmat Teksti: Ahmed Hassan · 02.11.2018 1980-luvun alussa pidätettiin tuhansia ihmisiä.", "fi"),
    ):
        spans = [s for s in splice.signals(text, lang).spans if s.rule == "byline"]
        assert len(spans) == 1, text
        assert text[spans[0].end:][:2] in ("بح", "本赛", "80", "Kä", "10", "اف", "19"), text[spans[0].end:]
    # a time after the date is no lede, and a year is no byline
    for text in ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "By 2020 12 countries had joined the pact."):
        assert "byline" not in {s.rule for s in splice.signals(text, "en").spans}, text
