"""JSON Lines and JSON inputs: records ``{id, title, date, source, url, text}``.

A ``.json`` file holds one record or a list of records.  Field aliases found in common
corpora are accepted: ``doc_id``/``docid`` for ``id``, ``dct``/``published`` for ``date``,
``body``/``content`` for ``text``.  Integer ids and dates (``20080804``) are read as strings.
A record's own date wins; the ``date`` argument fills a missing or unreadable one.
Inline HTML formatting inside a record's text is removed at ingest (``ingest/inline_markup.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from backchannel.errors import InputError
from backchannel.ingest.dates import normalise_date
from backchannel.ingest.ids import id_from_name
from backchannel.ingest.inline_markup import unwrap_inline_markup
from backchannel.records import Article

__all__ = ["read_json_document", "read_json_lines", "record_to_article"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid"),
    "text": ("text", "body", "content"),
    "title": ("title",),
    "date": ("date", "dct", "published"),
    "source": ("source",),
    "url": ("url", "link"),
}


def _field(record: dict[str, Any], name: str) -> tuple[str, Any]:
    for key in _ALIASES[name]:
        if key in record and record[key] is not None:
            return key, record[key]
    return name, None


def _optional_str(record: dict[str, Any], name: str, where: str) -> str | None:
    key, value = _field(record, name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(where, f"field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def record_to_article(record: object, *, where: str, origin: str, fallback_id: str, date: str | None) -> Article:
    """Validate one decoded JSON record found at ``where`` (``path:line``) in ``origin``.

    Raises ``InputError`` naming ``where`` and the field at fault.
    """
    if not isinstance(record, dict):
        raise InputError(where, f"record must be a JSON object, got {type(record).__name__}")
    key, text = _field(record, "text")
    if text is None:
        raise InputError(where, "record has no 'text' field")
    if not isinstance(text, str):
        raise InputError(where, f"field {key!r} must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError(where, f"field {key!r} is empty")
    key, raw_id = _field(record, "id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | None):
        raise InputError(where, f"field {key!r} must be a string or an integer, got {type(raw_id).__name__}")
    doc_id = str(raw_id).strip() if raw_id is not None else ""
    key, raw_date = _field(record, "date")
    if isinstance(raw_date, bool) or not isinstance(raw_date, str | int | None):
        raise InputError(where, f"field {key!r} must be a string, got {type(raw_date).__name__}")
    return Article(
        doc_id=doc_id or fallback_id,
        text=unwrap_inline_markup(text),
        title=_optional_str(record, "title", where),
        date=normalise_date(raw_date) or date,
        source=_optional_str(record, "source", where),
        url=_optional_str(record, "url", where),
        origin=origin,
    )


def read_json_lines(
    lines: Iterable[tuple[int, str | InputError]], *, origin: str, stem: str, date: str | None
) -> Iterator[Article | InputError]:
    """One ``Article`` per good line; one ``InputError`` (``origin:line``) per bad line; blank lines skipped."""
    seen = False
    for lineno, line in lines:
        if isinstance(line, InputError):
            seen = True
            yield line
            continue
        if not line.strip():
            continue
        seen = True
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(where, "malformed JSON: nested too deeply")
            continue
        try:
            yield record_to_article(
                record, where=where, origin=origin, fallback_id=id_from_name(stem, lineno), date=date
            )
        except InputError as exc:
            yield exc
    if not seen:
        yield InputError(origin, "empty input (no JSON lines)")


def read_json_document(text: str, *, origin: str, stem: str, date: str | None) -> Iterator[Article | InputError]:
    """Records of a ``.json`` file (one object or a list); falls back to JSON Lines if it holds several values."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        yield InputError(origin, "empty input (no JSON)")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_json_lines(enumerate(text.splitlines(), start=1), origin=origin, stem=stem, date=date)
        else:
            yield InputError(origin, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield InputError(origin, "malformed JSON: nested too deeply")
        return
    if isinstance(data, dict):
        try:
            yield record_to_article(data, where=origin, origin=origin, fallback_id=id_from_name(stem), date=date)
        except InputError as exc:
            yield exc
        return
    if not isinstance(data, list):
        yield InputError(origin, f"expected a JSON object or a list of objects, got {type(data).__name__}")
        return
    if not data:
        yield InputError(origin, "empty JSON list (no records)")
    for index, record in enumerate(data, start=1):
        try:
            yield record_to_article(
                record, where=f"{origin}[{index}]", origin=origin, fallback_id=id_from_name(stem, index), date=date
            )
        except InputError as exc:
            yield exc
