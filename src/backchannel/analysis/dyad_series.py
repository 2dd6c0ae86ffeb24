"""Weekly event series per dyad and a detector of sharp shifts in its cooperation-conflict balance.

A dyad is an unordered pair of actors that deal with each other as actor and recipient: the pairs the network's
edges and ``GET /dyads`` count (``event_dyads``), for the same shared event filter (by default asserted,
non-historical events; see ``store.queries.EventFilter``), so that a pair's series holds the events of its two
edges.  Events are real events by default: the mentions of one fused event count once, in the week of the
earliest, with their mean intensity (and a repost's mentions not at all); ``count="mentions"`` counts every
mention.  A week's *net* score is the sum of its events' intensities (cooperation positive, conflict
negative).  A week is flagged when its net score lies at least ``threshold`` standard
deviations from the mean of the trailing ``window`` weeks, at least ``min_history`` of
which had events (quiet weeks count as 0; the deviation has a floor so that a flat
history does not make every event a shift) -- see docs/analysis.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as with_fields
from datetime import date, timedelta
from typing import Literal

import duckdb

from backchannel.analysis.loader import Corpus, EventView, load_corpus, resolve_side
from backchannel.analysis.models import ChangePoint, DyadSeries, WeekBucket
from backchannel.store.errors import InvalidQuery
from backchannel.store.queries import DEFAULT_FILTER, EventFilter, dyad_mentions

__all__ = ["DEFAULT_FILTER", "Shift", "detect_shifts", "dyad_series", "week_start"]

Pair = tuple[str, str]


@dataclass(frozen=True)
class Shift:
    index: int  # position in the series
    value: float
    mean: float
    std: float
    z: float


def week_start(day: date) -> date:
    """Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.weekday())


def detect_shifts(
    values: Sequence[float],
    window: int = 8,
    threshold: float = 2.0,
    min_history: int = 2,
    std_floor: float = 2.0,
    active: Sequence[bool] | None = None,
) -> list[Shift]:
    """Indices whose value departs from the mean of the trailing ``window`` values by ``threshold`` deviations.

    ``values`` are consecutive weeks and ``active`` says which had events (default: all).  A week is tested
    only if it is active and at least ``min_history`` active weeks lie in its trailing window; quiet weeks
    count as 0 in the baseline.  The deviation is at least ``std_floor`` (intensity units).
    """
    if window < 1 or min_history < 1 or threshold <= 0 or std_floor <= 0:
        raise ValueError("window and min_history must be >= 1; threshold and std_floor must be > 0")
    if active is not None and len(active) != len(values):
        raise ValueError("active must have one flag per value")
    flags = list(active) if active is not None else [True] * len(values)
    shifts: list[Shift] = []
    for i, value in enumerate(values):
        start = max(0, i - window)
        if not flags[i] or sum(flags[start:i]) < min_history:
            continue
        history = values[start:i]
        mean = sum(history) / len(history)
        std = math.sqrt(sum((v - mean) ** 2 for v in history) / len(history))
        z = (value - mean) / max(std, std_floor)
        if abs(z) >= threshold:
            shifts.append(Shift(index=i, value=value, mean=round(mean, 4), std=round(std, 4), z=round(z, 3)))
    return shifts


def _series(
    corpus: Corpus, pair: Pair, events: list[EventView], window: int, threshold: float, drivers: int
) -> DyadSeries:
    by_week: dict[date, list[EventView]] = defaultdict(list)
    for event in events:
        if event.day is not None:
            by_week[week_start(event.day)].append(event)
    weeks: list[WeekBucket] = []
    if by_week:
        first, last = min(by_week), max(by_week)
        span = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
        nets: list[float] = []
        for monday in span:
            group = by_week.get(monday, [])
            quads: dict[int, int] = defaultdict(int)
            for e in group:
                quads[e.quad_class] += 1
            net = round(sum(e.intensity for e in group), 4)
            nets.append(net)
            if group:
                weeks.append(
                    WeekBucket(
                        week=monday.isoformat(), count=len(group), by_quad_class=dict(sorted(quads.items())),
                        mean_intensity=round(net / len(group), 4), net=net,
                    )
                )  # fmt: skip
        shifts = detect_shifts(nets, window=window, threshold=threshold, active=[bool(by_week.get(m)) for m in span])
    else:
        span, shifts = [], []
    changes: list[ChangePoint] = []
    for s in shifts:
        toward = "toward_cooperation" if s.z > 0 else "toward_conflict"
        group = sorted(by_week[span[s.index]], key=lambda e: (-e.intensity if s.z > 0 else e.intensity, e.event_id))
        changes.append(
            ChangePoint(
                week=span[s.index].isoformat(), net=s.value, baseline_mean=s.mean, baseline_std=s.std, z=s.z,
                direction=toward, drivers=[e.evidence() for e in group[:drivers]],
            )
        )  # fmt: skip
    return DyadSeries(
        a=pair[0], a_name=corpus.name(pair[0]), b=pair[1], b_name=corpus.name(pair[1]), count=len(events),
        weeks=weeks, changes=changes,
    )  # fmt: skip


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str | None = None,
    b: str | None = None,
    since: str | None = None,
    until: str | None = None,
    window: int = 8,
    threshold: float = 2.0,
    min_count: int = 1,
    limit: int = 50,
    drivers: int = 5,
    count: Literal["events", "mentions"] = "events",
    f: EventFilter | None = None,
) -> list[DyadSeries]:
    """Weekly series (and flagged shifts) of the dyads involving ``a`` (and ``b``), busiest first.

    ``f`` is the shared event filter (default: asserted, non-historical events); ``since`` and ``until``, when
    given, replace its window; its actor and recipient are not read (``a`` and ``b`` name the dyad's sides).
    ``count="events"`` counts real events (a fused event once); ``"mentions"`` every stored mention.
    """
    if window < 1 or threshold <= 0 or limit < 1:
        raise InvalidQuery(f"window and limit must be >= 1 and threshold > 0 (got {window}, {limit}, {threshold})")
    if count not in ("events", "mentions"):
        raise InvalidQuery(f"count: must be events or mentions, got {count!r}")
    scope = with_fields(f or DEFAULT_FILTER, actor=None, recipient=None, either=False)
    if since is not None or until is not None:
        scope = with_fields(scope, since=since or scope.since, until=until or scope.until)
    side_a = set(resolve_side(con, a, "a")) if a else None
    side_b = set(resolve_side(con, b, "b")) if b else None
    rows: dict[str, set[Pair]] = defaultdict(set)
    for event_id, source, target in dyad_mentions(con, scope, count=count):
        pair = (source, target) if source < target else (target, source)
        if side_a is not None and not side_a & set(pair):
            continue
        if side_b is not None and not (side_b & set(pair) and (side_a is None or _split(pair, side_a, side_b))):
            continue
        rows[event_id].add(pair)
    corpus = load_corpus(con, statuses=None, copies=True, event_ids=rows)
    # Per dyad, the mentions of each real event (or each mention on its own).
    members: dict[Pair, dict[str, list[EventView]]] = defaultdict(lambda: defaultdict(list))
    for event in corpus.events:
        for pair in rows.get(event.event_id, ()):
            members[pair][event.real_id if count == "events" else event.event_id].append(event)
    grouped = {pair: [_real_event(ms) for ms in by_id.values()] for pair, by_id in members.items()}
    ranked = sorted((p for p, evs in grouped.items() if len(evs) >= min_count), key=lambda p: (-len(grouped[p]), p))
    return [_series(corpus, p, grouped[p], window, threshold, drivers) for p in ranked[:limit]]


def _real_event(mentions: list[EventView]) -> EventView:
    """One real event from its mentions: the earliest dated one, with the mean intensity of them all."""
    first = min(mentions, key=lambda e: (e.day is None, e.day or date.min, e.event_id))
    if len(mentions) == 1:
        return first
    return with_fields(first, intensity=round(sum(e.intensity for e in mentions) / len(mentions), 4))


def _split(pair: Pair, side_a: set[str], side_b: set[str]) -> bool:
    u, v = pair
    return (u in side_a and v in side_b) or (u in side_b and v in side_a)
