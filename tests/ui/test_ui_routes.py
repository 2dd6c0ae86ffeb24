"""The dashboard's server side without a browser: mounting, the not-built page, /overview, /places, demo helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.cli.demo_cmd import sample_evenly
from backchannel.events.ontology import QUAD_CLASS
from backchannel.ui import STATIC_DIR, mount_dashboard


@pytest.fixture(scope="module")
def client(stub_db: Callable[[str, int], Path]) -> Iterator[TestClient]:
    with TestClient(create_app(stub_db("ui-routes", 0), ApiSettings())) as c:
        yield c


def test_overview_counts_agree_with_health_and_events(client: TestClient) -> None:
    overview = client.get("/overview").json()
    health = client.get("/health").json()
    assert (overview["documents"], overview["events"]) == (health["documents"], health["events"])
    assert [t["event_type"] for t in overview["types"]] == list(QUAD_CLASS)
    events = client.get("/events", params={"limit": 1000}).json()["items"]
    for t in overview["types"]:
        assert t["count"] == sum(e["event_type"] == t["event_type"] for e in events)
    days = sorted(e["day"] for e in events if e["day"])
    assert (overview["first_day"], overview["last_day"]) == (days[0], days[-1])
    assert overview["first_document"] == overview["last_document"] == "2024-03-01"
    assert sum(overview["statuses"].values()) == overview["events"]


def test_places_count_the_located_events_and_follow_the_filters(client: TestClient) -> None:
    events = client.get("/events", params={"limit": 1000}).json()["items"]
    located = [e for e in events if e["location"] and e["location"]["lat"] is not None]
    assert located, "the seed article has located events"
    places = client.get("/places").json()
    assert sum(p["count"] for p in places) == len(located)
    for p in places:
        assert sum(p["by_quad_class"].values()) == sum(p["by_type"].values()) == p["count"]
        assert len(p["recent"]) == min(p["count"], 8)
    etype = located[0]["event_type"]
    only = client.get("/places", params={"type": etype}).json()
    assert only and all(set(p["by_type"]) == {etype} for p in only)
    assert sum(p["count"] for p in only) == sum(e["event_type"] == etype for e in located)
    assert client.get("/places", params={"since": "2999-01-01"}).json() == []


def test_places_reject_a_bad_date_in_the_api_error_shape(client: TestClient) -> None:
    response = client.get("/places", params={"until": "2024-02-30"})
    same = client.get("/events", params={"until": "2024-02-30"})  # the API's one error shape for a bad parameter
    assert response.status_code == same.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["code"] == same.json()["error"]["code"]
    assert "until" in response.json()["error"]["message"]


def test_dashboard_routes_stay_out_of_the_openapi_schema_but_endpoints_are_in(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/overview" in paths and "/places" in paths
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)


def test_an_unbuilt_bundle_gets_a_clear_page_and_the_api_still_works(tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text((STATIC_DIR / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    app = FastAPI()
    mount_dashboard(app, static)
    with TestClient(app) as c:
        page = c.get("/")
    assert page.status_code == 503
    assert "has not been built" in page.text and "npm ci" in page.text and "make ui" in page.text
    assert "dist/app.js" in page.text


def test_missing_static_file_is_a_404(client: TestClient) -> None:
    assert client.get("/static/dist/nope.js").status_code == 404


@pytest.mark.parametrize(("size", "limit"), [(3023, 300), (10, 3), (5, 5), (4, 10), (7, -1)])
def test_sample_evenly_spreads_over_the_whole_sequence(size: int, limit: int) -> None:
    items = list(range(size))
    picked = sample_evenly(items, limit)  # type: ignore[arg-type]  # any sequence samples the same way
    expected = size if limit <= 0 or limit >= size else limit
    assert len(picked) == len(set(picked)) == expected
    assert picked == sorted(picked) and picked[0] == 0
    if expected < size:
        assert picked[-1] >= size - size // limit - 1  # reaches the end, not just the first records
