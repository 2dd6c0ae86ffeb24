"""The writer: migrations, idempotent ingest, dead letters, re-code, export, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from stubcoder import VERSION, StubCoder, code, read_jsonl

from backchannel.records import Article
from backchannel.store import Store, StoreError, StoreLocked, StoreNotFound, document_hash, ingest, recode
from backchannel.store.schema import MIGRATIONS, TABLES

WHITEHOUSE = "corpus/whitehouse-2023-2024.jsonl"


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> Article:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    return Article(doc_id="seed-article", text=text, date="2024-03-01", origin="seed-article.txt")


@pytest.fixture(scope="module")
def whitehouse(shared_dir: Path) -> list[Article]:
    return list(read_jsonl(str(shared_dir / WHITEHOUSE), 60))


def _count(store: Store, table: str) -> int:
    row = store.cursor().execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_migrations_are_recorded_in_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        rows = store.cursor().execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    # Re-opening applies nothing twice.
    with Store.open(tmp_path / "db.duckdb") as store:
        assert _count(store, "schema_migrations") == len(MIGRATIONS)


def test_ingest_stores_every_record_kind_with_original_offsets(tmp_path: Path, seed: Article) -> None:
    expected = code(seed)
    with Store.open(tmp_path / "db.duckdb") as store:
        summary = ingest(store, [seed], StubCoder(), VERSION, inputs=["seed-article.txt"])
        assert (summary.documents, summary.events, summary.failures) == (1, len(expected.events), 0)
        assert _count(store, "events") == len(expected.events)
        assert _count(store, "mentions") == len(expected.actors)
        assert _count(store, "places") == len(expected.places)
        con = store.cursor()
        for event_id, start, end, trigger in con.execute(
            "SELECT event_id, trigger_start, trigger_end, trigger_text FROM events"
        ).fetchall():
            assert seed.text[start:end] == trigger, event_id
        for text, start, end in con.execute(
            "SELECT text, start_char, end_char FROM event_actors WHERE start_char IS NOT NULL"
        ).fetchall():
            assert seed.text[start:end] == text
        run = con.execute("SELECT finished IS NOT NULL, documents, events, inputs FROM ingest_runs").fetchone()
        assert run == (True, 1, len(expected.events), ["seed-article.txt"])
        versions = {r[0] for r in con.execute("SELECT DISTINCT pipeline_version FROM events").fetchall()}
        assert versions == {VERSION}


def test_ingesting_the_same_articles_twice_adds_nothing(
    tmp_path: Path, seed: Article, whitehouse: list[Article]
) -> None:
    articles = [seed, *whitehouse]
    distinct = len({document_hash(a.text) for a in articles})
    with Store.open(tmp_path / "db.duckdb") as store:
        first = ingest(store, articles, StubCoder(), VERSION)
        counts = {t: _count(store, t) for t in ("documents", "events", "event_actors", "mentions", "actors")}
        coder = StubCoder()
        second = ingest(store, articles, coder, VERSION)
        assert first.documents == distinct and _count(store, "documents") == distinct
        assert (second.documents, second.skipped, second.events) == (0, len(articles), 0)
        assert coder.seen == []  # known documents are not even coded again
        assert counts == {t: _count(store, t) for t in counts}


def test_same_doc_id_with_other_text_gets_its_own_key(tmp_path: Path, seed: Article) -> None:
    edited = seed.model_copy(update={"text": seed.text.replace("Doha", "Cairo")})
    with Store.open(tmp_path / "db.duckdb") as store:
        ingest(store, [seed, edited], StubCoder(), VERSION)
        ids = sorted(r[0] for r in store.cursor().execute("SELECT doc_id FROM documents").fetchall())
        event_docs = {r[0] for r in store.cursor().execute("SELECT DISTINCT doc_id FROM events").fetchall()}
    assert ids[0] == "seed-article" and ids[1].startswith("seed-article~") and len(ids) == 2
    assert event_docs == set(ids)


def test_failed_documents_go_to_dead_letters_and_the_batch_goes_on(tmp_path: Path, whitehouse: list[Article]) -> None:
    bad = whitehouse[3].doc_id
    with Store.open(tmp_path / "db.duckdb") as store:
        summary = ingest(store, whitehouse[:10], StubCoder(fail=[bad]), VERSION)
        assert (summary.documents, summary.failures) == (9, 1)
        letters = store.cursor().execute("SELECT doc_id, stage, error, run_id FROM dead_letters").fetchall()
        assert letters == [(bad, "events", "planted failure", summary.run_id)]
        failures = store.cursor().execute("SELECT failures FROM ingest_runs").fetchone()
        assert failures == (1,)
        # The failed document was not stored, so a later run codes it.
        retry = ingest(store, whitehouse[:10], StubCoder(), VERSION)
        assert (retry.documents, retry.skipped) == (1, 9)


def test_recode_replaces_events_and_records_the_new_version(
    tmp_path: Path, seed: Article, whitehouse: list[Article]
) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        ingest(store, [seed, *whitehouse[:20]], StubCoder(), VERSION)
        before = _count(store, "events"), _count(store, "event_actors"), _count(store, "mentions")
        summary = recode(store, StubCoder(version="stub.v2"), "stub.v2")
        assert summary.recoded == _count(store, "documents")
        assert (_count(store, "events"), _count(store, "event_actors"), _count(store, "mentions")) == before
        versions = store.cursor().execute("SELECT DISTINCT pipeline_version FROM events").fetchall()
        assert versions == [("stub.v2",)]
        doc_versions = store.cursor().execute("SELECT DISTINCT pipeline_version FROM documents").fetchall()
        assert doc_versions == [("stub.v2",)]
        # Already current: nothing to re-code.
        assert recode(store, StubCoder(), "stub.v2").recoded == 0


def test_export_parquet_writes_every_table(tmp_path: Path, seed: Article) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        ingest(store, [seed], StubCoder(), VERSION)
        files = store.export_parquet(tmp_path / "out")
        counts = {t: _count(store, t) for t in TABLES}
    assert sorted(f.stem for f in files) == sorted(TABLES)
    con = duckdb.connect()
    for f in files:
        row = con.execute("SELECT count(*) FROM read_parquet(?)", [str(f)]).fetchone()
        assert row is not None and row[0] == counts[f.stem], f.stem


def test_document_hash_matches_ingest_content_hash(seed: Article) -> None:
    from backchannel.ingest import content_hash

    assert document_hash(seed.text) == content_hash(seed.text)


def test_read_only_open_of_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match=r"missing\.duckdb"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_a_second_process_gets_a_clear_locked_error(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store.open(db):
        script = (
            "import sys\nfrom backchannel.store import Store, StoreLocked\n"
            "try:\n    Store.open(sys.argv[1])\nexcept StoreLocked as exc:\n    print(exc)\n    sys.exit(3)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=60, check=False
        )
    assert done.returncode == 3, done.stderr
    assert "in use by another process" in done.stdout and str(db) in done.stdout
    assert issubclass(StoreLocked, StoreError)


def test_unreadable_inputs_are_dead_lettered_with_their_origin(tmp_path: Path, seed: Article) -> None:
    from backchannel.errors import InputError

    items = [InputError("missing.txt", "no such file or directory"), seed]
    with Store.open(tmp_path / "db.duckdb") as store:
        summary = ingest(store, items, StubCoder(), VERSION)
        letters = store.cursor().execute("SELECT doc_id, origin, stage, error FROM dead_letters").fetchall()
    assert (summary.documents, summary.failures) == (1, 1)
    assert letters == [(None, "missing.txt", "ingest", "no such file or directory")]
