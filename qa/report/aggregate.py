"""Streaming aggregates behind the summary and the HTML report, in bounded memory.

Everything here is updated once per paragraph and never keeps the corpus:
corpus counters, per-label and per-language counters, a 20-bin score
histogram, per-rule counts with one example, the worst documents (a bounded
heap, documents assumed contiguous: paragraphs arrive in document order) and
the worst paragraphs (a bounded heap of size ``report_limit``).

>>> from qa.records import Document, Paragraph, ParagraphScore
>>> stats = CorpusStats()
>>> p = Paragraph("d1", 0, "Hello , world", 0, 13)
>>> stats.add(ParagraphScore(p, "en", 0.8, {"spacing": 0.8}, ("spacing",)), Document("d1", p.text))
>>> stats.finish()
>>> stats.paragraphs, stats.defective_paragraphs, stats.histogram[16]
(1, 1, 1)
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Mapping

from features.spans import Span
from qa.labels import LABELS
from qa.records import Document, ParagraphScore
from qa.report.csv_sink import clean_spans, finite_weight, unit_score

__all__ = [
    "HISTOGRAM_BINS",
    "score_bin",
    "LanguageStats",
    "RuleExample",
    "RuleStats",
    "DocumentStats",
    "WorstDocuments",
    "WorstParagraph",
    "WorstParagraphs",
    "CorpusStats",
]

HISTOGRAM_BINS = 20
#: Paragraph text kept for the HTML report (characters); the CSV has it all.
DISPLAY_CHARS = 4000
#: Signals shown per paragraph in the HTML report.
TOP_SIGNALS = 5
UNKNOWN_LANG = "und"


def score_bin(score: float, bins: int = HISTOGRAM_BINS) -> int:
    """Histogram bin of a score: ``[0, 0.05)`` is 0, ..., ``[0.95, 1]`` is 19.

    >>> score_bin(0.0), score_bin(0.05), score_bin(1.0)
    (0, 1, 19)
    """
    return min(int(score * bins), bins - 1)


def _label_dict() -> dict[str, int]:
    return dict.fromkeys(LABELS, 0)


@dataclass(slots=True)
class LanguageStats:
    """Counters of one language."""

    paragraphs: int = 0
    characters: int = 0
    defective: int = 0
    defective_characters: int = 0
    labels: dict[str, int] = field(default_factory=_label_dict)


@dataclass(frozen=True, slots=True)
class RuleExample:
    """Where a rule fired first: ``snippet[mark_start:mark_end]`` is (part of) the span."""

    doc_id: str
    paragraph: int
    snippet: str
    mark_start: int
    mark_end: int


@dataclass(slots=True)
class RuleStats:
    """How often one rule fired: spans, and paragraphs with at least one span."""

    label: str
    count: int = 0
    paragraphs: int = 0
    example: RuleExample | None = None


@dataclass(slots=True)
class DocumentStats:
    """Counters of one document (closed when the next document starts)."""

    doc_id: str
    source: str
    paragraphs: int = 0
    characters: int = 0
    defective: int = 0
    defective_characters: int = 0
    max_score: float = 0.0

    @property
    def defective_share(self) -> float:
        """Share of the document's paragraphs with a predicted label."""
        return self.defective / self.paragraphs if self.paragraphs else 0.0

    @property
    def defective_char_share(self) -> float:
        """Share of the document's characters in defective paragraphs."""
        return self.defective_characters / self.characters if self.characters else 0.0


class WorstDocuments:
    """Counts documents and keeps the ``limit`` worst by defective character share.

    Clean documents (share 0) are counted but never ranked. Ties: more
    defective characters first, then the earlier document.
    """

    def __init__(self, limit: int):
        self.limit = max(0, int(limit))
        self.count = 0
        self._current: DocumentStats | None = None
        self._heap: list[tuple[float, int, int, DocumentStats]] = []

    def add(self, doc_id: str, source: str, chars: int, defective: bool, score: float) -> None:
        """Count one paragraph of ``doc_id``."""
        cur = self._current
        if cur is None or cur.doc_id != doc_id:
            self._close()
            cur = self._current = DocumentStats(doc_id, source)
        cur.paragraphs += 1
        cur.characters += chars
        if defective:
            cur.defective += 1
            cur.defective_characters += chars
        cur.max_score = max(cur.max_score, score)

    def _close(self) -> None:
        cur, self._current = self._current, None
        if cur is None:
            return
        self.count += 1
        if not cur.defective or not self.limit:
            return
        key = (cur.defective_char_share, cur.defective_characters, -self.count, cur)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, key)
        elif key[:3] > self._heap[0][:3]:
            heapq.heapreplace(self._heap, key)

    def finish(self) -> None:
        """Close the last document."""
        self._close()

    def worst(self) -> list[DocumentStats]:
        """The ranked documents, worst first."""
        return [item[3] for item in sorted(self._heap, key=lambda k: k[:3], reverse=True)]


@dataclass(frozen=True, slots=True)
class WorstParagraph:
    """What the HTML report shows of one paragraph (text capped at ``DISPLAY_CHARS``)."""

    doc_id: str
    index: int
    lang: str
    score: float
    labels: tuple[str, ...]
    probs: Mapping[str, float]
    evidence: tuple[Span, ...]
    hidden_spans: int
    signals: tuple[tuple[str, float], ...]
    text: str
    chars: int
    source: str


class WorstParagraphs:
    """The ``limit`` highest-scoring paragraphs, kept with a bounded min-heap.

    Ties keep the earlier paragraph.

    >>> w = WorstParagraphs(2)
    >>> for i, s in enumerate([0.1, 0.9, 0.5, 0.9]):
    ...     w.offer(s, lambda i=i: i)
    >>> w.worst()
    [1, 3]
    """

    def __init__(self, limit: int):
        self.limit = max(0, int(limit))
        self._seq = 0
        self._heap: list[tuple[float, int, object]] = []

    def offer(self, score: float, build) -> None:
        """Keep the item ``build()`` makes if ``score`` ranks; ``build`` runs only then."""
        self._seq += 1
        if not self.limit:
            return
        key = (score, -self._seq)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, (*key, build()))
        elif key > self._heap[0][:2]:
            heapq.heapreplace(self._heap, (*key, build()))

    def worst(self) -> list:
        """Kept items, worst (highest score) first."""
        return [item[2] for item in sorted(self._heap, key=lambda k: k[:2], reverse=True)]


def _snippet(text: str, span: Span, context: int = 40, max_span: int = 120) -> tuple[str, int, int]:
    """Text around ``span`` (capped), and where the span sits in it."""
    end = min(span.end, span.start + max_span)
    a = max(0, span.start - context)
    b = min(len(text), end + context)
    pre = "…" if a > 0 else ""
    post = "…" if b < len(text) else ""
    snippet = pre + text[a:b] + post
    return snippet, len(pre) + span.start - a, len(pre) + end - a


class CorpusStats:
    """All streaming aggregates; :meth:`add` per paragraph, :meth:`finish` once.

    ``report_limit`` bounds the worst paragraphs kept, ``document_limit`` the
    worst documents, ``rule_limit`` the distinct rules tracked (later new rules
    are counted under ``rules_dropped``).
    """

    def __init__(self, report_limit: int = 1000, document_limit: int = 200, rule_limit: int = 1000):
        self.paragraphs = 0
        self.characters = 0
        self.defective_paragraphs = 0
        self.defective_characters = 0
        self.label_paragraphs: dict[str, int] = _label_dict()
        self.label_characters: dict[str, int] = _label_dict()
        self.languages: dict[str, LanguageStats] = {}
        self.histogram: list[int] = [0] * HISTOGRAM_BINS
        self.rules: dict[str, RuleStats] = {}
        self.rule_limit = rule_limit
        self.rules_dropped = 0
        self.documents = WorstDocuments(document_limit)
        self.worst_paragraphs = WorstParagraphs(report_limit)

    def add(self, score: ParagraphScore, doc: Document) -> None:
        """Count one paragraph."""
        p = score.paragraph
        chars = len(p.text)
        value = unit_score(score.score)
        defective = bool(score.labels)
        lang = score.lang or UNKNOWN_LANG

        self.paragraphs += 1
        self.characters += chars
        if defective:
            self.defective_paragraphs += 1
            self.defective_characters += chars
        ls = self.languages.get(lang)
        if ls is None:
            ls = self.languages[lang] = LanguageStats()
        ls.paragraphs += 1
        ls.characters += chars
        if defective:
            ls.defective += 1
            ls.defective_characters += chars
        for label in dict.fromkeys(score.labels):
            self.label_paragraphs[label] = self.label_paragraphs.get(label, 0) + 1
            self.label_characters[label] = self.label_characters.get(label, 0) + chars
            ls.labels[label] = ls.labels.get(label, 0) + 1
        self.histogram[score_bin(value)] += 1

        evidence = clean_spans(score.evidence, chars)
        doc_id = str(p.doc_id)
        self._count_rules(evidence, doc_id, p.index, p.text)
        self.documents.add(doc_id, str(doc.source or ""), chars, defective, value)
        self.worst_paragraphs.offer(value, lambda: self._worst_entry(score, doc, value, evidence))

    def _count_rules(self, evidence: tuple[Span, ...], doc_id: str, index: int, text: str) -> None:
        seen: set[str] = set()
        for span in evidence:
            rs = self.rules.get(span.rule)
            if rs is None:
                if len(self.rules) >= self.rule_limit:
                    self.rules_dropped += 1
                    continue
                snippet, a, b = _snippet(text, span)
                rs = self.rules[span.rule] = RuleStats(span.label)
                rs.example = RuleExample(doc_id, index, snippet, a, b)
            rs.count += 1
            if span.rule not in seen:
                seen.add(span.rule)
                rs.paragraphs += 1

    @staticmethod
    def _worst_entry(score: ParagraphScore, doc: Document, value: float, evidence) -> WorstParagraph:
        p = score.paragraph
        text = p.text[:DISPLAY_CHARS]
        shown = clean_spans(evidence, len(text))
        signals = sorted(
            ((str(n), finite_weight(w) or 0.0) for n, w in score.signals),
            key=lambda s: -abs(s[1]),
        )[:TOP_SIGNALS]
        probs = {label: unit_score(v) for label, v in score.probs.items()}
        return WorstParagraph(
            doc_id=str(p.doc_id),
            index=p.index,
            lang=score.lang or UNKNOWN_LANG,
            score=value,
            labels=tuple(score.labels),
            probs=probs,
            evidence=shown,
            hidden_spans=len(evidence) - len(shown),
            signals=tuple(signals),
            text=text,
            chars=len(p.text),
            source=str(doc.source or ""),
        )

    def finish(self) -> None:
        """Close the last document; call once after the last :meth:`add`."""
        self.documents.finish()
