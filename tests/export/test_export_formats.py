"""Every export format, read back with a standard library and checked against the database.

The database is built from real text through the real pipeline: the specimen article (dated
2024-03-01) and the example briefs.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pandas as pd
import pytest
from spacy.language import Language
from test_export_mappings import conversion_table

from backchannel.cli import main
from backchannel.export.acled import ACLED_COLUMNS
from backchannel.export.cameo import GDELT_COLUMNS
from backchannel.store import EventFilter, Store, ingest, queries

ROOT = Path(__file__).resolve().parents[2]
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, nlp: Language) -> Path:
    from backchannel.ingest import read_inputs
    from backchannel.pipeline import PIPELINE_VERSION, Pipeline

    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    seed = str(shared_dir / "corpus" / "seed-article.txt")
    briefs = str(ROOT / "examples" / "briefs.jsonl")
    pipeline = Pipeline(nlp=nlp)
    with Store.open(path) as store:
        for inputs, date in (([seed], "2024-03-01"), ([briefs], None)):
            summary = ingest(store, read_inputs(inputs, date=date), pipeline, PIPELINE_VERSION, inputs=inputs)
            assert summary.failures == 0 and summary.documents >= 1
    return path


def _query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.cursor().execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def consult(db: Path) -> str:
    """The specimen's Hamas -> China CONSULT: Haniyeh met China's ambassador to Qatar on 29 February."""
    rows = _query(
        db,
        "SELECT e.event_id FROM events e WHERE e.event_type = 'CONSULT' AND e.status = 'asserted' "
        "AND e.day = DATE '2024-02-29' AND e.doc_id = 'seed-article' "
        "AND e.event_id IN (SELECT event_id FROM event_actors WHERE role = 'actor' AND country = 'PSE') "
        "AND e.event_id IN (SELECT event_id FROM event_actors WHERE role = 'recipient' AND country = 'CHN') "
        "ORDER BY e.sentence_start",
    )
    assert rows, "the pipeline no longer codes the Hamas -> China consultation of the specimen"
    return str(rows[0][0])


def _export(db: Path, out: Path, fmt: str, *extra: str) -> Path:
    assert main(["export", "--format", fmt, "--db", str(db), "--out", str(out), *extra]) == 0
    return out


def _read_cameo(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)


def test_plover_jsonl_has_the_manual_fields_and_true_spans(
    db: Path, consult: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(db, tmp_path / "events.jsonl", "plover")
    assert "events (plover)" in capsys.readouterr().out
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    stored = {r[0] for r in _query(db, "SELECT event_id FROM events")}
    assert len(records) == len(stored) and {r["id"] for r in records} == stored
    texts = dict(_query(db, "SELECT doc_id, text FROM documents"))
    for r in records:
        assert {"id", "date", "actor", "event"} <= r.keys() and len(r["event"]) == 1
        text = texts[r["doc_id"]]
        info = r["text_info"]
        assert text[info["start"] : info["end"]] == r["event_text"][0]
        assert text[r["trigger"]["start"] : r["trigger"]["end"]] == r["trigger"]["text"]
        for entity in (*r["actor"], *r["recipient"]):
            if entity["start"] is not None:
                assert text[entity["start"] : entity["end"]] == entity["entity_text"]
    record = next(r for r in records if r["id"] == consult)
    assert record["event"] == ["CONSULT"] and record["date"] == "2024-02-29" and record["quad_code"] == 1
    assert record["actor"][0]["code"] == "PSE" and record["recipient"][0]["code"] == "CHN"
    assert record["status"] == "asserted" and record["cite_info"]["citation"] == "seed-article"


def test_cameo_tsv_rows_are_the_dyads_with_consistent_codes(db: Path, consult: str, tmp_path: Path) -> None:
    table = _read_cameo(_export(db, tmp_path / "events.tsv", "cameo"))
    assert list(table.columns[: len(GDELT_COLUMNS)]) == list(GDELT_COLUMNS)
    assert table["GLOBALEVENTID"].is_unique
    assert set(table["BC_EventId"]) == {r[0] for r in _query(db, "SELECT event_id FROM events")}
    with_recipients = {r[0] for r in _query(db, "SELECT DISTINCT event_id FROM event_actors WHERE role = 'recipient'")}
    rows = table[table["BC_EventId"].isin(with_recipients) & (table["BC_Actor2Key"] != "")]
    dyads = _query(db, "SELECT event_id, source, target FROM event_dyads")
    assert Counter(zip(rows["BC_EventId"], rows["BC_Actor1Key"], rows["BC_Actor2Key"], strict=True)) == Counter(dyads)
    assert (table["EventRootCode"] == table["EventCode"].str[:2]).all()
    assert (table["EventBaseCode"] == table["EventCode"].str[:3]).all()
    row = table[table["BC_EventId"] == consult].iloc[0]
    assert (row["SQLDATE"], row["Year"], row["EventRootCode"], row["QuadClass"]) == ("20240229", "2024", "04", "1")
    assert (row["Actor1CountryCode"], row["Actor2CountryCode"]) == ("PSE", "CHN")
    assert row["Actor1Type1Code"] == "REB" and row["Actor1Code"] == "PSEREB"
    assert row["BC_PloverType"] == "CONSULT" and row["BC_CameoSource"] == "table"


def test_cameo_rows_defined_by_the_table_agree_with_it(db: Path, tmp_path: Path, shared_dir: Path) -> None:
    conversion = conversion_table(shared_dir)
    table = _read_cameo(_export(db, tmp_path / "events.tsv", "cameo"))
    from_table = table[table["BC_CameoSource"] == "table"]
    assert len(from_table) > len(table) / 2
    for code, plover_type, mode in zip(from_table["EventCode"], from_table["BC_PloverType"], from_table["BC_Mode"],
                                       strict=True):  # fmt: skip
        assert conversion[code][0] == plover_type, (code, plover_type)
        if conversion[code][1]:
            assert conversion[code][1] == mode, (code, mode)


def test_acled_csv_holds_only_asserted_violence_and_protest(db: Path, consult: str, tmp_path: Path) -> None:
    frame = pd.read_csv(_export(db, tmp_path / "acled.csv", "acled"), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    expected = _query(
        db,
        "SELECT event_id, day, sentence_text FROM events WHERE event_type IN ('ASSAULT', 'PROTEST') "
        "AND status = 'asserted' AND day IS NOT NULL",
    )
    assert expected, "the briefs report an invasion and air strikes"
    folded = {i for ids in frame["bc_same_event_ids"] for i in ids.split(";") if i}  # one ACLED event, several verbs
    assert not folded & set(frame["bc_event_id"])
    assert set(frame["bc_event_id"]) | folded == {r[0] for r in expected} and consult not in set(frame["bc_event_id"])
    assert set(frame["bc_plover_type"]) <= {"ASSAULT", "PROTEST"} and set(frame["event_type"]) <= ACLED_TYPES
    assert frame["event_id_cnty"].is_unique
    by_id = {r[0]: r for r in expected}
    for _, row in frame.iterrows():
        _, day, sentence = by_id[row["bc_event_id"]]
        assert row["event_date"] == day.isoformat() and row["notes"] == " ".join(sentence.split())
        if row["event_type"] == "Battles":  # battles are between armed, organised sides, never civilians
            assert row["inter1"] not in ("5", "6", "7") and row["inter2"] not in ("5", "6", "7")
        if row["iso"]:
            assert row["event_id_cnty"][:3].isalpha() and row["country"]


def test_graphml_edges_are_the_store_dyads(db: Path, consult: str, tmp_path: Path) -> None:
    graph = nx.read_graphml(_export(db, tmp_path / "net.graphml", "graphml"))
    assert isinstance(graph, nx.DiGraph)
    with Store.open(db, read_only=True) as store:
        dyads = queries.dyads(store.cursor())
    assert graph.number_of_edges() == len(dyads) > 0
    for d in dyads:
        edge = graph.edges[d.source, d.target]
        assert edge["count"] == d.count and edge["weight"] == float(d.count)
        assert {q: edge[f"count_{name}"] for q, name in QUADS.items() if edge[f"count_{name}"]} == d.by_quad_class
        assert edge["mean_intensity"] == pytest.approx(d.mean_intensity)
    countries = dict(_query(db, "SELECT actor_key, country FROM actors WHERE country IS NOT NULL"))
    assert all(graph.nodes[k].get("country") == c for k, c in countries.items() if k in graph)
    (source, target), *_ = _query(
        db,
        "SELECT source, target FROM event_dyads WHERE event_id = ? ORDER BY source, target",
        [consult],
    )
    edge = graph.edges[source, target]
    assert "CONSULT" in edge["types"] and edge["first_date"] <= "2024-02-29" <= edge["last_date"]
    assert graph.nodes[source]["country"] == "PSE" and graph.nodes[target]["country"] == "CHN"


def test_gexf_is_dynamic_with_a_spell_per_event_day(db: Path, consult: str, tmp_path: Path) -> None:
    graph = nx.read_gexf(_export(db, tmp_path / "net.gexf", "gexf"))
    assert graph.graph["mode"] == "dynamic" and graph.is_directed()
    days: dict[tuple[str, str], set[str]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    day_of = dict(_query(db, "SELECT event_id, day FROM events"))
    with Store.open(db, read_only=True) as store:  # the node pairs of every mention, as the store counts them
        pairs = queries.dyad_mentions(store.cursor(), count="mentions")
    for event_id, source, target in pairs:
        counts[(source, target)] += 1
        if day_of[event_id] is not None:
            days.setdefault((source, target), set()).add(day_of[event_id].isoformat())
    assert {(s, t) for s, t in graph.edges()} == set(counts)
    for (source, target), n in counts.items():
        edge = graph.edges[source, target]
        assert edge["count"] == n and {s for s, _ in edge.get("spells", [])} == days.get((source, target), set())
    for _, data in graph.nodes(data=True):
        assert data["start"] <= data["end"]
    (source, target), *_ = [(s, t) for event_id, s, t in pairs if event_id == consult]
    assert ("2024-02-29", "2024-02-29") in graph.edges[source, target]["spells"]


def test_filters_narrow_every_format(db: Path, tmp_path: Path) -> None:
    window = ["--since", "2024-01", "--until", "2024-02", "--status", "asserted"]
    table = _read_cameo(_export(db, tmp_path / "window.tsv", "cameo", *window))
    assert len(table) and set(table["BC_Status"]) == {"asserted"}
    assert table["SQLDATE"].between("20240101", "20240229").all()
    records = [json.loads(x) for x in _export(db, tmp_path / "w.jsonl", "plover", *window).read_text().splitlines()]
    with Store.open(db, read_only=True) as store:
        page = queries.events(store.cursor(), EventFilter(since="2024-01", until="2024-02", status="asserted"), 1000)
    assert [r["id"] for r in records] == [e.event_id for e in page.items]
    graph = nx.read_graphml(_export(db, tmp_path / "w.graphml", "graphml", *window))
    assert all("2024-01-01" <= d["first_date"] <= d["last_date"] <= "2024-02-29" for *_, d in graph.edges(data=True))


def test_parquet_still_exports_every_table_and_refuses_filters(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "pq")]) == 0
    files = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert (tmp_path / "pq" / "events.parquet") in files
    # pandas would need pyarrow to read Parquet; DuckDB reads it natively.
    count = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(tmp_path / "pq" / "events.parquet")])
    assert count.fetchone() == _query(db, "SELECT count(*) FROM events")[0]
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "pq2"), "--since", "2024"]) == 2
    assert "filters do not apply" in capsys.readouterr().err
