"""Loading the test inputs the feature tests share: case files and the seed page.

Case files live in ``fixtures/cases/<label>.json`` with lists ``positives``,
``negatives`` and ``known_failures`` of ``{"text", "lang", "note"}``. The seed page
(``../shared/seed``) is optional: tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import functools
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "fixtures" / "cases"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"


def case_path(label: str) -> pathlib.Path:
    """Where the case file of defect ``label`` lives (it may not exist)."""
    return CASES_DIR / f"{label}.json"


@functools.cache
def load_cases(label: str) -> dict[str, list[dict]]:
    """The case file of defect ``label``."""
    return json.loads(case_path(label).read_text(encoding="utf-8"))


def case_id(case: dict) -> str:
    """A short test id for one case: ``lang:first 30 characters``."""
    return f"{case['lang']}:{case['text'][:30]}"


def seed_rows() -> list[tuple[dict, str]]:
    """``(label record, line text)`` for each labelled line of the seed page; skip if absent."""
    if not (SEED / "page.txt").exists():
        pytest.skip("../shared absent")
    lines = (SEED / "page.txt").read_text(encoding="utf-8", errors="replace").split("\n")
    labels = [json.loads(x) for x in (SEED / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(lab, lines[lab["line"] - 1]) for lab in labels]
