"""Documents in, scored paragraphs out: the streaming core every entry point uses.

``score_documents`` segments documents, counts cross-corpus repetition,
batches documents, maps ``score_batch`` over the batches with an engine and
yields ``(Document, [ParagraphScore, ...])`` in input order.

>>> from qa.records import Document
>>> docs = [Document("a", "Fine text here.\\n\\nAnother paragraph .")]
>>> for doc, scores in score_documents(docs, segment="auto"):   # doctest: +SKIP
...     print(doc.id, [s.labels for s in scores])
a [(), ('spacing',)]
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from qa.context import RepeatCounter
from qa.engines.local import map_batches
from qa.lang import UNDETERMINED, detect
from qa.records import Document, Paragraph, ParagraphScore
from qa.segment import segment as split

__all__ = ["ScoreOptions", "score_documents", "score_batch", "DocBatch"]

#: A batch: documents with their paragraphs and each paragraph's repeat count.
DocBatch = list[tuple[Document, list[Paragraph], list[int]]]


@dataclass(frozen=True)
class ScoreOptions:
    """How to score: segmentation, model, parallelism and batch size."""

    segment: str = "auto"
    model: str | None = None
    workers: int = 1
    batch_chars: int = 2_000_000
    batch_docs: int = 2000


_SCORER = {}


def _init_worker(model: str | None) -> None:
    """Load the model once per process (keyed by path; results never depend on it)."""
    from qa.model.scorer import Scorer

    if model not in _SCORER:
        _SCORER[model] = Scorer.load(model)


def _scorer(model: str | None):
    _init_worker(model)
    return _SCORER[model]


def score_batch(batch: DocBatch, model: str | None = None) -> list[list[ParagraphScore]]:
    """Score one batch; the function every engine maps."""
    paragraphs, langs, repeats, sizes = [], [], [], []
    for doc, paras, reps in batch:
        doc_lang = detect(doc.text) if paras else UNDETERMINED
        for p in paras:
            langs.append(detect(p.text, fallback=doc_lang))
        paragraphs.extend(paras)
        repeats.extend(reps)
        sizes.append(len(paras))
    scores = _scorer(model).score_paragraphs(paragraphs, langs, repeats) if paragraphs else []
    out, at = [], 0
    for n in sizes:
        out.append(scores[at : at + n])
        at += n
    return out


class _Batcher:
    """Groups documents into batches and counts repetition as they pass."""

    def __init__(self, options: ScoreOptions):
        self.options = options
        self.repeats = RepeatCounter()

    def batches(self, docs: Iterable[Document]) -> Iterator[DocBatch]:
        pending: list[tuple[Document, list[Paragraph]]] = []
        chars = 0
        for doc in docs:
            paras = list(split(doc, self.options.segment))
            pending.append((doc, paras))
            chars += len(doc.text)
            if chars >= self.options.batch_chars or len(pending) >= self.options.batch_docs:
                yield self._finish(pending)
                pending, chars = [], 0
        if pending:
            yield self._finish(pending)

    def _finish(self, pending) -> DocBatch:
        # Count this batch before scoring it, so a footer repeated within the
        # first batch is already known as repeated.
        self.repeats.observe(p.text for _, paras in pending for p in paras)
        return [(doc, paras, [self.repeats.count(p.text) for p in paras]) for doc, paras in pending]


def _score_batch_default(batch: DocBatch) -> list[list[ParagraphScore]]:
    return score_batch(batch, _DEFAULT_MODEL[0])


_DEFAULT_MODEL: list = [None]


def _init_pool(model: str | None, single_thread: bool = False) -> None:
    if single_thread:
        # Several worker processes share the cores: one BLAS/OpenMP thread each,
        # or scikit-learn's thread pools oversubscribe the machine.
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    _DEFAULT_MODEL[0] = model
    _init_worker(model)


def score_documents(
    docs: Iterable[Document], options: ScoreOptions | None = None, **kwargs
) -> Iterator[tuple[Document, list[ParagraphScore]]]:
    """Yield each document with its paragraph scores, in input order."""
    options = options or ScoreOptions(**kwargs)
    batcher = _Batcher(options)
    workers = options.workers if options.workers > 0 else (os.cpu_count() or 1)
    batches = batcher.batches(docs)
    staged: list[DocBatch] = []

    def tracked():
        for b in batches:
            staged.append(b)
            yield b

    results = map_batches(
        _score_batch_default, tracked(), workers=workers, initializer=_init_pool, initargs=(options.model, workers > 1)
    )
    for scores in results:
        batch = staged.pop(0)
        for (doc, _paras, _reps), doc_scores in zip(batch, scores):
            yield doc, doc_scores
