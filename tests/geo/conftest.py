"""The place resolver of the place tests, built once per module."""

from __future__ import annotations

import pytest

from backchannel.geo import Gazetteer, PlaceResolver


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.load())
