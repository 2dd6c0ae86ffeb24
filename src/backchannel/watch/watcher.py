"""Poll RSS/Atom feeds, fetch new article pages, and ingest them.

Per feed and poll: a conditional GET (ETag / Last-Modified of the last answer), the entry
links not seen before (in this process or stored in the database by URL), each page
fetched politely and extracted with trafilatura, then ``store.ingest`` (which skips known
content hashes and sends failures to ``dead_letters``).  ``poll`` returns one ``FeedPoll``
per feed; the CLI turns each into a log line.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import feedparser

from backchannel.errors import InputError
from backchannel.ingest.feed import check_xml_safety
from backchannel.ingest.html import read_html
from backchannel.records import Article
from backchannel.store import Coder, Store, ingest
from backchannel.watch.http import FetchError, PoliteClient

__all__ = ["FeedPoll", "Watcher"]


@dataclass
class FeedPoll:
    feed: str
    status: Literal["ok", "not-modified", "error"]
    entries: int = 0
    new: int = 0  # links not seen before that robots.txt lets us fetch
    blocked: int = 0  # new links that robots.txt disallows (not fetched)
    stored: int = 0
    duplicates: int = 0  # same content as a stored document
    failures: int = 0  # pages that could not be fetched or extracted, or failed coding
    events: int = 0
    error: str | None = None
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass
class _Validators:
    etag: str | None = None
    last_modified: str | None = None


class Watcher:
    """Polls feeds into a store; keeps validators and seen links between polls."""

    def __init__(self, store: Store, coder: Coder, client: PoliteClient, pipeline_version: str) -> None:
        self.store = store
        self.coder = coder
        self.client = client
        self.pipeline_version = pipeline_version
        self._validators: dict[str, _Validators] = {}
        self._seen: set[str] = set()

    def _known_url(self, url: str) -> bool:
        if url in self._seen:
            return True
        row = self.store.cursor().execute("SELECT 1 FROM documents WHERE url = ? LIMIT 1", [url]).fetchone()
        return row is not None

    def _links(self, feed: str, text: str) -> list[str]:
        check_xml_safety(text, feed)
        parsed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
        links = [str(e.get("link")) for e in parsed.get("entries") or [] if e.get("link")]
        if parsed.get("bozo") and not links:  # feedparser recovers what it can; nothing usable is an error
            raise InputError(feed, f"malformed feed XML: {parsed.get('bozo_exception')}")
        return links

    def _article(self, url: str) -> Article | InputError:
        try:
            page = self.client.get(url)
        except FetchError as exc:
            return InputError(url, exc.problem)
        doc_id = "web-" + hashlib.sha256(url.encode()).hexdigest()[:16]
        for item in read_html(page.text, origin=url, doc_id=doc_id, date=None, min_words=20):
            if isinstance(item, Article):
                return item.model_copy(update={"url": item.url or url})
            return item
        return InputError(url, "no article found")

    def poll_feed(self, feed: str) -> FeedPoll:
        started = time.monotonic()
        seen = self._validators.setdefault(feed, _Validators())
        try:
            fetched = self.client.get(feed, etag=seen.etag, last_modified=seen.last_modified)
        except FetchError as exc:
            return FeedPoll(feed, "error", error=exc.problem, seconds=time.monotonic() - started)
        if fetched.status == 304:
            return FeedPoll(feed, "not-modified", seconds=time.monotonic() - started)
        try:
            links = self._links(feed, fetched.text)
        except InputError as exc:
            return FeedPoll(feed, "error", error=exc.problem, seconds=time.monotonic() - started)
        seen.etag, seen.last_modified = fetched.etag, fetched.last_modified
        unseen = [url for url in dict.fromkeys(links) if not self._known_url(url)]
        fresh = [url for url in unseen if self.client.allowed(url)]
        items = [self._article(url) for url in fresh]
        self._seen.update(unseen)
        summary = ingest(self.store, items, self.coder, self.pipeline_version, inputs=[feed])
        return FeedPoll(
            feed,
            "ok",
            entries=len(links),
            new=len(fresh),
            blocked=len(unseen) - len(fresh),
            stored=summary.documents,
            duplicates=summary.skipped,
            failures=summary.failures,
            events=summary.events,
            seconds=time.monotonic() - started,
            problems=list(summary.errors),
        )

    def poll(self, feeds: Sequence[str]) -> list[FeedPoll]:
        """Poll every feed once, in order; one feed's failure does not stop the others."""
        return [self.poll_feed(feed) for feed in feeds]
