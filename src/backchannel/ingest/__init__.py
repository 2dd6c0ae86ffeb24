"""The ingest stage: read files, directories, feeds and stdin into ``Article`` records.

``read_inputs`` streams ``Article | InputError``: a bad input is reported in the stream and the
batch goes on.  Dates: a record's own date (JSON field, HTML metadata, feed entry date) wins;
the ``date`` argument (the CLI's ``--date``) fills records without one; otherwise None.
"""

from __future__ import annotations

from backchannel.errors import ConfigError
from backchannel.ingest.dates import normalise_date
from backchannel.ingest.dispatch import EXTENSIONS, read_inputs, sniff_format
from backchannel.ingest.ids import content_hash
from backchannel.ingest.settings import DEFAULT_MAX_BYTES, ReadSettings
from backchannel.records import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "ReadSettings",
    "content_hash",
    "normalise_date",
    "read_inputs",
    "read_text",
    "sniff_format",
]


def read_text(text: str, *, doc_id: str = "text", date: str | None = None, title: str | None = None) -> Article:
    """An ``Article`` from a string already in memory; raises ``ConfigError`` if ``date`` is not a date."""
    normalised = normalise_date(date)
    if date is not None and normalised is None:
        raise ConfigError(f"date {date!r} is not a date (expected YYYY-MM-DD)")
    return Article(doc_id=doc_id, text=text.removeprefix("\ufeff"), title=title, date=normalised, origin="<text>")
