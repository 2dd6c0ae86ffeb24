"""People named by their trade are the parties of protests and threats (issue 14, class 1): ACLED names them
Protesters (COUNTRY) with the trade as an associated actor; PLOVER's PROTEST and THREATEN need only a party.
Sentences written for these tests."""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, one

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "event_type", "sector", "country"),
    [
        ("Dockworkers walked off the job at the port of Durban on Monday.", "PROTEST", "LAB", "ZAF"),
        ("Railway workers staged a strike across France on Tuesday.", "PROTEST", "LAB", "FRA"),
        ("Hundreds of truck drivers blocked the highway outside Santiago, Chile.", "PROTEST", "LAB", "CHL"),
        ("Health workers marched through Lagos, Nigeria, to demand unpaid allowances.", "PROTEST", "HLH", "NGA"),
        ("Port workers in Antwerp, Belgium, threatened to strike over pension cuts.", "THREATEN", "LAB", "BEL"),
    ],
)
def test_a_trade_is_the_party_of_its_protest_or_threat(
    text: str, event_type: str, sector: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert [a.sector for a in event.actor] == [sector]
    assert countries(event.actor) == {country}
    assert event.actor[0].text.lower().endswith(("workers", "drivers", "dockworkers"))
