"""New documents join the fused layer as they are stored: the same fused layer as a full ``refuse``.

Real text: six White House statements and readouts (two reports of Biden's meeting with Steinmeier, two calls
with Netanyahu, an announced meeting with Boric and its readout) and the specimen article with a repost of it,
coded by the pipeline.  The first three are stored and fused; the others arrive one at a time, each fused by
``fuse_documents`` -- then ``refuse`` recomputes everything and must change nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from backchannel.fusion import refuse
from backchannel.fusion.incremental import fuse_documents
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article
from backchannel.store import Store, ingest

WANTED = (
    "wh-2023-10-06-readout-of-president-bidens-meeting-with-president-steinmeier-of-germany",
    "wh-2023-10-08-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel",
    "wh-2023-10-31-statement-from-press-secretary-karine-jean-pierre-on-the-bilateral-meeting-between-president-joe-"
    "biden-and-president-gabriel-boric-of-chile",
    "wh-2023-10-06-joint-statement-from-the-president-of-the-united-states-joseph-r-biden-jr-and-the-president-of-"
    "germany-frank-walter-steinmeier-on-german-american-day",
    "wh-2023-10-10-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel-2",
    "wh-2023-11-02-readout-of-president-bidens-meeting-with-president-gabriel-boric-of-chile",
)
HEADER = "All from the Internet | Reposted from our partners.\n\n"


def _articles(shared_dir: Path) -> list[Article]:
    rows: dict[str, Article] = {}
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in WANTED:
                rows[row["id"]] = Article(
                    doc_id=row["id"], text=row["text"], title=row["title"], date=row["date"], source=row["source"]
                )
    seed = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    return [
        *(rows[i] for i in WANTED),
        Article(doc_id="seed", text=seed, date="2024-03-01", source="specimen"),
        Article(doc_id="seed-repost", text=HEADER + seed, date="2024-03-02", source="aggregator"),
    ]


def _layer(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return {
        "fused": con.execute("SELECT * FROM fused_events ORDER BY fused_id").fetchall(),
        "mentions": con.execute("SELECT * FROM fused_event_mentions ORDER BY event_id").fetchall(),
        "links": con.execute("SELECT * FROM fused_event_links ORDER BY ALL").fetchall(),
        "duplicates": con.execute("SELECT * FROM document_duplicates ORDER BY doc_id").fetchall(),
        "actors": con.execute("SELECT event_id, role, position, fused_id FROM event_actors ORDER BY ALL").fetchall(),
        "dyads": con.execute("SELECT event_id, source, target, fused_id FROM event_dyads ORDER BY ALL").fetchall(),
    }


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    """Three documents fused, then five more fused one at a time as they are stored."""
    path = tmp_path_factory.mktemp("incremental") / "grown.duckdb"
    articles = _articles(shared_dir)
    pipeline = Pipeline()
    with Store.open(path) as store:
        ingest(store, articles[:3], pipeline, PIPELINE_VERSION)
        refuse(store)
        for article in articles[3:]:
            ingest(store, [article], pipeline, PIPELINE_VERSION)
            fuse_documents(store, [article.doc_id])
    return path


def test_documents_fused_one_at_a_time_give_the_layer_a_full_refuse_gives(grown: Path, tmp_path: Path) -> None:
    copy = tmp_path / "refused.duckdb"
    copy.write_bytes(grown.read_bytes())
    with Store.open(grown, read_only=True) as store:
        incremental = _layer(store.cursor())
    with Store.open(copy) as store:
        refuse(store)
        full = _layer(store.cursor())
    assert incremental["fused"] and incremental["links"]  # meetings reported twice, an announcement
    for table in full:
        assert incremental[table] == full[table], table


def test_the_repost_is_a_copy_and_the_two_reports_one_event(grown: Path) -> None:
    with Store.open(grown, read_only=True) as store:
        con = store.cursor()
        copies = "SELECT doc_id, canonical_doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id"
        assert con.execute(copies).fetchall() == [("seed-repost", "seed")]
        multi = con.execute("SELECT count(*) FROM fused_events WHERE documents > 1").fetchone()
        assert multi is not None and multi[0] >= 1
