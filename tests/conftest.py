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
