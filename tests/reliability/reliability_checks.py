"""Checks shared by the reliability tests: a record honours the output contract for its text."""

from __future__ import annotations

from backchannel.records import ActorRef, DocumentResult, PlaceMention

__all__ = ["check_offsets", "check_result", "check_span"]


def check_span(text: str, start: int | None, end: int | None, quoted: str, what: str) -> None:
    """``start``/``end`` lie inside ``text`` and ``text[start:end]`` is exactly ``quoted``."""
    assert start is not None and end is not None, what
    assert 0 <= start <= end <= len(text), f"{what}: [{start}, {end}) outside a text of {len(text)} characters"
    assert text[start:end] == quoted, f"{what}: text[{start}:{end}] = {text[start:end]!r}, record says {quoted!r}"


def _check_ref(text: str, ref: ActorRef, what: str) -> None:
    # A ref without a span (a host country inferred from a place) quotes nothing in this text.
    if ref.start is None and ref.end is None:
        return
    check_span(text, ref.start, ref.end, ref.text, what)


def _check_place(text: str, place: PlaceMention, what: str) -> None:
    check_span(text, place.start, place.end, place.text, what)


def check_offsets(text: str, result: DocumentResult) -> None:
    """Every span in ``result`` points into ``text`` at the text it quotes."""
    for mention in result.actors:
        check_span(text, mention.start, mention.end, mention.text, f"actor {mention.text!r}")
    for place in result.places:
        _check_place(text, place, f"place {place.text!r}")
    for time in result.times:
        check_span(text, time.start, time.end, time.text, f"time {time.text!r}")
    for removed in result.removed:
        check_span(text, removed.start, removed.end, removed.text, f"removed ({removed.reason})")
    for event in result.events:
        label = f"event {event.id}"
        check_span(text, event.trigger.start, event.trigger.end, event.trigger.text, f"{label} trigger")
        check_span(text, event.sentence.start, event.sentence.end, event.sentence.text, f"{label} sentence")
        assert event.sentence.start <= event.trigger.start and event.trigger.end <= event.sentence.end, label
        for role in ("actor", "recipient", "mediator"):
            for ref in getattr(event, role):
                _check_ref(text, ref, f"{label} {role} {ref.text!r}")
        if event.reported_by is not None:
            _check_ref(text, event.reported_by, f"{label} reported_by")
        if event.location is not None:
            _check_place(text, event.location, f"{label} location")


def check_result(text: str, result: DocumentResult) -> None:
    """``result`` round-trips through the contract model (Python and JSON) and its spans are sound.

    Compared as dumps: an event's rule trace is a debugging field left out of every dump (``--trace``)."""
    dumped = result.model_dump()
    assert DocumentResult.model_validate(dumped).model_dump() == dumped
    assert DocumentResult.model_validate_json(result.model_dump_json()).model_dump() == dumped
    check_offsets(text, result)
