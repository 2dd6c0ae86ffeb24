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
from backchannel.store import Store, ingest
from backchannel.store.errors import InvalidQuery

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
    page = fused_events(con, FusedFilter(actor="Germany", event_type="CONSULT", status="asserted", min_sources=1))
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
        for e in fused_events(con, FusedFilter(actor="Chile", event_type="CONSULT", since="2023-11-02")).items
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
        page = client.get("/fused-events", params={"actor": "Germany", "type": "CONSULT", "min_sources": 1})
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
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_query"
        future = client.get("/fused-events", params={"status": "future", "actor": "Chile"}).json()["items"]
        assert any(e["anticipates"] for e in future)


def test_cli_fuse_recomputes_and_fused_lists(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    assert main(["fuse", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "8 documents (1 near-duplicates)" in out and "announcements linked" in out
    assert main(["fused", "--db", str(copy), "--actor", "Germany", "--format", "jsonl", "--min-sources", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["status"] == "asserted" for r in rows)
    assert main(["fused", "--db", str(copy), "--actor", "Chile", "--type", "CONSULT"]) == 0
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
