"""Network node identity (``store.nodes``): which node a participant is, and how a node is named."""

from __future__ import annotations

import re
from importlib import resources

import duckdb
import pytest

from backchannel.store.nodes import describe, domestic, node_sql, sectors


def _data(name: str) -> list[list[str]]:
    text = resources.files("backchannel.actors.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_every_sector_code_of_the_actor_data_has_a_label() -> None:
    used = {row[1].split("/")[0] for row in _data("agents.tsv")}
    used |= {row[3] for row in _data("organizations.tsv") if re.fullmatch(r"[A-Z]{3}", row[3])}
    used |= set(re.findall(r":([A-Z]{3})\b", resources.files("backchannel.actors.data").joinpath(
        "countries.tsv").read_text(encoding="utf-8")))  # fmt: skip
    assert used and used <= set(sectors())
    assert {code for code, s in sectors().items() if s.state} == {"GOV", "MIL", "DIP", "SPY"}


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """Participants (as ``event_actors`` rows) and the stored actors they name."""
    db = duckdb.connect()
    db.execute("CREATE TABLE actors (actor_key TEXT, name TEXT, country TEXT, sector TEXT, kind TEXT)")
    db.execute(
        "INSERT INTO actors VALUES ('USA', 'United States', 'USA', 'LEG', 'country'), "
        "('P:joe_biden', 'Joe Biden', 'USA', 'GOV', 'person'), ('GOP', 'Republican Party', 'USA', 'PTY', 'nsa'), "
        "('USA_GOV', 'Alternate Executive Director', 'USA', 'GOV', 'person'), ('HAMAS', 'Hamas', 'PSE', 'REB', 'nsa')"
    )
    db.execute("CREATE TABLE p (text TEXT, actor_key TEXT, name TEXT, country TEXT, sector TEXT)")
    db.execute(
        "INSERT INTO p VALUES "
        "('Congress', 'USA', 'United States', 'USA', 'LEG'), "
        "('the United States', 'USA', 'United States', 'USA', NULL), "
        "('the White House', 'USA', 'United States', 'USA', 'GOV'), "
        "('the Pentagon', 'USA', 'United States', 'USA', 'MIL'), "
        "('President Biden', 'P:joe_biden', 'Joe Biden', 'USA', 'GOV'), "
        "('the U.S. Alternate Executive Director', 'USA_GOV', NULL, 'USA', 'GOV'), "
        "('the administration', '~administration', NULL, 'USA', 'GOV'), "
        "('German companies', 'DEU_BUS', NULL, 'DEU', 'BUS'), "
        "('Israeli civilians', 'ISR_CVL', NULL, 'ISR', 'CVL'), "
        "('Republicans', 'GOP', 'Republican Party', 'USA', 'PTY'), "
        "('Hamas', 'HAMAS', 'Hamas', 'PSE', 'REB'), "
        "('a spokesman', '~spokesman', NULL, NULL, 'GOV'), "
        "('UN officials', 'IGO_GOV', NULL, 'IGO', 'GOV'), "
        "('Ahmed Said', '~ahmed said', 'Ahmed Said', 'EGY', 'GOV')"
    )
    return db


def test_a_participant_is_its_entity_its_state_or_its_country_s_body(con: duckdb.DuckDBPyConnection) -> None:
    nodes = dict(con.execute(f"SELECT text, {node_sql('p')} FROM p").fetchall())
    assert nodes == {
        "Congress": "USA_LEG", "the United States": "USA", "the White House": "USA", "the Pentagon": "USA",
        "President Biden": "P:joe_biden", "the U.S. Alternate Executive Director": "USA",
        "the administration": "USA", "German companies": "DEU_BUS", "Israeli civilians": "ISR_CVL",
        "Republicans": "GOP", "Hamas": "HAMAS", "a spokesman": "~spokesman", "UN officials": "IGO_GOV",
        "Ahmed Said": "~ahmed said",
    }  # fmt: skip


def test_nodes_are_named_from_stored_actors_and_the_sector_labels(con: duckdb.DuckDBPyConnection) -> None:
    info = describe(con, ["USA", "USA_LEG", "DEU", "DEU_BUS", "ISR_CVL", "P:joe_biden", "GOP", "~spokesman"])
    assert {k: i.name for k, i in info.items()} == {
        "USA": "United States", "USA_LEG": "United States (legislature)", "DEU": "Germany",
        "DEU_BUS": "Germany (business)", "ISR_CVL": "Israel (civilians)", "P:joe_biden": "Joe Biden",
        "GOP": "Republican Party", "~spokesman": None,
    }  # fmt: skip
    assert (info["USA"].sector, info["USA"].kind, info["USA"].actor) == (None, "country", "USA")
    assert (info["USA_LEG"].country, info["USA_LEG"].sector, info["USA_LEG"].actor) == ("USA", "LEG", "USA")
    assert info["DEU_BUS"].actor is None  # Germany itself was never stored: nothing to open
    assert domestic(info["P:joe_biden"], info["USA_LEG"]) and domestic(info["USA"], info["GOP"])
    assert not domestic(info["USA"], info["DEU"]) and not domestic(info["~spokesman"], info["USA"])
