"""Backchannel: who did what to whom, when and where — PLOVER events from news text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["DocumentResult", "Event", "Pipeline", "__version__", "extract"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from backchannel.pipeline import Pipeline, extract
    from backchannel.records import DocumentResult, Event


def __getattr__(name: str) -> Any:
    # Lazy: importing the package does no work (the model loads on first extract).
    if name in ("extract", "Pipeline"):
        from backchannel import pipeline

        return getattr(pipeline, name)
    if name in ("DocumentResult", "Event"):
        from backchannel import records

        return getattr(records, name)
    raise AttributeError(name)
