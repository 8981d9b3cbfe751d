"""scripts/mine_furniture.py: candidates for the phrase table from the train split only."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import mine_furniture as M  # noqa: E402


def _row(text, label, site, split="train"):
    return {"text": text, "label": label, "doc_id": f"readability/{site}-1", "split": split, "lang": "en"}


def test_only_lines_that_are_furniture_on_several_sites_and_never_article_text():
    rows = [_row("Frobnicate", "boilerplate", s) for s in ("a", "b", "c")]
    rows += [_row("Quux widget", "boilerplate", s) for s in ("a", "b")] + [_row("Quux widget", "clean", "c")]
    rows += [_row("Zorble", "boilerplate", "a"), _row("Zorble", "boilerplate", "a")]  # one site only
    rows += [_row("Blorp", "boilerplate", s, split="test") for s in ("a", "b", "c")]  # test pages are not read
    rows += [_row("Privacy Policy", "boilerplate", s) for s in ("a", "b")]  # the table already matches it
    assert [c.text for c in M.candidates(rows)] == ["frobnicate"]
    assert M.candidates(rows)[0].sites == 3
