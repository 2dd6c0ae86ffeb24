"""The actor resolver for the actor tests (a module that defines its own ``resolver`` fixture keeps it)."""

from __future__ import annotations

import pytest

from backchannel.actors import ActorKB, ActorResolver


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorKB.load())
