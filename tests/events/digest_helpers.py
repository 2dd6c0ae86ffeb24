"""Helpers shared by the tests that code one-line digest sentences (summaries, lexicon, accidents)."""

from __future__ import annotations

from collections.abc import Iterable

from backchannel.pipeline import Pipeline, extract
from backchannel.records import ActorRef, DocumentResult, Event


def code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2026-03-01", pipeline=pipeline)


def events(doc: DocumentResult, event_type: str, status: str = "asserted") -> list[Event]:
    return [e for e in doc.events if e.event_type == event_type and e.status == status]


def one(doc: DocumentResult, event_type: str, status: str = "asserted") -> Event:
    hits = events(doc, event_type, status)
    assert hits, [(e.event_type, e.status, e.trigger.text) for e in doc.events]
    return hits[0]


def countries(refs: Iterable[ActorRef]) -> set[str | None]:
    return {r.country for r in refs}


def all_types(doc: DocumentResult) -> set[str]:
    """Every event type coded, whatever its status."""
    return {e.event_type for e in doc.events}


def asserted_types(doc: DocumentResult) -> set[str]:
    return {e.event_type for e in doc.events if e.status == "asserted"}
