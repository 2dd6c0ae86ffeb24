"""Near-duplicate documents and fused events: one real event, one record.

result = compute_fusion(con)                # pure read: duplicate links, fused events, announcement links
summary = refuse(store)                      # recompute and store the fused layer
page = fused_events(con, FusedFilter(actor="Hamas", min_sources=2))
"""

from __future__ import annotations

from backchannel.fusion.dedup import DedupSettings, DuplicateLink, NearDuplicateIndex, find_near_duplicates, shingles
from backchannel.fusion.fuse import (
    AnnouncementLink,
    FusedEvent,
    FusionSettings,
    MentionRecord,
    Participant,
    PlaceRef,
    fuse_mentions,
    link_announcements,
)
from backchannel.fusion.models import FusedEventDetail, FusedEventPage, FusedEventRow
from backchannel.fusion.queries import FusedFilter, fused_event, fused_events
from backchannel.fusion.store import FusionResult, FusionSummary, compute_fusion, load_mentions, refuse

__all__ = [
    "AnnouncementLink",
    "DedupSettings",
    "DuplicateLink",
    "FusedEvent",
    "FusedEventDetail",
    "FusedEventPage",
    "FusedEventRow",
    "FusedFilter",
    "FusionResult",
    "FusionSettings",
    "FusionSummary",
    "MentionRecord",
    "NearDuplicateIndex",
    "Participant",
    "PlaceRef",
    "compute_fusion",
    "find_near_duplicates",
    "fuse_mentions",
    "fused_event",
    "fused_events",
    "link_announcements",
    "load_mentions",
    "refuse",
    "shingles",
]
