"""Who stands between the two sides of a dyad: explicit mediators and Gould-Fernandez brokers.

The score of a candidate M between sides A and B (see docs/analysis.md):

    score = 3.0 x (events coding M as mediator with both A and B as parties)
          + 1.5 x (events coding M as mediator with one of them as a party)
          + the number of cooperative two-paths A -> M -> B and B -> M -> A (0, 1 or 2)

Each two-path is typed by Gould and Fernandez's (1989) brokerage roles, groups being
the actors' countries (PLOVER country codes; a person stands for its organisation or state).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import duckdb

from backchannel.analysis.loader import Corpus, EventView, load_corpus, resolve_side
from backchannel.analysis.models import Evidence, MediatorCandidate, MediatorReport
from backchannel.store.errors import InvalidQuery
from backchannel.store.queries import EventFilter

__all__ = [
    "BROKERAGE_ROLES",
    "MEDIATION_WEIGHT",
    "PARTIAL_MEDIATION_WEIGHT",
    "brokerage_role",
    "find_mediators",
]

MEDIATION_WEIGHT = 3.0
PARTIAL_MEDIATION_WEIGHT = 1.5
BROKERAGE_ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
# Mediation is counted whatever the status but negated ("did not mediate"); a planned round of talks is still an effort.
_STATUSES = ("asserted", "future", "hypothetical")

Edge = tuple[str, str]


def brokerage_role(source_group: str, broker_group: str, target_group: str) -> str:
    """Gould-Fernandez role of the broker on the path source -> broker -> target."""
    if source_group == broker_group == target_group:
        return "coordinator"
    if source_group == target_group:
        return "itinerant"
    if source_group == broker_group:
        return "representative"
    if broker_group == target_group:
        return "gatekeeper"
    return "liaison"


def _group(corpus: Corpus, node: str) -> str:
    country = corpus.info(node).country
    if not country or country in ("IGO", "NGO", "MNC"):
        return node
    return country


def _ties(corpus: Corpus) -> dict[Edge, list[EventView]]:
    """Directed cooperative ties between rolled-up actors; mediation ties run both ways."""
    ties: dict[Edge, list[EventView]] = defaultdict(list)
    for event in corpus.events:
        for p, q, kind in event.counterparts():
            u, v = corpus.rollup(p.party), corpus.rollup(q.party)
            if u == v:
                continue
            if kind == "mediation" or (kind == "mutual" and event.cooperative):
                edges = [(u, v), (v, u)]
            elif event.cooperative:
                edges = [(u, v)]
            else:
                continue
            for edge in edges:
                if all(e.real_id != event.real_id for e in ties[edge]):
                    ties[edge].append(event)
    return ties


def _linked(ties: dict[Edge, list[EventView]], node: str, side: set[str]) -> list[EventView]:
    seen: dict[str, EventView] = {}
    for s in sorted(side):
        for edge in ((s, node), (node, s)):
            for event in ties.get(edge, ()):
                seen.setdefault(event.real_id, event)
    return list(seen.values())


def _crossing(corpus: Corpus, side_a: set[str], side_b: set[str]) -> tuple[int, int]:
    conflict: set[str] = set()
    cooperation: set[str] = set()
    for event in corpus.events:
        for p, q, kind in event.counterparts():
            if kind == "mediation":
                continue
            u, v = corpus.rollup(p.party), corpus.rollup(q.party)
            if (u in side_a and v in side_b) or (u in side_b and v in side_a):
                (cooperation if event.cooperative else conflict).add(event.real_id)
    return len(conflict), len(cooperation)


def _mediations(
    corpus: Corpus, side_a: set[str], side_b: set[str]
) -> dict[str, tuple[list[EventView], list[EventView]]]:
    """Per mediator: events where both sides are parties, and events with one side only."""
    found: dict[str, tuple[list[EventView], list[EventView]]] = defaultdict(lambda: ([], []))
    for event in corpus.events:
        if not event.mediators:
            continue
        parties = {corpus.rollup(p.party) for p in event.actors + event.recipients}
        has_a, has_b = bool(parties & side_a), bool(parties & side_b)
        if not (has_a or has_b):
            continue
        for m in {corpus.rollup(p.party) for p in event.mediators} - side_a - side_b:
            bucket = found[m][0 if has_a and has_b else 1]
            if all(e.real_id != event.real_id for e in bucket):
                bucket.append(event)
    return found


def _unique(events: Iterable[EventView], limit: int) -> list[Evidence]:
    """Evidence of up to ``limit`` real events (one mention each)."""
    out: dict[str, Evidence] = {}
    for event in events:
        if len(out) >= limit:
            break
        out.setdefault(event.real_id, event.evidence())
    return list(out.values())


def find_mediators(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    evidence: int = 8,
    f: EventFilter | None = None,
) -> MediatorReport:
    """Actors engaging both sides of the dyad ``a``-``b`` in the window, best-placed brokers first.

    ``f``: the events of the shared event filter (as every view of the API reads it) instead of the window and
    the statuses of mediation efforts (asserted, future, hypothetical).
    """
    a_keys, b_keys = resolve_side(con, a, "between A"), resolve_side(con, b, "between B")
    if f is None:
        corpus = load_corpus(con, since, until, statuses=_STATUSES)
    else:
        corpus, since, until = load_corpus(con, f=f), f.since, f.until
    side_a, side_b = {corpus.rollup(k) for k in a_keys}, {corpus.rollup(k) for k in b_keys}
    if side_a & side_b:
        raise InvalidQuery(f"between: {a!r} and {b!r} name the same actor ({', '.join(sorted(side_a & side_b))})")
    ties = _ties(corpus)
    mediations = _mediations(corpus, side_a, side_b)
    nodes = {n for edge in ties for n in edge} - side_a - side_b
    candidates: list[MediatorCandidate] = []
    for node in sorted(nodes | set(mediations)):
        with_a, with_b = _linked(ties, node, side_a), _linked(ties, node, side_b)
        if not with_a or not with_b:
            continue
        roles: dict[str, int] = defaultdict(int)
        for xs, ys in ((side_a, side_b), (side_b, side_a)):
            for x in sorted(xs):
                y = next((y for y in sorted(ys) if (x, node) in ties and (node, y) in ties), None)
                if y is not None:
                    roles[brokerage_role(_group(corpus, x), _group(corpus, node), _group(corpus, y))] += 1
                    break
        full, partial = mediations.get(node, ([], []))
        score = MEDIATION_WEIGHT * len(full) + PARTIAL_MEDIATION_WEIGHT * len(partial) + sum(roles.values())
        candidates.append(
            MediatorCandidate(
                key=node, name=corpus.name(node), score=round(score, 3), mediation_events=len(full),
                partial_mediation_events=len(partial), brokerage=dict(sorted(roles.items())),
                ties_a=len(with_a), ties_b=len(with_b), evidence=_unique([*full, *partial, *with_a, *with_b], evidence),
            )
        )  # fmt: skip
    candidates.sort(key=lambda c: (-c.score, -(c.ties_a + c.ties_b), c.key))
    conflict, cooperation = _crossing(corpus, side_a, side_b)
    return MediatorReport(
        a=a, a_keys=sorted(side_a), b=b, b_keys=sorted(side_b), since=since, until=until,
        conflict_events=conflict, cooperation_events=cooperation, mediators=candidates[:limit],
        events=corpus.real_events(),
    )  # fmt: skip
