"""Fixed, hash-based splits of the gold sets: a *tune* half and a *check* half, and a held-aside part.

Rules are written from misses on the tune half only; the check half is read for its numbers, never
sentence by sentence, so the gap between the two halves says how much a score is owed to tuning.
An item's side depends on its id alone (SHA-256 of a salt and the id), so it never changes when a
set grows, is reordered or is read on another machine.  ``hash_rank`` orders groups of a training
set the same way to hold a part of them aside.  Changing a salt re-deals every set: don't.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

__all__ = ["HALF_SALT", "HELD_ASIDE_SALT", "Half", "half_of", "hash_rank", "split_halves"]

HALF_SALT = "backchannel/tune-check/v1"
HELD_ASIDE_SALT = "backchannel/held-aside/v1"

Half = Literal["tune", "check"]
T = TypeVar("T")


def _bucket(salt: str, key: str, buckets: int) -> int:
    digest = hashlib.sha256(f"{salt}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % buckets


def half_of(item_id: str) -> Half:
    """The half an item belongs to, from its id."""
    return "tune" if _bucket(HALF_SALT, item_id, 2) == 0 else "check"


def split_halves(items: Iterable[T], key: Callable[[T], str]) -> tuple[list[T], list[T]]:
    """``(tune, check)``: the items of each half, in their input order."""
    tune: list[T] = []
    check: list[T] = []
    for item in items:
        (tune if half_of(key(item)) == "tune" else check).append(item)
    return tune, check


def hash_rank(key: str) -> int:
    """A fixed pseudo-random rank of ``key``: the held-aside order (lowest first) of a set's groups."""
    return _bucket(HELD_ASIDE_SALT, key, 1 << 62)
