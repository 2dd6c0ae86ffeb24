"""Document ids and content hashes."""

from __future__ import annotations

import hashlib
import re

__all__ = ["content_hash", "id_from_name"]

_UNSAFE = re.compile(r"[^\w.\-/]+")


def content_hash(text: str) -> str:
    """The sha256 hex digest of ``text`` (UTF-8), for exact-duplicate detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def id_from_name(name: str, index: int | None = None) -> str:
    """A stable doc id from a file name (without extension) and, for multi-record files, a record index."""
    base = _UNSAFE.sub("_", name).strip("_") or "doc"
    return base if index is None else f"{base}-{index}"
