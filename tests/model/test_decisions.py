"""Decisions chosen on development rows: span support, decisive rules, budgets, language thresholds."""

import pytest
import numpy as np

from qa.labels import LABELS
from qa.model.decisions import Fired, _decided, choose_span_support, fit_union, fpr_groups


def synthetic(n=2000, seed=0):
    rng = np.random.default_rng(seed)
    defective = rng.uniform(0, 1, n) < 0.5
    P = np.clip(rng.normal(0.3, 0.15, (n, 6)) + 0.4 * defective[:, None] * (rng.uniform(0, 1, (n, 6)) < 0.3), 0, 1)
    return P, P.max(axis=1), defective


def test_fit_union_keeps_clean_false_alarms_under_the_cap_per_language():
    P, p_any, defective = synthetic()
    langs = np.where(np.arange(len(P)) % 2 == 0, "en", "fr")
    S = Fired(np.zeros_like(P, dtype=bool), LABELS)
    thresholds = {name: 0.5 for name in (*LABELS, "any")}
    rules = {label: 1.0 for label in LABELS}
    before = _decided(P, p_any, S, thresholds, rules)
    groups = fpr_groups(~defective, langs, np.zeros(len(P), bool), 0.05, 0.01, min_lang_clean=100)
    t, r = fit_union(P, p_any, S, groups, thresholds, rules, defective=defective)
    after = _decided(P, p_any, S, t, r)
    for lang in ("en", "fr"):
        clean = ~defective & (langs == lang)
        assert (after & clean).sum() / clean.sum() <= 0.05
    assert (before & ~defective).mean() > 0.2  # it had work to do
    assert (after & defective).sum() / defective.sum() > 0.5  # and kept recall


def test_span_support_adopted_only_when_it_helps():
    n = 400
    Y = np.zeros((n, 6), dtype=bool)
    Y[:100, 1] = True  # boilerplate rows
    K = np.ones_like(Y)
    P = np.full((n, 6), 0.1)
    M = np.zeros_like(Y)
    M[:80, 1] = True  # the span finds most boilerplate rows, never a clean one
    M[100:200, 2] = True  # the splice span fires on clean rows only
    S = Fired(M, LABELS)
    thresholds = {label: 0.5 for label in LABELS}
    clean = ~Y.any(axis=1)
    caps = {label: 0.05 for label in LABELS}
    support = choose_span_support(Y, K, P, S, thresholds, clean, caps)
    assert support["boilerplate"] < 1.0
    assert support["spliced"] == 1.0


def test_fit_union_holds_edited_text_to_its_own_lower_cap():
    P, p_any, defective = synthetic(seed=1)
    langs = np.full(len(P), "en")
    edited = np.arange(len(P)) % 3 == 0
    S = Fired(np.zeros_like(P, dtype=bool), LABELS)
    thresholds = {name: 0.5 for name in (*LABELS, "any")}
    rules = {label: 1.0 for label in LABELS}
    groups = fpr_groups(~defective, langs, edited, 0.06, 0.01, min_lang_clean=100, min_lang_edited=100)
    t, r = fit_union(P, p_any, S, groups, thresholds, rules, defective=defective)
    after = _decided(P, p_any, S, t, r)
    scraped, kept = ~defective & ~edited, ~defective & edited
    assert (after & kept).sum() / kept.sum() <= 0.01
    assert (after & scraped).sum() / scraped.sum() <= 0.06


def test_a_precise_rule_gets_support_where_its_label_does_not():
    n = 1000
    Y = np.zeros((n, 6), dtype=bool)
    Y[:200, 2] = True  # spliced rows
    K = np.ones_like(Y)
    P = np.full((n, 6), 0.1)
    P[:100, 2] = 0.9  # half the splices are found by the model
    keys = ("spliced", "spliced/byline", "spliced/glue_lower")
    M = np.zeros((n, 3), dtype=bool)
    M[150:200, 1] = True  # the byline rule finds missed splices and nothing else
    M[400:600, 2] = True  # glue_lower fires on clean rows only
    M[:, 0] = M[:, 1] | M[:, 2]
    thresholds = {label: 0.5 for label in LABELS}
    clean = ~Y.any(axis=1)
    caps = {label: 0.05 for label in LABELS}
    support = choose_span_support(Y, K, P, Fired(M, keys), thresholds, clean, caps)
    assert support["spliced"] == 1.0  # the label as a whole fires on too many clean rows
    assert support["spliced/byline"] == 0.0
    assert "spliced/glue_lower" not in support
    pred = _decided(P, P.max(axis=1), Fired(M, keys), dict(thresholds, any=0.95), support)
    assert pred[150:200].all() and not pred[400:600].any()


def test_decisive_rules_need_volume_precision_and_silence_on_clean_text():
    from qa.model.decisions import decisive_rules, rule_statistics

    n = 2000
    Y = np.zeros((n, 6), dtype=bool)
    Y[:300, 2] = True  # spliced
    K = np.ones_like(Y)
    keys = ("spliced/byline", "spliced/rare", "spliced/noisy", "spliced/loose")
    M = np.zeros((n, 4), dtype=bool)
    M[:40, 0] = True  # precise, frequent, silent on clean rows
    M[:5, 1] = True  # precise but too rare to trust
    M[:40, 2] = True
    M[1000:1010, 2] = True  # fires on 10 clean rows of 1700
    M[:40, 3] = True
    M[300:1000:100, 3] = True  # would be fine on clean rows but its precision is 40/47
    got = decisive_rules(rule_statistics(Fired(M, keys), Y, K))
    assert list(got) == ["spliced/byline"]
    assert got["spliced/byline"]["precision"] == 1.0


def _evidence_in_every_row(n: int) -> Fired:
    """Every row carries a span of each label that needs one (``UNSUPPORTED_FLOORS``),
    so that thresholds alone decide."""
    from qa.model.decisions import UNSUPPORTED_FLOORS

    return Fired.from_key_sets([frozenset(UNSUPPORTED_FLOORS)] * n)


def _two_languages(seed: int, other: str, label: str, defect=(0.3, 0.45), other_clean=0.1, en_clean=(0.0, 0.45),
                   n: int = 1200):
    """Rows alternating en / ``other``, 30% of them with ``label``, and a score for
    ``label``: defects uniform in ``defect``, ``other``'s clean rows at ``other_clean``,
    en's clean rows uniform in ``en_clean``. Returns ``(langs, Y, K, clean, score)``."""
    rng = np.random.default_rng(seed)
    langs = np.array(["en", other] * (n // 2))
    j = LABELS.index(label)
    Y = np.zeros((n, 6), dtype=bool)
    Y[rng.uniform(size=n) < 0.3, j] = True
    score = np.where(Y[:, j], rng.uniform(*defect, n), np.where(langs == other, other_clean, rng.uniform(*en_clean, n)))
    return langs, Y, np.ones_like(Y), ~Y.any(axis=1), score


def test_a_language_gets_a_lower_threshold_only_where_its_clean_rows_allow():
    from qa.model.decisions import choose_language_thresholds

    # bg spacing defects score 0.3-0.45; bg clean rows stay low; en clean rows reach 0.45.
    langs, Y, K, clean, score = _two_languages(3, "bg", "spacing")
    n = len(langs)
    P = np.full((n, 6), 0.05)
    P[:, 3] = score
    thresholds = dict({label: 0.5 for label in LABELS}, any=0.99)
    fired = _evidence_in_every_row(n)
    groups = fpr_groups(clean, langs, np.zeros(n, bool), 0.05, 0.02, min_lang_clean=50)
    caps = {label: 0.02 for label in LABELS}
    got = choose_language_thresholds(P, P.max(axis=1), fired, Y, K, clean, langs, thresholds, {}, groups, caps)
    assert got.get("en", {}).get("spacing", 0.5) >= 0.44  # en clean rows reach 0.45: little room
    assert 0.29 <= got["bg"]["spacing"] <= 0.31  # bg clean rows stay at 0.1: down to the floor
    # a floor of 0.7 x the global threshold stops bg at 0.35
    got = choose_language_thresholds(P, P.max(axis=1), fired, Y, K, clean, langs, thresholds, {}, groups, caps, floor=0.7)
    assert got["bg"]["spacing"] == pytest.approx(0.35, abs=0.01)
    # a lower threshold must buy F1: en's small gain does not pay, bg's (F1 0 -> 1) does
    got = choose_language_thresholds(P, P.max(axis=1), fired, Y, K, clean, langs, thresholds, {}, groups, caps,
                                     min_gain=0.5)
    assert "en" not in got and got["bg"]["spacing"] == pytest.approx(0.30, abs=0.01)
    got = choose_language_thresholds(P, P.max(axis=1), fired, Y, K, clean, langs, thresholds, {}, groups, caps,
                                     min_gain=1.01)
    assert got == {}  # no gain can reach that


def test_splice_and_spacing_evidence_inside_code_or_mojibake_is_explained_away():
    from features.spans import Span
    from qa.model.decisions import explained, span_keys

    glue_in_footer = Span(0, 10, "spliced", "glue_script")
    code = Span(20, 80, "leaked_code", "code_region")
    comma_in_code = Span(30, 32, "spacing", "before_punct")
    cut = Span(78, 80, "truncated", "end_open_string")
    keys = span_keys((glue_in_footer, code, comma_in_code, cut))
    assert "spliced/glue_script" in keys and "truncated/end_open_string" in keys
    assert "spacing" not in keys and "spacing/before_punct" not in keys
    # in a mis-decoded paragraph no splice or spacing span supports a label
    mojibake = Span(3, 5, "mojibake", "utf8_as_cp1252")
    assert explained((glue_in_footer, mojibake)) == (mojibake,)
    # without code or mojibake nothing is dropped
    assert explained((glue_in_footer, comma_in_code)) == (glue_in_footer, comma_in_code)


def test_scorer_gives_no_span_support_to_splice_evidence_inside_code():
    from features.spans import Span
    from qa.model.scorer import Scorer

    scorer = Scorer.__new__(Scorer)
    scorer.thresholds = dict({label: 0.5 for label in LABELS}, any=0.99)
    scorer.language_thresholds = {}
    scorer.span_support = {"spliced/glue_lower": 0.0}
    probs = np.full(len(LABELS), 0.1)
    glue = Span(30, 35, "spliced", "glue_lower")
    assert scorer.decide(probs, 0.1, (glue,)) == ("spliced",)
    assert scorer.decide(probs, 0.1, (glue, Span(20, 80, "leaked_code", "code_region"))) == ()
    assert scorer.decide(probs, 0.1, (glue, Span(0, 10, "leaked_code", "code_region"))) == ("spliced",)


def test_splices_and_spacing_need_their_own_evidence_and_truncation_a_confident_model():
    """A label of ``UNSUPPORTED_FLOORS`` without a span of its own is given only from its
    floor, whatever its threshold; the scorer and the tuning's vectorised decisions agree."""
    from features.spans import Span
    from qa.model.decisions import UNSUPPORTED_FLOORS, _with_support
    from qa.model.scorer import Scorer

    scorer = Scorer.__new__(Scorer)
    scorer.thresholds = dict({label: 0.3 for label in LABELS}, any=0.99)
    scorer.language_thresholds, scorer.context_thresholds, scorer.span_support = {}, {}, {}
    cut = UNSUPPORTED_FLOORS["truncated"]
    rows = [
        # (probability of every label, spans) -> labels given
        (0.95, (), ("leaked_code", "boilerplate", "truncated", "mojibake")),
        (cut - 0.05, (), ("leaked_code", "boilerplate", "mojibake")),
        (0.5, (Span(0, 3, "spliced", "glue_word"), Span(5, 6, "spacing", "cjk_space")),
         ("leaked_code", "boilerplate", "spliced", "mojibake")),  # (leaked code is not judged for spacing)
        # a code blob's end is the model's call: leaked code supports truncation
        (0.5, (Span(0, 9, "leaked_code", "code_blob"),), ("leaked_code", "boilerplate", "truncated", "mojibake")),
    ]
    fired = Fired.from_spans([spans for _, spans, _ in rows])
    P = np.array([[p] * len(LABELS) for p, _, _ in rows])
    pred = _with_support(P, fired, scorer.thresholds, {})
    for i, (p, spans, want) in enumerate(rows):
        assert scorer.decide(P[i], 0.0, spans) == want, (p, spans)
        assert tuple(label for label, on in zip(LABELS, pred[i]) if on) == want, (p, spans)
    spacing = (Span(5, 6, "spacing", "cjk_space"),)
    assert scorer.decide(np.array([0.1, 0.1, 0.1, 0.5, 0.1, 0.1]), 0.0, spacing) == ("spacing",)
    # a space before "?" is weak evidence: alone it supports no spacing flag, with a
    # space before a comma it does
    weak = (Span(5, 7, "spacing", "spaced_mark"),)
    assert scorer.decide(np.array([0.1, 0.1, 0.1, 0.5, 0.1, 0.1]), 0.0, weak) == ()
    both = weak + (Span(9, 11, "spacing", "before_comma"),)
    assert scorer.decide(np.array([0.1, 0.1, 0.1, 0.5, 0.1, 0.1]), 0.0, both) == ("spacing",)
    # only the any-defect score passing: the strongest label with evidence
    assert scorer.decide(np.array([0.0, 0.1, 0.9, 0.0, 0.0, 0.0]), 1.0, ()) == ("boilerplate",)


def test_a_lower_truncation_threshold_needs_scraped_clean_rows_of_the_language():
    from qa.model.decisions import choose_language_thresholds

    langs, Y, K, clean, score = _two_languages(4, "zh", "truncated")
    n = len(langs)
    P = np.full((n, 6), 0.05)
    P[:, LABELS.index("truncated")] = score
    thresholds = dict({label: 0.5 for label in LABELS}, any=0.99)
    fired = _evidence_in_every_row(n)
    edited = langs == "zh"  # zh clean rows are all treebank text
    groups = fpr_groups(clean, langs, edited, 0.05, 0.02, min_lang_clean=50, min_lang_edited=50)
    caps = {label: 0.02 for label in LABELS}
    args = (P, P.max(axis=1), fired, Y, K, clean, langs, thresholds, {}, groups, caps)
    assert "truncated" in choose_language_thresholds(*args, edited=edited).get("zh", {})
    assert "zh" not in choose_language_thresholds(*args, edited=edited, scraped_labels=("truncated",))
    # when most zh clean rows are scraped text, they can check it: the lower threshold is allowed again
    edited_quarter = edited & (np.arange(n) % 4 == 0)
    got = choose_language_thresholds(*args, edited=edited_quarter, scraped_labels=("truncated",))
    assert "truncated" in got.get("zh", {})


def test_a_language_gets_its_own_any_defect_threshold_only_where_its_clean_rows_allow():
    from qa.model.decisions import any_thresholds, choose_language_thresholds

    # bg defects score 0.6-0.75 for any defect; bg clean rows stay at 0.3; en clean rows reach 0.74.
    langs, Y, K, clean, p_any = _two_languages(5, "bg", "boilerplate", (0.6, 0.75), 0.3, (0.2, 0.74))
    n = len(langs)
    P = np.full((n, 6), 0.05)  # no label passes its threshold: only the any-defect score decides
    thresholds = dict({label: 0.5 for label in LABELS}, any=0.75)
    fired = Fired(np.zeros((n, 0), dtype=bool), ())
    groups = fpr_groups(clean, langs, np.zeros(n, bool), 0.05, 0.02, min_lang_clean=50)
    caps = dict({label: 0.02 for label in LABELS}, any=0.05)
    args = (P, p_any, fired, Y, K, clean, langs, thresholds, {}, groups, caps)
    assert choose_language_thresholds(*args) == {}  # off unless asked
    got = choose_language_thresholds(*args, with_any=True, floor=0.6)
    assert got["bg"]["any"] == pytest.approx(0.6, abs=0.01)  # bg clean rows allow the floor
    assert got.get("en", {}).get("any", 0.75) >= 0.72  # en clean rows reach 0.74: little room
    T = any_thresholds(thresholds, n, langs, got)
    assert (T[langs == "bg"] == got["bg"]["any"]).all()
    # bg's clean rows are all treebank text here: with "any" a scraped label, nothing is lowered for bg
    edited = langs == "bg"
    groups = fpr_groups(clean, langs, edited, 0.05, 0.02, min_lang_clean=50, min_lang_edited=50)
    args = (P, p_any, fired, Y, K, clean, langs, thresholds, {}, groups, caps)
    assert "bg" not in choose_language_thresholds(*args, with_any=True, floor=0.6, edited=edited,
                                                  scraped_labels=("any",))


def test_scorer_uses_the_language_any_defect_threshold():
    from qa.model.scorer import Scorer

    scorer = Scorer.__new__(Scorer)
    scorer.thresholds = dict({label: 0.5 for label in LABELS}, any=0.75)
    scorer.language_thresholds = {"bg": {"any": 0.6}}
    scorer.span_support = {}
    probs = np.array([0.05, 0.3, 0.05, 0.05, 0.05, 0.05])
    assert scorer.decide(probs, 0.65, (), "bg") == ("boilerplate",)
    assert scorer.decide(probs, 0.65, (), "en") == ()


def test_a_label_lowered_with_page_context_is_chosen_together_with_the_any_defect_threshold():
    """``lower_for_target(any_for=...)``: an edited row flagged by the any-defect score
    alone would block a lowering that flags another edited row; chosen together, the
    any-defect threshold rises past the first (as the raise after it would) and the
    lowering that finds the target's defects goes through."""
    from qa.model.decisions import Fired, lower_for_target, raise_any_threshold

    j = LABELS.index("boilerplate")
    P = np.full((14, len(LABELS)), 0.01)
    P[:4, j] = [0.55, 0.55, 0.3, 0.3]  # target rows: two defects, two clean
    P[4:, j] = 0.1
    P[5, j] = 0.56  # an edited row the lowering flags
    p_any = np.full(14, 0.1)
    p_any[4] = 0.78  # an edited row the any-defect score alone flags
    target = np.arange(14) < 4
    defective = np.array([1, 1] + [0] * 12, bool)
    groups = [(~target, 0.1)]
    t = {**{label: 0.6 for label in LABELS}, "any": 0.75}
    fired = Fired.from_key_sets([frozenset()] * 14)
    alone = lower_for_target(P, p_any, fired, t, {}, "boilerplate", target, defective, 0.5, groups)
    assert alone == 0.6  # blocked: the edited rows would be flagged 2 of 10 against a cap of 1

    def any_for(thresholds, T):
        return raise_any_threshold(P, p_any, fired, thresholds, {}, groups, T)

    assert lower_for_target(P, p_any, fired, t, {}, "boilerplate", target, defective, 0.5, groups,
                            any_for=any_for) == 0.55


def test_rows_without_page_context_keep_their_thresholds_when_context_ones_are_chosen():
    """A one-paragraph document has no page context: the scorer gives it the thresholds
    of rows alone, so the choice of context thresholds must too (``follows`` and
    ``applies``): a clean edited row alone on its page neither blocks the lowering of
    a label nor raises the any-defect threshold of rows with context."""
    from qa.model.decisions import Fired, lower_for_target, raise_any_threshold

    j = LABELS.index("boilerplate")
    P = np.full((14, len(LABELS)), 0.01)
    P[:4, j] = [0.55, 0.55, 0.3, 0.3]
    P[4:, j] = 0.1
    P[5, j] = 0.56  # edited, but alone on its page: its threshold stays 0.6
    p_any = np.full(14, 0.1)
    in_context = np.ones(14, bool)
    in_context[5] = False
    target = np.arange(14) < 4
    defective = np.array([1, 1] + [0] * 12, bool)
    groups = [(~target, 0.05)]
    t = {**{label: 0.6 for label in LABELS}, "any": 0.75}
    fired = Fired.from_key_sets([frozenset()] * 14)
    assert lower_for_target(P, p_any, fired, t, {}, "boilerplate", target, defective, 0.5, groups) == 0.6
    assert lower_for_target(P, p_any, fired, t, {}, "boilerplate", target, defective, 0.5, groups,
                            follows=in_context) == 0.55
    # the same row at any-defect 0.8, under its own threshold of rows alone (0.9)
    p_any[5] = 0.8
    assert raise_any_threshold(P, p_any, fired, t, {}, groups) == 1.0  # judged as in context: raised past it
    assert raise_any_threshold(P, p_any, fired, t, {}, groups, None, in_context, np.full(14, 0.9)) == 0.75


def test_a_paragraph_of_leaked_code_is_not_judged_for_spacing():
    """Once leaked code is given, spacing is not (``LABEL_EXCLUSIONS``): the scorer and
    the tuning's vectorised decisions agree, the reported spacing probability reads 0,
    and splices and truncation stay (the seed page's last line is code, glued footer
    links and a cut all at once)."""
    from features.spans import Span
    from qa.model.decisions import _with_support, reported_without_excluded
    from qa.model.scorer import Scorer

    scorer = Scorer.__new__(Scorer)
    scorer.thresholds = dict({label: 0.5 for label in LABELS}, any=0.99)
    scorer.language_thresholds, scorer.context_thresholds, scorer.span_support = {}, {}, {}
    spans = (Span(0, 2, "spacing", "before_punct"), Span(3, 6, "spliced", "glue_word"))
    code, prose = np.full(len(LABELS), 0.1), np.full(len(LABELS), 0.1)
    for label in ("leaked_code", "spacing", "spliced", "truncated"):
        code[LABELS.index(label)] = 0.9
    for label in ("spacing", "spliced"):
        prose[LABELS.index(label)] = 0.9
    assert scorer.decide(code, 0.0, spans) == ("leaked_code", "spliced", "truncated")
    assert scorer.decide(prose, 0.0, spans) == ("spliced", "spacing")
    pred = _with_support(np.array([code, prose]), Fired.from_spans([spans, spans]), scorer.thresholds, {})
    assert [tuple(label for label, on in zip(LABELS, row) if on) for row in pred] == [
        ("leaked_code", "spliced", "truncated"), ("spliced", "spacing")]
    shown = reported_without_excluded(code, ("leaked_code", "spliced", "truncated"))
    assert shown[LABELS.index("spacing")] == 0.0 and shown[LABELS.index("spliced")] == 0.9
