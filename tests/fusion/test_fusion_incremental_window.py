"""The incremental refuse reads only the stored mentions near the new ones' dates, and still gives the fused
layer a full ``refuse`` gives.

Mentions fuse only when their dates overlap (a report-dated mention covers the days up to its report, two
report-dated ones come from reports a day apart), and they fuse in report order: a mention reported before the
new one keeps its fused event.  The stores here are written row by row (a consultation between the United States
and Israel, as a coder would store "Blinken spoke with Netanyahu"), with dates at the edges of those windows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from backchannel.fusion import refuse
from backchannel.fusion.incremental import fuse_documents
from backchannel.store import Store


@dataclass(frozen=True)
class Report:
    doc_id: str
    reported: str | None  # the document date
    date: str | None = None  # the event's own date
    precision: str = "document"
    status: str = "asserted"
    historical: bool = False
    sentence: str = "Secretary Blinken spoke with Prime Minister Netanyahu about the hostages."
    event_type: str = "CONSULT"


_PARTIES = (("actor", "USA", "United States"), ("recipient", "ISR", "Israel"))


def _store(store: Store, reports: list[Report], start: int = 0) -> None:
    con = store.cursor()
    for key, name in (("USA", "United States"), ("ISR", "Israel")):
        con.execute(
            "INSERT INTO actors VALUES (?, ?, ?, ?, NULL, 'country', TRUE) ON CONFLICT DO NOTHING",
            [key, key, name, key],
        )
    for n, r in enumerate(reports, start):
        day = date.fromisoformat(r.date[:10]) if r.date and len(r.date) >= 10 else None
        con.execute(
            "INSERT INTO documents (doc_id, content_hash, source, date, text, ingested_at, pipeline_version, "
            "schema_version) VALUES (?, ?, ?, ?, ?, ?, 'test', '1')",
            [r.doc_id, f"h{r.doc_id}", f"wire-{n % 3}", r.reported, f"{r.sentence} ({r.doc_id})",
             datetime(2025, 1, 1) + timedelta(seconds=n)],
        )  # fmt: skip
        event_id = f"{r.doc_id}:e1"
        con.execute(
            "INSERT INTO events (event_id, doc_id, local_id, event_type, date, date_precision, day, status, "
            "historical, quad_class, intensity, confidence, trigger_text, trigger_start, trigger_end, "
            "sentence_index, sentence_start, sentence_end, sentence_text, pipeline_version) "
            "VALUES (?, ?, 'e1', ?, ?, ?, ?, ?, ?, 1, 1.0, 0.8, 'spoke', 19, 24, 0, 0, ?, ?, 'test')",
            [event_id, r.doc_id, r.event_type, r.date, r.precision, day, r.status, r.historical,
             len(r.sentence), r.sentence],
        )  # fmt: skip
        for position, (role, key, name) in enumerate(_PARTIES):
            con.execute(
                "INSERT INTO event_actors (event_id, role, position, actor_key, text, name, country, doc_id, day, "
                "event_type, status, quad_class, intensity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1.0)",
                [event_id, role, position, key, name, name, key, r.doc_id, day, r.event_type, r.status],
            )
        con.execute(
            "INSERT INTO event_dyads (event_id, source, target, doc_id, day, event_type, status, quad_class, "
            "intensity) VALUES (?, 'USA', 'ISR', ?, ?, ?, ?, 1, 1.0)",
            [event_id, r.doc_id, day, r.event_type, r.status],
        )


def _layer(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return {
        "fused": con.execute("SELECT * FROM fused_events ORDER BY fused_id").fetchall(),
        "mentions": con.execute("SELECT * FROM fused_event_mentions ORDER BY event_id").fetchall(),
        "links": con.execute("SELECT * FROM fused_event_links ORDER BY ALL").fetchall(),
        "actors": con.execute("SELECT event_id, role, fused_id FROM event_actors ORDER BY ALL").fetchall(),
        "dyads": con.execute("SELECT event_id, fused_id FROM event_dyads ORDER BY ALL").fetchall(),
    }


def _grow(path: Path, old: list[Report], new: list[Report]) -> list[int]:
    """Store and refuse ``old``, then store and fuse the ``new`` one at a time; each time the layer must be the
    one a full refuse gives.  The stored mentions each incremental refuse read."""
    loaded: list[int] = []
    with Store.open(path) as store:
        _store(store, old)
        refuse(store)
    for n, report in enumerate(new):
        with Store.open(path) as store:
            _store(store, [report], start=len(old) + n)
            loaded.append(fuse_documents(store, [report.doc_id]).loaded)
            incremental = _layer(store.cursor())
        copy = path.with_suffix(f".full{n}.duckdb")
        copy.write_bytes(path.read_bytes())
        with Store.open(copy) as store:
            refuse(store)
            full = _layer(store.cursor())
        for table in full:
            assert incremental[table] == full[table], (report.doc_id, table)
    return loaded


def _far(count: int, first: date) -> list[Report]:
    """Calls reported every third day from ``first``, each dated by its report."""
    return [Report(f"old-{n:03d}", (first + timedelta(days=3 * n)).isoformat()) for n in range(count)]


def test_a_new_report_reads_only_the_mentions_near_its_date(tmp_path: Path) -> None:
    old = _far(120, date(2021, 1, 4))  # a year of calls, far from the new report
    old += [Report("near-a", "2024-03-09"), Report("near-b", "2024-03-05", "2024-03-05", "day")]
    loaded = _grow(tmp_path / "db.duckdb", old, [Report("new", "2024-03-10")])
    # Read whole: the call reported the day before (it fuses); not the one dated five days before, nor the year of
    # old calls (of those only the dates are read).
    assert loaded[0] == 1


def test_reports_at_the_edges_of_the_windows(tmp_path: Path) -> None:
    old = [
        *_far(20, date(2023, 11, 1)),
        Report("dated-at-limit", "2024-03-07", "2024-03-07", "day"),  # on the first day the new report covers
        Report("dated-outside", "2024-03-06", "2024-03-06", "day"),  # the day before it
        Report("report-gap-two", "2024-03-08"),  # report-dated, two days before: not the same call
    ]
    new = [
        Report("new-report", "2024-03-10"),
        Report("next-day", "2024-03-11"),  # report-dated, a day after: the same call
        Report("dated-own", "2024-03-12", "2024-03-07", "day"),  # dated to the limit day itself
    ]
    _grow(tmp_path / "db.duckdb", old, new)
    with Store.open(tmp_path / "db.duckdb", read_only=True) as store:
        multi = (
            "SELECT list(event_id ORDER BY event_id) FROM fused_event_mentions GROUP BY fused_id HAVING count(*) > 1"
        )
        rows = store.cursor().execute(multi).fetchall()
    groups = sorted(tuple(r[0]) for r in rows)
    assert ("dated-at-limit:e1", "dated-own:e1", "new-report:e1") in groups
    # The day before the window and the report two days earlier are another call (they fuse with each other);
    # the report a day later cannot join a call it dates after.
    assert ("dated-outside:e1", "report-gap-two:e1") in groups
    assert not any("next-day:e1" in g for g in groups)


def test_a_month_wide_report_between_two_stored_events(tmp_path: Path) -> None:
    old = [
        Report("early-a", "2024-05-02", "2024-05-02", "day"),
        Report("early-b", "2024-05-03", "2024-05-02", "day"),
        Report("late-a", "2024-05-20", "2024-05-20", "day"),
        Report("late-b", "2024-05-21", "2024-05-20", "day"),
        Report("late-c", "2024-05-21", "2024-05-20", "day"),
    ]
    new = [
        Report("monthly", "2024-05-30", "2024-05", "month"),  # May: either meeting
        Report("backfill", "2024-04-30", "2024-05", "month", status="future"),  # announced before both
        Report("backfill-done", "2024-05-01", "2024-05", "month"),  # reported before both: they now join it
    ]
    _grow(tmp_path / "db.duckdb", old, new)


def test_undated_and_announced_mentions(tmp_path: Path) -> None:
    old = [
        Report("announce", "2024-06-03", status="future"),  # "will speak this week"
        Report("history", "2024-06-05", historical=True),  # an old call recalled without its date
        Report("no-date-doc", None),  # neither a date nor a report date
        Report("readout", "2024-06-06"),
    ]
    new = [
        Report("readout-2", "2024-06-07"),  # the same call, from a second source
        Report("history-2", "2024-06-07", historical=True),
        Report("no-date-2", None),
        Report("announce-2", "2024-06-04", status="future"),  # a second announcement, before the readout
    ]
    loaded = _grow(tmp_path / "db.duckdb", old, new)
    assert loaded[1] == loaded[2] == 0  # nothing of theirs can fuse: nothing read


@pytest.mark.parametrize("gap", [0, 1, 2])
def test_a_chain_of_report_dated_calls(tmp_path: Path, gap: int) -> None:
    first = date(2024, 2, 1)
    old = [Report(f"chain-{n}", (first + timedelta(days=n * (1 + gap))).isoformat()) for n in range(8)]
    new = [Report("into-the-chain", (first + timedelta(days=9)).isoformat()), Report("before", "2024-01-31")]
    _grow(tmp_path / "db.duckdb", old, new)


@pytest.mark.parametrize("seed", [3, 11])
def test_reports_arriving_out_of_order_in_a_busy_month(tmp_path: Path, seed: int) -> None:
    """Many calls in one month, dated by their reports, to a day, a week or the month, some announced; new
    reports arrive late and early.  Each time the layer is the one a full refuse gives."""
    rng = random.Random(seed)
    shapes = [("document", None), ("day", 0), ("week", 0), ("month", None)]

    def report(name: str) -> Report:
        reported = date(2024, 4, 1) + timedelta(days=rng.randrange(40))
        precision, _ = rng.choice(shapes)
        own = reported - timedelta(days=rng.randrange(5))
        value = {"document": None, "day": own.isoformat(), "week": own.isoformat(), "month": own.isoformat()[:7]}
        status = "future" if rng.random() < 0.2 else "asserted"
        if status == "future" and precision != "document":
            own = reported + timedelta(days=rng.randrange(1, 6))
            value[precision] = own.isoformat() if precision != "month" else own.isoformat()[:7]
        return Report(name, reported.isoformat(), value[precision], precision, status=status)

    old = [report(f"old-{n:02d}") for n in range(45)]
    new = [report(f"new-{n}") for n in range(6)]
    _grow(tmp_path / "db.duckdb", old, new)
