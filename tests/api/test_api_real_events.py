"""The aggregates count real events: one meeting reported by several outlets is one event, not one per report.

The database is ``meeting_db`` of the root conftest: three outlets report one meeting, an aggregator reposts
the first story, and a wire reports a second meeting three weeks later.  Fused, that is two real events
between them; as stored, five mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.fusion import refuse
from backchannel.records import Article
from backchannel.store import Store, ingest

HANIYEH, CHINA = "P:ismail_haniyeh", "CHN"


STATEMENT = (
    "Hamas political bureau chief Ismail Haniyeh met the Chinese Ambassador to Qatar, Cao Xiaolin, in Doha on "
    "Thursday, the movement said in a statement. The two sides reviewed the situation in the Gaza Strip and the "
    "efforts to halt the war, according to the statement. Beijing has called for an immediate truce and for more "
    "aid to reach civilians in the enclave, and has hosted Palestinian factions in the past."
)


@pytest.fixture(scope="module")
def meeting_reports() -> list[Article]:
    """One meeting reported by a statement, an agency and a repost of the statement; a second one by a wire."""
    agency = (
        "In Doha on Thursday, Haniyeh met with the Chinese Ambassador, Cao Xiaolin, to exchange views on the "
        "ceasefire negotiations. The ambassador reaffirmed Beijing's position on a two-state solution."
    )
    wire = "Haniyeh met the Chinese Ambassador again in Doha on Wednesday to follow up on the truce proposal."
    return [
        Article(doc_id="statement", text=STATEMENT, date="2024-02-29", source="movement website"),
        Article(doc_id="agency", text=agency, date="2024-02-29", source="news agency"),
        Article(
            doc_id="repost",
            text="Reposted from the movement's website by our editors. " + STATEMENT,
            date="2024-03-01",
            source="aggregator",
        ),
        Article(doc_id="wire", text=wire, date="2024-03-20", source="wire"),
    ]


@pytest.fixture(scope="module")
def fused(meeting_db: Callable[[bool], Path]) -> Iterator[TestClient]:
    with TestClient(create_app(meeting_db(True), ApiSettings())) as c:
        yield c


@pytest.fixture(scope="module")
def unfused(meeting_db: Callable[[bool], Path]) -> Iterator[TestClient]:
    with TestClient(create_app(meeting_db(False), ApiSettings())) as c:
        yield c


def _get(client: TestClient, route: str, **params: Any) -> Any:
    response = client.get(route, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _edge(edges: list[dict[str, Any]]) -> dict[str, Any]:
    found = [e for e in edges if (e["source"], e["target"]) == (HANIYEH, CHINA)]
    assert len(found) == 1, edges
    return found[0]


def test_the_fixture_is_one_meeting_in_three_reports_a_repost_and_a_later_meeting(fused: TestClient) -> None:
    meetings = _get(fused, "/fused-events", actor="Haniyeh", type="CONSULT")["items"]
    assert sorted(m["mentions"] for m in meetings) == [1, 3], meetings  # the repost is no source of its own
    assert sorted(m["sources"] for m in meetings) == [1, 3]
    mentions = _get(fused, "/events", actor="Haniyeh", type="CONSULT")["items"]
    assert {m["doc_id"] for m in mentions} == {"statement", "agency", "daily", "repost", "wire"}


@pytest.mark.parametrize(("count", "expected"), [(None, 2), ("events", 2), ("mentions", 5)])
def test_network_edge_counts_real_events_by_default(fused: TestClient, count: str | None, expected: int) -> None:
    params = {"count": count} if count else {}
    view = _get(fused, "/network", **params)
    edge = _edge(view["edges"])
    assert edge["count"] == expected
    assert edge["by_type"] == {"CONSULT": expected} and edge["by_quad_class"] == {"1": expected}
    assert edge["mean_intensity"] == 1.0
    nodes = {n["key"]: n["events"] for n in view["nodes"]}
    assert nodes[HANIYEH] == nodes[CHINA] == expected


@pytest.mark.parametrize(("count", "expected"), [("events", 2), ("mentions", 5)])
def test_dyads_count_real_events_or_mentions(fused: TestClient, count: str, expected: int) -> None:
    assert _edge(_get(fused, "/dyads", count=count))["count"] == expected
    # The minimum applies to what is counted.
    assert _get(fused, "/dyads", count=count, min=expected + 1) == []
    assert _edge(_get(fused, "/dyads", count=count, min=expected))["count"] == expected


def test_the_meeting_reported_by_three_outlets_is_one_event_in_its_week(fused: TestClient) -> None:
    weeks = {b["period"]: b["count"] for b in _get(fused, "/timeline", actor="Haniyeh", **{"with": "China"})}
    assert weeks == {"2024-02-26": 1, "2024-03-18": 1}
    weeks = {b["period"]: b["count"] for b in _get(fused, "/timeline", actor="Haniyeh", count="mentions")}
    assert weeks == {"2024-02-26": 4, "2024-03-18": 1}


@pytest.mark.parametrize(("count", "expected"), [("events", 2), ("mentions", 5)])
def test_dyad_series_counts_real_events_or_mentions(fused: TestClient, count: str, expected: int) -> None:
    series = _get(fused, "/dyad-series", actor="Haniyeh", count=count)
    assert len(series) == 1, series
    assert series[0]["count"] == expected
    assert sum(w["count"] for w in series[0]["weeks"]) == expected


def test_a_database_never_fused_counts_each_mention_as_its_own_event(unfused: TestClient) -> None:
    for count in ("events", "mentions"):
        assert _edge(_get(unfused, "/network", count=count)["edges"])["count"] == 5
        assert _edge(_get(unfused, "/dyads", count=count))["count"] == 5


def test_an_unknown_count_is_a_422(fused: TestClient) -> None:
    for route in ("/network", "/dyads", "/dyad-series", "/actors", f"/actors/{HANIYEH}"):
        response = fused.get(route, params={"count": "reports"})
        assert response.status_code == 422, (route, response.text)
    assert fused.get("/timeline", params={"actor": "Haniyeh", "count": "reports"}).status_code == 422


@pytest.mark.parametrize(("count", "expected"), [(None, 2), ("events", 2), ("mentions", 5)])
def test_an_actors_events_are_real_events_by_default(fused: TestClient, count: str | None, expected: int) -> None:
    params = {"count": count} if count else {}
    listed = {a["key"]: a for a in _get(fused, "/actors", search="Haniyeh", **params)}
    assert listed[HANIYEH]["events"] == expected
    detail = _get(fused, f"/actors/{HANIYEH}", **params)
    assert detail["actor"]["events"] == expected
    assert detail["counts_by_type"] == {"CONSULT": expected}
    assert detail["roles"] == {"actor": expected}
    assert {c["key"]: c["count"] for c in detail["top_counterparts"]} == {CHINA: expected}
    # Surface forms are counted as written, whatever is counted as events.
    assert detail["actor"]["mentions"] == _get(fused, f"/actors/{HANIYEH}", count="mentions")["actor"]["mentions"]


def test_an_actor_in_a_database_never_fused_counts_each_mention(unfused: TestClient) -> None:
    for count in ("events", "mentions"):
        assert _get(unfused, f"/actors/{HANIYEH}", count=count)["actor"]["events"] == 5


def test_posted_documents_join_the_fused_default_view_at_once(
    tmp_path: Path, stubcoder: ModuleType, meeting_reports: list[Article]
) -> None:
    """No separate fuse run: each posted report is fused as it is stored, and cached aggregates move on."""
    path = tmp_path / "posted.duckdb"
    with Store.open(path) as store:
        ingest(store, meeting_reports[:1], stubcoder.StubCoder(), stubcoder.VERSION)
        refuse(store)
    settings = ApiSettings(token="t0ken")
    auth = {"Authorization": "Bearer t0ken"}
    app = create_app(path, settings, coder_factory=lambda: (stubcoder.StubCoder(), stubcoder.VERSION))
    with TestClient(app) as client:
        assert _edge(_get(client, "/network")["edges"])["count"] == 1
        for report in meeting_reports[1:]:
            body = {"text": report.text, "date": report.date, "doc_id": report.doc_id, "source": report.source}
            assert client.post("/documents", json=body, headers=auth).status_code in (200, 201)
        # two outlets and a repost of one meeting, a wire on the next: two real events, counted alike everywhere
        assert _edge(_get(client, "/network")["edges"])["count"] == 2
        assert _edge(_get(client, "/dyads"))["count"] == 2
        listed = _get(client, "/fused-events", actor="Haniyeh", totals="true")
        assert listed["total"] == 2 and sorted(e["mentions"] for e in listed["items"]) == [1, 2]
        assert _get(client, "/events", actor="Haniyeh", totals="true")["total_events"] == 2
        assert sum(b["count"] for b in _get(client, "/timeline", actor="Haniyeh")) == 2
