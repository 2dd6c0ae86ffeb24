"""The ``time`` stage: find time expressions and resolve them against the document date."""

from __future__ import annotations

from .tagger import TimeTagger

__all__ = ["TimeTagger"]
