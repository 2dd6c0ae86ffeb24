"""Pure parts of the analyses: the change detector, brokerage roles, stance rules, the issue table."""

from __future__ import annotations

from datetime import date

import pytest

from backchannel.analysis.dyad_series import detect_shifts, week_start
from backchannel.analysis.loader import EventView, Participant, parse_window
from backchannel.analysis.mediators import brokerage_role
from backchannel.analysis.stances import IssueVocabulary, stance_of
from backchannel.errors import ConfigError
from backchannel.store import InvalidQuery


def test_detector_flags_a_sharp_turn_to_conflict() -> None:
    weekly_net = [4.0, 5.0, 3.0, 4.0, 5.0, 4.0, -9.5, 4.0]
    shifts = detect_shifts(weekly_net, window=6, threshold=2.0)
    assert [s.index for s in shifts] == [6]
    assert shifts[0].z < -2.0 and shifts[0].mean == pytest.approx(25 / 6, abs=1e-3)


def test_detector_flags_a_turn_to_cooperation() -> None:
    weekly_net = [-6.0, -7.0, -6.5, -6.0, -7.0, 8.0]
    assert [(s.index, s.z > 0) for s in detect_shifts(weekly_net)] == [(5, True)]


def test_detector_ignores_ordinary_noise() -> None:
    weekly_net = [1.0, -2.0, 3.0, 0.0, 2.0, -1.0, 1.0, 2.5, -1.5, 0.5]
    assert detect_shifts(weekly_net) == []


def test_detector_needs_history_and_skips_quiet_weeks() -> None:
    # The first active week after a long silence has no baseline of active weeks: not a shift.
    values = [0.0] * 10 + [-9.5]
    assert detect_shifts(values, active=[False] * 10 + [True]) == []
    # A quiet week (no events) is not itself flagged, even if far from the baseline.
    values = [5.0, 5.0, 5.0, 5.0, 0.0]
    assert detect_shifts(values, std_floor=1.0, active=[True, True, True, True, False]) == []
    assert [s.index for s in detect_shifts(values, std_floor=1.0)] == [4]


def test_detector_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="window"):
        detect_shifts([1.0], window=0)


def test_week_start_is_monday() -> None:
    assert week_start(date(2024, 3, 1)) == date(2024, 2, 26)
    assert week_start(date(2024, 2, 26)) == date(2024, 2, 26)


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (("PSE", "PSE", "PSE"), "coordinator"),
        (("PSE", "RUS", "PSE"), "itinerant"),
        (("ISR", "ISR", "PSE"), "representative"),
        (("ISR", "PSE", "PSE"), "gatekeeper"),
        (("ISR", "QAT", "PSE"), "liaison"),
    ],
)
def test_gould_fernandez_roles(groups: tuple[str, str, str], role: str) -> None:
    assert brokerage_role(*groups) == role


def _event(
    event_type: str,
    status: str,
    sentence: str,
    actors: tuple[Participant, ...] = (),
    mediators: tuple[Participant, ...] = (),
    reported_by: tuple[Participant, ...] = (),
) -> EventView:
    return EventView(
        event_id="d:e1", doc_id="d", day=date(2024, 3, 1), event_type=event_type, mode=None, status=status,
        quad_class=1, intensity=1.0, trigger="x", sentence=sentence, actors=actors, mediators=mediators,
        reported_by=reported_by,
    )  # fmt: skip


HAMAS = Participant("HAMAS", "actor", "Hamas")
ISRAEL = Participant("ISR", "actor", "Israel")
HANIYEH = Participant("P:ismail_haniyeh", "reported_by", "Haniyeh")
QATAR = Participant("QAT", "mediator", "Qatar")


def test_reported_obligation_is_the_reporters_demand() -> None:
    event = _event("RETREAT", "hypothetical", "Haniyeh said Israel must stop its offensive.", actors=(ISRAEL,),
                   reported_by=(HANIYEH,))  # fmt: skip
    assert [(p.key, s) for p, s in stance_of(event)] == [("P:ismail_haniyeh", "demands")]


@pytest.mark.parametrize(
    ("event_type", "status", "sentence", "expected"),
    [
        ("AGREE", "asserted", "Hamas agreed to a truce.", "supports"),
        ("AGREE", "negated", "Hamas did not agree to a truce.", "rejects"),
        ("REJECT", "asserted", "Hamas rejected the truce.", "rejects"),
        ("REQUEST", "asserted", "Hamas called for a ceasefire.", "demands"),
        ("SUPPORT", "hypothetical", "Hamas may accept a ceasefire.", "conditions"),
        ("AGREE", "asserted", "Hamas will accept a truce if Israel withdraws.", "conditions"),
    ],
)
def test_stance_from_type_and_status(event_type: str, status: str, sentence: str, expected: str) -> None:
    assert [s for _p, s in stance_of(_event(event_type, status, sentence, actors=(HAMAS,)))] == [expected]


def test_mediators_of_an_agreement_mediate() -> None:
    event = _event("AGREE", "asserted", "Israel and Hamas agreed to a truce mediated by Qatar.",
                   actors=(ISRAEL, HAMAS), mediators=(QATAR,))  # fmt: skip
    assert sorted((p.key, s) for p, s in stance_of(event)) == [("HAMAS", "supports"), ("ISR", "supports"),
                                                              ("QAT", "mediates")]  # fmt: skip


def test_issue_vocabulary_tags_by_context_mode_and_text() -> None:
    vocab = IssueVocabulary.default()
    truce = _event("AGREE", "asserted", "Israel and Hamas agreed to a four-day pause in the fighting.")
    assert vocab.tag(truce)["ceasefire"] == ["text"]
    swap = _event("RETREAT", "future", "Hamas will free them.")
    assert "hostages_prisoners" not in vocab.tag(swap)
    release = EventView(**{**swap.__dict__, "mode": "release", "context": ("hostages_prisoners",)})
    assert vocab.tag(release)["hostages_prisoners"] == ["context", "mode"]
    named = _event("ASSAULT", "asserted", "Israel launched Operation Iron Swords.")
    assert "named_operation" in vocab.tag(named)
    assert "named_operation" not in vocab.tag(_event("ASSAULT", "asserted", "the operation in the north"))


def test_issue_table_errors_name_the_line() -> None:
    with pytest.raises(ConfigError, match=r"issues\.tsv:2"):
        IssueVocabulary.from_tsv("# header\nceasefire\tCeasefire\t-\n")
    with pytest.raises(ConfigError, match="bad pattern"):
        IssueVocabulary.from_tsv("x\tX\t-\t-\t-\t(unclosed\n")
    with pytest.raises(InvalidQuery, match="unknown issue"):
        IssueVocabulary.default().get("weather")


def test_window_bounds_cover_whole_months_and_years() -> None:
    assert parse_window("2024-02", "2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_window("2023", "2023") == (date(2023, 1, 1), date(2023, 12, 31))
    with pytest.raises(InvalidQuery, match="since"):
        parse_window("March", None)
