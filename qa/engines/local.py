"""Run batches in this process or in a pool of local processes, in order.

>>> list(map_batches(lambda b: sum(b), iter([[1, 2], [3]]), workers=1))
[3, 3]
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["map_batches"]

B = TypeVar("B")
R = TypeVar("R")


def map_batches(
    fn: Callable[[B], R],
    batches: Iterable[B],
    workers: int = 1,
    initializer: Callable | None = None,
    initargs: tuple = (),
    max_in_flight: int | None = None,
) -> Iterator[R]:
    """Apply ``fn`` to each batch; yield results in input order.

    With ``workers > 1`` a process pool runs ``fn``; at most ``max_in_flight``
    batches (default ``2 * workers``) are queued, so memory stays bounded
    whatever the input size.
    """
    if workers <= 1:
        if initializer is not None:
            initializer(*initargs)
        for batch in batches:
            yield fn(batch)
        return
    limit = max_in_flight or 2 * workers
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=initializer, initargs=initargs) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(fn, (batch,)))
            while len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
