"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from qa.model.dataset import frame_from_rows
from qa.model.store import save_model
from qa.model.train import TrainOptions, train_model

#: A handful of labelled rows: enough to train a tiny, real model quickly.
TINY_ROWS = [
    {"text": "The council met on Tuesday and agreed to rebuild the pier.", "labels": [], "lang": "en"},
    {"text": "Residents will be told about road closures by letter.", "labels": [], "lang": "en"},
    {"text": "La mairie a inauguré samedi trois pistes cyclables.", "labels": [], "lang": "fr"},
    {"text": "The new pier will be longer , and it will take larger boats .", "labels": ["spacing"], "lang": "en"},
    {"text": "Work starts in spring , the mayor said .", "labels": ["spacing"], "lang": "en"},
    {"text": 'window.__STATE__ = {"page":{"id":"n-1"},"ads":{"slot":"mpu"}}', "labels": ["leaked_code"], "lang": "en"},
    {"text": "Privacy policy | Cookie settings | Terms of use", "labels": ["boilerplate"], "lang": "en"},
    {"text": "Ã©tÃ© chaud Ã  Paris, câ€™est la vie", "labels": ["mojibake"], "lang": "fr"},
] * 6


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """A real model trained in seconds on ``TINY_ROWS`` (not the shipped model)."""
    frame = frame_from_rows(TINY_ROWS)
    pipeline, manifest = train_model(frame, frame, TrainOptions(max_iter=10, workers=1), log=lambda *a: None)
    out = tmp_path_factory.mktemp("tiny-model")
    save_model(pipeline, manifest, out, card="# Tiny test model\n\nTrained on a few written rows.\n")
    return out


@pytest.fixture(scope="session")
def tiny_context_model_dir(tmp_path_factory):
    """Like ``tiny_model_dir``, but scoring with document context (page position, neighbours)."""
    # each copy of the eight rows is one page, in order: position means something
    rows = [dict(r, doc_id=f"page{i // 8}", pos=i % 8) for i, r in enumerate(TINY_ROWS)]
    frame = frame_from_rows(rows)
    opts = TrainOptions(max_iter=10, workers=1, document_context=True, drop_context_share=0.0, sparse_context_share=0.0)
    pipeline, manifest = train_model(frame, frame, opts, log=lambda *a: None)
    out = tmp_path_factory.mktemp("tiny-context-model")
    save_model(pipeline, manifest, out, card="# Tiny test model with document context\n\nTrained on a few written rows.\n")
    return out
