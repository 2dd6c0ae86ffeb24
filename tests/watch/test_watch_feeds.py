"""``backchannel watch`` against a real HTTP server on 127.0.0.1 (feeds, pages, robots.txt)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from spacy.language import Language

from backchannel.cli import main
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.store import Store
from backchannel.watch import HttpSettings, PoliteClient, Watcher, parse_interval

ARTICLE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>DOHA, March 1 (Reporting) - {body}</p>
<p>Officials from both delegations said further meetings were planned for next week, and that the
mediators would continue to press for a ceasefire and the release of hostages held in Gaza.</p>
</article></body></html>"""
BODIES = {
    "/a1.html": ("Talks in Doha", "Qatar hosted talks between Israeli and Hamas negotiators on Friday, the Qatari "
                 "foreign ministry said, as Egypt urged both sides to accept a truce."),
    "/a2.html": ("Sanctions on Iran", "The United States imposed new sanctions on Iran on Thursday, accusing Tehran "
                 "of supplying drones to Russia for its war in Ukraine."),
    "/private/a3.html": ("Hidden", "This page is disallowed by robots.txt and must never be requested by the watcher "
                         "at all, whatever the feed says about it."),
}  # fmt: skip
BODIES["/a1-copy.html"] = BODIES["/a1.html"]  # same content under another URL


def _rss(links: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{items}</channel></rss>'


class _Site:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.base = ""
        self.released = threading.Event()  # set when the test ends: until then /slow.xml never answers


@pytest.fixture
def site() -> Iterator[_Site]:
    state = _Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet server
            return None

        def _send(self, code: int, body: str, ctype: str = "text/html", headers: dict[str, str] | None = None) -> None:
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            state.requests.append(self.path)
            if self.path == "/robots.txt":
                self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            elif self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == '"v1"':
                    self._send(304, "")
                    return
                links = [f"{state.base}{p}" for p in ("/a1.html", "/a2.html", "/a1-copy.html", "/private/a3.html")]
                self._send(200, _rss(links), "application/rss+xml", {"ETag": '"v1"'})
            elif self.path == "/error.xml":
                self._send(500, "boom")
            elif self.path == "/slow.xml":
                state.released.wait()  # a hang that outlasts any timeout: no race against the clock
                self._send(200, _rss([]), "application/rss+xml")
            elif self.path == "/bad.xml":
                self._send(200, "<rss><channel><item><title>unclosed</channel>", "application/rss+xml")
            elif self.path in BODIES:
                title, body = BODIES[self.path]
                self._send(200, ARTICLE.format(title=title, body=body))
            else:
                self._send(404, "not found")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.released.set()
        server.shutdown()
        server.server_close()
        thread.join()


def _client() -> PoliteClient:
    # seconds to spare for a local server on a loaded machine; the hanging feed never answers at all
    return PoliteClient(HttpSettings(timeout=3.0, min_interval=0.0, retries=1, backoff=0.01))


def test_watch_polls_feeds_and_survives_broken_ones(site: _Site, tmp_path: Path, nlp: Language) -> None:
    feeds = [f"{site.base}/{name}" for name in ("feed.xml", "error.xml", "slow.xml", "bad.xml")]
    with Store.open(tmp_path / "w.duckdb") as store, _client() as client:
        watcher = Watcher(store, Pipeline(nlp=nlp), client, PIPELINE_VERSION)
        good, error, slow, bad = watcher.poll(feeds)
        assert (good.status, good.entries, good.new, good.blocked) == ("ok", 4, 3, 1)  # robots.txt is obeyed
        assert (good.stored, good.duplicates, good.failures) == (2, 1, 0)  # a1-copy has a1's content
        assert good.events > 0
        assert error.status == "error" and "HTTP 500" in (error.error or "")
        assert site.requests.count("/error.xml") == 2  # retried once, then given up
        assert slow.status == "error" and "timed out" in (slow.error or "")
        assert bad.status == "error" and "malformed feed XML" in (bad.error or "")
        assert "/private/a3.html" not in site.requests
        count = store.cursor().execute("SELECT count(*) FROM documents").fetchone()
        assert count == (2,)
        again = watcher.poll_feed(feeds[0])
        assert again.status == "not-modified"  # conditional request answered 304
    assert site.requests.count("/a1.html") == 1  # known links are not fetched again


def test_watch_cli_logs_one_line_per_feed(site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.duckdb")
    code = main(["watch", f"{site.base}/feed.xml", f"{site.base}/bad.xml", "--once", "--db", db, "--timeout", "2"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1  # one feed failed
    assert len(lines) == 2
    assert "feed.xml: 4 entries, 3 new, 2 stored, 1 duplicates, 0 failed, 1 blocked by robots.txt" in lines[0]
    assert "bad.xml: error: malformed feed XML" in lines[1]


def test_rate_limit_spaces_requests_to_one_host() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    transport = httpx.MockTransport(lambda request: httpx.Response(404 if "robots" in str(request.url) else 200))
    settings = HttpSettings(min_interval=2.0)
    with PoliteClient(settings, transport=transport, sleep=sleep, clock=lambda: now[0]) as client:
        client.get("http://news.example/a")  # robots.txt, then a waits its turn
        client.get("http://other.example/c")  # robots.txt, then c waits its turn on its own host
        client.get("http://news.example/b")  # news.example's turn came while other.example was served
    assert waits == [2.0, 2.0]


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30.0), ("10m", 600.0), ("2h", 7200.0), ("45", 45.0)])
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds
