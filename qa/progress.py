"""A progress line for terminals: documents, MB read, MB/s. Silent elsewhere.

>>> with Progress(enabled=False) as bar:
...     bar.advance(docs=1, chars=1000)
>>> bar.docs, bar.chars
(1, 1000)
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """Counts documents and characters; draws a rich status line on a TTY."""

    def __init__(self, enabled: bool | None = None, label: str = "scoring"):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
        self.docs = 0
        self.chars = 0
        self._start = time.monotonic()
        self._live = None
        self._last = 0.0

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.live import Live

            self._live = Live("", console=Console(stderr=True), refresh_per_second=4, transient=True)
            self._live.__enter__()
        return self

    def advance(self, docs: int = 0, chars: int = 0) -> None:
        """Add to the counters and redraw at most four times a second."""
        self.docs += docs
        self.chars += chars
        if self._live is not None:
            now = time.monotonic()
            if now - self._last > 0.25:
                self._last = now
                self._live.update(self.line())

    def line(self) -> str:
        """The status text."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        mb = self.chars / 1e6
        return f"{self.label}: {self.docs:,} documents, {mb:,.1f} MB, {mb / elapsed:,.2f} MB/s"

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.__exit__(*exc)
