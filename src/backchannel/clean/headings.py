"""Bare headings: short standalone lines that are titles or subheads, not sentences.

A heading is kept in the working text (the events stage decides what to do with it) and its
span is recorded, so the parser's sentence on the next line can be told apart from it.
A line is a heading when it is short, starts with a capital or digit, has no final
punctuation, does not end in a function word (a hard-wrapped line usually does), is not a
list item, follows a blank line or a finished sentence, and the next line does not continue it.
"""

from __future__ import annotations

import re

from backchannel.clean.buffer import Line

__all__ = ["find_headings"]

_MAX_WORDS = 20
_MAX_CHARS = 160
_FINAL_PUNCT = tuple(".!?:;,…\"'”’)]}»-–—/")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "as",
        "than",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "those",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
    ]
)
_BULLET = re.compile(r"^(?:[-•*+·▪–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s)")


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(tuple('.!?:;…"”’)]'))


def _is_heading_text(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _MAX_WORDS or len(text) > _MAX_CHARS:
        return False
    if text.endswith(_FINAL_PUNCT) or _BULLET.match(text):
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"“'‘"):
        return False
    last = re.sub(r"\W+$", "", words[-1]).lower()
    return last not in _FUNCTION_WORDS and any(ch.isalpha() for ch in text)


def find_headings(lines: list[Line], text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each heading line among the non-blank ``lines`` of the working ``text``."""
    found: list[tuple[int, int]] = []
    if len(lines) < 2:  # a one-line document is its own text, not a heading over nothing
        return ()
    for index, line in enumerate(lines):
        if not _is_heading_text(line.text):
            continue
        previous = lines[index - 1] if index > 0 else None
        after_break = (
            previous is None
            or text.count("\n", previous.end, line.start) >= 2
            or _ends_sentence(previous.text)
            or (previous.start, previous.end) in found
        )
        following = lines[index + 1] if index + 1 < len(lines) else None
        continued = following is not None and following.text[:1].islower()
        if after_break and not continued:
            found.append((line.start, line.end))
    return tuple(found)
