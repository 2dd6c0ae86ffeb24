"""Who does an event: classes of misattribution on basic queries, one test per class, several shapes each.

- a pronoun or "the two leaders" points back, never to the parties of the clause it governs;
- the object of a verb of talking ("discussed Hamas") is a topic, not a participant;
- the object of "urged X to ...", "invited X to ..." does the infinitive's act;
- a head of state or a government acting on its own state is no dyad (domestic dyads between sectors stay).
"""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult, Event


def _code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2024-03-01", pipeline=pipeline)


def _of_type(doc: DocumentResult, event_type: str, trigger: str) -> list[Event]:
    return [e for e in doc.events if e.event_type == event_type and e.trigger.text == trigger]


def _ids(refs: tuple[object, ...]) -> set[str | None]:
    return {getattr(r, "actor_id", None) for r in refs}


def _countries(refs: tuple[object, ...]) -> set[str | None]:
    return {getattr(r, "country", None) for r in refs}


# ------------------------------------------------------------------ clausal subject vs embedded subject


@pytest.mark.parametrize(
    "text",
    [
        "They agreed that Hamas should release the hostages.",
        "They said Hamas must free the hostages before any pause.",
        "The two leaders agreed that Hamas must free all hostages.",
        "Both sides insisted that Hezbollah should withdraw its fighters from the border.",
    ],
)
def test_an_unresolved_subject_is_not_the_party_of_its_own_complement(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    embedded = {"HAMAS", "HEZBOLLAH"}
    for e in doc.events:
        if e.trigger.text in ("agreed", "said", "insisted"):
            assert not (_ids(e.actor) & embedded), (e.event_type, e.actor)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Biden met Netanyahu in Tel Aviv. They agreed that Hamas should release the hostages.", "agreed"),
        (
            "Biden and Netanyahu met in Tel Aviv on Monday. The two leaders agreed that Hamas must free all hostages.",
            "agreed",
        ),
        ("Blinken spoke with Netanyahu by phone. They said Hamas must release the hostages.", "said"),
    ],
)
def test_a_pronoun_points_back_to_the_parties_named_before_it(text: str, trigger: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    events = [e for e in doc.events if e.trigger.text == trigger]
    assert events, [(e.event_type, e.trigger.text) for e in doc.events]
    for e in events:
        assert "HAMAS" not in _ids(e.actor), (e.event_type, e.actor)
        assert _countries(e.actor) & {"USA", "ISR"}, (e.event_type, e.actor)
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert all("HAMAS" in _ids(e.recipient) for e in requests), requests


@pytest.mark.parametrize(
    "text",
    [
        "Biden spoke with Netanyahu on Monday. After Hamas rejected Israel's offer, "
        "the two leaders agreed to seek a new deal.",
        "Biden and Netanyahu met in Tel Aviv on Monday. Later, Hamas accused Israel of stalling. "
        "The two leaders agreed to press for a pause.",
        "Biden and Netanyahu spoke by phone on Sunday. Both leaders agreed that Hamas must free the hostages.",
    ],
)
def test_the_two_leaders_are_the_last_two_persons(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    agreed = _of_type(doc, "AGREE", "agreed")
    assert agreed, [(e.event_type, e.trigger.text) for e in doc.events]
    for e in agreed:
        assert _ids(e.actor) == {"P:joe_biden", "P:benjamin_netanyahu"}, e.actor


@pytest.mark.parametrize(
    ("text", "trigger", "embedded"),
    [
        ("The two leaders agreed that Hamas must free all hostages.", "agreed", "PSE"),
        ("The ministers insisted that Russia should withdraw its troops.", "insisted", "RUS"),
        ("The envoys agreed that Iran must stop enriching uranium.", "agreed", "IRN"),
    ],
)
def test_an_unnamed_speaker_takes_no_country_from_what_it_reports(
    text: str, trigger: str, embedded: str, pipeline: Pipeline
) -> None:
    doc = _code(text, pipeline)
    for e in doc.events:
        if e.trigger.text == trigger:
            assert embedded not in _countries(e.actor), (e.event_type, e.actor)


# ------------------------------------------------------------------ a topic is not a participant


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Biden and Netanyahu discussed Hamas on Tuesday.", "HAMAS"),
        ("Macron and Scholz discussed Russia at a dinner in Berlin.", "RUS"),
        ("The foreign ministers of Egypt and Jordan debated Israel's plans for Rafah.", "ISR"),
        ("Qatar and Egypt negotiated the release of the hostages held by Hamas.", "HAMAS"),
    ],
)
def test_what_is_discussed_is_no_party(text: str, topic: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    talks = [e for e in doc.events if e.event_type == "CONSULT"]
    for e in talks:
        parties = {r.actor_id for r in (*e.actor, *e.recipient)} | _countries((*e.actor, *e.recipient))
        assert topic not in parties, (e.trigger.text, e.actor, e.recipient)


def test_whom_it_is_discussed_with_stays_a_party(pipeline: Pipeline) -> None:
    doc = _code("Biden discussed Hamas with Netanyahu on Tuesday.", pipeline)
    (talk,) = _of_type(doc, "CONSULT", "discussed")
    assert _countries(talk.recipient) == {"ISR"}
    assert "HAMAS" not in _ids(talk.recipient)


# ------------------------------------------------------------------ object control


@pytest.mark.parametrize(
    ("text", "trigger", "doer"),
    [
        ("President Biden invited Prime Minister Sunak to visit Washington.", "visit", "GBR"),
        ("Biden invited Netanyahu to visit Washington next month.", "visit", "ISR"),
        ("Biden urged Israel to withdraw its troops from Gaza.", "withdraw", "ISR"),
        ("The envoy pressed Hamas to release the hostages.", "release", "PSE"),
    ],
)
def test_the_object_of_urge_or_invite_does_the_infinitive(
    text: str, trigger: str, doer: str, pipeline: Pipeline
) -> None:
    doc = _code(text, pipeline)
    events = [e for e in doc.events if e.trigger.text == trigger]
    assert events, [(e.event_type, e.trigger.text) for e in doc.events]
    assert all(_countries(e.actor) == {doer} for e in events), [(e.event_type, e.actor) for e in events]


# ------------------------------------------------------------------ self-dyads


@pytest.mark.parametrize(
    "text",
    [
        "President Biden invited Prime Minister Sunak to visit Washington.",
        "Biden sent Israel messages of the United States' unwavering support.",
        "Erdogan visited Ankara on Friday after the summit.",
        "President Putin praised Russia for its resilience.",
    ],
)
def test_a_leader_acting_on_his_own_state_is_no_dyad(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    for e in doc.events:
        own = {a.country for a in e.actor if a.sector == "GOV"}
        states = {r.country for r in e.recipient if r.actor_id == r.country}
        assert not (own & states), (e.event_type, e.trigger.text, e.actor, e.recipient)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("President Biden criticized Congress over the budget.", "ACCUSE"),
        ("Protesters in Washington denounced the United States government.", "ACCUSE"),
    ],
)
def test_a_domestic_dyad_between_sectors_stays(text: str, event_type: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    events = [e for e in doc.events if e.event_type == event_type]
    assert events and all(_countries(e.recipient) == {"USA"} for e in events), [
        (e.event_type, e.actor, e.recipient) for e in events
    ]


def test_the_two_presidents_are_the_two_named_before(pipeline: Pipeline) -> None:
    doc = _code(
        "President Biden hosted President Macron at the White House on Thursday. "
        "The two presidents condemned Russia's attacks on Ukraine.",
        pipeline,
    )
    (condemned,) = _of_type(doc, "ACCUSE", "condemned")
    assert _countries(condemned.actor) == {"USA", "FRA"}
    assert _countries(condemned.recipient) == {"RUS"}
