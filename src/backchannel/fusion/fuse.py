"""Fuse event mentions that describe the same real event into one fused event (pure: no database).

Two mentions are fused when every one of these holds (checked against every
mention already in the fused event, so clusters never chain across a conflict):

- **type and status**: the same PLOVER type and the same status.  Only asserted
  mentions fuse into asserted events; AGREE and SUPPORT stay apart (an agreement
  reached and an endorsement are different acts even between the same parties).
- **parties**: the same set of parties.  A party is a country, organisation or
  IGO; a named person stands for the organisation they belong to, else their
  country ("Biden" -> USA, "Haniyeh" -> HAMAS), and national groups ("Israeli
  forces") for their country.  Unresolved generic actors ("the leaders") are left
  out.  Reciprocal types (CONSULT, AGREE, COOPERATE, and ASSAULT coded as a
  clash "between" parties, i.e. with no recipient) compare the unordered union;
  other types compare actor and recipient sides in order.  Where both mentions
  name people for the same party, the people must overlap: Biden meeting Kishida
  and Harris meeting Kishida on the same day are two events.
- **dates**: the intervals covered by the two dates overlap (a ``day`` inside the
  ``month`` or ``year`` given by the other).  A ``document``-precision date (the
  event is only known to be near the report) covers the ``document_window_days``
  up to and including the document date against a precise date (an asserted
  event has happened by the time it is reported), but two document-precision
  mentions must come from reports at most ``report_gap_days`` apart.  Historical
  mentions without their own date never fuse.
- **place**: both unknown, one unknown, or within ``max_km`` (a country-level
  place contains any place in that country).

Mentions with fewer than two parties fuse only when both are anchored to a place.
Mentions of near-duplicate documents are left out by the caller (see ``store``).
A future mention without its own date ("the leaders will discuss") covers the
``announcement_horizon_days`` from its report on.

**Announcements.** "The President will host Prime Minister Starmer on Wednesday"
is coded with status *future*; it never fuses with the readout of that meeting
(an announcement is not a report that the meeting took place).  ``link_announcements``
links such a future fused event to the asserted fused event it announced
(relation ``anticipates``) when every mention pair agrees: same type, parties
(with the people check above) and place, reported no earlier than the
announcement, and dated inside the announced day or days.  With one party only
both must name the same point (a city, not a country or a state); without a
party there is no link.  An announcement with
a precise date (day or week) links to every asserted event that matches it; one
without (or with only a month or year) links only when exactly one asserted
event reported on a later day fits its window, since "will meet soon" may be any
of several meetings, and a plan repeated the same day ("will invest") is no
report of its execution.

A fused event counts its mentions, its distinct (canonical) documents and its
independent sources (distinct ``source`` values; a document without a source is
its own source).  Its confidence is a noisy-OR over independent sources of the
best mention confidence of each source, times a conflict penalty::

    confidence = (1 - prod_s (1 - max_{m in s} c_m)) * (1 - 0.5 * conflicts / pairs)

where ``pairs`` is the number of mention pairs from different documents and
``conflicts`` those that disagree on a detail without being incompatible:
different place names within ``max_km``, a different mode, or an own date of one
that is not the report date of a mention dated only by its report.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

__all__ = [
    "AnnouncementLink",
    "FusedEvent",
    "FusionSettings",
    "MentionRecord",
    "Participant",
    "PlaceRef",
    "date_interval",
    "fuse_mentions",
    "link_announcements",
    "same_person",
]

UNDIRECTED = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_COARSE_DAYS = {"season": 92, "quarter": 92}


@dataclass(frozen=True)
class FusionSettings:
    document_window_days: int = 3  # a document-precision date matches precise dates this close to the report
    report_gap_days: int = 1  # two document-precision mentions: reports at most this many days apart
    max_km: float = 50.0  # places further apart are different events
    conflict_weight: float = 0.5  # how much a fully conflicting event loses of its confidence
    announcement_horizon_days: int = 7  # an undated future mention covers this many days from its report


@dataclass(frozen=True)
class Participant:
    key: str  # the store's actor key
    party: str  # the country / organisation the actor stands for
    person: bool = False  # a named person (their key is compared when both sides name people)


@dataclass(frozen=True)
class PlaceRef:
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None

    @property
    def is_area(self) -> bool:
        """A country, region or first-order division: it contains the places inside it."""
        code = self.feature or ""
        return code.startswith("PCL") or code in {"ADM1", "RGN", "CONT", "OCN"}


@dataclass(frozen=True)
class MentionRecord:
    event_id: str
    doc_id: str  # canonical document
    event_type: str
    status: str
    report_date: date | None  # the document date
    date: str | None = None
    date_precision: str = "unknown"
    historical: bool = False
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    place: PlaceRef | None = None
    source: str | None = None
    mode: str | None = None
    confidence: float = 0.5
    quad_class: int = 0
    intensity: float = 0.0

    @cached_property
    def undirected(self) -> bool:
        if self.event_type in UNDIRECTED:
            return True
        return self.event_type == "ASSAULT" and not self.recipients and len(_parties(self.actors)) >= 2

    @cached_property
    def parties(self) -> frozenset[str]:
        return _parties(self.actors) | _parties(self.recipients)

    @cached_property
    def sides(self) -> tuple[frozenset[str], frozenset[str]]:
        return _parties(self.actors), _parties(self.recipients)

    @property
    def source_key(self) -> str:
        return self.source if self.source else f"doc:{self.doc_id}"


@dataclass
class FusedEvent:
    fused_id: str
    event_type: str
    status: str
    mentions: list[MentionRecord] = field(default_factory=list)
    conflicts: int = 0
    pairs: int = 0
    last_day: date | None = None  # the earliest last day of its mentions' dates: a later mention cannot join

    @property
    def documents(self) -> int:
        return len({m.doc_id for m in self.mentions})

    @property
    def sources(self) -> int:
        return len({m.source_key for m in self.mentions})

    @property
    def parties(self) -> frozenset[str]:
        return self.mentions[0].parties if self.mentions else frozenset()

    def best_date(self) -> tuple[str | None, str]:
        """The narrowest date among the mentions (ties: the earliest report)."""
        best: tuple[int, str | None, str] = (10**9, None, "unknown")
        for m in self.mentions:
            if m.date is None or m.date_precision in ("unknown", "document"):
                continue
            lo, hi = date_interval(m.date, m.date_precision)
            if lo is None or hi is None:
                continue
            span = (hi - lo).days
            if span < best[0]:
                best = (span, m.date, m.date_precision)
        if best[1] is None:
            dated = [m for m in self.mentions if m.date]
            if dated:
                return dated[0].date, dated[0].date_precision
        return best[1], best[2]

    def place(self) -> PlaceRef | None:
        """The most specific place: a point before an area, a located place before a bare name."""
        places = [m.place for m in self.mentions if m.place is not None]
        if not places:
            return None
        return min(places, key=lambda p: (p.lat is None, p.is_area))

    def report_range(self) -> tuple[date | None, date | None]:
        days = [m.report_date for m in self.mentions if m.report_date is not None]
        return (min(days), max(days)) if days else (None, None)

    def confidence(self, settings: FusionSettings) -> float:
        best: dict[str, float] = defaultdict(float)
        for m in self.mentions:
            best[m.source_key] = max(best[m.source_key], m.confidence)
        miss = 1.0
        for c in best.values():
            miss *= 1.0 - min(max(c, 0.0), 1.0)
        rate = self.conflicts / self.pairs if self.pairs else 0.0
        return round((1.0 - miss) * (1.0 - settings.conflict_weight * rate), 4)


def _parties(participants: Iterable[Participant]) -> frozenset[str]:
    return frozenset(p.party for p in participants)


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def date_interval(value: str | None, precision: str) -> tuple[date | None, date | None]:
    """First and last day a date of this precision covers (``None, None`` when unknown)."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2][:2]) if len(parts) > 2 else None
        if day is not None and month is not None:
            first = date(year, month, day)
            if precision == "week":
                return first, first + timedelta(days=6)
            if precision in _COARSE_DAYS:
                return first, first + timedelta(days=_COARSE_DAYS[precision] - 1)
            if precision == "month":
                return date(year, month, 1), _month_end(year, month)
            if precision == "year":
                return date(year, 1, 1), date(year, 12, 31)
            return first, first
        if month is not None:
            if precision in _COARSE_DAYS:
                return date(year, month, 1), date(year, month, 1) + timedelta(days=_COARSE_DAYS[precision] - 1)
            return date(year, month, 1), _month_end(year, month)
        if precision == "decade":
            return date(year - year % 10, 1, 1), date(year - year % 10 + 9, 12, 31)
        if precision == "century":
            return date(year - year % 100, 1, 1), date(year - year % 100 + 99, 12, 31)
        return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, IndexError):
        return None, None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _name_tokens(key: str) -> frozenset[str]:
    """Words of a person key ("P:yoon_suk_yeol", "~sauli niinistö"), accents stripped."""
    plain = unicodedata.normalize("NFKD", key.split(":", 1)[-1].lstrip("~")).encode("ascii", "ignore").decode()
    return frozenset(w for w in re.split(r"[\W_]+", plain.lower()) if w)


def same_person(a: str, b: str) -> bool:
    """The same key, or every word of the shorter name in the longer ("~yoon" and "P:yoon_suk_yeol")."""
    if a == b:
        return True
    ta, tb = _name_tokens(a), _name_tokens(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and short <= long_


def _haversine_km(a: PlaceRef, b: PlaceRef) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class _Check:
    """Compatibility of two mentions: ``ok`` (hard constraints) and ``conflict`` (a detail disagrees)."""

    def __init__(self, settings: FusionSettings) -> None:
        self.s = settings
        self._intervals: dict[str, tuple[date | None, date | None, bool]] = {}

    def interval(self, m: MentionRecord) -> tuple[date | None, date | None, bool]:
        """The days a mention's date covers, and whether that is only the report's neighbourhood."""
        found = self._intervals.get(m.event_id)
        if found is None:
            found = self._intervals[m.event_id] = self._interval(m)
        return found

    def _interval(self, m: MentionRecord) -> tuple[date | None, date | None, bool]:
        if m.date_precision not in ("unknown", "document") and m.date:
            lo, hi = date_interval(m.date, m.date_precision)
            if lo is not None:
                return lo, hi, False
        if m.historical or m.report_date is None:
            return None, None, True
        if m.status == "future":  # what is still to come: from the report on
            return m.report_date, m.report_date + timedelta(days=self.s.announcement_horizon_days), True
        # Reports tell of what has happened (what is still to come is not asserted): on or before the report.
        return m.report_date - timedelta(days=self.s.document_window_days), m.report_date, True

    def dates(self, a: MentionRecord, b: MentionRecord) -> tuple[bool, bool]:
        alo, ahi, aweak = self.interval(a)
        blo, bhi, bweak = self.interval(b)
        if alo is None or ahi is None or blo is None or bhi is None:
            return False, False
        if aweak and bweak:
            assert a.report_date is not None and b.report_date is not None
            return abs((a.report_date - b.report_date).days) <= self.s.report_gap_days, False
        if not (alo <= bhi and blo <= ahi):
            return False, False
        # A report-level date against an own date of another day: compatible, but a weak disagreement.
        weak, own = (a, b) if aweak else (b, a)
        # (An undated future mention says nothing of the day: no disagreement.)
        disagree = weak.status != "future" and own.date is not None and _day(own.date) != weak.report_date
        return True, (aweak or bweak) and disagree

    def places(self, a: MentionRecord, b: MentionRecord) -> tuple[bool, bool]:
        pa, pb = a.place, b.place
        if pa is None or pb is None:
            return True, False
        if pa.is_area or pb.is_area:
            area, other = (pa, pb) if pa.is_area else (pb, pa)
            if area.country and other.country:
                return area.country == other.country, False
        if pa.lat is not None and pb.lat is not None:
            close = _haversine_km(pa, pb) <= self.s.max_km
            named = (pa.name or "").lower() != (pb.name or "").lower()
            return close, close and named
        same = (pa.name or "").lower() == (pb.name or "").lower()
        return same, False

    @staticmethod
    def people(a: Sequence[Participant], b: Sequence[Participant]) -> bool:
        """Where both sides name people for one party, they share one (``same_person``)."""
        named_a: dict[str, set[str]] = defaultdict(set)
        named_b: dict[str, set[str]] = defaultdict(set)
        for p in a:
            if p.person:
                named_a[p.party].add(p.key)
        for p in b:
            if p.person:
                named_b[p.party].add(p.key)
        return all(
            any(same_person(x, y) for x in named_a[party] for y in named_b[party])
            for party in named_a.keys() & named_b.keys()
        )

    def parties(self, a: MentionRecord, b: MentionRecord) -> bool:
        if a.parties != b.parties:
            return False
        if not (a.undirected or b.undirected) and a.sides != b.sides:
            return False
        return self.people((*a.actors, *a.recipients), (*b.actors, *b.recipients))

    def pair(self, a: MentionRecord, b: MentionRecord) -> tuple[bool, bool]:
        if a.event_type != b.event_type or a.status != b.status or not self.parties(a, b):
            return False, False
        if len(a.parties) < 2 and not (a.place and b.place and a.place.lat is not None and b.place.lat is not None):
            return False, False
        dates_ok, weak = self.dates(a, b)
        if not dates_ok:
            return False, False
        places_ok, named = self.places(a, b)
        if not places_ok:
            return False, False
        other_doc = a.doc_id != b.doc_id
        mode = bool(a.mode and b.mode and a.mode != b.mode)
        return True, other_doc and (weak or named or mode)

    def anticipates(self, announced: MentionRecord, reported: MentionRecord) -> bool:
        """Whether the future mention ``announced`` can be the announcement of the asserted ``reported``."""
        if announced.event_type != reported.event_type or announced.doc_id == reported.doc_id:
            return False
        said, done = announced.report_date, reported.report_date
        if said is None or done is None or done < said:
            return False
        if not self.parties(announced, reported):
            return False
        # One party only: both at one point (not "somewhere in the same country"); no party: never.
        if not announced.parties:
            return False
        here, there = announced.place, reported.place
        located = bool(here and there and here.lat is not None and there.lat is not None)
        if len(announced.parties) < 2 and not (located and here and there and not (here.is_area or there.is_area)):
            return False
        alo, ahi, _ = self.interval(announced)
        rlo, rhi, _ = self.interval(reported)
        if alo is None or ahi is None or rlo is None or rhi is None:
            return False
        if rhi < said or not (alo <= rhi and rlo <= ahi):
            return False  # reported as having happened before it was announced, or on other days
        return self.places(announced, reported)[0]

    def precise(self, m: MentionRecord) -> bool:
        """A mention dated to a day or a week by its own time expression."""
        lo, hi, weak = self.interval(m)
        return not weak and lo is not None and hi is not None and (hi - lo).days < 7


@dataclass(frozen=True)
class AnnouncementLink:
    """A future fused event (``fused_id``) that announced the asserted fused event ``target_fused_id``."""

    fused_id: str
    target_fused_id: str
    relation: str = "anticipates"
    basis: str = "date"  # "date": the announced day matches; "only-candidate": the one event in its window
    lead_days: int | None = None  # first report of the announcement -> first report of the event


def link_announcements(events: Sequence[FusedEvent], settings: FusionSettings | None = None) -> list[AnnouncementLink]:
    """Links from future fused events to the asserted fused events they announced (see the module docstring)."""
    check = _Check(settings or FusionSettings())
    reported: dict[tuple[str, frozenset[str]], list[FusedEvent]] = defaultdict(list)
    for e in events:
        if e.status == "asserted" and e.mentions and not any(m.historical for m in e.mentions):
            reported[(e.event_type, e.parties)].append(e)
    links: list[AnnouncementLink] = []
    for e in events:
        if e.status != "future" or not e.mentions or any(m.historical for m in e.mentions):
            continue
        fits = [
            r
            for r in reported.get((e.event_type, e.parties), [])
            if all(check.anticipates(a, b) for a in e.mentions for b in r.mentions)
        ]
        announced, _ = e.report_range()
        dated = any(check.precise(m) for m in e.mentions)
        if not dated:
            # Undated: only a report from a later day, and only one. A fact sheet and a joint statement issued
            # together repeat a plan ("will invest", "will support"); they do not report it done.
            fits = [r for r in fits if announced is not None and (r.report_range()[0] or announced) > announced]
            if len(fits) > 1:
                continue
        for r in fits:
            first, _ = r.report_range()
            lead = (first - announced).days if first and announced else None
            basis = "date" if dated else "only-candidate"
            links.append(AnnouncementLink(e.fused_id, r.fused_id, basis=basis, lead_days=lead))
    return sorted(links, key=lambda k: (k.fused_id, k.target_fused_id))


def _fused_id(mentions: Sequence[MentionRecord]) -> str:
    digest = hashlib.sha1("\n".join(sorted(m.event_id for m in mentions)).encode("utf-8")).hexdigest()
    return f"fe-{digest[:16]}"


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5, "century": 6}


def _order(m: MentionRecord) -> tuple[date, str, int, str]:
    # Within a document, precisely dated mentions first: they anchor the vaguer ones that follow.
    return (m.report_date or date.max, m.doc_id, _PRECISION_RANK.get(m.date_precision, 9), m.event_id)


def _join(check: _Check, cluster: FusedEvent, m: MentionRecord) -> None:
    """Add ``m`` to ``cluster`` as a replayed member: its conflicts and pairs as a chosen join counts them."""
    for other in cluster.mentions:
        cluster.conflicts += check.pair(m, other)[1]
        cluster.pairs += other.doc_id != m.doc_id
    cluster.mentions.append(m)
    _, hi, _ = check.interval(m)
    if hi is not None and (cluster.last_day is None or hi < cluster.last_day):
        cluster.last_day = hi


def fuse_mentions(
    mentions: Iterable[MentionRecord], settings: FusionSettings | None = None, fixed: Mapping[str, str] | None = None
) -> list[FusedEvent]:
    """Group mentions into fused events (every mention in exactly one; singletons included).

    Mentions are taken in report order; each joins the compatible fused event of its
    block (type, status, party set) that already holds a mention of the same document,
    else the one with the most mentions, or starts a new one.

    ``fixed`` (event id -> a cluster key) replays a stored grouping: such a mention joins the
    fused event of its key without a choice (the incremental refuse keeps mentions it need not
    decide again where they were).
    """
    config = settings or FusionSettings()
    check = _Check(config)
    blocks: dict[tuple[str, str, frozenset[str]], list[FusedEvent]] = defaultdict(list)
    out: list[FusedEvent] = []
    keyed: dict[str, FusedEvent] = {}
    for m in sorted(mentions, key=_order):
        block = blocks[(m.event_type, m.status, m.parties)]
        key = fixed.get(m.event_id) if fixed else None
        if key is not None:
            held = keyed.get(key)
            if held is None:
                _, last, _ = check.interval(m)
                held = keyed[key] = FusedEvent("", m.event_type, m.status, mentions=[m], last_day=last)
                block.append(held)
                out.append(held)
            else:
                _join(check, held, m)
            continue
        best: tuple[FusedEvent, int, int] | None = None
        best_rank = (False, 0)
        lo, hi, _ = check.interval(m)
        if m.parties and lo is not None:
            for cluster in block:
                if cluster.last_day is not None and cluster.last_day < lo:
                    continue  # some member's date ends before this one's begins
                conflicts = pairs = 0
                for other in cluster.mentions:
                    ok, conflict = check.pair(m, other)
                    if not ok:
                        break
                    conflicts += conflict
                    pairs += other.doc_id != m.doc_id
                else:
                    rank = (any(o.doc_id == m.doc_id for o in cluster.mentions), len(cluster.mentions))
                    if best is None or rank > best_rank:
                        best, best_rank = (cluster, conflicts, pairs), rank
        if best is None:
            cluster = FusedEvent(fused_id="", event_type=m.event_type, status=m.status, mentions=[m], last_day=hi)
            block.append(cluster)
            out.append(cluster)
            continue
        cluster, conflicts, pairs = best
        cluster.mentions.append(m)
        if hi is not None and (cluster.last_day is None or hi < cluster.last_day):
            cluster.last_day = hi
        cluster.conflicts += conflicts
        cluster.pairs += pairs
    for cluster in out:
        cluster.fused_id = _fused_id(cluster.mentions)
    return out
