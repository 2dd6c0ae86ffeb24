"""Settings of the ingest stage."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "ReadSettings"]

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class ReadSettings:
    """How inputs are read.

    ``max_bytes`` is inclusive: an input of exactly ``max_bytes`` bytes is read.  It applies to a
    whole file for text, HTML, JSON and feeds, and to each line of a JSON Lines file (those are
    streamed, so a large corpus of small records is fine).  On stdin it counts characters.
    """

    max_bytes: int = DEFAULT_MAX_BYTES  # size limit per input (per line for JSON Lines)
    min_html_words: int = 5  # an HTML page whose extracted body has fewer words has "no article text"
    include_hidden: bool = False  # read dot-files and dot-folders when walking a directory

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.min_html_words < 0:
            raise ValueError(f"min_html_words must be >= 0, got {self.min_html_words}")
