"""A polite HTTP client for feeds and article pages.

Per host: at most one request every ``min_interval`` seconds, robots.txt obeyed (fetched
once per host; a missing robots.txt allows everything, a failing one refuses everything),
and retries with exponential backoff on timeouts, 429 and 5xx (``Retry-After`` honoured,
capped).  Conditional requests: pass the ETag / Last-Modified of the previous response.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from backchannel.errors import BackchannelError

__all__ = ["FetchError", "Fetched", "HttpSettings", "PoliteClient"]


class FetchError(BackchannelError):
    """A URL could not be fetched (names the URL and the reason)."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem


@dataclass(frozen=True)
class HttpSettings:
    user_agent: str = "backchannel-watch/0.1 (+https://example.invalid/backchannel)"
    timeout: float = 10.0  # seconds per request
    min_interval: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # extra attempts after a timeout, 429 or 5xx
    backoff: float = 1.0  # first wait before a retry; doubles each time
    max_wait: float = 60.0  # cap on any backoff or Retry-After wait


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int  # 200, or 304 when not modified
    text: str
    etag: str | None
    last_modified: str | None


class PoliteClient:
    """Fetch URLs with per-host rate limits, backoff and robots.txt; close it (or use ``with``)."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or HttpSettings()
        self._client = httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=True,
            headers={"User-Agent": self.settings.user_agent},
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._next: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        now = self._clock()
        due = self._next.get(host, now)
        if due > now:
            self._sleep(due - now)
        self._next[host] = max(due, now) + self.settings.min_interval

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        host = urlsplit(url).netloc
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            self._wait_turn(host)
            last = attempt == self.settings.retries
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchError(url, f"timed out after {self.settings.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"request failed: {exc}") from exc
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response
                if last:
                    raise FetchError(url, f"HTTP {response.status_code} after {attempt + 1} attempt(s)")
                wait = max(wait, _retry_after(response))
            self._sleep(min(wait, self.settings.max_wait))
            wait *= 2
        raise FetchError(url, "no attempt made")  # pragma: no cover - the loop always returns or raises

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our user agent fetch it."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(key)
        if robots is None:
            robots = urllib.robotparser.RobotFileParser(f"{key}/robots.txt")
            try:
                response = self._request(f"{key}/robots.txt", {})
            except FetchError:
                robots.parse(["User-agent: *", "Disallow: /"])  # cannot tell: stay out
            else:
                if response.status_code >= 400:
                    robots.parse([])  # no robots.txt: everything is allowed
                else:
                    robots.parse(response.text.splitlines())
            self._robots[key] = robots
        return robots.can_fetch(self.settings.user_agent, url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when a validator is given); ``FetchError`` on failure or robots refusal."""
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(url, headers)
        if response.status_code == 304:
            return Fetched(url, 304, "", etag, last_modified)
        if response.status_code >= 400:
            raise FetchError(url, f"HTTP {response.status_code}")
        return Fetched(
            str(response.url),
            response.status_code,
            response.text,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return float(value)
    except ValueError:
        return 0.0
