"""A token trie: find the longest known phrase starting at each token, in one pass per token."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["TokenTrie"]

T = TypeVar("T")
_END = "\x00"


class TokenTrie(Generic[T]):
    """Phrases as sequences of folded tokens; each phrase carries payloads and its original tokens."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}

    def add(self, keys: Sequence[str], original: Sequence[str], payload: T) -> None:
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append((tuple(original), payload))

    def matches_at(
        self, keys: Sequence[str], start: int, accept: Callable[[tuple[str, ...], T, int, int], bool]
    ) -> list[tuple[int, T]]:
        """All ``(end, payload)`` of phrases starting at ``start`` that ``accept`` lets through, longest first."""
        node = self._root
        found: list[tuple[int, T]] = []
        i = start
        while i < len(keys):
            nxt = node.get(keys[i])
            if nxt is None:
                break
            node = nxt
            i += 1
            leaves = node.get(_END)
            if leaves:
                found.extend((i, payload) for original, payload in leaves if accept(original, payload, start, i))
        found.reverse()
        return found
