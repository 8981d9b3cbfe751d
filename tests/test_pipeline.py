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
