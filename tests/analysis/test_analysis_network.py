"""Mediators, channels, positions and dyad series on a database built by the real pipeline.

The database holds the specimen article (2024-03-01) and the example briefs, ingested
with ``backchannel ingest`` exactly as a user would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from backchannel.analysis import dyad_series, find_channels, find_mediators, positions
from backchannel.api import ApiSettings, create_app
from backchannel.cli import main
from backchannel.store import InvalidQuery, Store, queries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "analysis.duckdb"
    seed = shared_dir / "corpus" / "seed-article.txt"
    briefs = ROOT / "examples" / "briefs.jsonl"
    code = main(["ingest", str(seed), str(briefs), "--date", "2024-03-01", "--db", str(path)])
    assert code == 0
    return path


@pytest.fixture(scope="module")
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    store = Store.open(db, read_only=True)
    try:
        yield store.cursor()
    finally:
        store.close()


def test_seed_channel_runs_from_hamas_through_the_ambassador_in_doha_to_china(
    con: duckdb.DuckDBPyConnection,
) -> None:
    report = find_channels(con, "Hamas", "China")
    assert report.a_keys == ["HAMAS"] and report.b_keys == ["CHN"]
    via = [p for p in report.paths if p.nodes == ["HAMAS", "P:cao_xiaolin", "CHN"]]
    assert via, [p.nodes for p in report.paths]
    assert report.paths[0] == via[0]  # the shortest, best-evidenced path comes first
    meeting, represents = via[0].steps
    assert meeting.kind == "contact" and represents.kind == "represents"
    assert represents.label is not None and "ambassador" in represents.label
    assert any("Cao Xiaolin" in e.sentence and "Haniye" in e.sentence for e in meeting.evidence)
    # Haniyeh stands for Hamas: the same meeting is a direct contact at ambassador level.
    levels = {(d.a_level, d.b_level, d.level) for d in report.direct}
    assert ("party official", "ambassador", "ambassador") in levels
    assert report.direct_by_level.get("ambassador", 0) >= 1


def test_channels_read_the_same_path_backwards(con: duckdb.DuckDBPyConnection) -> None:
    report = find_channels(con, "China", "Hamas")
    assert ["CHN", "P:cao_xiaolin", "HAMAS"] in [p.nodes for p in report.paths]


def test_channel_levels_for_leaders_meeting(con: duckdb.DuckDBPyConnection) -> None:
    report = find_channels(con, "United States", "China")
    assert report.direct and all(d.level == "head" for d in report.direct if "Xi Jinping" in d.b_participant)
    assert "head" in report.direct_by_level


def test_russia_mediates_between_fatah_and_hamas(con: duckdb.DuckDBPyConnection) -> None:
    report = find_mediators(con, "Fatah", "Hamas")
    top = report.mediators[0]
    assert top.key == "RUS", [(m.key, m.score) for m in report.mediators]
    assert top.mediation_events >= 1
    # Fatah and Hamas are both Palestinian: a broker from outside their group is an itinerant.
    assert top.brokerage.get("itinerant", 0) >= 1
    assert any("Moscow" in e.sentence for e in top.evidence)
    assert report.conflict_events >= 1  # the two factions are in conflict in the stored news


def test_qatar_mediates_between_israel_and_hamas_in_the_truce_brief(con: duckdb.DuckDBPyConnection) -> None:
    report = find_mediators(con, "Israel", "Hamas", since="2023-11-01", until="2023-11-30")
    keys = [m.key for m in report.mediators]
    assert "QAT" in keys, keys
    qatar = report.mediators[keys.index("QAT")]
    assert qatar.mediation_events == 1 and qatar.brokerage == {"liaison": 2}
    assert any(e.doc_id.startswith("brief-2023-11-22") for e in qatar.evidence)


def test_egypt_helps_mediate_the_truce(con: duckdb.DuckDBPyConnection) -> None:
    report = find_mediators(con, "Israel", "Hamas", since="2023-11-01", until="2023-11-30")
    assert "EGY" in [m.key for m in report.mediators]


def test_mediators_respect_the_window(con: duckdb.DuckDBPyConnection) -> None:
    before_truce = find_mediators(con, "Israel", "Hamas", until="2023-10-31")
    assert "QAT" not in [m.key for m in before_truce.mediators]


def test_unknown_actor_is_an_invalid_query(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(InvalidQuery, match="Atlantis"):
        find_mediators(con, "Atlantis", "Hamas")


def test_ceasefire_positions_from_truce_to_demands(con: duckdb.DuckDBPyConnection) -> None:
    report = positions(con, "ceasefire")
    by_key = {a.key: a for a in report.actors}
    hamas = by_key["HAMAS"]
    months = {m.month: m for m in hamas.by_month}
    assert months["2023-11"].stance == "supports"  # agreed to the four-day pause
    assert months["2024-03"].stance == "demands" and months["2024-03"].changed  # "Israel must stop its offensive"
    demands = [s for s in hamas.evidence if s.stance == "demands"]
    assert demands and all("must stop" in s.evidence.sentence for s in demands)
    assert demands[0].holder.startswith("Haniye")  # a person's stance counts for the body he leads
    assert by_key["ISR"].stance == "supports"


def test_positions_filter_by_actor_and_window(con: duckdb.DuckDBPyConnection) -> None:
    report = positions(con, "ceasefire", since="2024-01", actor="Israel")
    assert [a.key for a in report.actors] == ["ISR"]
    assert all(m.month >= "2024-01" for m in report.actors[0].by_month)


def test_dyad_series_counts_weeks_by_quad_class(con: duckdb.DuckDBPyConnection) -> None:
    series = dyad_series(con, "Fatah", "Hamas")
    assert len(series) == 1 and {series[0].a, series[0].b} == {"FATAH", "HAMAS"}
    s = series[0]
    assert s.count == sum(w.count for w in s.weeks)
    assert [w.week for w in s.weeks] == sorted(w.week for w in s.weeks)
    for w in s.weeks:
        assert sum(w.by_quad_class.values()) == w.count
    # The pair's series holds the events of its two actor -> recipient edges, for the same filter.
    edges = queries.dyads(con, f=queries.DEFAULT_FILTER)
    assert s.count == sum(d.count for d in edges if {d.source, d.target} == {"FATAH", "HAMAS"})


def test_cli_commands_print_their_findings(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mediators", "--between", "Fatah", "Hamas", "--db", str(db)]) == 0
    assert "Russia [RUS]" in capsys.readouterr().out
    assert main(["channels", "Hamas", "China", "--db", str(db)]) == 0
    assert "Hamas [HAMAS] -> Cao Xiaolin [P:cao_xiaolin] -> China [CHN]" in capsys.readouterr().out
    assert main(["positions", "--issue", "ceasefire", "--db", str(db), "--format", "json"]) == 0
    assert '"issue":"ceasefire"' in capsys.readouterr().out.replace(" ", "")
    assert main(["dyad-series", "Hamas", "--db", str(db)]) == 0
    default = capsys.readouterr().out
    assert "Fatah [FATAH] -- Hamas [HAMAS]" in default and "2013-" not in default
    # The clashes of 2013 the specimen recalls are historical: counted only when asked for.
    assert main(["dyad-series", "Fatah", "--with", "Hamas", "--include-historical", "--db", str(db)]) == 0
    assert "2013-" in capsys.readouterr().out
    assert main(["positions", "--issue", "weather", "--db", str(db)]) == 2
    assert "unknown issue 'weather'" in capsys.readouterr().err


def test_api_serves_the_analyses(db: Path) -> None:
    with TestClient(create_app(db, ApiSettings())) as client:
        mediators = client.get("/mediators", params={"a": "Fatah", "b": "Hamas"})
        assert mediators.status_code == 200 and mediators.json()["mediators"][0]["key"] == "RUS"
        channels = client.get("/channels", params={"a": "Hamas", "b": "China"})
        assert ["HAMAS", "P:cao_xiaolin", "CHN"] in [p["nodes"] for p in channels.json()["paths"]]
        stances = client.get("/positions", params={"issue": "ceasefire"})
        assert "HAMAS" in [a["key"] for a in stances.json()["actors"]]
        series = client.get("/dyad-series", params={"actor": "Hamas", "with": "Fatah"})
        assert series.status_code == 200 and len(series.json()) == 1
        bad = client.get("/positions", params={"issue": "weather"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_parameter"
        paths = client.get("/openapi.json").json()["paths"]
        assert {"/mediators", "/channels", "/positions", "/dyad-series"} <= set(paths)
