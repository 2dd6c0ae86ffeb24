"""The free-text search index: filled with each stored document, rebuilt whole, and read by ``q``.

Short news reports coded by the stub coder; each test asks ``queries.events`` with a text filter and checks
which sentences come back.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from backchannel.cli import main
from backchannel.records import Article
from backchannel.store import EventFilter, Store, ingest, queries, recode
from backchannel.store.search import terms_of

REPORTS = [
    Article(
        doc_id="doha-talks",
        text=(
            "Qatar met Hamas negotiators in Doha on Monday to discuss a ceasefire proposal. "
            "Israel condemned the rocket attacks on border towns."
        ),
        date="2024-02-05",
    ),
    Article(
        doc_id="reactions",
        text=(
            "China welcomed the cease-fire arrangement between Israel and Hamas. "
            "Russia met Ukraine's negotiators in Istanbul on Tuesday."
        ),
        date="2024-02-06",
    ),
    Article(
        doc_id="cairo",
        text=(
            "Fatah met Hamas in Cairo to discuss reconciliation before the Élysée conference. "
            "Japan welcomed the attacks inquiry and Haniyeh met the Qatar envoy."
        ),
        date="2024-02-07",
    ),
]


def _sentences(db: Path, q: str) -> list[str]:
    with Store.open(db, read_only=True) as store:
        page = queries.events(store.cursor(), EventFilter(text=q), limit=100)
    return sorted({e.sentence.strip() for e in page.items})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, stubcoder: ModuleType) -> Path:
    path = tmp_path_factory.mktemp("search") / "search.duckdb"
    with Store.open(path) as store:
        ingest(store, REPORTS, stubcoder.StubCoder(), stubcoder.VERSION)
    return path


def test_every_word_must_be_in_the_sentence_or_an_actor_name(db: Path) -> None:
    assert _sentences(db, "ceasefire Hamas") == [
        "Qatar met Hamas negotiators in Doha on Monday to discuss a ceasefire proposal."
    ]
    assert _sentences(db, "negotiators") == [
        "Qatar met Hamas negotiators in Doha on Monday to discuss a ceasefire proposal.",
        "Russia met Ukraine's negotiators in Istanbul on Tuesday.",
    ]
    assert _sentences(db, "negotiators Istanbul Qatar") == []
    # "Haniyeh" is written so; the stored actor's name ("Ismail Haniyeh") is searched too
    assert _sentences(db, "ismail") == ["Japan welcomed the attacks inquiry and Haniyeh met the Qatar envoy."]


def test_words_are_whole_words_case_and_script_insensitive_unless_a_prefix(db: Path) -> None:
    # "cease" is a word of "cease-fire", not of "ceasefire"
    assert _sentences(db, "CEASE") == ["China welcomed the cease-fire arrangement between Israel and Hamas."]
    assert len(_sentences(db, "cease*")) == 2
    assert _sentences(db, "élysée") == _sentences(db, "ÉLYSÉE") != []
    assert _sentences(db, "Ukraine") == _sentences(db, "ukraine's")


def test_a_quoted_phrase_needs_its_words_together_and_in_order(db: Path) -> None:
    assert _sentences(db, '"rocket attacks"') == ["Israel condemned the rocket attacks on border towns."]
    assert _sentences(db, '"attacks rocket"') == []
    assert len(_sentences(db, "attacks")) == 2
    assert _sentences(db, '"cease fire" Hamas') == _sentences(db, "cease-fire")


def test_a_query_without_a_word_finds_nothing(db: Path) -> None:
    assert _sentences(db, "-- !! %") == []
    assert _sentences(db, '""') == []


def test_the_tokeniser_splits_on_anything_but_letters_and_digits() -> None:
    with Store.open(":memory:") as store:
        assert terms_of(store.cursor(), "Al-Sisi's 2nd visit, to Ramallah/Gaza") == [
            "al", "sisi", "s", "2nd", "visit", "to", "ramallah", "gaza",
        ]  # fmt: skip


def test_the_writer_indexes_new_and_recoded_documents(tmp_path: Path, stubcoder: ModuleType) -> None:
    path = tmp_path / "grow.duckdb"
    with Store.open(path) as store:
        ingest(store, REPORTS[:1], stubcoder.StubCoder(), stubcoder.VERSION)
    assert _sentences(path, "Istanbul") == []
    with Store.open(path) as store:
        ingest(store, REPORTS[1:], stubcoder.StubCoder(), stubcoder.VERSION)
        before = store.cursor().execute("SELECT count(*) FROM event_terms").fetchone()
        recode(store, stubcoder.StubCoder(version="stub.v2"), "stub.v2")
        after = store.cursor().execute("SELECT count(*) FROM event_terms").fetchone()
    assert _sentences(path, "Istanbul") == ["Russia met Ukraine's negotiators in Istanbul on Tuesday."]
    assert before == after  # a re-coded document's old postings are gone


def test_an_older_database_is_indexed_by_its_migration_and_reindex_rebuilds(
    tmp_path: Path, stubcoder: ModuleType
) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        ingest(store, REPORTS, stubcoder.StubCoder(), stubcoder.VERSION)
        con = store.cursor()
        con.execute("DROP TABLE event_terms")
        con.execute("DELETE FROM schema_migrations WHERE version = 5")
    Store.open(path).close()  # reopened for writing: migration 5 builds the index
    expected = ["Fatah met Hamas in Cairo to discuss reconciliation before the Élysée conference."]
    assert _sentences(path, "reconciliation") == expected
    with Store.open(path) as store:
        store.cursor().execute("DELETE FROM event_terms")
        assert store.reindex() > 0
    assert _sentences(path, "reconciliation") == expected


def test_the_cli_rebuilds_the_index_and_lists_events_by_text(
    tmp_path: Path, stubcoder: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as store:
        ingest(store, REPORTS, stubcoder.StubCoder(), stubcoder.VERSION)
        store.cursor().execute("DELETE FROM event_terms")
    assert main(["reindex", "--db", str(path)]) == 0
    assert "search index rebuilt" in capsys.readouterr().out
    assert main(["events", "--db", str(path), "--q", "Istanbul negotiators", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["sentence"].strip() for r in rows] == ["Russia met Ukraine's negotiators in Istanbul on Tuesday."]
