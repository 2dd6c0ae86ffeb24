"""RSS and Atom feed files (feedparser): each entry becomes an ``Article``.

Feeds that declare entities (``<!ENTITY``) or carry an internal DTD subset are refused
before parsing: entity expansion ("billion laughs") can exhaust memory, and news feeds never
need it.  A plain ``<!DOCTYPE rss PUBLIC ...>`` line (RSS 0.91) is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from backchannel.errors import InputError
from backchannel.ingest.dates import normalise_date
from backchannel.ingest.html import fragment_to_text
from backchannel.ingest.ids import id_from_name
from backchannel.records import Article

__all__ = ["check_xml_safety", "read_feed"]

_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_DATE_KEYS = ("published", "updated", "created", "dc_date")


def check_xml_safety(text: str, origin: str) -> None:
    """Raise ``InputError`` if the XML declares entities or an internal DTD subset."""
    if _ENTITY_DECL.search(text) or _DOCTYPE_SUBSET.search(text):
        raise InputError(
            origin, "refused: the XML declares entities / an internal DTD (possible entity-expansion attack)"
        )


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((part.get("value") or "" for part in contents), key=len, default="")
    if not html.strip():
        html = entry.get("summary") or entry.get("description") or ""
    return fragment_to_text(html)


def _entry_date(entry: Any) -> str | None:
    for key in _DATE_KEYS:
        value = normalise_date(entry.get(key))
        if value:
            return value
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)  # a time.struct_time (UTC) when feedparser read the date
        if parsed is not None and len(parsed) >= 3:
            return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    return None


def read_feed(text: str, *, origin: str, stem: str, date: str | None) -> Iterator[Article | InputError]:
    """One ``Article`` per feed entry with text; an ``InputError`` per entry without text."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        yield InputError(origin, "empty feed")
        return
    try:
        check_xml_safety(text, origin)
    except InputError as exc:
        yield exc
        return
    parsed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        yield InputError(origin, f"no feed entries found{f' ({problem})' if problem else ''}")
        return
    source = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries, start=1):
        where = f"{origin}[{index}]"
        body = _entry_text(entry)
        title = fragment_to_text(entry.get("title") or "") or None
        if not body.strip():
            yield InputError(where, "feed entry has no text (no content or summary)")
            continue
        yield Article(
            doc_id=str(entry.get("id") or "").strip() or id_from_name(stem, index),
            text=body,
            title=title,
            date=_entry_date(entry) or date,
            source=source,
            url=entry.get("link") or None,
            origin=origin,
        )
