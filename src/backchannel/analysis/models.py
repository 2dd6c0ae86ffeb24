"""Records returned by the network analyses (and served as API response models)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = [
    "ActorStance",
    "ChangePoint",
    "ChannelPath",
    "ChannelReport",
    "ChannelStep",
    "DirectContact",
    "DyadSeries",
    "Evidence",
    "MediatorCandidate",
    "MediatorReport",
    "MonthStance",
    "PositionReport",
    "StanceEvidence",
    "WeekBucket",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Model):
    """One stored event that backs a claim: its id and the sentence it was coded from."""

    event_id: str
    doc_id: str
    day: str | None = None
    event_type: str
    mode: str | None = None
    status: str
    quad_class: int
    intensity: float
    trigger: str
    sentence: str
    fused_id: str | None = None  # the real event this mention belongs to, when mentions have been fused


class MediatorCandidate(_Model):
    key: str
    name: str | None = None
    score: float
    mediation_events: int  # events coded with this actor as mediator and both sides as parties
    partial_mediation_events: int  # ... with only one side as a party
    brokerage: dict[str, int]  # Gould-Fernandez role -> number of two-paths side -> broker -> side
    ties_a: int  # cooperative events linking the candidate and side A
    ties_b: int
    evidence: list[Evidence]


class MediatorReport(_Model):
    a: str
    a_keys: list[str]
    b: str
    b_keys: list[str]
    since: str | None = None
    until: str | None = None
    conflict_events: int  # conflictual (quad 3-4) events between the two sides in the window
    cooperation_events: int
    mediators: list[MediatorCandidate]
    events: int = 0  # the real events read (those of the filter), as /events?totals=true counts them


class DirectContact(_Model):
    level: str  # head, minister, party official, envoy, ambassador, official, unspecified
    mode: str  # visit, phone, third-party, multilateral, unspecified
    a_participant: str
    a_level: str
    b_participant: str
    b_level: str
    evidence: Evidence
    mentions: int = 1  # mentions of the same real event (fused) that this contact stands for


class ChannelStep(_Model):
    source: str
    source_name: str | None = None
    target: str
    target_name: str | None = None
    kind: str  # contact (a cooperative event) or represents (a person or body acting for a country)
    label: str | None = None  # the representative's title, e.g. "ambassador to QAT"
    evidence: list[Evidence]


class ChannelPath(_Model):
    nodes: list[str]
    names: list[str | None]
    length: int
    steps: list[ChannelStep]


class ChannelReport(_Model):
    a: str
    a_keys: list[str]
    b: str
    b_keys: list[str]
    direct: list[DirectContact]
    direct_by_level: dict[str, int]
    direct_by_mode: dict[str, int]
    paths: list[ChannelPath]
    events: int = 0  # the real events read (those of the filter), as /events?totals=true counts them


class StanceEvidence(_Model):
    stance: str
    holder: str  # the participant whose words or act carry the stance (before roll-up)
    role: str  # actor, mediator or reported_by
    issues_from: list[str]  # how the issue was found: context, mode or text
    evidence: Evidence


class MonthStance(_Model):
    month: str  # YYYY-MM
    counts: dict[str, int]
    stance: str  # the month's most frequent stance (ties: the most committal)
    changed: bool  # the month's position differs from the previous position taken (engagement is not one)


class ActorStance(_Model):
    key: str
    name: str | None = None
    stance: str  # the latest position taken (supports, demands, rejects, conditions), else the latest engagement
    counts: dict[str, int]
    by_month: list[MonthStance]
    evidence: list[StanceEvidence]


class PositionReport(_Model):
    issue: str
    label: str
    since: str | None = None
    until: str | None = None
    actors: list[ActorStance]
    events: int = 0  # the real events read (those of the filter), as /events?totals=true counts them


class WeekBucket(_Model):
    week: str  # Monday of the ISO week, YYYY-MM-DD
    count: int
    by_quad_class: dict[int, int]
    mean_intensity: float
    net: float  # sum of intensities: cooperation positive, conflict negative


class ChangePoint(_Model):
    week: str
    net: float
    baseline_mean: float
    baseline_std: float
    z: float
    direction: str  # toward_cooperation or toward_conflict
    drivers: list[Evidence]


class DyadSeries(_Model):
    a: str
    a_name: str | None = None
    b: str
    b_name: str | None = None
    count: int
    weeks: list[WeekBucket]
    changes: list[ChangePoint]
