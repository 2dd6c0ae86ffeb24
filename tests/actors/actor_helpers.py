"""Helpers shared by the actor tests."""

from __future__ import annotations

from backchannel.records import ActorMention


def one(mentions: list[ActorMention], text: str) -> ActorMention:
    """The single mention quoting ``text`` (fails, listing every mention, when there is none or several)."""
    found = [m for m in mentions if m.text == text]
    assert len(found) == 1, [(m.text, m.actor_id, m.country, m.sector) for m in mentions]
    return found[0]
