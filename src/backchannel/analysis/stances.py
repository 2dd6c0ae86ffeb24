"""Issues that events concern, and each actor's stance on an issue over time.

An event concerns an issue when its coder context or mode implies it, or when the
issue's pattern occurs in its sentence (``analysis/data/issues.tsv``).  The stance
comes from the event type and status (see ``stance_of``); the holder is the event's
actor, its mediator, or, for an obligation reported by someone ("Haniyeh noted that
Israel must stop its offensive"), the reporter, who then *demands* it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import duckdb

from backchannel.analysis.loader import Corpus, EventView, Participant, load_corpus, resolve_side
from backchannel.analysis.models import ActorStance, MonthStance, PositionReport, StanceEvidence
from backchannel.errors import ConfigError
from backchannel.store.errors import InvalidQuery
from backchannel.store.queries import EventFilter

__all__ = ["STANCES", "Issue", "IssueVocabulary", "positions", "stance_of"]

_DATA = "backchannel.analysis.data"
# Most committal first: breaks ties between stances of equal count in a month.
STANCES: tuple[str, ...] = ("rejects", "demands", "conditions", "supports", "negotiates", "mediates")
_ENGAGEMENT = frozenset({"negotiates", "mediates"})  # taking part, not taking a position
_SUPPORTING = frozenset({"AGREE", "SUPPORT", "CONCEDE", "RETREAT", "AID", "COOPERATE"})
_BY_TYPE = {"REQUEST": "demands", "REJECT": "rejects", "CONSULT": "negotiates"}
_CONDITION = re.compile(
    r"\b(if|unless|provided( that)?|on (the )?condition|as long as|only (if|when)|in exchange for)\b", re.I
)
_OBLIGATION = re.compile(r"\b(must|should|needs? to|has to|have to|ought to|demand(s|ed)?|insist(s|ed)?)\b", re.I)


@dataclass(frozen=True)
class Issue:
    key: str
    label: str
    plover_context: str | None
    coder_contexts: frozenset[str]
    modes: frozenset[str]
    pattern: re.Pattern[str]


class IssueVocabulary:
    """The issues events are tagged with; ``IssueVocabulary.default()`` reads the packaged table."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = {i.key: i for i in issues}

    @classmethod
    def from_tsv(cls, text: str, origin: str = "issues.tsv") -> IssueVocabulary:
        issues: list[Issue] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 6:
                raise ConfigError(f"{origin}:{number}: expected 6 tab-separated columns, got {len(parts)}")
            key, label, plover, contexts, modes, pattern = parts

            def values(cell: str) -> frozenset[str]:
                return frozenset() if cell.strip() == "-" else frozenset(v.strip() for v in cell.split(","))

            try:
                compiled = re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ConfigError(f"{origin}:{number}: bad pattern for {key!r}: {exc}") from exc
            issues.append(
                Issue(key, label, None if plover == "-" else plover, values(contexts), values(modes), compiled)
            )
        return cls(issues)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> IssueVocabulary:
        return cls.from_tsv(resources.files(_DATA).joinpath("issues.tsv").read_text(encoding="utf-8"))

    def get(self, key: str) -> Issue:
        issue = self.issues.get(key.strip().lower())
        if issue is None:
            raise InvalidQuery(f"issue: unknown issue {key!r} (known: {', '.join(sorted(self.issues))})")
        return issue

    def tag(self, event: EventView) -> dict[str, list[str]]:
        """Issue -> how it was found (context, mode, text) for one event."""
        found: dict[str, list[str]] = {}
        for issue in self.issues.values():
            how = []
            if issue.coder_contexts & set(event.context):
                how.append("context")
            if event.mode and event.mode in issue.modes:
                how.append("mode")
            if issue.pattern.search(event.sentence):
                how.append("text")
            if how:
                found[issue.key] = how
        return found


def stance_of(event: EventView) -> list[tuple[Participant, str]]:
    """(holder, stance) pairs an event expresses about what it concerns."""
    if event.reported_by and event.status == "hypothetical":
        # "X said that Y must stop": X demands it; Y has said nothing.
        if event.event_type in _SUPPORTING and _OBLIGATION.search(event.sentence):
            return [(r, "demands") for r in event.reported_by]
        return []
    if event.status == "negated":
        if event.event_type in ("AGREE", "SUPPORT", "CONCEDE"):
            return [(a, "rejects") for a in event.actors]
        return []
    if event.event_type in _SUPPORTING:
        stance = "supports"
    elif event.event_type in _BY_TYPE:
        stance = _BY_TYPE[event.event_type]
    else:
        return []
    if stance != "negotiates" and (event.status == "hypothetical" or _CONDITION.search(event.sentence)):
        stance = "conditions"
    held = [(a, stance) for a in event.actors]
    if event.event_type in ("AGREE", "CONSULT", "COOPERATE"):
        held += [(m, "mediates") for m in event.mediators]
    return held


def _dominant(counts: Counter[str]) -> str:
    """The month's stance: the most frequent position; negotiating or mediating only when no position is taken."""
    positional = [s for s in counts if s not in _ENGAGEMENT] or list(counts)
    return min(positional, key=lambda s: (-counts[s], STANCES.index(s)))


def _actor_stance(corpus: Corpus, key: str, items: list[tuple[EventView, Participant, str, list[str]]]) -> ActorStance:
    items.sort(key=lambda t: (t[0].day.isoformat() if t[0].day else "", t[0].event_id))
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for event, _p, stance, _how in items:
        months[event.day.strftime("%Y-%m") if event.day else "undated"][stance] += 1
    by_month: list[MonthStance] = []
    position: str | None = None  # the latest position taken (negotiating or mediating is not one)
    for month in sorted(months):
        dominant = _dominant(months[month])
        changed = False
        if dominant not in _ENGAGEMENT:
            changed = position is not None and dominant != position
            position = dominant
        by_month.append(MonthStance(month=month, counts=dict(months[month]), stance=dominant, changed=changed))
    total = Counter(stance for _e, _p, stance, _h in items)
    return ActorStance(
        key=key, name=corpus.name(key), stance=position or by_month[-1].stance, counts=dict(total), by_month=by_month,
        evidence=[
            StanceEvidence(stance=s, holder=p.text, role=p.role, issues_from=how, evidence=e.evidence())
            for e, p, s, how in items
        ],
    )  # fmt: skip


def positions(
    con: duckdb.DuckDBPyConnection,
    issue: str,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    vocabulary: IssueVocabulary | None = None,
    rollup: bool = True,
    f: EventFilter | None = None,
) -> PositionReport:
    """Each actor's stance on ``issue`` with its evidence and per-month changes, most active actors first.

    With ``rollup`` a person's stance counts for the organisation or state it speaks for.  ``f``: the events of
    the shared event filter (as every view of the API reads it) instead of every event of the window.
    """
    vocab = vocabulary or IssueVocabulary.default()
    wanted = vocab.get(issue)
    if f is None:
        corpus = load_corpus(con, since, until)
    else:
        corpus, since, until = load_corpus(con, f=f), f.since, f.until
    keep: set[str] | None = None
    if actor:
        keys = resolve_side(con, actor, "actor")
        keep = {corpus.rollup(k) for k in keys} | set(keys) if rollup else set(keys)
    held: dict[str, list[tuple[EventView, Participant, str, list[str]]]] = defaultdict(list)
    # One stance per holder and sentence, and per real event: a sentence coded as several events, or an
    # event reported in several mentions, states it once.
    seen: set[tuple[str, str, str]] = set()
    for event in sorted(corpus.events, key=lambda e: (-len(vocab.tag(e).get(wanted.key, ())), e.event_id)):
        how = vocab.tag(event).get(wanted.key)
        if not how:
            continue
        for participant, stance in stance_of(event):
            key = corpus.rollup(participant.key) if rollup else participant.key
            marks = {(key, f"{event.doc_id}:{event.sentence}", stance), (key, event.real_id, stance)}
            if (keep is None or key in keep) and not marks & seen:
                seen.update(marks)
                held[key].append((event, participant, stance, how))
    stances = [_actor_stance(corpus, key, items) for key, items in held.items()]
    stances.sort(key=lambda s: (-sum(s.counts.values()), s.key))
    return PositionReport(
        issue=wanted.key, label=wanted.label, since=since, until=until, actors=stances, events=corpus.real_events()
    )
