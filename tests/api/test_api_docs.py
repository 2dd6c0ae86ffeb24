"""``/docs`` works offline: the page names only assets the server itself serves, from the installed package."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app


@pytest.fixture(scope="module")
def client(stub_db: Callable[[str, int], Path]) -> Iterator[TestClient]:
    with TestClient(create_app(stub_db("docs", 0), ApiSettings())) as c:
        yield c


def test_docs_name_only_local_assets_and_the_server_serves_them(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger" in page.text.lower()
    referenced = re.findall(r"""(?:src|href)=["']([^"']+)["']|url: ?["']([^"']+)["']""", page.text)
    urls = [a or b for a, b in referenced]
    assert urls and not [u for u in urls if re.match(r"^(https?:)?//", u)], urls
    scripts = re.findall(r"""<script src=["']([^"']+)["']""", page.text)
    assert scripts
    for url in {u for u in urls if u.startswith("/")}:
        asset = client.get(url)
        assert asset.status_code == 200 and asset.content, url
    assert "SwaggerUIBundle" in client.get(scripts[0]).text
    assert client.get("/docs/oauth2-redirect").status_code == 200
    assert client.get("/redoc").status_code == 404  # ReDoc exists only on a CDN: not offered


def test_the_docs_read_the_api_document_in_openapi_3_0_terms(client: TestClient) -> None:
    api = client.get("/openapi.json").json()
    docs = client.get("/docs/openapi-3.0.json").json()
    assert api["openapi"].startswith("3.1") and docs["openapi"].startswith("3.0")
    assert set(docs["paths"]) == set(api["paths"]) and set(docs["components"]["schemas"]) == set(
        api["components"]["schemas"]
    )
    text = json.dumps(docs)
    assert '{"type": "null"}' not in text and '"const"' not in text  # 3.1-only constructs
    # An optional parameter of the API (a union with null in 3.1) is nullable in 3.0, its type kept.
    params = {p["name"]: p for p in docs["paths"]["/events"]["get"]["parameters"]}
    assert params["actor"]["schema"]["type"] == "string" and params["actor"]["schema"]["nullable"] is True
    assert "/docs/openapi-3.0.json" in client.get("/docs").text
