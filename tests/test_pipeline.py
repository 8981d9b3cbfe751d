"""The streaming core: order, completeness, context and engines agree."""

import pandas as pd

from qa.model.scorer import Scorer
from qa.pipeline import ScoreOptions, score_documents
from qa.records import Document

DOCS = [
    Document(f"d{i}", text)
    for i, text in enumerate(
        [
            "Harbour town votes.\n\nThe council met on Tuesday , and agreed to rebuild the pier .\n\nPrivacy policy | Terms of use",
            "",
            "One line only, and it is fine.",
            'Intro.\n\nwindow.__STATE__ = {"page":{"id":"n-1"},"ads":{"slot":"mpu"}}',
        ]
        * 5
    )
]


def run(model, workers, **kw):
    options = ScoreOptions(model=str(model), workers=workers, batch_docs=3, **kw)
    return [(doc.id, [(s.paragraph.index, round(s.score, 6), s.labels) for s in scores]) for doc, scores in score_documents(DOCS, options)]


def test_every_document_once_in_order(tiny_model_dir):
    out = run(tiny_model_dir, 1)
    assert [doc_id for doc_id, _ in out] == [d.id for d in DOCS]
    assert [len(p) for _, p in out][:4] == [3, 0, 1, 2]


def test_process_pool_gives_identical_results(tiny_model_dir):
    assert run(tiny_model_dir, 1) == run(tiny_model_dir, 2)


def test_segment_none_scores_whole_records(tiny_model_dir):
    out = run(tiny_model_dir, 1, segment="none")
    assert [len(p) for _, p in out][:4] == [1, 0, 1, 1]


def test_score_frame_pandas_in_pandas_out(tiny_model_dir):
    scorer = Scorer.load(tiny_model_dir)
    frame = pd.DataFrame({"id": [1, 2], "text": ["Fine text here.", "Bad spacing , here ."]})
    out = scorer.score_frame(frame)
    assert list(out["id"]) == [1, 2]
    assert {"score", "labels", "lang", "p_spacing", "evidence"} <= set(out.columns)
    assert out["score"].between(0, 1).all()
    assert any(e[2] == "spacing" for e in out["evidence"][1])


PAGE = [
    "Harbour town votes to rebuild the pier",
    "The council met on Tuesday and agreed to rebuild the pier before the summer season.",
    "Work starts in spring , the mayor said .",
    "Privacy policy | Terms of use | Contact",
    'window.__STATE__ = {"page":{"id":"n-1"}}',
]


def page_records(order, page="p1"):
    return [Document(f"r{i}", PAGE[i], meta={"doc_id": page, "pos": i}) for i in order]


def scores_by_text(docs, model, **kw):
    options = ScoreOptions(segment="none", workers=1, model=str(model), **kw)
    return {doc.text: (round(s[0].score, 6), s[0].labels) for doc, s in score_documents(docs, options)}


def test_records_of_one_page_score_like_the_page_as_one_document(tiny_context_model_dir):
    model = tiny_context_model_dir
    page_doc = Document("page", "\n".join(PAGE))
    ((_, whole),) = list(score_documents([page_doc], ScoreOptions(segment="line", workers=1, model=str(model))))
    expected = {s.paragraph.text: (round(s.score, 6), s.labels) for s in whole}
    assert scores_by_text(page_records(range(5)), model) == expected
    # Shuffled rows, mixed with another page's, are put back in page order by "pos".
    other = [Document("x", "Another page entirely.", meta={"doc_id": "p2", "pos": 0})]
    mixed = page_records([3, 0]) + other + page_records([4, 1, 2])
    got = scores_by_text(mixed, model)
    assert {t: got[t] for t in PAGE} == expected


def test_page_grouping_can_be_switched_off(tiny_context_model_dir):
    model = tiny_context_model_dir
    grouped = scores_by_text(page_records(range(5)), model)
    alone = scores_by_text(page_records(range(5)), model, page_field=None)
    singles = {d.text: v for d in page_records(range(5)) for v in scores_by_text([d], model).values()}
    assert alone == singles
    assert grouped != alone  # context changes some scores


def test_a_model_without_document_context_scores_page_records_alone(tiny_model_dir):
    grouped = scores_by_text(page_records(range(5)), tiny_model_dir)
    assert grouped == scores_by_text(page_records(range(5)), tiny_model_dir, page_field=None)


def test_records_without_a_position_are_scored_alone(tiny_context_model_dir):
    model = tiny_context_model_dir
    unordered = [Document(f"r{i}", t, meta={"doc_id": "p1"}) for i, t in enumerate(PAGE)]
    assert scores_by_text(unordered, model) == scores_by_text(unordered, model, page_field=None)


def test_a_declared_language_is_used_for_short_paragraphs(tiny_model_dir):
    # "Contact : 12" is too short to identify; the record says it is French, where a
    # space before ":" is correct typography, so no spacing evidence may fire
    docs = [Document("a", "Contact : 12", meta={"lang": "fr"}), Document("b", "Contact : 12", meta={"lang": "en"})]
    options = ScoreOptions(segment="none", workers=1, model=str(tiny_model_dir))
    got = {doc.id: scores[0] for doc, scores in score_documents(docs, options)}
    assert got["a"].lang == "fr" and got["b"].lang == "en"
    assert not any(s.label == "spacing" for s in got["a"].evidence)
    assert any(s.label == "spacing" for s in got["b"].evidence)
    # switched off, the language is detected
    from qa.lang import detect

    options = ScoreOptions(segment="none", workers=1, model=str(tiny_model_dir), lang_field=None)
    assert [s[0].lang for _, s in score_documents(docs, options)] == [detect("Contact : 12")] * 2


def test_a_page_spread_over_many_batches_is_scored_whole_and_in_input_order(tiny_context_model_dir):
    """A shuffled file: a page's records lie more than a batch apart. Windows of
    records are cut into batches of whole pages, and results come back in input order."""
    model = tiny_context_model_dir
    fillers = [Document(f"f{i}", f"Filler record number {i} of another page.", meta={"doc_id": f"q{i}", "pos": 0})
               for i in range(12)]
    spread = page_records([3]) + fillers[:6] + page_records([0, 4]) + fillers[6:] + page_records([1, 2])
    options = ScoreOptions(segment="none", workers=1, model=str(model), batch_docs=6)
    out = list(score_documents(spread, options))
    assert [doc.id for doc, _ in out] == [d.id for d in spread]
    got = {doc.text: (round(s[0].score, 6), s[0].labels) for doc, s in out}
    assert {t: got[t] for t in PAGE} == scores_by_text(page_records(range(5)), model)
    # with a window too small to hold the page, it is scored in parts (and still in order)
    small = ScoreOptions(segment="none", workers=1, model=str(model), batch_docs=6, window_docs=4)
    parts = list(score_documents(spread, small))
    assert [doc.id for doc, _ in parts] == [d.id for d in spread]
    assert {doc.text: (round(s[0].score, 6), s[0].labels) for doc, s in parts if doc.text in PAGE} != {
        t: got[t] for t in PAGE}


def test_a_page_larger_than_a_batch_is_scored_in_batch_sized_parts(tiny_model_dir):
    """Memory stays bounded by the batch size: a page of 7 records with batch_docs=3
    is scored in parts of at most 3 records, every record once, in input order."""
    from qa.pipeline import _Batcher

    docs = [Document(f"r{i}", f"Line {i} of a long page.", meta={"doc_id": "big", "pos": i}) for i in range(7)]
    batches = list(_Batcher(ScoreOptions(batch_docs=3)).batches(docs))
    assert [len(b) for b, _ in batches] == [3, 3, 1]
    assert sorted(i for _, order in batches for i in order) == list(range(7))
    options = ScoreOptions(segment="none", workers=1, model=str(tiny_model_dir), batch_docs=3)
    assert [doc.id for doc, _ in score_documents(docs, options)] == [d.id for d in docs]
