"""Query functions and row building on hand-coded records of the seed article's sentences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from backchannel.records import ActorMention, ActorRef, Article, DocumentResult, Event, SentenceRef, TriggerRef
from backchannel.store import EventFilter, InvalidQuery, Store, queries
from backchannel.store.rows import actor_key, event_day

TEXT = (
    "Haniyeh also stressed the need for Palestinian statehood, noting that Israel must stop its offensive on Gaza "
    "and withdraw its troops. Last year, there was news that Hamas sent representatives to China, but our side was "
    "noncommittal. Hamas did not accept the proposal."
)


def _span(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def _sentence(index: int) -> SentenceRef:
    bounds = [0]
    for i, ch in enumerate(TEXT):
        if ch == "." and i + 1 < len(TEXT):
            bounds.append(i + 2)
    bounds.append(len(TEXT) + 1)
    start, end = bounds[index], bounds[index + 1] - 1
    return SentenceRef(index=index, start=start, end=end, text=TEXT[start:end])


def _event(
    n: int, etype: str, trigger: str, actor: ActorRef, recipient: ActorRef | None, sent: int, **kw: object
) -> Event:
    s, e = _span(trigger)
    return Event(
        id=f"e{n}", event_type=etype, actor=(actor,), recipient=(recipient,) if recipient else (),
        trigger=TriggerRef(text=trigger, start=s, end=e), sentence=_sentence(sent),
        quad_class=kw.pop("quad", 1), intensity=kw.pop("intensity", 1.0), confidence=0.8, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


ISRAEL = ActorRef(text="Israel", actor_id="ISR", name="Israel", country="ISR")
HAMAS = ActorRef(text="Hamas", actor_id="HAMAS", name="Hamas")
CHINA = ActorRef(text="China", actor_id="CHN", name="China")
OUR_SIDE = ActorRef(text="our side")  # unresolved
RESULT = DocumentResult(
    doc_id="doc",
    date="2024-03-01",
    events=(
        _event(1, "RETREAT", "withdraw", ISRAEL, None, 0, quad=2, intensity=4.0, status="future", date="2024-03"),
        _event(2, "AID", "sent", HAMAS, CHINA, 1, date="2023", date_precision="year", date_text="Last year"),
        _event(3, "REJECT", "accept", HAMAS, None, 2, quad=3, intensity=-4.0, status="negated"),
        _event(4, "CONSULT", "news", OUR_SIDE, HAMAS, 1),
    ),
    actors=(
        ActorMention(text="Israel", start=_span("Israel")[0], end=_span("Israel")[1], actor_id="ISR", name="Israel"),
        ActorMention(text="Hamas", start=_span("Hamas")[0], end=_span("Hamas")[1], actor_id="HAMAS", name="Hamas"),
        ActorMention(text="Hamas", start=_span("Hamas", 1)[0], end=_span("Hamas", 1)[1], actor_id="HAMAS"),
    ),
)


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with Store.open(tmp_path / "q.duckdb") as store:
        store.write_document(Article(doc_id="doc", text=TEXT, date="2024-03-01"), RESULT, "test.v1")
        yield store.cursor()


def test_actor_spans_are_recovered_from_mentions_in_the_sentence(con: duckdb.DuckDBPyConnection) -> None:
    third = queries.event(con, "doc:e3")
    assert third is not None
    hamas = third.event.actors[0]
    # The second "Hamas" mention is the one inside the third sentence.
    assert (hamas.start, hamas.end) == _span("Hamas", 1) and TEXT[hamas.start : hamas.end] == "Hamas"
    second = queries.event(con, "doc:e2")
    assert second is not None and second.time is not None
    assert TEXT[second.time.start : second.time.end] == "Last year"
    # No mention for "China": found in the sentence text instead.
    china = second.event.recipients[0]
    assert china.start is not None and TEXT[china.start : china.end] == "China"


def test_status_type_and_date_filters(con: duckdb.DuckDBPyConnection) -> None:
    ids = lambda f: [e.event_id for e in queries.events(con, f).items]  # noqa: E731
    assert ids(EventFilter(status="negated")) == ["doc:e3"]
    assert ids(EventFilter(status="future,negated")) == ["doc:e1", "doc:e3"]  # same day: by id
    assert ids(EventFilter(event_type="aid")) == ["doc:e2"]
    assert ids(EventFilter(until="2023")) == ["doc:e2"]  # a bare year covers the whole year
    assert ids(EventFilter(since="2024-03", until="2024-03")) == ["doc:e1", "doc:e3", "doc:e4"]
    assert ids(EventFilter(actor="hamas", recipient="China")) == ["doc:e2"]
    assert ids(EventFilter(actor="our side")) == ["doc:e4"]


def test_unresolved_actors_get_a_name_key(con: duckdb.DuckDBPyConnection) -> None:
    assert actor_key(None, None, "  Our   Side ") == "~our side"
    detail = queries.actor_detail(con, "~our side")
    assert detail is not None and detail.actor.resolved is False and detail.counts_by_type == {"CONSULT": 1}


def test_event_day_falls_back_to_document_date() -> None:
    assert event_day("2023", "2024-03-01") == date(2023, 1, 1)
    assert event_day("2024-02", None) == date(2024, 2, 1)
    assert event_day(None, "2024-03-01") == date(2024, 3, 1)
    assert event_day("not a date", None) is None


@pytest.mark.parametrize("limit", [0, -1, queries.MAX_LIMIT + 1])
def test_limits_are_checked(con: duckdb.DuckDBPyConnection, limit: int) -> None:
    with pytest.raises(InvalidQuery, match="limit"):
        queries.events(con, limit=limit)


def test_document_view_keeps_every_span(con: duckdb.DuckDBPyConnection) -> None:
    view = queries.document(con, "doc")
    assert view is not None and view.text == TEXT and len(view.events) == 4
    assert [TEXT[m.start : m.end] for m in view.mentions if m.start is not None] == ["Israel", "Hamas", "Hamas"]
    assert {e.event.pipeline_version for e in view.events} == {"test.v1"}
