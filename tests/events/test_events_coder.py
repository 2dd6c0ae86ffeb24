"""The events stage on realistic news sentences, through the real pipeline."""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult, Event


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    from backchannel.pipeline import default_pipeline

    return default_pipeline()


def _code(text: str, pipeline: Pipeline, date: str | None = "2024-03-01") -> DocumentResult:
    return extract(text, date=date, pipeline=pipeline)


def _countries(refs: tuple[object, ...]) -> set[str]:
    return {c for c in (getattr(r, "country", None) for r in refs) if c}


def _one(doc: DocumentResult, event_type: str) -> Event:
    hits = [e for e in doc.events if e.event_type == event_type]
    assert hits, [(e.event_type, e.trigger.text) for e in doc.events]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        ("Israeli troops attacked a refugee camp in Jenin on Tuesday.", "ASSAULT", "ISR", None),
        ("Egypt's foreign minister met his Qatari counterpart in Cairo on Monday.", "CONSULT", "EGY", "QAT"),
        ("Iran condemned the killing of its general in Baghdad.", "ACCUSE", "IRN", None),
        ("The United States imposed new sanctions on Russia over the war.", "SANCTION", "USA", "RUS"),
        ("Ukraine urged Germany to deliver more air defence systems.", "REQUEST", "UKR", "DEU"),
        ("Turkey threatened to block Sweden's bid to join NATO.", "THREATEN", "TUR", None),
        ("Hamas released two American hostages on Friday.", "RETREAT", "PSE", "USA"),
        ("Police arrested dozens of protesters in Tbilisi.", "COERCE", None, None),
        ("Thousands of people protested in Tel Aviv against the government.", "PROTEST", None, None),
        ("Japan provided $100 million in humanitarian aid to Gaza.", "AID", "JPN", None),
        ("North Korea deployed troops near the border with South Korea.", "MOBILIZE", "PRK", None),
        ("Pakistan rejected India's proposal for talks on the Kashmir dispute.", "REJECT", "PAK", None),
        ("Saudi Arabia and Iran agreed to restore diplomatic relations.", "AGREE", "SAU", None),
        ("France praised Morocco's efforts to stabilise the region.", "SUPPORT", "FRA", "MAR"),
    ],
)
def test_event_type_and_dyad(
    text: str, event_type: str, actor: str | None, recipient: str | None, pipeline: Pipeline
) -> None:
    doc = _code(text, pipeline)
    e = _one(doc, event_type)
    assert e.status == "asserted"
    if actor:
        assert actor in _countries(e.actor) | {a.affiliation for a in e.actor}
    if recipient:
        assert recipient in _countries(e.recipient)


@pytest.mark.parametrize(
    ("text", "event_type", "status"),
    [
        ("China did not condemn the attack on the embassy.", "ACCUSE", "negated"),
        ("Hamas refused to meet the Egyptian delegation.", "CONSULT", "negated"),
        ("Hamas refused to meet the Egyptian delegation.", "REJECT", "asserted"),
        ("If Israel attacks Rafah, Egypt will suspend the treaty.", "ASSAULT", "hypothetical"),
        ("If Israel attacks Rafah, Egypt will suspend the treaty.", "SANCTION", "hypothetical"),
        ("Russia will host talks between Fatah and Hamas next week.", "CONSULT", "future"),
        ("Did Turkey really threaten Greece?", "THREATEN", "hypothetical"),
        ("Qatar may expel the Hamas leadership.", "COERCE", "hypothetical"),
        ("India plans to send a delegation to Kabul.", "CONSULT", "future"),
        ("Egypt has not forgotten to criticize Israel.", "ACCUSE", "asserted"),
    ],
)
def test_modality(text: str, event_type: str, status: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    e = _one(doc, event_type)
    assert e.status == status, [(x.event_type, x.status) for x in doc.events]


def test_passive_voice_swaps_roles(pipeline: Pipeline) -> None:
    doc = _code("The convoy was attacked by Houthi rebels near Sanaa.", pipeline)
    e = _one(doc, "ASSAULT")
    assert "YEM" in _countries(e.actor)


def test_reported_speech_records_reporter(pipeline: Pipeline) -> None:
    doc = _code("Blinken said that Israel and Saudi Arabia had agreed to resume talks.", pipeline)
    e = _one(doc, "AGREE")
    assert e.reported_by is not None and e.reported_by.country == "USA"
    assert {"ISR", "SAU"} <= _countries(e.actor)


def test_each_other_gives_both_directions(pipeline: Pipeline) -> None:
    doc = _code("Armenia and Azerbaijan accused each other of violating the ceasefire.", pipeline)
    dirs = {(frozenset(_countries(e.actor)), frozenset(_countries(e.recipient))) for e in doc.events}
    assert (frozenset({"ARM"}), frozenset({"AZE"})) in dirs
    assert (frozenset({"AZE"}), frozenset({"ARM"})) in dirs


def test_mediator_from_brokered_by(pipeline: Pipeline) -> None:
    doc = _code("Israel and Hamas agreed to a truce brokered by Qatar and Egypt.", pipeline)
    e = _one(doc, "AGREE")
    assert {"ISR"} <= _countries(e.actor)
    assert {"QAT"} <= _countries(e.mediator)


def test_hosted_talks_between_parties(pipeline: Pipeline) -> None:
    doc = _code("Russia hosted talks between Fatah and Hamas in Moscow on Thursday.", pipeline)
    e = _one(doc, "CONSULT")
    assert "RUS" in _countries(e.mediator)
    assert e.location is not None and e.location.country_code == "RUS"


def test_hosted_talks_between_coordinated_delegations(pipeline: Pipeline) -> None:
    # the parser reads "Turkey hosted talks" as a noun phrase: "talks" modified by "hosted"
    doc = _code("Turkey hosted talks between Russian and Ukrainian delegations on grain exports.", pipeline)
    e = _one(doc, "CONSULT")
    assert _countries(e.actor) | _countries(e.recipient) == {"RUS", "UKR"}
    assert _countries(e.mediator) == {"TUR"} and e.mode == "third-party"


def test_event_date_from_its_own_clause(pipeline: Pipeline) -> None:
    # 2024-03-06 is a Wednesday: "on Monday" is the report (03-04), "last Friday" the meeting (03-01)
    doc = _code(
        "Officials said on Monday that Erdogan and Putin met in Sochi last Friday.", pipeline, date="2024-03-06"
    )
    e = _one(doc, "CONSULT")
    assert e.date == "2024-03-01"
    assert e.date_precision == "day"
    assert e.location is not None and e.location.country_code == "RUS"


def test_no_document_date_leaves_relative_dates_unresolved(pipeline: Pipeline) -> None:
    doc = _code("Israel struck targets in Lebanon last week.", pipeline, date=None)
    e = _one(doc, "ASSAULT")
    assert e.date is None
    assert any("no document date" in w for w in doc.warnings)


def test_a_proposal_delivered_is_an_offer_to_its_recipient(pipeline: Pipeline) -> None:
    doc = _code("Qatari and Egyptian mediators delivered a new ceasefire proposal to Hamas on Tuesday.", pipeline)
    e = _one(doc, "AGREE")
    assert _countries(e.actor) == {"QAT", "EGY"} and [r.text for r in e.recipient] == ["Hamas"]
    # what is delivered decides: food is aid (here with no named giver, so no event at all)
    assert not [e for e in _code("The convoy delivered food to Gaza.", pipeline).events if e.event_type == "AGREE"]


def test_go_betweens_mediate(pipeline: Pipeline) -> None:
    doc = _code("Oman passed messages between Iran and the United States in Muscat last month.", pipeline)
    e = _one(doc, "CONSULT")
    assert _countries(e.actor) == {"IRN", "USA"} and _countries(e.mediator) == {"OMN"}
    doc = _code("Norway's envoy shuttled between the Colombian government and the rebels for months.", pipeline)
    e = _one(doc, "CONSULT")
    assert e.mode == "third-party" and _countries(e.mediator) == {"NOR"}
    # passing a law is no message
    assert not _code("The parliament passed the budget bill on Tuesday.", pipeline).events


def test_agreed_to_is_one_agreement_with_the_complement_s_mediator(pipeline: Pipeline) -> None:
    doc = _code("Saudi Arabia and Iran agreed to restore diplomatic relations in a deal brokered by China.", pipeline)
    agreements = [e for e in doc.events if e.event_type == "AGREE" and e.status == "asserted"]
    assert len(agreements) == 1, [(e.trigger.text, e.status) for e in doc.events]
    assert _countries(agreements[0].actor) == {"SAU", "IRN"} and _countries(agreements[0].mediator) == {"CHN"}
