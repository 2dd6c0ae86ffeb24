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


def _placed(text: str, trigger: str, pipeline: Pipeline) -> str | None:
    (event,) = [e for e in _events(text, pipeline) if e.trigger.text == trigger]
    return event.location.name if event.location else None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("On 17 March 2024, rioters burned tyres in Dakar after the arrest of an opposition figure. "
         "Police fired tear gas.", "fired", "Dakar"),
        ("Rival gangs clashed in Harare on Tuesday. Several people were injured.",
         "injured", "Harare"),
        ("Militants attacked an army post near Kidal on Monday. Soldiers killed four of the attackers.",
         "killed", "Kidal"),
    ],
)  # fmt: skip
def test_later_violence_with_no_place_happened_where_the_paragraphs_violence_did(
    text: str, trigger: str, place: str, pipeline: Pipeline
) -> None:
    assert _placed(text, trigger, pipeline) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a statement is not located by the attack before it
        ("Israeli strikes killed 20 people in Rafah on Monday. The United States urged restraint.", "urged"),
        # a new paragraph starts a new narrative
        ("Rebels attacked an army post near Kidal on Monday.\n\nSoldiers killed four fighters.", "killed"),
    ],
)  # fmt: skip
def test_no_place_is_carried_to_a_statement_or_across_a_paragraph(text: str, trigger: str, pipeline: Pipeline) -> None:
    assert _placed(text, trigger, pipeline) is None


def test_a_sentence_that_names_its_own_place_keeps_it(pipeline: Pipeline) -> None:
    text = "Rebels attacked an army post near Kidal on Monday. Troops shelled rebel positions in Gao."
    assert _placed(text, "shelled", pipeline) == "Gao"
