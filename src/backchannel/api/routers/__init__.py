"""One router per resource."""

from __future__ import annotations

from backchannel.api.routers import actors, documents, events, health, network, timeline

__all__ = ["actors", "documents", "events", "health", "network", "timeline"]
