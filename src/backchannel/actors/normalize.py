"""Text folding for alias matching: accents stripped, quotes unified, lower case."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "is_acronym", "strip_accents"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def strip_accents(text: str) -> str:
    """``Khān Yūnis`` -> ``Khan Yunis``; quotes and dashes unified."""
    text = text.translate(_QUOTES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The matching key of a token or name: accents stripped, lower case (cached: tokens repeat)."""
    return strip_accents(text).lower()


def is_acronym(token: str) -> bool:
    """``US``, ``U.N.``, ``HTS``: written in capitals, so matched case-sensitively."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
