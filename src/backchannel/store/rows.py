"""Turn one coded document into table rows (pure: no database here).

Event actor references carry no offsets in the output contract, so their spans
are recovered here from the document's actor mentions (same text, inside the
event's sentence, nearest the trigger) or, failing that, from the sentence text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from backchannel.records import ActorMention, ActorRef, Article, DocumentResult, Event, TimeMention

__all__ = [
    "DocumentRows",
    "actor_key",
    "document_rows",
    "event_day",
    "stored_event_id",
]

Row = tuple[object, ...]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_SPACE = re.compile(r"\s+")


@dataclass
class DocumentRows:
    """Rows for every table touched by one document, keyed by table name."""

    document: Row
    actors: list[Row] = field(default_factory=list)
    aliases: set[tuple[str, str]] = field(default_factory=set)
    tables: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def event_count(self) -> int:
        return len(self.tables.get("events", []))


def actor_key(actor_id: str | None, name: str | None, text: str) -> str:
    """The store's key of an actor: its KB id, or ``~`` plus its normalised name for unresolved actors."""
    if actor_id:
        return actor_id
    return "~" + _SPACE.sub(" ", (name or text).strip().lower())


def alias_form(text: str) -> str:
    """How names are compared: lower-cased, spaces collapsed."""
    return _SPACE.sub(" ", text.strip().lower())


def stored_event_id(doc_key: str, article_doc_id: str, local_id: str) -> str:
    """A database-wide event id: the pipeline's id, re-rooted on the stored document key."""
    if local_id.startswith(article_doc_id) and article_doc_id:
        return doc_key + local_id[len(article_doc_id) :]
    return f"{doc_key}:{local_id}"


def event_day(value: str | None, fallback: str | None) -> date | None:
    """First day of an event's (possibly coarse) date, else of the document date."""
    for candidate in (value, fallback):
        if not candidate:
            continue
        match = _DATE.match(candidate)
        if not match:
            continue
        year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def _ref_span(
    ref: ActorRef, event: Event, mentions: tuple[ActorMention, ...], text: str
) -> tuple[int | None, int | None]:
    sent = event.sentence
    inside = [m for m in mentions if m.text == ref.text and sent.start <= m.start and m.end <= sent.end]
    same_id = [m for m in inside if ref.actor_id is None or m.actor_id in (None, ref.actor_id)]
    candidates = same_id or inside
    if candidates:
        best = min(candidates, key=lambda m: abs(m.start - event.trigger.start))
        return best.start, best.end
    if ref.text:
        window = text[sent.start : sent.end]
        found = window.find(ref.text)
        if found >= 0:
            return sent.start + found, sent.start + found + len(ref.text)
    return None, None


def _time_span(event: Event, times: tuple[TimeMention, ...], text: str) -> tuple[int | None, int | None]:
    if not event.date_text:
        return None, None
    sent = event.sentence
    same = [t for t in times if t.text == event.date_text]
    inside = [t for t in same if sent.start <= t.start and t.end <= sent.end]
    for group in (inside, same):
        if group:
            best = min(group, key=lambda t: abs(t.start - event.trigger.start))
            return best.start, best.end
    found = text[sent.start : sent.end].find(event.date_text)
    if found >= 0:
        return sent.start + found, sent.start + found + len(event.date_text)
    return None, None


def _event_rows(
    doc_key: str, article: Article, result: DocumentResult, event: Event, pipeline_version: str
) -> tuple[Row, list[Row], list[Row], list[Row]]:
    event_id = stored_event_id(doc_key, article.doc_id, event.id)
    place = event.location
    time_start, time_end = _time_span(event, result.times, article.text)
    row: Row = (
        event_id,
        doc_key,
        event.id,
        event.event_type,
        event.mode,
        list(event.context),
        event.date,
        event.date_precision,
        event.date_text,
        event_day(event.date, result.date or article.date),
        time_start,
        time_end,
        event.status,
        event.historical,
        event.quad_class,
        event.intensity,
        event.confidence,
        event.trigger.text,
        event.trigger.start,
        event.trigger.end,
        event.sentence.index,
        event.sentence.start,
        event.sentence.end,
        event.sentence.text,
        place.text if place else None,
        place.start if place else None,
        place.end if place else None,
        place.name if place else None,
        place.geonameid if place else None,
        place.lat if place else None,
        place.lon if place else None,
        place.country_code if place else None,
        place.feature_code if place else None,
        pipeline_version,
    )
    links: list[Row] = []
    actors: list[Row] = []
    roles: list[tuple[str, tuple[ActorRef, ...]]] = [
        ("actor", event.actor),
        ("recipient", event.recipient),
        ("mediator", event.mediator),
        ("reported_by", (event.reported_by,) if event.reported_by else ()),
    ]
    day = row[9]
    shared = (doc_key, day, event.event_type, event.status, event.quad_class, event.intensity)
    seen: set[str] = set()
    for role, refs in roles:
        for position, ref in enumerate(refs):
            key = actor_key(ref.actor_id, ref.name, ref.text)
            if key in seen:
                continue
            seen.add(key)
            start, end = _ref_span(ref, event, result.actors, article.text)
            link = (event_id, role, position, key, ref.text, ref.actor_id, ref.name, ref.country, ref.sector)
            # fused_id (set by fusion), node and node_repeat (set once written)
            links.append((*link, ref.role, start, end, *shared, None, None, None))
            actors.append((key, ref.actor_id, ref.name or ref.text, ref.country, ref.sector, None, bool(ref.actor_id)))
    sources = [link[3] for link in links if link[1] == "actor"]
    targets = [link[3] for link in links if link[1] == "recipient"]
    dyads: list[Row] = [(event_id, s, t, *shared, *(None,) * 4) for s in sources for t in targets if s != t]
    return row, links, dyads, actors


def document_rows(
    doc_key: str,
    content_hash: str,
    article: Article,
    result: DocumentResult,
    pipeline_version: str,
    ingested_at: datetime,
) -> DocumentRows:
    """Every row one coded document adds to the store."""
    document: Row = (
        doc_key,
        content_hash,
        result.title if result.title is not None else article.title,
        result.source if result.source is not None else article.source,
        result.url if result.url is not None else article.url,
        result.date if result.date is not None else article.date,
        article.origin,
        article.text,
        list(result.warnings),
        ingested_at,
        pipeline_version,
        result.schema_version,
    )
    rows = DocumentRows(document=document)
    mentions: list[Row] = []
    for idx, m in enumerate(result.actors):
        key = actor_key(m.actor_id, m.name, m.text)
        head = (doc_key, idx, m.start, m.end, m.text, key, m.actor_id, m.name, m.country, m.sector, m.role)
        mentions.append((*head, m.resolved, m.kind, m.affiliation))
        rows.actors.append((key, m.actor_id, m.name or m.text, m.country, m.sector, m.kind, bool(m.actor_id)))
        rows.aliases.add((alias_form(m.text), key))
    events: list[Row] = []
    links: list[Row] = []
    dyads: list[Row] = []
    for event in result.events:
        event_row, event_links, event_dyads, event_actors = _event_rows(
            doc_key, article, result, event, pipeline_version
        )
        events.append(event_row)
        links.extend(event_links)
        dyads.extend(event_dyads)
        rows.actors.extend(event_actors)
        rows.aliases.update((alias_form(str(link[4])), str(link[3])) for link in event_links)
    for actor in rows.actors:
        key = str(actor[0])
        for name in (key, actor[1], actor[2]):
            if name:
                rows.aliases.add((alias_form(str(name)), key))
    rows.tables = {
        "mentions": mentions,
        "events": events,
        "event_actors": links,
        "event_dyads": dyads,
        "places": [
            (doc_key, i, p.start, p.end, p.text, p.name, p.geonameid, p.lat, p.lon, p.country_code, p.feature_code)
            # the store's places are where things are: demonyms and names inside names stay in the JSON output
            for i, p in enumerate(p for p in result.places if p.kind == "toponym")
        ],
        "times": [
            (doc_key, i, t.start, t.end, t.text, t.value, t.precision, t.approximate, t.historical, t.relation)
            for i, t in enumerate(result.times)
        ],
        "removed": [(doc_key, i, r.start, r.end, r.reason, r.text) for i, r in enumerate(result.removed)],
    }
    return rows
