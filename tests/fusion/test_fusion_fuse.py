"""Fusion rules on mentions shaped like the White House readouts (pure: no pipeline, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from backchannel.fusion import (
    AnnouncementLink,
    FusionSettings,
    MentionRecord,
    Participant,
    PlaceRef,
    fuse_mentions,
    link_announcements,
)
from backchannel.fusion.fuse import date_interval, same_person

BIDEN = Participant("P:joe_biden", "USA", person=True)
HARRIS = Participant("P:kamala_harris", "USA", person=True)
USA = Participant("USA", "USA")
NETANYAHU = Participant("P:benjamin_netanyahu", "ISR", person=True)
ISRAEL = Participant("ISR", "ISR")
HAMAS = Participant("HAMAS", "HAMAS")
DOHA = PlaceRef("Doha", 25.2854, 51.5310, "QAT", "PPLC")
AL_WAKRAH = PlaceRef("Al Wakrah", 25.1659, 51.5976, "QAT", "PPLA")
CAIRO = PlaceRef("Cairo", 30.0444, 31.2357, "EGY", "PPLC")
QATAR = PlaceRef("Qatar", 25.5, 51.25, "QAT", "PCLI")


def _call(event_id: str, doc: str, report: str, **kw: object) -> MentionRecord:
    base = MentionRecord(
        event_id=event_id, doc_id=doc, event_type="CONSULT", status="asserted", report_date=date.fromisoformat(report),
        date=report, date_precision="day", actors=(BIDEN,), recipients=(NETANYAHU,), source=f"src-{doc}",
        confidence=0.6,
    )  # fmt: skip
    return replace(base, **kw)  # type: ignore[arg-type]  # test helper: keyword overrides


def _groups(mentions: list[MentionRecord]) -> list[set[str]]:
    return sorted(({m.event_id for m in e.mentions} for e in fuse_mentions(mentions)), key=sorted)


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2024-02-29", "day", "2024-02-29", "2024-02-29"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2024-02-12", "month", "2024-02-01", "2024-02-29"),
        ("2024", "year", "2024-01-01", "2024-12-31"),
        ("2024-03-04", "week", "2024-03-04", "2024-03-10"),
        ("2010", "decade", "2010-01-01", "2019-12-31"),
    ],
)
def test_date_interval_covers_the_precision(value: str, precision: str, first: str, last: str) -> None:
    assert date_interval(value, precision) == (date.fromisoformat(first), date.fromisoformat(last))


def test_two_readouts_of_one_call_fuse_and_count_two_sources() -> None:
    a = _call("a1", "readout", "2023-10-06")
    b = _call("b1", "joint", "2023-10-06", actors=(NETANYAHU,), recipients=(BIDEN,))  # reciprocal: order is free
    (event,) = fuse_mentions([a, b])
    assert event.documents == 2 and event.sources == 2
    assert event.confidence(FusionSettings()) == pytest.approx(1 - 0.4 * 0.4)


def test_calls_on_different_days_stay_apart() -> None:
    assert _groups([_call("a", "d1", "2023-10-08"), _call("b", "d2", "2023-10-10")]) == [{"a"}, {"b"}]


def test_a_day_fuses_with_the_month_that_contains_it_but_not_another() -> None:
    day = _call("day", "d1", "2023-10-08")
    month = _call("month", "d2", "2023-10-20", date="2023-10", date_precision="month")
    other = _call("other", "d3", "2023-11-20", date="2023-11", date_precision="month")
    assert _groups([day, month, other]) == [{"day", "month"}, {"other"}]


def test_report_dated_mentions_reach_back_a_few_days_only() -> None:
    call = _call("call", "d1", "2023-10-16")
    later = _call("later", "d2", "2023-10-18", date="2023-10-18", date_precision="document")
    earlier = _call("earlier", "d3", "2023-10-14", date="2023-10-14", date_precision="document")
    assert _groups([call, later, earlier]) == [{"call", "later"}, {"earlier"}]


def test_different_people_of_one_party_are_different_meetings() -> None:
    biden = _call("biden", "d1", "2024-07-25")
    harris = _call("harris", "d2", "2024-07-25", actors=(HARRIS,))
    country = _call("country", "d3", "2024-07-25", actors=(USA,), recipients=(ISRAEL,))
    groups = _groups([biden, harris, country])
    assert {"biden"} <= groups[0] or {"biden"} <= groups[1]
    assert not any({"biden", "harris"} <= g for g in groups)
    assert any(len(g) == 2 and "country" in g for g in groups)  # a country-level report joins one of them


def test_unresolved_surname_matches_the_full_name() -> None:
    assert same_person("~yoon", "P:yoon_suk_yeol") and same_person("~sauli niinistö", "P:sauli_niinisto")
    assert not same_person("~andrzej duda", "P:mateusz_morawiecki")


def test_directed_types_keep_their_direction() -> None:
    strike = _call("s1", "d1", "2024-03-01", event_type="ASSAULT", actors=(ISRAEL,), recipients=(HAMAS,))
    again = replace(strike, event_id="s2", doc_id="d2", source="src-d2")
    reverse = replace(strike, event_id="s3", doc_id="d3", actors=(HAMAS,), recipients=(ISRAEL,))
    clash = replace(strike, event_id="s4", doc_id="d4", actors=(HAMAS, ISRAEL), recipients=())  # "clashes between"
    assert _groups([strike, again, reverse, clash]) == [{"s1", "s2", "s4"}, {"s3"}]


def test_places_further_than_50_km_apart_do_not_fuse() -> None:
    doha = _call("doha", "d1", "2024-02-06", place=DOHA)
    wakrah = _call("wakrah", "d2", "2024-02-06", place=AL_WAKRAH)  # ~14 km: a conflict, not a block
    cairo = _call("cairo", "d3", "2024-02-06", place=CAIRO)
    country = _call("country", "d4", "2024-02-06", place=QATAR)
    events = fuse_mentions([doha, wakrah, cairo, country])
    groups = sorted(({m.event_id for m in e.mentions} for e in events), key=len)
    assert groups == [{"cairo"}, {"doha", "wakrah", "country"}]
    fused = max(events, key=lambda e: len(e.mentions))
    assert fused.conflicts >= 1 and fused.place() == DOHA


def test_status_is_part_of_the_key() -> None:
    done = _call("done", "d1", "2023-11-02")
    planned = _call("planned", "d2", "2023-11-02", status="future")
    assert _groups([done, planned]) == [{"done"}, {"planned"}]


def test_confidence_grows_with_independent_sources_not_with_repeats() -> None:
    one = _call("a", "d1", "2023-10-06", source="White House")
    same_source = _call("b", "d2", "2023-10-06", source="White House")
    other_source = _call("c", "d3", "2023-10-06", source="Reuters")
    settings = FusionSettings()
    (single,) = fuse_mentions([one])
    (repeated,) = fuse_mentions([one, same_source])
    (confirmed,) = fuse_mentions([one, same_source, other_source])
    assert repeated.sources == 1 and confirmed.sources == 2
    assert single.confidence(settings) == repeated.confidence(settings) < confirmed.confidence(settings)


def test_one_party_events_fuse_only_when_anchored_to_a_place() -> None:
    a = _call("a", "d1", "2024-03-01", event_type="ASSAULT", actors=(ISRAEL,), recipients=())
    b = replace(a, event_id="b", doc_id="d2")
    assert _groups([a, b]) == [{"a"}, {"b"}]
    assert _groups([replace(a, place=DOHA), replace(b, place=DOHA)]) == [{"a", "b"}]


# Announcements: "President Biden will host Prime Minister Netanyahu on July 25" (status future, own date).
def _links(mentions: list[MentionRecord]) -> set[tuple[frozenset[str], frozenset[str], str]]:
    events = fuse_mentions(mentions)
    ids = {e.fused_id: frozenset(m.event_id for m in e.mentions) for e in events}
    return {(ids[k.fused_id], ids[k.target_fused_id], k.basis) for k in link_announcements(events)}


def test_a_dated_announcement_anticipates_the_meeting_it_announced_and_is_not_a_source() -> None:
    announced = _call("will-host", "statement", "2024-07-24", date="2024-07-25", status="future", source="WH")
    held = _call("met", "readout", "2024-07-25", source="WH")
    also = _call("met-too", "press", "2024-07-25", source="Reuters")
    events = fuse_mentions([announced, held, also])
    meeting = next(e for e in events if e.status == "asserted")
    assert {m.event_id for m in meeting.mentions} == {"met", "met-too"} and meeting.sources == 2
    (link,) = link_announcements(events)
    assert link == AnnouncementLink(
        fused_id=next(e.fused_id for e in events if e.status == "future"), target_fused_id=meeting.fused_id,
        relation="anticipates", basis="date", lead_days=1,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("readout", "why"),
    [
        ({"actors": (HARRIS,)}, "another principal met the guest that day"),
        ({"date": "2024-07-26", "report_date": date(2024, 7, 26)}, "on another day than announced"),
        ({"recipients": (HAMAS,)}, "with other parties"),
        ({"event_type": "AGREE"}, "another kind of act"),
        ({"date": "2024-07-25", "report_date": date(2024, 7, 23)}, "reported before it was announced"),
    ],
)
def test_an_announcement_does_not_anticipate_another_event(readout: dict[str, object], why: str) -> None:
    announced = _call("will-host", "statement", "2024-07-24", date="2024-07-25", status="future")
    other = replace(_call("met", "readout", "2024-07-25"), **readout)  # type: ignore[arg-type]  # test overrides
    assert _links([announced, other]) == set(), why


def test_an_undated_announcement_needs_one_later_candidate() -> None:
    # "The two leaders will discuss ..." (no date of its own): the next few days, one meeting only.
    plan = _call("will-discuss", "statement", "2023-12-10", date="2023-12-10", date_precision="document",
                 status="future", actors=(USA,), recipients=(ISRAEL,))  # fmt: skip
    biden = _call("biden", "readout-1", "2023-12-12")
    harris = _call("harris", "readout-2", "2023-12-12", actors=(HARRIS,))
    assert _links([plan, biden]) == {(frozenset({"will-discuss"}), frozenset({"biden"}), "only-candidate")}
    assert _links([plan, biden, harris]) == set()  # two meetings fit: which one was announced is unknown
    late = replace(biden, event_id="late", report_date=date(2023, 12, 20), date="2023-12-20")
    assert _links([plan, late]) == set()  # beyond the announcement horizon (7 days)
    same_day = replace(biden, event_id="same-day", report_date=date(2023, 12, 10), date="2023-12-10")
    assert _links([plan, same_day]) == set()  # a plan repeated the same day is no report that it happened
