"""The contract every extractor family in ``features.registry.FAMILIES`` keeps.

Each family is a module with ``LABEL``, ``NAMES`` and ``signals(text, lang) -> Signals``.
For every family this module checks: the module surface and its doctests; the case file
``fixtures/cases/<LABEL>.json`` (every positive fires a span of the label, every negative
fires none); Hypothesis properties on any string (never raises, values finite floats in
[0, 1], deterministic, spans inside the text with start < end and the family's label);
adversarial inputs (long runs, deep nesting, combining marks) finish; clean seed lines
fire nothing. Tests specific to one family stay in its own ``test_<family>.py``.
"""

from __future__ import annotations

import doctest
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features.registry import FAMILIES
from features.spans import Span
from .cases import case_id, case_path, load_cases, seed_rows


def _short(module) -> str:
    return module.__name__.rpartition(".")[2]


#: The label each family must declare (``"none"``: a family of plain numbers, no spans).
EXPECTED_LABEL = {
    "code": "leaked_code",
    "boilerplate": "boilerplate",
    "splice": "spliced",
    "spacing": "spacing",
    "truncation": "truncated",
    "mojibake": "mojibake",
    "textstats": "none",
}
#: Families whose values on the empty text are all 0.0.
EMPTY_IS_ZERO = {"code", "mojibake", "textstats"}
#: Families whose ``known_failures`` are missed positives that must still fire nothing
#: (when one starts to fire, move it to the positives). The other case files list known
#: false alarms there too, so their ``known_failures`` are not checked.
KNOWN_MISSES_CHECKED = {"code", "mojibake"}

BY_NAME = {_short(m): m for m in FAMILIES}
FAMILY_IDS = list(BY_NAME)
WITH_CASES = [m for m in FAMILIES if case_path(m.LABEL).exists()]
WITH_CASES_IDS = [_short(m) for m in WITH_CASES]


def _cases(kind: str, only=None):
    params = []
    for module in WITH_CASES:
        if only is not None and _short(module) not in only:
            continue
        for case in load_cases(module.LABEL)[kind]:
            params.append(pytest.param(module, case, id=f"{_short(module)}-{case_id(case)}"))
    return params


def check_signals(module, text: str, lang: str) -> None:
    """Everything ``module.signals`` promises for any ``text`` and ``lang``."""
    sig = module.signals(text, lang)
    assert len(sig.values) == len(module.NAMES)
    assert all(isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 1.0 for v in sig.values)
    rules = getattr(module, "SPAN_RULES", getattr(module, "RULES", None))
    for s in sig.spans:
        assert isinstance(s, Span) and 0 <= s.start < s.end <= len(text) and s.label == module.LABEL
        if rules is not None:
            assert s.rule in rules
    if module.LABEL == "none":
        assert sig.spans == ()
    assert module.signals(text, lang) == sig


# --- the module surface ---------------------------------------------------------------------

def test_every_family_is_listed_here():
    assert set(BY_NAME) == set(EXPECTED_LABEL)
    assert {_short(m) for m in WITH_CASES} == {n for n, lab in EXPECTED_LABEL.items() if lab != "none"}


@pytest.mark.parametrize("module", FAMILIES, ids=FAMILY_IDS)
def test_module_contract(module):
    name = _short(module)
    assert module.LABEL == EXPECTED_LABEL[name]
    assert all(n.startswith(f"{name}_") for n in module.NAMES)
    assert len(set(module.NAMES)) == len(module.NAMES)
    assert len(module.signals("x").values) == len(module.NAMES)
    if module.LABEL == "none":
        assert module.signals("Hello, world.").spans == ()


@pytest.mark.parametrize("module", [BY_NAME[n] for n in sorted(EMPTY_IS_ZERO)], ids=sorted(EMPTY_IS_ZERO))
def test_empty_text_is_all_zero(module):
    assert module.signals("").values == (0.0,) * len(module.NAMES)


@pytest.mark.parametrize("module", FAMILIES, ids=FAMILY_IDS)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


# --- case files -----------------------------------------------------------------------------

@pytest.mark.parametrize("module", WITH_CASES, ids=WITH_CASES_IDS)
def test_case_file_covers_languages(module):
    cases = load_cases(module.LABEL)
    for kind in ("positives", "negatives"):
        langs = {c["lang"] for c in cases[kind]}
        assert {"en", "fr", "de", "ar"} <= langs
        assert langs & {"ru", "bg"} and langs & {"zh", "ja"}


def _any_index(module):
    """Index of the family's ``<family>_any`` flag, if it has one."""
    name = f"{_short(module)}_any"
    return module.NAMES.index(name) if name in module.NAMES else None


@pytest.mark.parametrize("module, case", _cases("positives"))
def test_positive_fires(module, case):
    sig = module.signals(case["text"], case["lang"])
    assert sig.spans, case["note"]
    assert all(s.label == module.LABEL for s in sig.spans)
    if hasattr(module, "RULES"):
        assert {s.rule for s in sig.spans} <= set(getattr(module, "SPAN_RULES", module.RULES))
    if (i := _any_index(module)) is not None:
        assert sig.values[i] == 1.0


@pytest.mark.parametrize("module, case", _cases("negatives"))
def test_negative_is_quiet(module, case):
    sig = module.signals(case["text"], case["lang"])
    assert sig.spans == (), (case["note"], [(s.rule, case["text"][s.start:s.end]) for s in sig.spans])
    if (i := _any_index(module)) is not None:
        assert sig.values[i] == 0.0


@pytest.mark.parametrize("module, case", _cases("known_failures", only=KNOWN_MISSES_CHECKED))
def test_known_failures_still_fail(module, case):
    assert module.signals(case["text"], case["lang"]).spans == ()


# --- properties -----------------------------------------------------------------------------

#: Per family: (max_size of the random text, languages to draw from).
ANY_TEXT = {
    "code": (300, ["und", "en", "fr", "zh"]),
    "boilerplate": (None, ["und", "en", "fr", "ru", "zh", "ja", "ar", "xx"]),
    "splice": (None, ["und", "en", "fr", "bg", "ja", "ar"]),
    "spacing": (None, ["und", "en", "fr", "ru", "ja", "ar"]),
    "truncation": (None, ["und", "en", "fr", "ru", "zh", "ja", "ar", "xx"]),
    "mojibake": (300, ["und", "en", "hu", "tr", "cs", "zh", "ru"]),
    "textstats": (None, ["und", "en", "fr", "ru", "zh", "ja", "ar", "xx"]),
}

#: Per family: text drawn from the characters and pieces its rules look at, and the
#: languages each text is checked in.
SOUP = {
    "code": (st.text(alphabet=st.sampled_from(list('{}[]()<>;:="\\/&|$#!.,aZ09 _-\'%+*')), max_size=200),
             ["und"]),
    "boilerplate": (st.lists(st.sampled_from(
        ["Home", " | ", "·", " » ", "©", "2024", "\n", "Share", "(12)", "By ", "Jane", "privacy policy", "İ", "ß",
         "登录", "___", "Comments", " "])).map("".join), ["en"]),
    "splice": (st.lists(st.sampled_from(
        ["a", "B", "ж", "Ж", "ب", "東", ".", ". ", ", ", "„", "“", "”", "«", "»", "(", ")", '"', "of ", "the ",
         "By ", "2024 ", "12:14 ", "[edit]", "$20", "\u0301", "\n"]), max_size=40).map("".join), ["und", "en"]),
    "spacing": (st.lists(st.sampled_from(list(" ,.;:!?()[]«»„“”\"'aZжЖ東。、،؟\u00a0\u0301")), max_size=60)
                .map("".join), ["und", "fr"]),
    "truncation": (st.lists(st.sampled_from(list("ab ,.\"'([{}])…-\n\ufffd„“«»。、，") + ["Read more", "的", "and"]))
                   .map("".join), ["en"]),
    "mojibake": (st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x2FFF), max_size=80), ["und"]),
}


@pytest.mark.parametrize("module", FAMILIES, ids=FAMILY_IDS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_properties_any_text(module, data):
    max_size, langs = ANY_TEXT[_short(module)]
    text = data.draw(st.text(max_size=max_size), label="text")
    lang = data.draw(st.sampled_from(langs), label="lang")
    check_signals(module, text, lang)


@pytest.mark.parametrize("module", [BY_NAME[n] for n in SOUP], ids=list(SOUP))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_properties_soup(module, data):
    strategy, langs = SOUP[_short(module)]
    text = data.draw(strategy, label="text")
    for lang in langs:
        check_signals(module, text, lang)


# --- adversarial input ----------------------------------------------------------------------

#: Inputs built to make a regex backtrack, a recursion go deep or a loop go quadratic.
#: Built lazily: some are a few MB.
ADVERSARIAL = {
    "run-a": lambda: "a" * 1_000_000,
    "run-9": lambda: "9" * 1_000_000,
    "run-space": lambda: " " * 1_000_000,
    "run-dot": lambda: "." * 1_000_000,
    "run-bar": lambda: "|" * 1_000_000,
    "run-slash": lambda: "/" * 1_000_000,
    "run-e-acute": lambda: "é" * 1_000_000,
    "run-replacement": lambda: "\ufffd" * 1_000_000,
    "run-newline": lambda: "\n" * 500_000,
    "run-lt": lambda: "<" * 500_000,
    "run-han": lambda: "中" * 500_000,
    "run-nel": lambda: "\x85" * 500_000,
    "run-emoji": lambda: "😀" * 200_000,
    "nested-parens": lambda: "(" * 100_000 + ")" * 100_000,
    "nested-brackets": lambda: "[" * 100_000 + "]" * 100_000,
    "nested-brackets-x": lambda: "[" * 100_000 + "x" + "]" * 100_000,
    "open-brackets": lambda: "[" * 100_000,
    "nested-braces": lambda: "{" * 100_000 + "}" * 100_000,
    "open-mixed": lambda: "[{(" * 100_000,
    "open-quotes": lambda: "„" * 100_000 + ". Next sentence here",
    "open-string": lambda: '"' + "x" * 1_000_000,
    "combining-e-300k": lambda: "e" + "\u0301" * 300_000,
    "combining-e-500k": lambda: "e" + "\u0301" * 500_000,
    "combining-a-500k": lambda: "a" + "\u0301" * 500_000,
    "combining-camel": lambda: "ab\u0301C" * 200_000,
    "aB": lambda: "aB" * 500_000,
    "Ab": lambda: "Ab" * 500_000,
    "A-b": lambda: "A b" * 300_000,
    "a-dot": lambda: "a." * 500_000,
    "a-dot-space": lambda: "a. " * 300_000,
    "space-comma": lambda: " ," * 500_000,
    "quote-space": lambda: "„ " * 300_000,
    "cjk-space": lambda: "東 " * 300_000,
    "of": lambda: "of " * 300_000,
    "the": lambda: "the " * 250_000,
    "the-cat": lambda: "the cat " * 120_000,
    "x-newline": lambda: "x\n" * 300_000,
    "bar-chain": lambda: " | a" * 250_000,
    "privacy-policy": lambda: "Privacy Policy " * 60_000,
    "copyright": lambda: "© " * 400_000,
    "digit-space": lambda: "1 " * 400_000,
    "byline-long": lambda: "By " + "A" * 1_000_000,
    "byline-rep": lambda: "By A 2024 " * 100_000,
    "digits-then-word": lambda: "11" * 500_000 + "Abc",
    "json-keys": lambda: '"a":' * 250_000,
    "mojibake-latin1": lambda: "Ã©" * 500_000,
    "mojibake-cyrillic": lambda: "Ð¡Ð¾Ñ„ word " * 50_000,
    "anchor-tags": lambda: '<a href="x">' * 80_000,
    "base64": lambda: "QUJD" * 250_000,
}
#: The language each family is run in on adversarial input (default "und").
ADVERSARIAL_LANG = {"boilerplate": "en", "truncation": "en", "textstats": "en"}


@pytest.mark.parametrize("module", FAMILIES, ids=FAMILY_IDS)
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_adversarial_inputs_finish(module, kind):
    check_signals(module, ADVERSARIAL[kind](), ADVERSARIAL_LANG.get(_short(module), "und"))


# --- seed page ------------------------------------------------------------------------------

@pytest.mark.parametrize("module", WITH_CASES, ids=WITH_CASES_IDS)
def test_seed_clean_lines_are_quiet(module):
    for lab, line in seed_rows():
        if not lab["labels"] and not lab["ambiguous"]:
            assert module.signals(line, "bg").spans == (), lab["line"]
