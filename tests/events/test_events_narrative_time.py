"""Narrative time: a past-tense clause with no time of its own, later in the paragraph, happened on the
day the paragraph last named, not on the report's date (the reference time of a past-tense report moves
with the narrative; ACLED notes are written so: "On <date>, <event>. <consequence>.").
Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import DocumentResult, Event

REPORT_DATE = "2024-06-01"


def _events(text: str, pipeline: Pipeline) -> list[Event]:
    (result,) = pipeline.run([read_text(text, doc_id="note", date=REPORT_DATE)])
    assert isinstance(result, DocumentResult)
    return [e for e in result.events if e.status == "asserted"]


def _dated(text: str, trigger: str, pipeline: Pipeline) -> tuple[str | None, str]:
    (event,) = [e for e in _events(text, pipeline) if e.trigger.text == trigger]
    return event.date, event.date_precision


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        ("On 2 April 2024, an IED detonated near a military convoy in Mandera. Three soldiers were killed.",
         "killed", "2024-04-02"),
        ("On 17 March 2024, rioters burned tyres in Dakar after the arrest of an opposition figure. "
         "Police fired tear gas.", "fired", "2024-03-17"),
        ("Rebels attacked the town of Beni on 12 May 2024. Troops later arrested six fighters.",
         "arrested", "2024-05-12"),
        ("In the early hours of 3 May 2024, militants clashed with the army near Boni. "
         "The militants kidnapped two villagers.", "kidnapped", "2024-05-03"),
    ],
)  # fmt: skip
def test_a_later_clause_takes_the_paragraphs_day(text: str, trigger: str, day: str, pipeline: Pipeline) -> None:
    assert _dated(text, trigger, pipeline) == (day, "day")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a new paragraph starts a new narrative
        ("On 2 April 2024, an IED detonated near a military convoy in Mandera.\n\nSoldiers arrested ten men.",
         "arrested"),
        # the first day of a span dates no single later clause
        ("Jake Sullivan met Wang Yi on January 26-27 in Bangkok. They discussed artificial intelligence.",
         "discussed"),
    ],
)  # fmt: skip
def test_no_day_is_carried_across_a_paragraph_or_from_a_span(text: str, trigger: str, pipeline: Pipeline) -> None:
    assert _dated(text, trigger, pipeline) == (REPORT_DATE, "document")
