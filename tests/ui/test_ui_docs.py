"""``/docs`` renders offline: Swagger UI from the installed package, every request off 127.0.0.1 refused.

The real server on 127.0.0.1 (a database of the seed article coded by the stub coder) and Debian's Chromium
(headless) driven by Playwright; the page's every request to another host is aborted, as on a machine without a
network.  Swagger UI must then draw the operations of the API's own OpenAPI document.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Route, expect, sync_playwright

from backchannel.api import ApiSettings, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LOCAL = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(stub_db: Callable[[str, int], Path]) -> Iterator[str]:
    app = create_app(stub_db("docs", 0), ApiSettings())
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host=LOCAL, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the app may load its store before it answers
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://{LOCAL}:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


def test_docs_draw_the_operations_with_every_outside_request_refused(server: str) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
    refused: list[str] = []
    local: list[str] = []
    errors: list[str] = []

    def offline(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOCAL or url.startswith("data:"):
            local.append(url)
            route.continue_()
        else:
            refused.append(url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.set_default_timeout(15_000)
            page.route("**/*", offline)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server + "/docs")
            # Swagger UI drew the API's operations: one block per path and method, /events among them.
            events = page.locator(".opblock.opblock-get", has=page.locator("[data-path='/events']"))
            expect(events.first).to_be_visible()
            expect(page.locator(".opblock-summary-path[data-path='/dyad-series']").first).to_be_visible()
            assert page.locator(".opblock").count() > 10
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Backchannel")
        finally:
            browser.close()
    assert any("/docs-assets/swagger-ui-bundle.js" in u for u in local), local
    assert any(u.endswith("/docs/openapi-3.0.json") for u in local), local  # the 3.0 view Swagger UI 4 reads
    assert not refused, f"the docs page asked for outside resources: {refused}"
    assert not errors, f"JavaScript errors: {errors}"
