"""Read endpoints over a database built from the seed article and White House readouts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.store import Store


@pytest.fixture(scope="module")
def db(stub_db: Callable[[str, int], Path]) -> Path:
    return stub_db("api", 400)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, ApiSettings())) as c:
        yield c


def _all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = client.get("/events", params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def _count(db_path: Path, sql: str) -> int:
    with Store.open(db_path, read_only=True) as store:
        row = store.cursor().execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_health_reports_counts(client: TestClient, db: Path) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["writable"] is False
    assert body["events"] == _count(db, "SELECT count(*) FROM events") > 0


def test_cursor_pagination_returns_every_event_once_in_date_order(client: TestClient, db: Path) -> None:
    items = _all_events(client)
    ids = [e["event_id"] for e in items]
    assert len(ids) == len(set(ids)) == _count(db, "SELECT count(*) FROM events")
    days = [e["day"] or "" for e in items]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "Hamas"}, lambda e: any(a["key"] == "HAMAS" for a in e["actors"])),
        ({"actor": "p:ismail_haniyeh"}, lambda e: any(a["key"] == "P:ismail_haniyeh" for a in e["actors"])),
        ({"recipient": "Russia"}, lambda e: any(a["key"] == "RUS" for a in e["recipients"])),
        ({"type": "sanction,assault"}, lambda e: e["event_type"] in ("SANCTION", "ASSAULT")),
        ({"since": "2023-02-01", "until": "2023-02"}, lambda e: "2023-02-01" <= e["day"] <= "2023-02-28"),
        ({"status": "asserted", "type": "CONSULT"}, lambda e: e["status"] == "asserted"),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], check: Any) -> None:
    items = _all_events(client, **params)
    assert items, params
    assert all(check(e) for e in items), params


def test_filters_narrow_the_result(client: TestClient, db: Path) -> None:
    total = _count(db, "SELECT count(*) FROM events")
    usa = _all_events(client, actor="USA")
    expected = _count(db, "SELECT count(DISTINCT event_id) FROM event_actors WHERE role='actor' AND actor_key='USA'")
    assert 0 < len(usa) == expected < total


def test_event_detail_spans_point_into_the_document_text(client: TestClient) -> None:
    first = client.get("/events", params={"actor": "Haniye", "limit": 1}).json()["items"][0]
    detail = client.get(f"/events/{first['event_id']}").json()
    text = client.get(f"/documents/{detail['document']['doc_id']}").json()["text"]
    for span in (detail["sentence"], detail["trigger"]):
        assert text[span["start"] : span["end"]] == span["text"]
    event = detail["event"]
    for ref in event["actors"] + event["recipients"]:
        assert ref["start"] is not None and text[ref["start"] : ref["end"]] == ref["text"]
    place = event["location"]
    assert place is not None and text[place["start"] : place["end"]] == place["text"]
    assert detail["sentence"]["start"] <= detail["trigger"]["start"] < detail["sentence"]["end"]


def test_document_has_all_spans(client: TestClient) -> None:
    doc = client.get("/documents/seed-article").json()
    text = doc["text"]
    assert doc["document"]["date"] == "2024-03-01" and doc["events"]
    for group in ("mentions", "places"):
        assert doc[group]
        for span in doc[group]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_actors_search_and_detail(client: TestClient) -> None:
    found = client.get("/actors", params={"search": "haniy"}).json()
    assert [a["key"] for a in found] == ["P:ismail_haniyeh"]
    detail = client.get("/actors/P:ismail_haniyeh").json()
    assert {a["key"] for a in detail["aliases"]} == {"Haniye", "Haniyeh"}
    assert detail["roles"]["actor"] >= 1 and detail["counts_by_type"]["CONSULT"] >= 1
    assert "CHN" in [c["key"] for c in detail["top_counterparts"]]
    by_name = client.get("/actors/ismail haniyeh").json()
    assert by_name["actor"]["key"] == "P:ismail_haniyeh"


def test_network_edges_add_up(client: TestClient) -> None:
    net = client.get("/network", params={"since": "2023-01-01", "until": "2023-12-31"}).json()
    keys = {n["key"] for n in net["nodes"]}
    assert net["edges"]
    for edge in net["edges"]:
        assert edge["source"] in keys and edge["target"] in keys
        assert sum(edge["by_quad_class"].values()) == edge["count"] == sum(edge["by_type"].values())
    sanctions = client.get("/network", params={"type": "SANCTION"}).json()
    assert all(set(e["by_type"]) == {"SANCTION"} for e in sanctions["edges"])


def test_dyads_min_count(client: TestClient) -> None:
    every = client.get("/dyads").json()
    frequent = client.get("/dyads", params={"min": 2}).json()
    assert frequent == [d for d in every if d["count"] >= 2] and len(frequent) < len(every)


def test_dyads_are_bounded_and_paged_strongest_first(client: TestClient) -> None:
    # Regression: /dyads without min returned every dyad (446k on a million events, 20-45 s).
    every = client.get("/dyads", params={"limit": 10_000}).json()
    assert len(every) > 10
    assert client.get("/dyads", params={"limit": 5}).json() == every[:5]
    assert client.get("/dyads", params={"limit": 4, "offset": 5}).json() == every[5:9]
    pages = [client.get("/dyads", params={"limit": 3, "offset": k}).json() for k in range(0, len(every) + 3, 3)]
    assert [d for page in pages for d in page] == every and pages[-1] == []
    assert [d["count"] for d in every] == sorted((d["count"] for d in every), reverse=True)
    assert client.get("/dyads", params={"min": 2, "limit": 3}).json() == [d for d in every if d["count"] >= 2][:3]
    for bad in ({"limit": 0}, {"limit": 10_001}, {"offset": -1}):
        assert client.get("/dyads", params=bad).status_code == 422, bad
    limit = next(
        p for p in client.get("/openapi.json").json()["paths"]["/dyads"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["default"] == 1000 and limit["schema"]["maximum"] == 10_000


def test_timeline_by_month_and_dyad(client: TestClient) -> None:
    months = client.get("/timeline", params={"actor": "USA", "either": "true", "by": "month"}).json()
    usa_events = _all_events(client, actor="USA") + _all_events(client, recipient="USA")
    assert months and all(b["period"].endswith("-01") for b in months)
    assert sum(b["count"] for b in months) == len({e["event_id"] for e in usa_events})  # the same filter, counted
    weeks = client.get("/timeline", params={"actor": "USA", "with": "Russia"}).json()
    assert 0 < sum(b["count"] for b in weeks) < sum(b["count"] for b in months)
