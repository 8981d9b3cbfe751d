"""Documents in, scored paragraphs out: the streaming core every entry point uses.

``score_documents`` segments documents, counts cross-corpus repetition,
batches documents, maps ``score_batch`` over the batches with an engine and
yields ``(Document, [ParagraphScore, ...])`` in input order.

Records that are pieces of one page (one paragraph per JSONL row, say) share
context (the packaged model reads it for boilerplate and the any-defect
score) when records of one batch carry the same page key in
``ScoreOptions.page_field`` (default ``doc_id``) and a number in ``pos_field``
(default ``pos``): their paragraphs are scored as one document, in ``pos``
order. Records without a position are scored alone (the order of a page's
pieces is what gives neighbours). Page records need not be adjacent: while the
first record carries a page key, records are read in windows of up to
``window_docs`` records / ``window_chars`` characters, and each window is cut
into batches of whole pages (results still come out in input order). A page
whose records fall in different windows, or that is larger than a batch, is
scored in parts.

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

import regex

from qa.context import RepeatCounter
from qa.engines.local import map_batches
from qa.lang import UNDETERMINED, detect
from qa.records import Document, Paragraph, ParagraphScore
from qa.segment import segment as split

__all__ = ["ScoreOptions", "score_documents", "score_batch", "DocBatch"]

#: A batch: documents with their paragraphs, each paragraph's repeat count, its
#: page context ``(page key, index in page, paragraphs in page, position in page)``
#: or None, and the language the record declares (``ScoreOptions.lang_field``) or None.
DocBatch = list[tuple[Document, list[Paragraph], list[int], list[tuple[str, int, int, float]] | None, str | None]]



@dataclass(frozen=True)
class ScoreOptions:
    """How to score: segmentation, model, parallelism and batch size."""

    segment: str = "auto"
    model: str | None = None
    workers: int = 1
    batch_chars: int = 2_000_000
    batch_docs: int = 2000
    #: Records held at once to keep a page's records in one batch (records with a page key only).
    window_docs: int = 100_000
    window_chars: int = 100_000_000
    #: Record field naming the page a record belongs to (None: no grouping).
    page_field: str | None = "doc_id"
    #: Record field giving the record's position in its page.
    pos_field: str = "pos"
    #: Record field declaring the record's language (an ISO 639 code such as
    #: ``fr`` or ``zh-Hant``): used for paragraphs too short to identify, and for
    #: the record as a whole (None: always detect).
    lang_field: str | None = "lang"


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
    paragraphs, langs, repeats, sizes, context = [], [], [], [], []
    # A page's language comes from the start of each of its records.
    page_text: dict[str, list[str]] = {}
    for doc, _, _, page, _ in batch:
        if page:
            page_text.setdefault(page[0][0], []).append(doc.text[:400])
    page_lang: dict[str, str] = {}
    for doc, paras, reps, page, declared in batch:
        if declared:
            doc_lang = declared
        elif page:
            key = page[0][0]
            if key not in page_lang:
                page_lang[key] = detect(" ".join(page_text[key])[:4000])
            doc_lang = page_lang[key]
        else:
            doc_lang = detect(doc.text) if paras else UNDETERMINED
        for p in paras:
            langs.append(detect(p.text, fallback=doc_lang))
        paragraphs.extend(paras)
        repeats.extend(reps)
        context.extend(page if page is not None else [(p.doc_id, p.index, p.count) for p in paras])
        sizes.append(len(paras))
    scorer = _scorer(model)
    scores = scorer.score_paragraphs(paragraphs, langs, repeats, context) if paragraphs else []
    out, at = [], 0
    for n in sizes:
        out.append(scores[at : at + n])
        at += n
    return out


def _packed(units: Iterable[list[int]], size: list[int], options: ScoreOptions) -> Iterator[list[int]]:
    """Consecutive ``units`` (lists of document indices) joined while the result stays
    within ``options.batch_docs`` documents and ``options.batch_chars`` characters
    (``size``: characters per document); a unit over the limits stays whole, alone.

    >>> list(_packed([[0], [1], [2]], [5, 5, 5], ScoreOptions(batch_docs=2)))
    [[0, 1], [2]]
    """
    out: list[int] = []
    chars = 0
    for unit in units:
        unit_chars = sum(size[i] for i in unit)
        if out and (chars + unit_chars > options.batch_chars or len(out) + len(unit) > options.batch_docs):
            yield out
            out, chars = [], 0
        out.extend(unit)
        chars += unit_chars
    if out:
        yield out


class _Batcher:
    """Groups documents into batches and counts repetition as they pass."""

    def __init__(self, options: ScoreOptions):
        self.options = options
        self.repeats = RepeatCounter()

    def _page_key(self, doc: Document) -> str | None:
        field = self.options.page_field
        if field is None or field not in doc.meta or doc.meta[field] is None:
            return None
        return f"{doc.source}\x00{doc.meta[field]}"

    def batches(self, docs: Iterable[Document]) -> Iterator[tuple[DocBatch, list[int]]]:
        """``(batch, input indices of its documents)``, batch by batch.

        Without page keys, documents stream in input order. When the first
        document carries a page key, a window of documents is read first and cut
        into batches of whole pages (pages in order of first appearance)."""
        docs = iter(docs)
        first = next(docs, None)
        if first is None:
            return
        entry = (first, list(split(first, self.options.segment)), self._page_key(first))
        o = self.options
        if entry[2] is None:  # no pages: a window is one batch, documents keep their order
            yield from self._windows(entry, docs, o.batch_docs, o.batch_chars)
        else:
            yield from self._windows(entry, docs, o.window_docs, o.window_chars)

    def _windows(self, entry, docs, max_docs: int, max_chars: int) -> Iterator[tuple[DocBatch, list[int]]]:
        window, chars, start = [entry], len(entry[0].text), 0
        for doc in docs:
            if chars >= max_chars or len(window) >= max_docs:
                yield from self._page_batches(window, start)
                start += len(window)
                window, chars = [], 0
            window.append((doc, list(split(doc, self.options.segment)), self._page_key(doc)))
            chars += len(doc.text)
        yield from self._page_batches(window, start)

    def _page_batches(self, window, start: int) -> Iterator[tuple[DocBatch, list[int]]]:
        """Cut a window into batches of whole pages; a page larger than a batch is cut
        into batch-sized parts, scored apart (memory stays bounded by the batch size).

        Repetition is counted over the whole window before any of it is scored, so a
        footer repeated within the first window is already known as repeated."""
        groups: dict[object, list[int]] = {}
        for i, (_, _, key) in enumerate(window):
            groups.setdefault(key if key is not None else ("\x00alone", i), []).append(i)
        self.repeats.observe(p.text for _, paras, _ in window for p in paras)
        o = self.options
        size = [len(doc.text) for doc, _, _ in window]
        parts = (part for members in groups.values() for part in _packed([[i] for i in members], size, o))
        for batch in _packed(parts, size, o):
            yield self._finish([window[i] for i in batch]), [start + i for i in batch]

    def _finish(self, pending) -> DocBatch:
        pages = _page_context(pending, self.options.pos_field)
        field = self.options.lang_field
        return [
            (doc, paras, [self.repeats.count(p.text) for p in paras], page,
             declared_language(doc.meta.get(field)) if field else None)
            for (doc, paras, _), page in zip(pending, pages)
        ]


_LANG_TAG = regex.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def declared_language(value) -> str | None:
    """The language code of a record's language field, or None when it is not one.

    >>> declared_language("fr"), declared_language("zh-Hant"), declared_language("pt_BR")
    ('fr', 'zh', 'pt')
    >>> declared_language("French"), declared_language(None), declared_language(3)
    (None, None, None)
    """
    if not isinstance(value, str):
        return None
    m = _LANG_TAG.fullmatch(value.strip())
    return m.group(1).lower() if m else None


def _page_context(pending, pos_field: str) -> list[list[tuple[str, int, int, float]] | None]:
    """Per ``(doc, paragraphs, page key)``: the page context of its paragraphs, or
    None when the document is its own page (no key, the only record of its page,
    or a page whose records do not all have a numeric position).

    >>> from qa.records import Document, Paragraph
    >>> docs = [Document(str(i), "t", meta={"pos": pos}) for i, pos in enumerate([5, 9, 2])]
    >>> pending = [(d, [Paragraph(d.id, 0, "t", 0, 1, 1)], key) for d, key in zip(docs, ["p", "q", "p"])]
    >>> _page_context(pending, "pos")
    [[('p', 1, 2, 5.0)], None, [('p', 0, 2, 2.0)]]
    """
    members: dict[str, list[int]] = {}
    for i, (_, _, key) in enumerate(pending):
        if key is not None:
            members.setdefault(key, []).append(i)
    out: list[list[tuple[str, int, int, float]] | None] = [None] * len(pending)
    for key, rows in members.items():
        if len(rows) < 2:
            continue
        positions = [pending[i][0].meta.get(pos_field) for i in rows]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v == v for v in positions):
            continue  # no order known: the records are scored alone
        order = sorted(zip(positions, range(len(rows)), rows))
        total = sum(len(pending[i][1]) for _, _, i in order)
        at = 0
        for pos, _, i in order:
            n = len(pending[i][1])
            # a record split into n paragraphs spreads them inside its position
            out[i] = [(key, at + j, total, float(pos) + j / n) for j in range(n)]
            at += n
    return out


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
    staged: list[tuple[DocBatch, list[int]]] = []

    def tracked():
        for batch, order in batcher.batches(docs):
            staged.append((batch, order))
            yield batch

    results = map_batches(
        _score_batch_default, tracked(), workers=workers, initializer=_init_pool, initargs=(options.model, workers > 1)
    )
    # batches of whole pages may reorder a window's documents: put them back in input order
    done: dict[int, tuple[Document, list[ParagraphScore]]] = {}
    next_out = 0
    for scores in results:
        batch, order = staged.pop(0)
        for (doc, *_), doc_scores, i in zip(batch, scores, order):
            done[i] = (doc, doc_scores)
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
