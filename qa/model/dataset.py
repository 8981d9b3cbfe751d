"""Labelled paragraphs for training and evaluation.

A labelled JSONL row has ``text`` and either ``labels`` (a list, ``[]`` = clean)
or ``label`` (a string: ``clean``, a defect label, or ``mixed`` which counts as
``boilerplate``). Optional: ``id``, ``lang``, ``doc_id``, ``pos``, ``split``, ``source``,
and ``known_labels``: the labels the row vouches for (default: all). A feed row
that is only known to be correctly decoded has ``known_labels: ["mojibake"]``;
training and threshold choice ignore it for the other labels.

>>> import io, json
>>> rows = [{"text": "a", "label": "clean"}, {"text": "b", "labels": ["spacing"], "lang": "fr"}]
>>> df = frame_from_rows(rows)
>>> df[["text", "lang"]].values.tolist(), label_matrix(df).tolist()
([['a', 'und'], ['b', 'fr']], [[0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0]])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from qa.context import RepeatCounter
from qa.errors import InputError
from qa.labels import LABELS

__all__ = ["read_labelled", "frame_from_rows", "label_matrix", "known_matrix", "digest_files", "context_frame"]

_ALIASES = {"mixed": "boilerplate", "clean": None}


def _labels_of(row: dict) -> list[str]:
    if "labels" in row and row["labels"] is not None:
        raw = list(row["labels"])
    else:
        raw = [row.get("label", "clean")]
    out = []
    for label in raw:
        label = _ALIASES.get(label, label)
        if label is None:
            continue
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        out.append(label)
    return sorted(set(out), key=LABELS.index)


def _known_of(row: dict) -> list[str]:
    known = row.get("known_labels")
    if known is None:
        return list(LABELS)
    unknown = set(known) - set(LABELS)
    if unknown:
        raise ValueError(f"unknown labels in known_labels: {sorted(unknown)}")
    return [label for label in LABELS if label in known]


def known_matrix(frame: pd.DataFrame) -> np.ndarray:
    """n x len(LABELS) 0/1 matrix: does the row vouch for each label?

    A row is always known for the labels it carries.
    """
    K = np.zeros((len(frame), len(LABELS)), dtype=bool)
    index = {label: j for j, label in enumerate(LABELS)}
    for i, (known, labels) in enumerate(zip(frame["known"], frame["labels"])):
        for label in tuple(known) + tuple(labels):
            K[i, index[label]] = True
    return K


def frame_from_rows(rows: Iterable[dict]) -> pd.DataFrame:
    """Normalise labelled rows into a frame with ``labels`` as a tuple column."""
    records = []
    for i, row in enumerate(rows):
        records.append(
            {
                "id": str(row.get("id", i)),
                "text": str(row["text"]),
                "lang": row.get("lang") or "und",
                "labels": tuple(_labels_of(row)),
                "doc_id": row.get("doc_id"),
                "pos": row.get("pos"),
                "split": row.get("split"),
                "source": row.get("source") or "",
                "known": tuple(_known_of(row)),
            }
        )
    return pd.DataFrame.from_records(
        records, columns=["id", "text", "lang", "labels", "doc_id", "pos", "split", "source", "known"]
    )


def read_labelled(paths: Sequence[str | Path]) -> pd.DataFrame:
    """Read labelled JSONL files into one frame."""

    def rows():
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                        _labels_of(row)
                        row["text"]
                    except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
                        raise InputError(str(path), n, f"not a labelled row: {exc}") from exc
                    yield row

    return frame_from_rows(rows())


def label_matrix(frame: pd.DataFrame) -> np.ndarray:
    """n x len(LABELS) 0/1 matrix from the ``labels`` column."""
    Y = np.zeros((len(frame), len(LABELS)), dtype=np.int8)
    index = {label: j for j, label in enumerate(LABELS)}
    for i, labels in enumerate(frame["labels"]):
        for label in labels:
            Y[i, index[label]] = 1
    return Y


def digest_files(paths: Sequence[str | Path]) -> list[dict]:
    """Name, sha256 and size of each data file (recorded in the model manifest)."""
    out = []
    for path in paths:
        h = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        out.append({"file": Path(path).name, "sha256": h, "bytes": Path(path).stat().st_size})
    return out


def _unit_hash(*parts) -> float:
    """A number in [0, 1) from the parts, stable across runs and machines."""
    h = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=4).digest()
    return int.from_bytes(h, "big") / 2**32


def context_frame(
    frame: pd.DataFrame, drop_context_share: float = 0.0, seed: int = 0, sparse_context_share: float = 0.0
) -> pd.DataFrame:
    """The featurizer's input: text, lang, doc_id, paragraph, n_paragraphs, pos.

    Rows without ``doc_id``/``pos`` get no document context. A share of
    documents (chosen by a seeded hash) also loses it, so the model learns to
    score paragraphs both with and without context. Another share is split into
    random groups of 3 to 10 rows that each act as a document: the context a
    sample of a page's paragraphs gives (shuffled dumps, hand-labelled samples).

    >>> df = pd.DataFrame({"id": list("abcd"), "text": list("wxyz"), "lang": "en",
    ...                    "doc_id": ["p", "p", "p", None], "pos": [2, 0, 1, None]})
    >>> context_frame(df)[["doc_id", "paragraph", "n_paragraphs", "pos"]].values.tolist()
    [['p', 2, 3, 2.0], ['p', 0, 3, 0.0], ['p', 1, 3, 1.0], ['d', -1, 0, -1.0]]
    """
    out = pd.DataFrame({"text": frame["text"].values, "lang": frame["lang"].values})
    doc = frame["doc_id"].astype(object).where(frame["doc_id"].notna(), None)
    pos = pd.to_numeric(frame["pos"], errors="coerce")
    keep = doc.notna() & pos.notna()
    doc_ids = doc.astype(str).to_numpy(dtype=object)
    if drop_context_share > 0 or sparse_context_share > 0:
        draw = doc.map(lambda d: _unit_hash(seed, d) if d is not None else 1.0)
        keep &= ~(draw < drop_context_share)
        sparse = (keep & (draw >= drop_context_share) & (draw < drop_context_share + sparse_context_share)).to_numpy()
        if sparse.any():
            sizes = pd.Series(doc_ids[sparse]).map(pd.Series(doc_ids[sparse]).value_counts()).to_numpy()
            ids = frame["id"].astype(str).to_numpy()[sparse]
            groups = []
            for d, rid, n in zip(doc_ids[sparse], ids, sizes):
                per_group = 3 + int(_unit_hash(seed, "k", d) * 8)
                n_groups = max(1, -(-int(n) // per_group))
                groups.append(f"{d}~{int(_unit_hash(seed, d, rid) * n_groups)}")
            doc_ids = doc_ids.copy()
            doc_ids[sparse] = groups
    out["doc_id"] = np.where(keep, doc_ids, frame["id"].astype(str).values)
    out["paragraph"] = np.where(keep, pos.fillna(-1), -1).astype(int)
    # Rank positions inside each document so indices are contiguous.
    ranks = out[keep.values].groupby("doc_id")["paragraph"].rank(method="first") - 1
    out.loc[keep.values, "paragraph"] = ranks.astype(int)
    counts = out[keep.values].groupby("doc_id")["paragraph"].transform("size")
    out["n_paragraphs"] = 0
    out.loc[keep.values, "n_paragraphs"] = counts.astype(int)
    # The page position itself: sampled rows keep their distance on the page.
    out["pos"] = np.where(keep, pos.fillna(-1), -1).astype(float)
    # The corpus a row was scraped into: repetition is counted inside it.
    out["corpus"] = frame["source"].astype(str).values if "source" in frame else ""
    return out


def with_repeat(ctx: pd.DataFrame) -> pd.DataFrame:
    """``ctx`` with a ``repeat`` column: how often each row's text occurs in its
    ``corpus`` (one source: a scraper's output, a treebank, a page set).

    Training data holds the same article in many corpora (each extractor's
    output, the naive scrape, synthetic variants); counted across all of them,
    every article paragraph would look as repeated as a footer. A user scores
    one corpus, where only furniture recurs.

    >>> ctx = pd.DataFrame({"text": ["Home", "Home", "A story.", "A story."], "corpus": ["a", "a", "a", "b"]})
    >>> with_repeat(ctx)["repeat"].tolist()
    [2, 2, 1, 1]
    """
    out = ctx.copy()
    corpora = out["corpus"].to_numpy() if "corpus" in out else np.zeros(len(out))
    texts = out["text"].tolist()
    repeat = np.ones(len(out), dtype=np.int64)
    for rows in pd.Series(corpora).groupby(corpora).indices.values():
        counter = RepeatCounter()
        counter.observe(texts[i] for i in rows)
        repeat[rows] = [counter.count(texts[i]) for i in rows]
    out["repeat"] = repeat
    return out
