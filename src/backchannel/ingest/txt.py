"""Plain-text inputs: the whole text is one article."""

from __future__ import annotations

from collections.abc import Iterator

from backchannel.errors import InputError
from backchannel.records import Article

__all__ = ["read_txt"]


def read_txt(text: str, *, origin: str, doc_id: str, date: str | None) -> Iterator[Article | InputError]:
    """One ``Article`` from a decoded text file (a leading BOM is dropped), or an error if it is blank."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        yield InputError(origin, "empty input (no text)" if not text else "blank input (whitespace only)")
        return
    yield Article(doc_id=doc_id, text=text, date=date, origin=origin)
