"""Cross-corpus repetition counting."""

from qa.context import RepeatCounter, repeat_key


def test_normalisation_ignores_case_digits_and_spacing():
    assert repeat_key("Comments (12)") == repeat_key("comments   (3)")
    assert repeat_key("Comments") != repeat_key("Comment")


def test_counts_and_bounded_memory():
    rc = RepeatCounter(max_keys=2)
    rc.observe(["a", "b", "c", "a"])
    assert rc.count("a") == 2
    assert rc.count("b") == 1
    assert rc.count("c") == 0  # past the key budget only known keys count
    assert len(rc) == 2
