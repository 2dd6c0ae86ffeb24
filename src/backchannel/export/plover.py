"""PLOVER JSON Lines: one event per line, with the field names of the PLOVER manual.

Field names follow the "Data Fields" chapter of the PLOVER manual (draft 0.8, Open Event Data
Alliance, CC BY-SA 4.0): the event record (``id``, ``date``, ``actor``, ``recipient``, ``event``,
``event_loc``, ``event_text``, ``quad_code``, ``event_scale``, ``mode``, ``context``, ``text_info``,
``cite_info``, ``coder``, ``coded_date``), the entity object (``code``, ``sector``, ``entity_text``,
``identifier_id``, ``identifier_text``, ``office``), the location object (``extracted_place``,
``resolved_place``, ``geonameid``, ``lat``, ``lon``, ``country_code``, ``feature_class``,
``feature_code``) and the text object (``sequence``, ``start``, ``end``).

How Backchannel fills them:

- ``date``: the first day of the event's date (YYYY-MM-DD); ``date_precision`` (extra) says whether it
  is a day, month, year or the document date standing in for an unstated one.
- ``event``, ``mode``: lists of one value (``mode`` empty when none); ``quad_code``, ``event_scale``:
  our quad class and intensity.
- ``identifier_id``/``identifier_text``: our knowledge-base id and name (e.g. ``P:ismail_haniyeh``,
  "Ismail Haniyeh"), not a Wikidata id; ``office``: the title the text gives ("ambassador to QAT").
- ``event_text``: the sentence the event was coded from; ``text_info``: its index and character
  span in the document; ``text`` (the full story) is never written: we may not hold its rights.
- ``link``: the id of the fused event this mention belongs to (mentions of one real event share it).
- ``cite_info``: ``citation`` is our document id, ``url``/``title``/``publication`` come from the document.

Extra fields (the manual invites them): ``doc_id``, ``status`` (asserted, negated, hypothetical, future),
``historical``, ``date_precision``, ``date_text``, ``confidence``, ``trigger`` and ``time`` spans,
``mediator`` and ``reported_by`` entity lists, and ``start``/``end``/``key`` on each entity.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from backchannel.export.source import ExportEvent, ExportSet
from backchannel.store.models import EventActor, PlaceRow

__all__ = ["CODEBOOK", "plover_record", "write_plover"]

CODEBOOK = "plover-0.8"


def _entity(a: EventActor, events: ExportSet) -> dict[str, Any]:
    return {
        "code": a.country,
        "sector": a.sector,
        "entity_text": a.text,
        "identifier_id": a.actor_id,
        "identifier_text": events.name(a) if a.actor_id else a.name,
        "office": a.title,
        "key": a.key,
        "start": a.start,
        "end": a.end,
    }


def _location(p: PlaceRow) -> dict[str, Any]:
    return {
        "extracted_place": p.text,
        "resolved_place": p.name,
        "geonameid": p.geonameid,
        "lat": p.lat,
        "lon": p.lon,
        "country_code": p.country_code,
        "feature_class": p.feature_code[0] if p.feature_code else None,
        "feature_code": p.feature_code,
        "start": p.start,
        "end": p.end,
    }


def plover_record(e: ExportEvent, events: ExportSet) -> dict[str, Any]:
    """One event as a PLOVER JSON object (manual field names plus Backchannel's provenance fields)."""
    row, prov, doc = e.row, e.provenance, e.document
    return {
        "id": row.event_id,
        "date": row.day,
        "actor": [_entity(a, events) for a in row.actors],
        "recipient": [_entity(a, events) for a in row.recipients],
        "event": [row.event_type],
        "event_loc": _location(row.location) if row.location else None,
        "event_text": [prov.sentence.text],
        "quad_code": row.quad_class,
        "event_scale": row.intensity,
        "mode": [row.mode] if row.mode else [],
        "context": list(prov.context),
        "link": e.fused_id,
        "text_info": {"sequence": prov.sentence_index, "start": prov.sentence.start, "end": prov.sentence.end},
        "cite_info": {
            "citation": doc.doc_id,
            "url": doc.url,
            "title": doc.title,
            "publication": doc.source,
            "coder": f"backchannel {row.pipeline_version}",
            "codebook": CODEBOOK,
        },
        "coder": f"backchannel {row.pipeline_version}",
        "coded_date": doc.ingested_at.date().isoformat() if doc.ingested_at else None,
        # Backchannel's own fields
        "doc_id": row.doc_id,
        "status": row.status,
        "historical": row.historical,
        "date_precision": row.date_precision,
        "date_text": prov.date_text,
        "confidence": row.confidence,
        "trigger": prov.trigger.model_dump(),
        "time": prov.time.model_dump() if prov.time else None,
        "mediator": [_entity(a, events) for a in row.mediators],
        "reported_by": [_entity(a, events) for a in row.reported_by],
    }


def write_plover(events: ExportSet, out: TextIO) -> int:
    """Write one JSON object per line; returns the number of events written."""
    for e in events.events:
        out.write(json.dumps(plover_record(e, events), ensure_ascii=False, sort_keys=False) + "\n")
    return len(events.events)
