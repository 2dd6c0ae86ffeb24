"""The API's contract: one error shape, the OpenAPI schema, writes behind a token, size limits, injection."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.cli import build_parser

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def base_db(stub_db: Callable[[str, int], Path]) -> Path:
    return stub_db("contract", 0)


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "api.duckdb"
    shutil.copy(base_db, copy)
    return copy


def _client(db: Path, settings: ApiSettings, stub: ModuleType) -> TestClient:
    return TestClient(create_app(db, settings, coder_factory=lambda: (stub.StubCoder(), stub.VERSION)))


@pytest.fixture
def reader(db: Path, stubcoder: ModuleType) -> Iterator[TestClient]:
    with _client(db, ApiSettings(), stubcoder) as client:
        yield client


@pytest.fixture
def writer(db: Path, stubcoder: ModuleType) -> Iterator[TestClient]:
    with _client(db, ApiSettings(token=TOKEN, max_body_bytes=20_000), stubcoder) as client:
        yield client


def _assert_error(response: object, status: int, code: str) -> None:
    assert getattr(response, "status_code", None) == status
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/events/nope", {}, 404, "not_found"),
        ("/actors/NOBODY", {}, 404, "not_found"),
        ("/documents/missing", {}, 404, "not_found"),
        ("/events", {"since": "last tuesday"}, 422, "invalid_parameter"),
        ("/events", {"until": "2024-02-30"}, 422, "invalid_parameter"),
        ("/events", {"cursor": "not-a-cursor"}, 422, "invalid_parameter"),
        ("/events", {"limit": 0}, 422, "invalid_parameter"),
        ("/timeline", {"actor": "Hamas", "by": "day"}, 422, "invalid_parameter"),
        ("/no/such/route", {}, 404, "not_found"),
    ],
)
def test_every_error_has_one_shape(
    reader: TestClient, path: str, params: dict[str, object], status: int, code: str
) -> None:
    _assert_error(reader.get(path, params=params), status, code)


def test_unreachable_database_is_a_503_in_the_same_shape(tmp_path: Path, stubcoder: ModuleType) -> None:
    with _client(tmp_path / "absent.duckdb", ApiSettings(), stubcoder) as client:
        _assert_error(client.get("/health"), 503, "store_unavailable")


def test_openapi_lists_every_path_and_model(reader: TestClient) -> None:
    schema = reader.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/events",
        "/events/{event_id}",
        "/actors",
        "/actors/{actor_id}",
        "/network",
        "/dyads",
        "/timeline",
        "/documents",
        "/documents/{doc_id}",
        "/health",
    ):
        assert path in paths, path
    assert "post" in paths["/documents"] and "get" in paths["/documents/{doc_id}"]
    models = schema["components"]["schemas"]
    for model in ("EventPage", "EventRow", "EventDetail", "ActorDetail", "NetworkView", "DocumentView", "ErrorBody"):
        assert model in models, model
    ok = paths["/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventPage"}
    not_found = paths["/events/{event_id}"]["get"]["responses"]["404"]["content"]["application/json"]["schema"]
    assert not_found == {"$ref": "#/components/schemas/ErrorBody"}
    assert {p["name"] for p in paths["/events"]["get"]["parameters"]} >= {
        "actor", "recipient", "type", "since", "until", "status", "limit", "cursor",
    }  # fmt: skip


@pytest.mark.parametrize(
    "hostile",
    [
        "x' OR '1'='1",
        "'; DROP TABLE events; --",
        "Hamas') OR 1=1 --",
        "%",
        "_",
        "\\",
    ],
)
def test_sql_injection_through_filters_is_harmless(reader: TestClient, hostile: str) -> None:
    before = reader.get("/health").json()
    for param in ("actor", "recipient", "q", "place"):
        response = reader.get("/events", params={param: hostile})
        assert response.status_code == 200 and response.json()["items"] == [], (param, hostile)
    for param in ("type", "status"):  # enums: an unknown value is refused with the values allowed
        _assert_error(reader.get("/events", params={param: hostile}), 422, "invalid_parameter")
    # LIKE wildcards are escaped: a search only finds actors that contain the text literally.
    found = reader.get("/actors", params={"search": hostile}).json()
    assert all(hostile.lower() in f"{a['key']} {a['name']}".lower() for a in found)
    assert reader.get("/timeline", params={"actor": hostile}).json() == []
    assert reader.get("/network", params={"type": hostile}).status_code == 422
    assert reader.get(f"/documents/{hostile}").status_code == 404
    assert reader.get("/health").json() == before


def test_like_wildcards_match_nothing_by_themselves(reader: TestClient) -> None:
    assert reader.get("/actors", params={"search": "%"}).json() == []
    assert len(reader.get("/actors", params={"search": "_"}).json()) == 1  # only P:ismail_haniyeh has one


def test_writes_are_refused_without_a_configured_token(reader: TestClient, seed_text: str) -> None:
    response = reader.post("/documents", json={"text": "Russia met Ukraine."}, headers={"Authorization": "Bearer x"})
    _assert_error(response, 403, "writes_disabled")


def test_writes_need_the_right_bearer_token(writer: TestClient) -> None:
    body = {"text": "Japan welcomed Ukraine on Monday.", "date": "2024-05-02"}
    _assert_error(writer.post("/documents", json=body), 401, "unauthorized")
    _assert_error(writer.post("/documents", json=body, headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    assert writer.get("/health").json()["documents"] == 1


def test_post_document_codes_stores_and_is_idempotent(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = "Japan welcomed Ukraine on Monday. Russia attacked Ukraine."
    first = writer.post("/documents", json={"text": text, "date": "2024-05-02", "doc_id": "posted"}, headers=auth)
    assert first.status_code == 201 and first.json() == {"doc_id": "posted", "created": True, "events": 2}
    again = writer.post("/documents", json={"text": text, "date": "2024-05-02"}, headers=auth)
    assert again.status_code == 200 and again.json() == {"doc_id": "posted", "created": False, "events": 0}
    doc = writer.get("/documents/posted").json()
    assert [e["event"]["event_type"] for e in doc["events"]] == ["SUPPORT", "ASSAULT"]
    assert writer.get("/health").json()["documents"] == 2
    _assert_error(writer.post("/documents", json={"text": "x", "date": "soon"}, headers=auth), 422, "invalid_request")
    _assert_error(writer.post("/documents", json={"text": ""}, headers=auth), 422, "invalid_request")


def test_bodies_over_the_limit_get_413(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "Russia attacked Ukraine. " * 2000}
    _assert_error(writer.post("/documents", json=big, headers=auth), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"Russia attacked Ukraine. " * 20
        yield b'"}'

    chunked = writer.post("/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    _assert_error(chunked, 413, "payload_too_large")
    assert writer.get("/health").json()["documents"] == 1


def test_serve_binds_loopback_by_default() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_the_coder_is_built_once_before_the_first_request(db: Path, stubcoder: ModuleType) -> None:
    built: list[int] = []

    def factory() -> tuple[object, str]:
        built.append(1)
        return stubcoder.StubCoder(), stubcoder.VERSION

    app = create_app(db, ApiSettings(token=TOKEN), coder_factory=factory)  # type: ignore[arg-type]
    with TestClient(app) as client:
        assert built == [1]  # at startup, not in the first POST
        auth = {"Authorization": f"Bearer {TOKEN}"}
        for text in ("Russia met Ukraine in Istanbul on Monday.", "Egypt met Qatar in Cairo on Tuesday."):
            assert client.post("/documents", json={"text": text, "date": "2024-03-05"}, headers=auth).is_success
        assert built == [1]


def test_several_workers_need_a_read_only_server(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backchannel.cli import main

    monkeypatch.setenv("BACKCHANNEL_TOKEN", TOKEN)
    assert main(["serve", "--db", str(db), "--workers", "2"]) == 2
    assert "single writer" in capsys.readouterr().err
