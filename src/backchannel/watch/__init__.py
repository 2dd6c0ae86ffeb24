"""Live feeds: poll RSS/Atom, fetch new article pages politely, ingest them (``backchannel watch``)."""

from __future__ import annotations

from backchannel.watch.http import Fetched, FetchError, HttpSettings, PoliteClient
from backchannel.watch.watcher import FeedPoll, Watcher

__all__ = ["FeedPoll", "FetchError", "Fetched", "HttpSettings", "PoliteClient", "Watcher", "parse_interval"]


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``10m``, ``2h`` or a bare number of seconds; ``ValueError`` otherwise."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    scale = units.get(value[-1:], 0)
    number = float(value[:-1] if scale else value)
    seconds = number * (scale or 1)
    if seconds <= 0:
        raise ValueError(f"interval must be positive, got {text!r}")
    return seconds
