"""Fuse new documents into the fused layer without recomputing it: ``fuse_documents(store, doc_ids)``.

A posted document appears in the default (fused) views at once.  The result is the one ``refuse`` would give:

- **near-duplicates**: each new document is compared with the stored documents that could be its earlier copy
  (dated within ``max_date_gap_days`` of it, or undated), in ``refuse``'s order; a copy's mentions stay out of
  the fused layer, and an earlier document never becomes the copy of a later one, so no stored link changes;
- **fused events**: ``fuse_mentions`` groups mentions within blocks of one type, status and party set, in
  report order, each joining a fused event every member of which it is compatible with -- and compatible
  mentions have overlapping dates (two dated by their reports: reports ``report_gap_days`` apart).  So a new
  mention can only change what the stored mentions near its dates do, and only those reported after it:
  1. the mentions to *decide* are the new ones; every stored mention whose dates come within a report gap of
     theirs is read, with the other members of its stored fused event, and kept in that event;
  2. ``fuse_mentions`` replays them (the kept ones joining their stored event, the others choosing);
  3. a stored mention reported on or after the first new one whose dates come near a member (before or after)
     of a fused event that changed may now choose otherwise: it is decided too, and 1-3 repeat until none is
     left.  The rest choose as before: every fused event they could join is unchanged.
  The stored layer is taken to be a refuse's: a stored mention without a fused event is decided again, so on a
  database never refused the work spreads forward in time from the new dates.
  Mentions without dates (historical ones without their own date, or without a report date) never fuse: they
  are not read.  Announcement links are computed again for the announcements changed or near a changed event,
  with every event near them (an undated announcement links only to the one event in its window).
  Only fused events that changed are replaced.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb

from backchannel.fusion.dedup import DedupSettings, NearDuplicateIndex
from backchannel.fusion.fuse import (
    FusedEvent,
    FusionSettings,
    MentionRecord,
    _Check,
    fuse_mentions,
    link_announcements,
)
from backchannel.fusion.store import _day, insert_announcement_links, insert_fused, load_mentions
from backchannel.store.errors import StoreError
from backchannel.store.writer import Store

__all__ = ["IncrementalSummary", "fuse_documents"]

Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class IncrementalSummary:
    documents: int  # new documents fused
    duplicates: int  # of them, near-duplicates of a stored document
    mentions: int  # mentions replayed (the new ones and the stored ones near their dates)
    fused_events: int  # fused events written (new or changed)
    loaded: int = 0  # stored mentions read to decide and link them (those near the new ones' dates)
    decided: int = 0  # mentions whose fused event was chosen again (the new ones, and those they may displace)


def _canonical(con: Connection, doc_id: str, settings: DedupSettings) -> tuple[str, float]:
    row = con.execute("SELECT text, date, ingested_at FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return doc_id, 1.0
    text, day, ingested = row
    gap = settings.max_date_gap_days
    near = "TRUE"
    params: list[object] = [doc_id, ingested, ingested, doc_id]
    if gap is not None and day:
        other_day = "try_cast(left(date, 10) AS DATE)"
        near = f"({other_day} IS NULL OR abs(date_diff('day', {other_day}, try_cast(left(?, 10) AS DATE))) <= ?)"
        params += [day, gap]
    earlier = con.execute(
        "SELECT doc_id, text, date FROM documents WHERE doc_id <> ? AND (ingested_at < ? OR (ingested_at = ? "
        f"AND doc_id < ?)) AND {near} ORDER BY ingested_at, date NULLS LAST, doc_id",
        params,
    ).fetchall()
    index = NearDuplicateIndex(settings)
    for other, other_text, other_date in earlier:
        index.add(str(other), str(other_text), other_date)
    link = index.add(doc_id, str(text), day)
    return link.canonical_doc_id, link.similarity


def _copy_fused_ids(con: Connection, fused: Sequence[FusedEvent], others: Sequence[str]) -> None:
    """``fused_id`` of event_actors and event_dyads for the mentions refused (as ``copy_fused_ids`` sets it:
    the fused event of several mentions, NULL for a mention that is its own event), by event id."""
    ids: list[str] = []
    fids: list[str | None] = []
    for e in fused:
        for m in e.mentions:
            ids.append(m.event_id)
            fids.append(e.fused_id if len(e.mentions) > 1 else None)
    placed = set(ids)
    for event_id in others:
        if event_id not in placed:
            ids.append(event_id)
            fids.append(None)
    for table in ("event_actors", "event_dyads"):
        con.execute(
            f"UPDATE {table} SET fused_id = m.fid FROM (SELECT unnest(?::TEXT[]) AS event_id, unnest(?::TEXT[]) "
            f"AS fid) m WHERE {table}.event_id = m.event_id AND {table}.fused_id IS DISTINCT FROM m.fid",
            [ids, fids],
        )


def _parties(mentions: Iterable[MentionRecord]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.parties
        out |= {p.key for p in (*m.actors, *m.recipients)}
    return out


Group = tuple[str, frozenset[str]]  # event type and party set: the fusion blocks of every status, and links
Window = tuple[date, date]


_MARGIN = timedelta(days=60)  # the dates read reach this far beyond the first windows, for the windows that follow
# A mention's own date (see ``date_interval``), widely: a day to a season lies within 124 days of its month's
# first day (a day or a week: within six days of its own), a year in its year, a decade or century within a hundred
# years.  Parameters: the first and last year, first and last day, first and last year, last and first day.
_YEAR = "try_cast(left(e.date, 4) AS INTEGER)"
_MONTH = "CASE WHEN length(e.date) >= 7 THEN try_cast(substr(e.date, 6, 2) AS INTEGER) END"
_OWN = (
    f"coalesce(e.date IS NOT NULL AND e.date_precision NOT IN ('unknown', 'document') AND {_YEAR} BETWEEN 1 AND 9999 "
    f"AND CASE WHEN e.date_precision IN ('decade', 'century') THEN {_YEAR} BETWEEN ? - 100 AND ? + 100 "
    "WHEN e.date_precision IN ('day', 'week') AND length(e.date) >= 10 "
    "THEN try_cast(left(e.date, 10) AS DATE) BETWEEN ? - INTERVAL 6 DAY AND ? "
    f"WHEN e.date_precision = 'year' OR {_MONTH} IS NULL OR {_MONTH} NOT BETWEEN 1 AND 12 "
    f"THEN {_YEAR} BETWEEN ? AND ? "
    f"ELSE make_date({_YEAR}, {_MONTH}, 1) <= ? AND make_date({_YEAR}, {_MONTH}, 1) + INTERVAL 124 DAY >= ? END, "
    "FALSE)"
)
# A mention dated by its report (or whose own date does not parse): the report near the days, by the report
# neighbourhoods (before it for what happened, after it for what is announced).
_WEAK = "coalesce(try_cast(left(d.date, 10) AS DATE) BETWEEN ? AND ?, FALSE)"
_SHORT = timedelta(days=130)  # longer than any date's span but a year's, a decade's or a century's


@dataclass(frozen=True)
class _Dated:
    """The days stored mentions cover, sorted by their first day (the few longer than ``_SHORT`` apart)."""

    starts: list[date]
    short: list[tuple[date, date, MentionRecord]]
    long: list[tuple[date, date, MentionRecord]]

    @classmethod
    def of(cls, spans: list[tuple[date, date, MentionRecord]]) -> _Dated:
        short = sorted((s for s in spans if s[1] - s[0] <= _SHORT), key=lambda s: (s[0], s[2].event_id))
        long = [s for s in spans if s[1] - s[0] > _SHORT]
        return cls([s[0] for s in short], short, long)

    def overlapping(self, windows: Sequence[Window]) -> list[MentionRecord]:
        first, last = min(a for a, _ in windows), max(b for _, b in windows)
        begin, end = bisect_left(self.starts, first - _SHORT), bisect_right(self.starts, last)
        return [m for lo, hi, m in (*self.short[begin:end], *self.long) if any(a <= hi and lo <= b for a, b in windows)]


@dataclass
class _Loader:
    """Loads stored mentions of some groups (type, party set) whose dates come near some windows.

    One query reads the dates of every stored mention of the groups' types that names one of their parties (a
    few columns); the mentions near a window are then read whole, each once."""

    con: Connection
    check: _Check
    groups: set[Group]
    statuses: list[str]
    keys: list[str]
    exclude: list[str]  # the new documents
    records: dict[str, MentionRecord] = field(default_factory=dict)  # the stored mentions read whole
    _dates: dict[str, _Dated] | None = None  # by type: the stored mentions' dates only
    _covered: Window | None = None  # the days ``_dates`` holds every mention near
    _stored: dict[str, str] = field(default_factory=dict)  # stored fused event of the mentions asked about
    _asked: set[str] = field(default_factory=set)

    def _where(self) -> tuple[str, list[object]]:
        canonical_only = "e.doc_id NOT IN (SELECT doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id)"
        where = (
            "e.event_type IN (SELECT unnest(?::TEXT[])) AND e.status IN (SELECT unnest(?::TEXT[])) "
            f"AND e.doc_id NOT IN (SELECT unnest(?::TEXT[])) AND {canonical_only} AND e.event_id IN ("
            "SELECT event_id FROM event_actors WHERE actor_key IN (SELECT unnest(?::TEXT[])) "
            "OR country IN (SELECT unnest(?::TEXT[])) OR actor_key IN (SELECT actor_key FROM mentions "
            "WHERE affiliation IN (SELECT unnest(?::TEXT[]))))"
        )
        types = sorted({t for t, _ in self.groups})
        return where, [types, self.statuses, self.exclude, self.keys, self.keys, self.keys]

    def dates(self, first: date, last: date) -> dict[str, _Dated]:
        """The stored mentions' dates, read for (at least) every mention that comes near ``first`` to ``last``."""
        if self._dates is None or self._covered is None or first < self._covered[0] or last > self._covered[1]:
            lo, hi = first - _MARGIN, last + _MARGIN
            if self._covered is not None:
                lo, hi = min(lo, self._covered[0]), max(hi, self._covered[1])
            self._covered = (lo, hi)
            where, params = self._where()
            reach = timedelta(days=self.check.s.document_window_days + self.check.s.announcement_horizon_days)
            near = [lo.year, hi.year, lo, hi, lo.year, hi.year, hi, lo, lo - reach, hi + reach]
            rows = self.con.execute(
                "SELECT e.event_id, e.doc_id, e.event_type, e.status, d.date, e.date, e.date_precision, e.historical "
                f"FROM events e JOIN documents d USING (doc_id) WHERE {where} AND ({_OWN} OR {_WEAK})",
                [*params, *near],
            ).fetchall()
            spans: dict[str, list[tuple[date, date, MentionRecord]]] = defaultdict(list)
            for r in rows:
                m = MentionRecord(
                    event_id=str(r[0]), doc_id=str(r[1]), event_type=str(r[2]), status=str(r[3]),
                    report_date=_day(r[4]), date=r[5], date_precision=str(r[6]), historical=bool(r[7]),
                )  # fmt: skip
                start, end, _ = self.check.interval(m)
                if start is not None and end is not None:  # (a mention without dates never fuses)
                    spans[m.event_type].append((start, end, m))
            self._dates = {kind: _Dated.of(found) for kind, found in spans.items()}
        return self._dates

    def near(
        self, windows: dict[Group, list[Window]], after: date | None = None, statuses: list[str] | None = None
    ) -> list[MentionRecord]:
        """Stored mentions of the groups whose dates overlap a window of their group (reported on or after
        ``after`` when given; of ``statuses`` when given)."""
        by_type: dict[str, list[Window]] = defaultdict(list)
        for (kind, _), spans in windows.items():
            by_type[kind] += spans
        if not by_type:
            return []
        dated = self.dates(
            min(a for w in by_type.values() for a, _ in w), max(b for w in by_type.values() for _, b in w)
        )
        ids = [
            m.event_id
            for kind, spans in by_type.items()
            if kind in dated
            for m in dated[kind].overlapping(spans)
            if (statuses is None or m.status in statuses)
            and (after is None or m.report_date is None or m.report_date >= after)
        ]
        found = self.read(ids)
        return [m for m in found if _overlaps(self.check, m, windows.get((m.event_type, m.parties), []))]

    def read(self, ids: Sequence[str]) -> list[MentionRecord]:
        """The stored mentions ``ids`` of the groups, read whole (each once)."""
        missing = [e for e in ids if e not in self.records]
        if missing:
            for m in load_mentions(self.con, {}, ("e.event_id IN (SELECT unnest(?::TEXT[]))", [missing])):
                self.records[m.event_id] = m
        found = (self.records[e] for e in ids if e in self.records)
        return [m for m in found if (m.event_type, m.parties) in self.groups]

    def clusters(self, mentions: dict[str, MentionRecord]) -> dict[str, str]:
        """Add the other mentions of the stored fused events of ``mentions``; their stored fused event, by id."""
        unknown = [e for e in mentions if e not in self._asked]
        if unknown:
            rows = self.con.execute(
                "SELECT event_id, fused_id FROM fused_event_mentions WHERE fused_id IN (SELECT fused_id FROM "
                "fused_event_mentions WHERE event_id IN (SELECT unnest(?::TEXT[])))",
                [unknown],
            ).fetchall()
            self._stored.update((str(e), str(f)) for e, f in rows)
            self._asked.update(unknown)
            self._asked.update(str(e) for e, _ in rows)
        fids = {self._stored[e] for e in mentions if e in self._stored}
        stored = {e: f for e, f in self._stored.items() if f in fids}
        for m in self.read([e for e in stored if e not in mentions]):
            mentions[m.event_id] = m
        return stored


def _span(check: _Check, m: MentionRecord) -> Window | None:
    """The days two compatible mentions' spans share: the mention's dates widened by the report gap (two
    mentions dated by reports a day apart fuse even where their neighbourhoods do not overlap)."""
    lo, hi, _ = check.interval(m)
    if lo is None or hi is None:
        return None
    gap = timedelta(days=check.s.report_gap_days)
    return lo - gap, hi + gap


def _overlaps(check: _Check, m: MentionRecord, windows: Sequence[Window]) -> bool:
    lo, hi, _ = check.interval(m)
    return lo is not None and hi is not None and any(a <= hi and lo <= b for a, b in windows)


def _windows(check: _Check, mentions: Iterable[MentionRecord]) -> dict[Group, list[Window]]:
    out: dict[Group, list[Window]] = defaultdict(list)
    for m in mentions:
        span = _span(check, m)
        if span is not None:
            out[(m.event_type, m.parties)].append(span)
    return out


def _stored_events(mentions: dict[str, MentionRecord], stored: dict[str, str]) -> list[FusedEvent]:
    members: dict[str, list[MentionRecord]] = defaultdict(list)
    for event_id, fid in stored.items():
        if event_id in mentions:
            members[fid].append(mentions[event_id])
    return [FusedEvent(fid, ms[0].event_type, ms[0].status, mentions=ms) for fid, ms in sorted(members.items())]


def fuse_documents(
    store: Store,
    doc_ids: Sequence[str],
    dedup: DedupSettings | None = None,
    fusion: FusionSettings | None = None,
) -> IncrementalSummary:
    """Add the stored documents ``doc_ids`` (not yet fused) to the fused layer of ``store``."""
    if store.read_only:
        raise StoreError(f"{store.path}: opened read-only; fusion writes its tables")
    dedup_settings, settings = dedup or DedupSettings(), fusion or FusionSettings()
    check = _Check(settings)
    con = store.cursor()
    try:
        links = {doc_id: _canonical(con, doc_id, dedup_settings) for doc_id in doc_ids}
        fresh = [d for d, (canonical, _) in links.items() if canonical == d]
        new = load_mentions(con, {}, ("e.doc_id IN (SELECT unnest(?::TEXT[]))", [fresh])) if fresh else []
        placed = [m for m in new if m.parties and _span(check, m) is not None]
        loader = _Loader(
            con,
            check,
            groups={(m.event_type, m.parties) for m in placed},
            statuses=sorted({m.status for m in new} | {"asserted", "future"}),
            keys=sorted(_parties(new)),
            exclude=list(doc_ids),
        )
        # Mentions reported before the first new one keep their fused event (mentions fuse in report order).
        first = min((m.report_date or date.max for m in placed), default=date.max)
        after = None if first == date.max else first
        context: dict[str, MentionRecord] = {}
        stored: dict[str, str] = {}
        decide = {m.event_id for m in new}
        fused = fuse_mentions(new, settings)
        changed_old: set[str] = set()
        changed_new: list[FusedEvent] = fused
        while placed:
            # Decide again the mentions in ``decide``; the others near them keep their stored fused event.
            records = {**context, **{m.event_id: m for m in new}}
            for m in loader.near(_windows(check, (records[e] for e in decide if e in records))):
                context.setdefault(m.event_id, m)
            stored = loader.clusters(context)
            fixed = {e: stored[e] for e in context if e in stored and e not in decide}
            decide |= {e for e in context if e not in stored}
            fused = fuse_mentions([*new, *context.values()], settings, fixed)
            sets = {frozenset(m.event_id for m in e.mentions) for e in fused}
            old: dict[str, set[str]] = defaultdict(set)
            for e, fid in stored.items():
                old[fid].add(e)
            old_sets = {frozenset(v) for v in old.values()}
            changed_new = [e for e in fused if frozenset(m.event_id for m in e.mentions) not in old_sets]
            changed_old = {fid for fid, v in old.items() if frozenset(v) not in sets}
            touched = {m.event_id for e in changed_new for m in e.mentions} | {
                e for fid in changed_old for e in old[fid]
            }
            records = {**context, **{m.event_id: m for m in new}}
            dirty = [
                m
                for m in loader.near(_windows(check, (records[e] for e in touched if e in records)), after)
                if m.event_id not in decide
            ]
            if not dirty:
                break
            for m in dirty:
                context.setdefault(m.event_id, m)
                decide.add(m.event_id)
        # Announcement links: those of the future events changed, or near a changed event (an undated announcement
        # links only to the one event in its window), are computed again with every event near them.
        records = {**context, **{m.event_id: m for m in new}}
        old_members = defaultdict(set)
        for e, fid in stored.items():
            old_members[fid].add(e)
        moved = [records[e] for e in {m.event_id for c in changed_new for m in c.mentions} if e in records]
        moved += [records[e] for fid in changed_old for e in old_members[fid] if e in records]
        near = _windows(check, moved)
        around: dict[str, MentionRecord] = dict(context)
        linked: set[str] = {c.fused_id for c in changed_new if c.status == "future"}
        known: dict[str, str] = dict(stored)
        if placed and near:
            # Announcements near a changed event; and, for a changed announcement, the events near it.
            heralded = any(c.status == "future" for c in changed_new)
            for m in loader.near(near, statuses=None if heralded else ["future"]):
                around.setdefault(m.event_id, m)
            known = loader.clusters(around)
            linked |= {
                known[m.event_id]
                for m in around.values()
                if m.status == "future"
                and m.event_id in known
                and _overlaps(check, m, near.get((m.event_type, m.parties), []))
            } - changed_old
            heralds = [m for e, m in around.items() if known.get(e) in linked]
            for m in loader.near(_windows(check, heralds)):
                around.setdefault(m.event_id, m)
            known = loader.clusters(around)
        kept = [e for e in _stored_events(around, known) if e.fused_id not in changed_old]
        announcements = [k for k in link_announcements([*changed_new, *kept], settings) if k.fused_id in linked]
        dropped = sorted(changed_old)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "DELETE FROM fused_event_links WHERE fused_id IN (SELECT unnest(?::TEXT[])) "
                "OR target_fused_id IN (SELECT unnest(?::TEXT[]))",
                [sorted(set(dropped) | linked), dropped],
            )
            con.execute("DELETE FROM fused_event_mentions WHERE fused_id IN (SELECT unnest(?::TEXT[]))", [dropped])
            con.execute("DELETE FROM fused_events WHERE fused_id IN (SELECT unnest(?::TEXT[]))", [dropped])
            con.execute("DELETE FROM document_duplicates WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [list(links)])
            con.executemany(
                "INSERT INTO document_duplicates VALUES (?, ?, ?)", [(d, c, s) for d, (c, s) in links.items()]
            )
            insert_fused(con, changed_new, settings)
            insert_announcement_links(con, announcements)
            _copy_fused_ids(con, changed_new, [])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{store.path}: cannot write fused events: {exc}") from exc
    finally:
        con.close()
    return IncrementalSummary(
        documents=len(links),
        duplicates=len(links) - len(fresh),
        mentions=len(new) + len(context),
        fused_events=len(changed_new),
        loaded=len(loader.records),
        decided=len(decide),
    )
