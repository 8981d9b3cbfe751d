"""The relabelling and feed-variant steps of scripts/build_training_set.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import build_training_set as B  # noqa: E402


def _feed(lang, n):
    text = "Това е изречение за времето днес, което е хубаво. Утре ще вали, казаха синоптиците в София."
    return [B.row(f"{lang}{i}", text + f" Ден {i}.", lang, [], f"pair{lang}{i}", None, "train", "chardet_mojibake")
            | {"known_labels": ["mojibake"]} for i in range(n)]


def test_feed_variants_vouch_only_for_their_own_labels_and_mojibake():
    rows = B.feed_corrupt_rows(_feed("bg", 12) + _feed("he", 3), per_lang=5, seed=1)
    assert rows, "no variant was made"
    bases = {r["id"].split("~")[0] for r in rows}
    assert len([b for b in bases if b.startswith("bg")]) <= 5 and len(bases) <= 8  # at most per_lang per language
    for r in rows:
        assert r["labels"], r  # the unchanged originals are dropped
        assert set(r["known_labels"]) == set(r["labels"]) | {"mojibake"}
        assert r["source"].startswith("corrupt_feed:")
        assert r["lang"] in ("bg", "he")


def test_relabels_follow_the_taxonomy_and_leave_edited_text_alone():
    rows = [
        B.row("a", "巴兹?奥尔德林是宇航员", "zh", [], "d", None, "train", "readability_testpages"),
        B.row("b", ", where the matrix is real and", "en", [], "d", None, "train", "readability_testpages"),
        B.row("c", ", обяви той пред медиите.", "bg", [], "u", None, "train", "ud"),
        B.row("d", "你好吗?我很好", "zh", [], "d", None, "train", "readability_testpages"),
    ]
    assert B.lost_char_mojibake(rows) == 1 and B.start_cut_truncated(rows) == 1
    assert [r["labels"] for r in rows] == [["mojibake"], ["truncated"], [], []]
