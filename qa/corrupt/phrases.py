"""Page-furniture phrases (footers, menus, cookie and share lines, bylines) in many languages.

The templates live in ``qa/corrupt/data/furniture.json``; they were written for this project.
A language without its own table falls back on a language of the same script, then English.

>>> import random
>>> rng = random.Random(4)
>>> table("bg")["menu"][0], table("xx-Cyrl-unknown", "Съвсем")["menu"][0]
('Начало', 'Главная')
>>> "{" in fill("© {year} {site}.", rng, "en")
False
"""

from __future__ import annotations

import functools
import json
import random
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from qa.corrupt.textunits import dominant_script

__all__ = ["CATEGORIES", "languages", "table", "fill", "phrase", "menu_line", "byline"]

CATEGORIES: tuple[str, ...] = ("footer", "cookie", "share", "related", "menu", "byline", "names")
_BY_SCRIPT = {
    "Cyrillic": "ru", "Greek": "el", "Arabic": "ar", "Hebrew": "he", "Han": "zh",
    "Hiragana": "ja", "Katakana": "ja", "Hangul": "ko", "Devanagari": "hi",
}
_SITES = ("Nordpost", "Metro24", "The Daily Ledger", "Kurier", "Globo Norte", "Vesti Plus", "NewsHub", "Sunrise Media")


@functools.cache
def _load() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """The phrase tables, read once and frozen (read-only, so the cache never changes a result)."""
    raw = json.loads(resources.files("qa.corrupt").joinpath("data/furniture.json").read_text("utf-8"))
    return MappingProxyType(
        {lang: MappingProxyType({k: tuple(v) for k, v in cats.items()}) for lang, cats in raw.items() if not lang.startswith("_")}
    )


def languages() -> tuple[str, ...]:
    """Languages with their own phrase table."""
    return tuple(sorted(_load()))


def table(lang: str, text: str = "") -> Mapping[str, tuple[str, ...]]:
    """The phrase table for ``lang``; unknown languages use the script of ``text``, then English."""
    tables = _load()
    base = lang.split("-")[0].lower()
    if base in tables:
        return tables[base]
    return tables.get(_BY_SCRIPT.get(dominant_script(text), "en"), tables["en"])


def fill(template: str, rng: random.Random, lang: str, text: str = "") -> str:
    """Fill the ``{year} {site} {n} {name} {date} {time}`` slots of a template."""
    names = table(lang, text)["names"]
    year = rng.randint(2009, 2025)
    values = {
        "year": str(year),
        "site": rng.choice(_SITES),
        "n": str(rng.choice((0, 1, 2, 3, 5, 6, 12, 14, 27, 48, 103, 256))),
        "name": rng.choice(names),
        "date": rng.choice(("{d:02d}.{m:02d}.{y}", "{y}-{m:02d}-{d:02d}", "{d}/{m}/{y}")).format(
            d=rng.randint(1, 28), m=rng.randint(1, 12), y=year
        ),
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
    }
    return template.format(**values)


def phrase(category: str, rng: random.Random, lang: str, text: str = "") -> str:
    """One filled phrase of ``category`` (``footer``, ``cookie``, ``share``, ``related``, ``byline``)."""
    return fill(rng.choice(table(lang, text)[category]), rng, lang, text)


def menu_line(rng: random.Random, lang: str, text: str = "") -> str:
    """A navigation menu flattened into one line: 4-8 items joined by a separator."""
    items = list(table(lang, text)["menu"])
    chosen = rng.sample(items, min(len(items), rng.randint(4, 8)))
    sep = rng.choice((" ", " ", " | ", " · ", " / ", "  "))
    return sep.join(fill(item, rng, lang, text) for item in chosen)


def byline(rng: random.Random, lang: str, text: str = "") -> str:
    """An author/date line as it sits above a lede."""
    return phrase("byline", rng, lang, text)
