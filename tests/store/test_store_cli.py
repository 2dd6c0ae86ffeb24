"""The store commands of the CLI: query output formats, export, exit codes, and ingest with the real pipeline."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from stubcoder import VERSION, StubCoder, read_jsonl

from backchannel.cli import main
from backchannel.records import Article
from backchannel.store import Store, ingest


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    seed = Article(
        doc_id="seed-article",
        text=(shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8"),
        date="2024-03-01",
    )
    articles = [seed, *read_jsonl(str(shared_dir / "corpus" / "whitehouse-2023-2024.jsonl"), 150)]
    with Store.open(path) as store:
        ingest(store, articles, StubCoder(), VERSION)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_events_jsonl_and_csv_agree(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", str(db), "--actor", "USA", "--limit", "0", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(any(a["key"] == "USA" for a in r["actors"]) for r in rows)
    code, out, _ = _run(capsys, "events", "--db", str(db), "--actor", "USA", "--limit", "0", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["event_id"] for r in table] == [r["event_id"] for r in rows]
    assert all("United States" in r["actor"] for r in table)


def test_events_limit_and_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", str(db), "--type", "CONSULT", "--limit", "3")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["day", "event_id", "type"]
    assert len(lines) == 2 + 3 and all("CONSULT" in line for line in lines[2:])


def test_actors_dyads_timeline(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "actors", "--db", str(db), "--search", "haniy", "--format", "jsonl")
    assert code == 0 and [json.loads(x)["key"] for x in out.splitlines()] == ["P:ismail_haniyeh"]
    code, out, _ = _run(capsys, "dyads", "--db", str(db), "--min", "2", "--format", "jsonl")
    dyads = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and dyads and all(d["count"] >= 2 for d in dyads)
    code, out, _ = _run(
        capsys, "timeline", "Ukraine", "--with", "RUS", "--by", "month", "--db", str(db), "--format", "csv"
    )
    buckets = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and buckets and all(b["period"].endswith("-01") for b in buckets)
    with Store.open(db, read_only=True) as store:
        both = (
            store.cursor()
            .execute(
                "SELECT count(*) FROM events WHERE event_id IN "
                "(SELECT event_id FROM event_actors WHERE actor_key = 'UKR') AND event_id IN "
                "(SELECT event_id FROM event_actors WHERE actor_key = 'RUS')"
            )
            .fetchone()
        )
    assert both is not None and sum(int(b["count"]) for b in buckets) == both[0] > 0


def test_export_parquet(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "export", "--format", "parquet", "--out", str(tmp_path / "pq"), "--db", str(db))
    files = [Path(line) for line in out.splitlines()]
    assert code == 0 and {f.name for f in files} >= {"documents.parquet", "events.parquet", "event_actors.parquet"}
    events = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(tmp_path / "pq/events.parquet")])
    with Store.open(db, read_only=True) as store:
        assert events.fetchone() == store.cursor().execute("SELECT count(*) FROM events").fetchone()


def test_errors_exit_2_with_a_message(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no such database" in err
    code, _, err = _run(capsys, "events", "--db", str(db), "--since", "yesterday")
    assert code == 2 and "since" in err


def _pipeline_ready() -> bool:
    try:
        from backchannel.pipeline import Pipeline  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _pipeline_ready(), reason="backchannel.pipeline is not importable yet")
def test_ingest_seed_article_with_the_real_pipeline(
    tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backchannel.pipeline import PIPELINE_VERSION

    db = tmp_path / "real.duckdb"
    seed = str(shared_dir / "corpus" / "seed-article.txt")
    missing = str(tmp_path / "missing.txt")
    code, out, err = _run(capsys, "ingest", missing, seed, "--date", "2024-03-01", "--db", str(db))
    assert code == 1 and "1 documents stored" in out and "1 failures" in out
    assert "missing.txt" in err  # the unreadable input is reported, and the batch went on
    code, out, _ = _run(capsys, "ingest", seed, "--date", "2024-03-01", "--db", str(db))
    assert code == 0 and "0 documents stored, 1 already stored" in out
    with Store.open(db, read_only=True) as store:
        con = store.cursor()
        text, date = con.execute("SELECT text, date FROM documents").fetchall()[0]
        assert date == "2024-03-01"
        events = con.execute("SELECT trigger_start, trigger_end, trigger_text, pipeline_version FROM events").fetchall()
        assert events and all(text[s:e] == t and v == PIPELINE_VERSION for s, e, t, v in events)
        letters = con.execute("SELECT origin, stage FROM dead_letters").fetchall()
        assert letters == [(missing, "ingest")]
        haniyeh = con.execute(
            "SELECT count(*) FROM event_actors WHERE text ILIKE 'Haniye%' AND start_char IS NOT NULL"
        ).fetchone()
        assert haniyeh is not None and haniyeh[0] >= 1


@pytest.mark.parametrize(("count", "expected", "first_week"), [(None, 2, 1), ("events", 2, 1), ("mentions", 5, 4)])
def test_dyads_and_timeline_count_real_events_or_mentions(
    meeting_db: Callable[[bool], Path],
    capsys: pytest.CaptureFixture[str],
    count: str | None,
    expected: int,
    first_week: int,
) -> None:
    path = meeting_db(True)
    flag = ["--count", count] if count else []
    code, out, _ = _run(capsys, "dyads", "--db", str(path), "--format", "jsonl", *flag)
    pairs = {(d["source"], d["target"]): d["count"] for d in map(json.loads, out.splitlines())}
    assert code == 0 and pairs[("P:ismail_haniyeh", "CHN")] == expected
    code, out, _ = _run(capsys, "timeline", "Haniyeh", "--with", "China", "--db", str(path), "--format", "jsonl", *flag)
    weeks = {b["period"]: b["count"] for b in map(json.loads, out.splitlines())}
    assert code == 0 and weeks == {"2024-02-26": first_week, "2024-03-18": 1}
    with pytest.raises(SystemExit) as exited:
        main(["dyads", "--db", str(path), "--count", "reports"])
    assert exited.value.code == 2 and "--count" in capsys.readouterr().err
