"""The fused layer end to end on real text: pipeline -> store -> refuse -> queries, API and CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from backchannel.api import ApiSettings, create_app
from backchannel.cli import main
from backchannel.fusion import FusedFilter, fused_event, fused_events, refuse
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article
from backchannel.store import Store, ingest, queries, recode
from backchannel.store.errors import InvalidQuery
from backchannel.store.nodes import node_sql
from backchannel.store.schema import MIGRATIONS, TABLES
from backchannel.store.writer import copy_fused_ids

STEINMEIER_STATEMENT = (
    "wh-2023-10-06-joint-statement-from-the-president-of-the-united-states-joseph-r-biden-jr-and-the-president-of-"
    "germany-frank-walter-steinmeier-on-german-american-day"
)
STEINMEIER_READOUT = "wh-2023-10-06-readout-of-president-bidens-meeting-with-president-steinmeier-of-germany"
NETANYAHU_8 = "wh-2023-10-08-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel"
NETANYAHU_10 = "wh-2023-10-10-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel-2"
BORIC_STATEMENT = (
    "wh-2023-10-31-statement-from-press-secretary-karine-jean-pierre-on-the-bilateral-meeting-between-president-joe-"
    "biden-and-president-gabriel-boric-of-chile"
)
BORIC_READOUT = "wh-2023-11-02-readout-of-president-bidens-meeting-with-president-gabriel-boric-of-chile"
HEADER = "All from the Internet | Reposted from our partners.\n\n"


def _articles(shared_dir: Path) -> list[Article]:
    wanted = {STEINMEIER_STATEMENT, STEINMEIER_READOUT, NETANYAHU_8, NETANYAHU_10, BORIC_STATEMENT, BORIC_READOUT}
    found: list[Article] = []
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                found.append(
                    Article(
                        doc_id=row["id"], text=row["text"], title=row["title"], date=row["date"], source=row["source"]
                    )
                )
    seed = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    found.append(Article(doc_id="seed", text=seed, date="2024-03-01", source="specimen"))
    found.append(Article(doc_id="seed-repost", text=HEADER + seed, date="2024-03-02", source="aggregator"))
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, nlp: Language) -> Path:
    path = tmp_path_factory.mktemp("fusion") / "fusion.duckdb"
    with Store.open(path) as store:
        summary = ingest(store, _articles(shared_dir), Pipeline(nlp=nlp), PIPELINE_VERSION)
        assert summary.documents == 8 and summary.failures == 0
        fusion = refuse(store)
    assert fusion.documents == 8 and fusion.duplicates == 1 and fusion.announcements >= 1
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with Store.open(db, read_only=True) as opened:
        yield opened


def _fused_docs(store: Store, event_type: str = "CONSULT") -> list[set[str]]:
    rows = store.cursor().execute(
        "SELECT f.fused_id, list(DISTINCT m.doc_id) FROM fused_events f JOIN fused_event_mentions m USING (fused_id) "
        "WHERE f.event_type = ? AND f.status = 'asserted' GROUP BY f.fused_id",
        [event_type],
    )
    return [set(docs) for _, docs in rows.fetchall()]


def test_the_repost_is_linked_to_the_seed_and_not_counted(store: Store) -> None:
    con = store.cursor()
    link = con.execute("SELECT canonical_doc_id, similarity FROM document_duplicates WHERE doc_id = 'seed-repost'")
    canonical, similarity = link.fetchone() or (None, 0.0)
    assert canonical == "seed" and similarity >= 0.8
    repost_events = con.execute("SELECT count(*) FROM events WHERE doc_id = 'seed-repost'").fetchone()
    fused_repost = con.execute("SELECT count(*) FROM fused_event_mentions WHERE doc_id = 'seed-repost'").fetchone()
    assert repost_events and repost_events[0] > 0  # the raw mentions stay queryable
    assert fused_repost == (0,)
    seed_events = con.execute("SELECT count(*) FROM events WHERE doc_id = 'seed'").fetchone()
    seed_fused = con.execute("SELECT count(*) FROM fused_event_mentions WHERE doc_id = 'seed'").fetchone()
    assert seed_events == seed_fused


def test_the_statement_and_the_readout_of_one_meeting_fuse(store: Store) -> None:
    assert any({STEINMEIER_STATEMENT, STEINMEIER_READOUT} <= docs for docs in _fused_docs(store))


def test_two_calls_with_the_same_leader_stay_two_events(store: Store) -> None:
    assert not any({NETANYAHU_8, NETANYAHU_10} <= docs for docs in _fused_docs(store))


def test_every_mention_of_a_canonical_document_is_in_exactly_one_fused_event(store: Store) -> None:
    con = store.cursor()
    missing = con.execute(
        "SELECT count(*) FROM events e WHERE e.doc_id <> 'seed-repost' "
        "AND e.event_id NOT IN (SELECT event_id FROM fused_event_mentions)"
    ).fetchone()
    counts = con.execute("SELECT sum(mentions) FROM fused_events").fetchone()
    links = con.execute("SELECT count(*) FROM fused_event_mentions").fetchone()
    assert missing == (0,) and counts is not None and links is not None and counts[0] == links[0]


def test_library_query_filters_and_detail(store: Store) -> None:
    con = store.cursor()
    # actor and recipient are roles, as in every view: Germany's president is the actor, Germany a party
    steinmeier = FusedFilter(actor="Frank-Walter Steinmeier", either=True, event_type="CONSULT", status="asserted")
    page = fused_events(con, steinmeier)
    multi = [e for e in page.items if e.documents >= 2]
    assert multi and all("DEU" in e.parties for e in multi)
    detail = fused_event(con, multi[0].fused_id)
    assert detail is not None and len(detail.mentions) == detail.fused.mentions
    assert {m.document.doc_id for m in detail.mentions} >= {STEINMEIER_STATEMENT, STEINMEIER_READOUT}
    for mention in detail.mentions:  # each mention with its sentence and source document
        assert mention.event.fused_id == detail.fused.fused_id
        assert mention.sentence.text and mention.document.title and mention.document.date
    assert detail.fused.lead is not None and detail.fused.lead.event_id in {m.event.event_id for m in detail.mentions}
    assert fused_event(con, "fe-0000000000000000") is None


def test_the_announcement_is_linked_to_the_meeting_and_not_counted_as_a_source(store: Store) -> None:
    con = store.cursor()
    (meeting,) = [
        e
        for e in fused_events(con, FusedFilter(actor="Gabriel Boric", event_type="CONSULT", since="2023-11-02")).items
        if e.announced_by
    ]
    assert meeting.status == "asserted" and meeting.day == "2023-11-02" and meeting.first_announced == "2023-10-31"
    detail = fused_event(con, meeting.fused_id)
    assert detail is not None
    assert {m.document.doc_id for m in detail.mentions} == {BORIC_READOUT} and meeting.sources == 1
    (announcement,) = detail.announcements
    assert announcement.status == "future" and announcement.anticipates == [meeting.fused_id]
    assert announcement.lead is not None and "will host President Gabriel Boric" in announcement.lead.sentence
    back = fused_event(con, announcement.fused_id)
    assert back is not None and [e.fused_id for e in back.anticipated] == [meeting.fused_id]
    assert {m.document.doc_id for m in back.mentions} == {BORIC_STATEMENT}


@pytest.mark.parametrize(("order", "key", "newest_first"), [("day", "day", False), ("recent", "last_report", True)])
def test_paging_through_fused_events_returns_each_once(store: Store, order: str, key: str, newest_first: bool) -> None:
    con = store.cursor()
    everything = fused_events(con, FusedFilter(status=None), limit=1000, order=order).items
    seen: list[str] = []
    cursor = None
    while True:
        page = fused_events(con, FusedFilter(status=None), limit=7, cursor=cursor, order=order)
        seen += [e.fused_id for e in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [e.fused_id for e in everything] and len(seen) == len(set(seen)) > 7
    values = [getattr(e, key) or "" for e in everything]
    assert values == sorted(values, reverse=newest_first)
    other = "recent" if order == "day" else "day"
    with pytest.raises(InvalidQuery, match="cursor"):
        fused_events(con, FusedFilter(status=None), limit=7, cursor=page_one_cursor(con, order), order=other)


def page_one_cursor(con: duckdb.DuckDBPyConnection, order: str) -> str:
    cursor = fused_events(con, FusedFilter(status=None), limit=7, order=order).next_cursor
    assert cursor is not None
    return cursor


def test_api_lists_fused_events_with_mentions_one_click_away(db: Path) -> None:
    with TestClient(create_app(db, ApiSettings())) as client:
        page = client.get("/fused-events", params={"actor": "Joe Biden", "type": "CONSULT", "min_sources": 1})
        assert page.status_code == 200, page.text
        items = page.json()["items"]
        row = next(i for i in items if i["documents"] >= 2)
        assert {a["name"] for a in row["actors"] + row["recipients"]} >= {"Joe Biden"}
        assert row["first_report"] <= row["last_report"] and 0 < row["confidence"] <= 1
        detail = client.get(f"/fused-events/{row['fused_id']}")
        assert detail.status_code == 200 and len(detail.json()["mentions"]) == detail.json()["fused"]["mentions"]
        first = detail.json()["mentions"][0]
        assert first["document"]["title"] and first["sentence"]["text"] == first["event"]["sentence"]
        # The same mentions from the mention listing, each naming its fused event.
        mentions = client.get("/events", params={"fused_id": row["fused_id"]}).json()["items"]
        assert {m["event_id"] for m in mentions} == {m["event"]["event_id"] for m in detail.json()["mentions"]}
        assert {m["fused_id"] for m in mentions} == {row["fused_id"]}
        assert client.get(f"/events/{first['event']['event_id']}").json()["event"]["fused_id"] == row["fused_id"]
        assert len(client.get(f"/fused-events/{row['fused_id']}", params={"mentions": 1}).json()["mentions"]) == 1
        missing = client.get("/fused-events/fe-nothing")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        assert client.get("/fused-events", params={"limit": 0}).status_code == 422
        bad = client.get("/fused-events", params={"cursor": "nonsense"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_parameter"
        future = client.get("/fused-events", params={"status": "future", "actor": "Gabriel Boric"}).json()["items"]
        assert any(e["anticipates"] for e in future)


def test_cli_fuse_recomputes_and_fused_lists(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    assert main(["fuse", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "8 documents (1 near-duplicates)" in out and "announcements linked" in out
    assert main(["fused", "--db", str(copy), "--actor", "Joe Biden", "--format", "jsonl", "--min-sources", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["status"] == "asserted" for r in rows)
    assert main(["fused", "--db", str(copy), "--actor", "Gabriel Boric", "--type", "CONSULT"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["day", "fused_id", "type", "actor"] and "Joe Biden" in table
    assert main(["fuse", "--db", str(tmp_path / "absent" / "x.duckdb")]) == 2


def test_openapi_documents_both_grains(db: Path) -> None:
    with TestClient(create_app(db, ApiSettings())) as client:
        schema = client.get("/openapi.json").json()
    paths, models = schema["paths"], schema["components"]["schemas"]
    listing = paths["/fused-events"]["get"]
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FusedEventPage"
    }
    names = {p["name"] for p in listing["parameters"]}
    assert names >= {"actor", "recipient", "type", "since", "until", "status", "min_sources", "order", "cursor"}
    assert "fused_id" in {p["name"] for p in paths["/events"]["get"]["parameters"]}
    assert "fused_id" in models["EventRow"]["properties"]
    assert {"sources", "first_report", "last_report", "confidence", "announced_by"} <= set(
        models["FusedEventRow"]["properties"]
    )
    detail = paths["/fused-events/{fused_id}"]["get"]["responses"]
    assert detail["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}


# -- the fused event copied into event_actors and event_dyads (migration 4) ----------------------------------------

_NOT_A_COPY = "e.doc_id NOT IN (SELECT doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id)"


def _by_join(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Real events per network node and per dyad of nodes, counted the slow way: joining fused_event_mentions."""
    real = "count(DISTINCT coalesce(fm.fused_id, e.event_id))"
    join = "LEFT JOIN fused_event_mentions fm ON fm.event_id = e.event_id"
    source, target = node_sql("e"), node_sql("r")
    nodes = con.execute(
        f"SELECT {source}, {real} FROM event_actors e {join} "
        f"WHERE e.role IN ('actor', 'recipient', 'mediator') AND {_NOT_A_COPY} GROUP BY 1"
    ).fetchall()
    dyads = con.execute(
        f"SELECT {source}, {target}, {real} FROM event_actors e "
        f"JOIN event_actors r ON r.event_id = e.event_id AND r.role = 'recipient' {join} "
        f"WHERE e.role = 'actor' AND {source} <> {target} AND {_NOT_A_COPY} GROUP BY 1, 2"
    ).fetchall()
    return {str(k): int(n) for k, n in nodes}, {(str(s), str(t)): int(n) for s, t, n in dyads}


def _by_queries(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    view = queries.network(con, max_nodes=queries.MAX_LIMIT)
    return {n.key: n.events for n in view.nodes}, {(d.source, d.target): d.count for d in queries.dyads(con)}


def _copied(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str | None]]:
    rows = con.execute(
        "SELECT 'actors', event_id, fused_id FROM event_actors "
        "UNION SELECT 'dyads', event_id, fused_id FROM event_dyads"
    ).fetchall()
    return {(str(t), str(e), None if f is None else str(f)) for t, e, f in rows}


def test_counts_by_the_copied_fused_id_equal_the_join_over_fused_event_mentions(store: Store) -> None:
    con = store.cursor()
    nodes, dyads = _by_queries(con)
    assert (nodes, dyads) == _by_join(con)
    # The fixture can tell the grains apart: the Steinmeier statement and readout are one meeting.
    mentions = {(d.source, d.target): d.count for d in queries.dyads(con, count="mentions")}
    assert any(mentions[pair] > n for pair, n in dyads.items())
    # Only mentions of a fused event with several mentions carry it; the repost's carry none.
    multi = con.execute(
        "SELECT count(DISTINCT a.event_id) FROM event_actors a JOIN fused_event_mentions m USING (event_id) "
        "WHERE m.fused_id IN (SELECT fused_id FROM fused_events WHERE mentions > 1)"
    ).fetchone()
    copied = con.execute("SELECT count(DISTINCT event_id) FROM event_actors WHERE fused_id IS NOT NULL").fetchone()
    assert multi == copied and copied is not None and copied[0] > 0
    repost = con.execute("SELECT count(fused_id) FROM event_actors WHERE doc_id = 'seed-repost'").fetchone()
    assert repost == (0,)


def _as_schema_3(source: Path, dest: Path) -> None:
    """``source`` rewritten as a database of schema 3 (fused, before event_actors/event_dyads had fused_id)."""
    con = duckdb.connect(str(dest))
    try:
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TIMESTAMP NOT NULL)"
        )
        for migration in MIGRATIONS[:3]:
            for statement in migration.statements:
                con.execute(statement)
        con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")
        present = {str(r[0]) for r in tables.fetchall()}
        for table in (t for t in TABLES if t in present):  # a table of a later migration is not there yet
            columns = [str(r[0]) for r in con.execute(f"DESCRIBE main.{table}").fetchall()]
            listed = ", ".join(f'"{c}"' for c in columns)
            con.execute(f"INSERT INTO main.{table} SELECT {listed} FROM src.{table}")
        con.execute("DELETE FROM main.schema_migrations WHERE version > 3")
    finally:
        con.close()


def test_the_migration_backfills_fused_ids_of_an_existing_fused_database(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "schema3.duckdb"
    _as_schema_3(db, old)
    with duckdb.connect(str(old), read_only=True) as con:
        assert "fused_id" not in {str(r[0]) for r in con.execute("DESCRIBE event_actors").fetchall()}
    with Store.open(db, read_only=True) as fused:
        expected, counts = _copied(fused.cursor()), _by_queries(fused.cursor())
    with Store.open(old) as migrated:  # opening for writing applies migration 4
        con = migrated.cursor()
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (len(MIGRATIONS),)
        assert _copied(con) == expected
        assert _by_queries(con) == counts == _by_join(con)


def test_re_coding_a_document_keeps_its_mentions_fused_until_the_next_fusion(
    db: Path, tmp_path: Path, nlp: Language
) -> None:
    copy = tmp_path / "recode.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store.open(copy) as store:
        before = _copied(store.cursor())
        summary = recode(store, Pipeline(nlp=nlp), PIPELINE_VERSION + "+recode")
        assert summary.recoded == 8
        assert _copied(store.cursor()) == before
        assert _by_queries(store.cursor()) == _by_join(store.cursor())
        # Fusion rewrites the copy whole: a fused event that loses mentions loses its fused_id with them.
        store.cursor().execute("DELETE FROM fused_event_mentions WHERE doc_id = ?", [STEINMEIER_READOUT])
        with store.cursor() as con:
            copy_fused_ids(con)
        assert _by_queries(store.cursor()) == _by_join(store.cursor())
        refuse(store)
        assert _copied(store.cursor()) == before
