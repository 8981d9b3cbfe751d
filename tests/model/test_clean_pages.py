"""Clean, edited pages in many languages, with tables, lists and captions: the
packaged model flags none of their paragraphs beyond the recorded credits and known
misses (``fixtures/clean_pages/expected.json``)."""

import json
from pathlib import Path

import pytest

from qa.lang import detect
from qa.model.scorer import Scorer
from qa.records import Document
from qa.segment import segment

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "clean_pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def flagged():
    scorer = Scorer.load()
    out = {}
    for path in sorted(PAGES.glob("*.txt")):
        paragraphs = list(segment(Document(path.stem, path.read_text(encoding="utf-8")), "blank"))
        scores = scorer.score_paragraphs(paragraphs, [detect(p.text) for p in paragraphs])
        out[path.name] = {i: (s.labels, paragraphs[i].text) for i, s in enumerate(scores) if s.labels}
    return out


def test_the_pages_cover_many_languages_and_tables():
    names = sorted(p.name for p in PAGES.glob("*.txt"))
    assert len(names) == 30 and len({n.rsplit("_", 1)[1] for n in names}) >= 25
    assert sum(n.startswith(("sports_", "election_", "timetable_", "spec_")) for n in names) >= 8


def test_no_paragraph_is_flagged_beyond_credits_and_known_misses(flagged):
    allowed = {name: set(EXPECTED["credits"].get(name, [])) | set(EXPECTED["known_misses"].get(name, []))
               for name in flagged}
    unexpected = {name: {i: v for i, v in rows.items() if i not in allowed[name]} for name, rows in flagged.items()}
    assert not any(unexpected.values()), {k: v for k, v in unexpected.items() if v}


def test_credits_are_flagged_as_boilerplate_if_at_all(flagged):
    for name, rows in EXPECTED["credits"].items():
        for i in rows:
            if i in flagged[name]:
                assert flagged[name][i][0] == ("boilerplate",), (name, flagged[name][i])
