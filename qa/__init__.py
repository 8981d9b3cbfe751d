"""qa: find what scrapers break in text, paragraph by paragraph.

The public API (a pipeline can import it; the CLI is a thin layer over it)::

    from qa import audit, score_documents, score_frame, Scorer
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
