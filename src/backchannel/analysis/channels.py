"""How two actors reach each other: direct contacts by level and mode, and paths through intermediaries.

Persons who speak for a body (its leader, a head of state or government, a minister, a
member named by affiliation) stand for that body; representatives below that level
(ambassadors, envoys, advisers, other officials, a state's diplomatic or military corps)
are nodes of their own, linked to the state they act for by a ``represents`` step.  So
the specimen's meeting of Haniyeh with China's ambassador in Doha reads:
Hamas -> (Cao Xiaolin, ambassador to QAT) -> China.

Only asserted cooperative events (quad classes 1-2) are contacts.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator

import duckdb

from backchannel.analysis.loader import LEVELS, Corpus, EventView, Participant, load_corpus, resolve_side
from backchannel.analysis.models import ChannelPath, ChannelReport, ChannelStep, DirectContact
from backchannel.store.errors import InvalidQuery
from backchannel.store.queries import EventFilter

__all__ = ["CONTACT_MODES", "ChannelGraph", "find_channels"]

CONTACT_MODES: tuple[str, ...] = ("visit", "phone", "third-party", "multilateral")
_STANDING_LEVELS = ("head", "minister", "party official")
_MAX_LENGTH = 3


def _contact_level(a_level: str, b_level: str) -> str:
    """A contact is as senior as its junior named participant (a leader meeting an ambassador: ambassador)."""
    named = [lv for lv in (a_level, b_level) if lv != "unspecified"]
    return max(named, key=LEVELS.index) if named else "unspecified"


def _mode(event: EventView, kind: str) -> str:
    if event.mode in CONTACT_MODES:
        return str(event.mode)
    if event.mediators and kind != "mediation":
        return "third-party"
    return "unspecified"


class ChannelGraph:
    """The cooperative contact graph of a corpus, with representatives kept apart from the body they serve."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._levels: dict[str, str] = {}
        self._titles: dict[str, Counter[str]] = defaultdict(Counter)
        self._appearances: dict[str, list[EventView]] = defaultdict(list)  # one mention per real event
        appeared: set[tuple[str, str]] = set()
        for event in corpus.events:
            for p in event.actors + event.recipients + event.mediators:
                level = corpus.level(p)
                best = self._levels.get(p.key, "unspecified")
                self._levels[p.key] = min(best, level, key=LEVELS.index)
                if p.title:
                    self._titles[p.key][p.title] += 1
                if (p.key, event.real_id) not in appeared:
                    appeared.add((p.key, event.real_id))
                    self._appearances[p.key].append(event)
        self.contacts: dict[frozenset[str], list[EventView]] = defaultdict(list)
        self.represents: dict[str, str] = {}
        for event in corpus.events:
            if not event.cooperative:
                continue
            for p, q, _kind in event.counterparts():
                u, v = self.node(p.key), self.node(q.key)
                if u != v:
                    edge = frozenset((u, v))
                    if all(e.real_id != event.real_id for e in self.contacts[edge]):
                        self.contacts[edge].append(event)
        for key in list(self._levels):
            node = self.node(key)
            owner = corpus.owner(node) if node == key else None
            if owner is not None:
                self.represents[node] = corpus.rollup(owner)
        self.adjacent: dict[str, set[str]] = defaultdict(set)
        for edge in self.contacts:
            u, v = sorted(edge)
            self.adjacent[u].add(v)
            self.adjacent[v].add(u)
        for rep, owner in self.represents.items():
            self.adjacent[rep].add(owner)
            self.adjacent[owner].add(rep)

    def stands_for_owner(self, key: str) -> bool:
        info = self.corpus.info(key)
        if info.affiliation:
            return True
        return self._levels.get(key, "unspecified") in _STANDING_LEVELS

    def node(self, key: str) -> str:
        """The graph node of an actor: its owner when it speaks for it, else itself."""
        if self.corpus.owner(key) is not None and self.stands_for_owner(key):
            return self.corpus.rollup(key)
        return key

    def title(self, key: str) -> str | None:
        titles = self._titles.get(key)
        return titles.most_common(1)[0][0] if titles else None

    def step(self, u: str, v: str, limit: int) -> ChannelStep:
        events = self.contacts.get(frozenset((u, v)))
        names = {"source": u, "source_name": self.corpus.name(u), "target": v, "target_name": self.corpus.name(v)}
        if events:
            return ChannelStep(**names, kind="contact", evidence=[e.evidence() for e in events[:limit]])
        rep = u if self.represents.get(u) == v else v
        shown = self._appearances.get(rep, [])[:limit]
        return ChannelStep(**names, kind="represents", label=self.title(rep), evidence=[e.evidence() for e in shown])

    def paths(self, sources: set[str], targets: set[str], max_length: int = _MAX_LENGTH) -> Iterator[list[str]]:
        """Simple paths of 2..max_length steps whose inner nodes belong to neither side."""

        def walk(path: list[str]) -> Iterator[list[str]]:
            for nxt in sorted(self.adjacent.get(path[-1], ())):
                if nxt in targets and len(path) >= 2:
                    yield [*path, nxt]
                elif nxt not in path and nxt not in sources and nxt not in targets and len(path) < max_length:
                    yield from walk([*path, nxt])

        for source in sorted(sources):
            yield from walk([source])

    def weakest_link(self, path: list[str]) -> int:
        counts = []
        for u, v in itertools.pairwise(path):
            events = self.contacts.get(frozenset((u, v)))
            counts.append(len(events) if events else len(self._appearances.get(u if u in self.represents else v, [])))
        return min(counts)


def _direct(corpus: Corpus, side_a: set[str], side_b: set[str]) -> list[DirectContact]:
    """One contact per real event: of its mentions, the one naming the most specific participants."""
    found: dict[str, list[DirectContact]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for event in corpus.events:
        if not event.cooperative:
            continue
        for p, q, kind in event.counterparts():
            pa: Participant | None = None
            pb: Participant | None = None
            if corpus.rollup(p.key) in side_a and corpus.rollup(q.key) in side_b:
                pa, pb = p, q
            elif corpus.rollup(q.key) in side_a and corpus.rollup(p.key) in side_b:
                pa, pb = q, p
            if pa is None or pb is None or (event.event_id, pa.key, pb.key) in seen:
                continue
            seen.add((event.event_id, pa.key, pb.key))
            la, lb = corpus.level(pa), corpus.level(pb)
            found[event.real_id].append(
                DirectContact(
                    level=_contact_level(la, lb), mode=_mode(event, kind), a_participant=pa.text, a_level=la,
                    b_participant=pb.text, b_level=lb, evidence=event.evidence(),
                )
            )  # fmt: skip
    out: list[DirectContact] = []
    for contacts in found.values():
        best = min(contacts, key=lambda d: (d.level == "unspecified", LEVELS.index(d.level)))
        out.append(best.model_copy(update={"mentions": len({d.evidence.event_id for d in contacts})}))
    return out


def find_channels(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    max_paths: int = 20,
    evidence: int = 3,
    f: EventFilter | None = None,
) -> ChannelReport:
    """Direct contacts between ``a`` and ``b`` and indirect paths (at most 3 steps) through intermediaries.

    ``f``: the events of the shared event filter (as every view of the API reads it) instead of the asserted
    events of the window.
    """
    a_keys, b_keys = resolve_side(con, a, "A"), resolve_side(con, b, "B")
    corpus = load_corpus(con, since, until, statuses=("asserted",)) if f is None else load_corpus(con, f=f)
    graph = ChannelGraph(corpus)
    side_a, side_b = {corpus.rollup(k) for k in a_keys}, {corpus.rollup(k) for k in b_keys}
    if side_a & side_b:
        raise InvalidQuery(f"channels: {a!r} and {b!r} name the same actor ({', '.join(sorted(side_a & side_b))})")
    direct = _direct(corpus, side_a, side_b)
    nodes_a, nodes_b = {graph.node(k) for k in a_keys} | side_a, {graph.node(k) for k in b_keys} | side_b
    found = sorted(graph.paths(nodes_a, nodes_b), key=lambda p: (len(p), -graph.weakest_link(p), p))
    paths = [
        ChannelPath(
            nodes=p, names=[corpus.name(n) for n in p], length=len(p) - 1,
            steps=[graph.step(u, v, evidence) for u, v in itertools.pairwise(p)],
        )
        for p in found[:max_paths]
    ]  # fmt: skip
    return ChannelReport(
        a=a, a_keys=sorted(side_a), b=b, b_keys=sorted(side_b), direct=direct,
        direct_by_level=dict(Counter(d.level for d in direct).most_common()),
        direct_by_mode=dict(Counter(d.mode for d in direct).most_common()), paths=paths, events=corpus.real_events(),
    )  # fmt: skip
