"""A state's office holder acting on that same state is no dyad; acting on a body of the state or on another state
it is (``store.nodes``: the node identity, and the issue's "a person acting on his own state is no dyad")."""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article
from backchannel.store import EventFilter, Store, ingest, queries

WASHINGTON = Article(
    doc_id="washington",
    text=(
        "President Joe Biden on Tuesday urged the U.S. military to speed up weapons deliveries to Ukraine. "
        "Secretary of State Antony Blinken praised the Pentagon for its support of the mission. "
        "President Biden also urged Congress to pass the border security bill. "
        "Biden called on Israel to allow more aid into Gaza."
    ),
    date="2024-03-05",
    source="capital wire",
)
PARIS = Article(
    doc_id="paris",
    text=(
        "French President Emmanuel Macron criticized the French army over its slow withdrawal from Niger. "
        "Macron also thanked the National Assembly for approving the defence budget. "
        "Macron on Wednesday urged Germany to increase military aid to Kyiv."
    ),
    date="2024-03-06",
    source="european daily",
)


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    path: Path = tmp_path_factory.mktemp("office") / "office.duckdb"
    with Store.open(path) as store:
        ingest(store, [WASHINGTON, PARIS], Pipeline(), PIPELINE_VERSION)
    with Store.open(path, read_only=True) as store:
        everything = EventFilter(status="any")
        return {
            (d.source_name or d.source, d.target_name or d.target) for d in queries.dyads(store.cursor(), 1, everything)
        }


def test_an_office_holder_acting_on_his_own_state_is_no_dyad(pairs: set[tuple[str, str]]) -> None:
    assert ("Joe Biden", "United States") not in pairs  # the U.S. military: the state itself
    assert ("Antony Blinken", "United States") not in pairs  # the Pentagon
    assert ("Emmanuel Macron", "France") not in pairs  # the French army


def test_on_a_body_of_his_state_or_on_another_state_it_is(pairs: set[tuple[str, str]]) -> None:
    assert ("Joe Biden", "United States (legislature)") in pairs
    assert ("Joe Biden", "Israel") in pairs
    assert ("Emmanuel Macron", "Germany") in pairs
