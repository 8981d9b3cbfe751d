"""Engines map the scoring function over batches of documents.

The same function, ``qa.pipeline.score_batch``, runs in every engine; engines
only change how batches are mapped: in this process, or a pool of local
processes (the default on a machine with several cores).
"""

from qa.engines.local import map_batches

__all__ = ["map_batches"]
