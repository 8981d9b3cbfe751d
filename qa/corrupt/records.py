"""``corrupt_records``: a stream of clean paragraph records in, originals plus labelled variants out.

Every input record comes out exactly once, unchanged except for ``labels: []``,
``mechanism: "none"`` and ``source_id``; then, with probability ``rate``, one variant follows it.
Each record gets its own generator seeded from ``(seed, position, id)``, so results do not depend
on how the stream is chunked. Neighbouring records with the same ``doc_id`` are the context.

>>> rows = [{"id": "a", "text": "Fix it. So, if you can (today), do.", "lang": "en", "doc_id": "d"}]
>>> out = list(corrupt_records(rows, ["spacing"], seed=1))
>>> [r["id"] for r in out], out[1]["labels"], out[1]["source_id"]
(['a', 'a~detokenized'], ['spacing'], 'a')
"""

from __future__ import annotations

import random
from typing import Any, Iterable, Iterator, Sequence

from qa.corrupt.kinds import check_kinds, corrupt_text

__all__ = ["corrupt_records", "STALE_FIELDS", "CONTEXT_WINDOW"]

STALE_FIELDS: tuple[str, ...] = ("label", "text_tokenized", "sent_ids", "n_sent")
"""Fields that describe the clean text and would be false on a variant; variants drop them."""
CONTEXT_WINDOW = 3
"""How many records before and after (same ``doc_id``) are passed as context."""
_MAX_GROUP = 512


def _groups(records: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Runs of consecutive records with the same ``doc_id`` (records without one stand alone)."""
    group: list[dict[str, Any]] = []
    for record in records:
        doc = record.get("doc_id")
        if group and (doc is None or doc != group[-1].get("doc_id") or len(group) >= _MAX_GROUP):
            yield group
            group = []
        group.append(record)
    if group:
        yield group


def _context(group: Sequence[dict[str, Any]], i: int, text_field: str) -> tuple[str, ...]:
    """Texts of the nearest neighbours of ``group[i]``, nearest first."""
    out = []
    for d in range(1, CONTEXT_WINDOW + 1):
        for j in (i - d, i + d):
            if 0 <= j < len(group) and isinstance(group[j].get(text_field), str):
                out.append(group[j][text_field])
    return tuple(out)


def corrupt_records(
    records: Iterable[dict[str, Any]],
    kinds: Sequence[str] | None = None,
    seed: int = 0,
    rate: float = 1.0,
    text_field: str = "text",
) -> Iterator[dict[str, Any]]:
    """Yield each record (as an original) and, with probability ``rate``, one corrupted variant.

    ``kinds`` limits the defect kinds (None = all); the kind of each variant is drawn at random,
    falling back on the other kinds when its mechanisms cannot apply. A variant has
    ``id = f"{id}~{mechanism}"``, ``labels``, ``mechanism``, ``source_id`` and
    ``spans = [[start, end, label, rule], ...]``; other fields are kept except ``STALE_FIELDS``.
    Records whose text is not a string pass through as originals with no variant.
    """
    chosen = check_kinds(kinds)
    position = 0
    for group in _groups(records):
        for i, record in enumerate(group):
            rid = record.get("id", position)
            rng = random.Random(f"{seed}:{position}:{rid}")
            position += 1
            yield {**record, "labels": [], "mechanism": "none", "source_id": rid, "spans": []}
            text = record.get(text_field)
            if not isinstance(text, str) or rng.random() >= rate:
                continue
            lang = str(record.get("lang") or "und")
            context = _context(group, i, text_field)
            order = list(chosen)
            rng.shuffle(order)
            for kind in order:
                result = corrupt_text(text, kind, rng, lang, context)
                if result is None:
                    continue
                variant = {k: v for k, v in record.items() if k not in STALE_FIELDS}
                variant.update({
                    "id": f"{rid}~{result.mechanism}",
                    text_field: result.text,
                    "labels": list(result.labels),
                    "mechanism": result.mechanism,
                    "source_id": rid,
                    "spans": [list(s) for s in result.spans],
                })
                yield variant
                break
