"""The fused layer end to end on real text: pipeline -> store -> refuse -> queries, API and CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from backchannel.api import ApiSettings, create_app
from backchannel.cli import main
from backchannel.fusion import FusedFilter, fused_event, fused_events, refuse
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article
from backchannel.store import Store, ingest

STEINMEIER_STATEMENT = (
    "wh-2023-10-06-joint-statement-from-the-president-of-the-united-states-joseph-r-biden-jr-and-the-president-of-"
    "germany-frank-walter-steinmeier-on-german-american-day"
)
STEINMEIER_READOUT = "wh-2023-10-06-readout-of-president-bidens-meeting-with-president-steinmeier-of-germany"
NETANYAHU_8 = "wh-2023-10-08-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel"
NETANYAHU_10 = "wh-2023-10-10-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel-2"
HEADER = "All from the Internet | Reposted from our partners.\n\n"


def _articles(shared_dir: Path) -> list[Article]:
    wanted = {STEINMEIER_STATEMENT, STEINMEIER_READOUT, NETANYAHU_8, NETANYAHU_10}
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
        assert summary.documents == 6 and summary.failures == 0
        fusion = refuse(store)
    assert fusion.documents == 6 and fusion.duplicates == 1
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
    assert {m.doc_id for m in detail.mentions} >= {STEINMEIER_STATEMENT, STEINMEIER_READOUT}
    assert fused_event(con, "fe-0000000000000000") is None


def test_api_lists_fused_events_with_mentions_one_click_away(db: Path) -> None:
    with TestClient(create_app(db, ApiSettings())) as client:
        page = client.get("/fused-events", params={"actor": "Germany", "type": "CONSULT", "min_sources": 1})
        assert page.status_code == 200, page.text
        items = page.json()["items"]
        fused_id = next(i["fused_id"] for i in items if i["documents"] >= 2)
        detail = client.get(f"/fused-events/{fused_id}")
        assert detail.status_code == 200 and len(detail.json()["mentions"]) == detail.json()["fused"]["mentions"]
        missing = client.get("/fused-events/fe-nothing")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        assert client.get("/fused-events", params={"limit": 0}).status_code == 422


def test_cli_fuse_recomputes_and_fused_lists(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    assert main(["fuse", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "6 documents (1 near-duplicates)" in out
    assert main(["fused", "--db", str(copy), "--actor", "Germany", "--format", "jsonl", "--min-sources", "1"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["status"] == "asserted" for r in rows)
    assert main(["fuse", "--db", str(tmp_path / "absent" / "x.duckdb")]) == 2
