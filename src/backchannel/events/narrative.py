"""Narrative time and place: what a paragraph has said frames its later clauses that say nothing.

The reference time of a past-tense report moves with the narrative: a later past-tense clause of the
paragraph with no time of its own happened on the day the paragraph last named, not on the report's date
("On 2 April, an IED detonated near a convoy in Mandera.  Three soldiers were killed").  ACLED notes are
written so, and so are wire reports.  The same holds for the place of violence: a material-conflict event
in a later sentence that names no place of its own happened where the paragraph's last located
material-conflict event did.  A statement ("the US urged restraint") is not located by the attack before it,
and a new paragraph starts a new narrative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span

from backchannel.events.ontology import QUAD_CLASS
from backchannel.records import Event, PlaceMention, TimeMention

__all__ = ["NarrativePlace", "narrative_day", "opening_day"]

_SPAN_END = re.compile(r"\s*(?:-|–|to|and|through|until)\s*\d")  # "January 26-27", "5 to 7 May"
_OPENING = re.compile(r"\s*(?:on|in|at)?\s*", re.IGNORECASE)  # what may stand before a sentence's opening date
_MATERIAL_CONFLICT = 4


def narrative_day(time: TimeMention, text: str) -> bool:
    """A day that can date a later clause: exact, on that day, and not the first day of a span
    ("January 26-27" dates no single later clause)."""
    exact = bool(time.value) and time.precision == "day" and time.relation == "on" and not time.approximate
    return exact and not _SPAN_END.match(text, time.end)


def opening_day(own: Sequence[TimeMention], sent: Span, text: str) -> TimeMention | None:
    """The day a sentence opens with ("On 2 April 2024, an IED detonated ..."): it frames the sentence and
    what follows, even when the sentence itself holds no event."""
    for t in own:
        if narrative_day(t, text) and _OPENING.fullmatch(text[sent.start_char : t.start]):
            return t
    return None


class NarrativePlace:
    """The place of the paragraph's last located material-conflict event, given to the later ones that
    name no place of their own; ``first_place`` says whether a sentence names one (``DocContext``)."""

    def __init__(self, first_place: Callable[[Span], PlaceMention | None]) -> None:
        self._first_place = first_place
        self._carried: PlaceMention | None = None

    def new_paragraph(self) -> None:
        self._carried = None

    def locate(self, events: list[Event], sent: Span) -> list[Event]:
        """``events`` of ``sent``, the unlocated violent ones placed where the paragraph's violence was."""
        out = events if self._first_place(sent) is not None else [self._placed(e) for e in events]
        for e in out:
            if e.location is not None and _violent(e):
                self._carried = e.location
        return out

    def _placed(self, event: Event) -> Event:
        if event.location is not None or self._carried is None or not _violent(event):
            return event
        return event.model_copy(update={"location": self._carried})


def _violent(event: Event) -> bool:
    return event.status == "asserted" and QUAD_CLASS[event.event_type] == _MATERIAL_CONFLICT
