"""Language identification with a document fallback."""

import pytest

from qa.lang import detect


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The council voted on Tuesday to rebuild the ferry pier after the storms.", "en"),
        ("La mairie a inauguré samedi trois pistes cyclables qui relient la gare au centre.", "fr"),
        ("Die Familie hat am Freitag ihre Bäckerei geschlossen, weil kein Nachfolger gefunden wurde.", "de"),
        ("气象台表示，这场降雨将持续到周末，部分地区的降雨量可能超过五十毫米。", "zh"),
        ("افتتحت البلدية يوم الأحد مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب", "ar"),
    ],
)
def test_detects_common_languages(text, lang):
    assert detect(text) == lang


def test_short_text_takes_the_fallback():
    assert detect("Comments (12)", fallback="de") == "de"
    assert detect("12:14", fallback="bg") == "bg"
    assert detect("", fallback="fr") == "fr"
    assert detect("???") == "und"
