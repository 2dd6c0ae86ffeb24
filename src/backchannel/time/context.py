"""Clues from the sentence around a mention: tense (does it point forward or back?) and case.

News reports the past by default ("said Friday"); a date points forward when the verb that governs
it is future or scheduled ("will meet Bush on Thursday", "payable Jan. 2", "until 9 a.m. Tuesday").
"""

from __future__ import annotations

import re

__all__ = ["direction", "is_capitalised", "past_narrative", "preceding_word"]

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|going\s+to|scheduled|plans?\s+to|planning\s+to|planned|due\s+to|set\s+to|is\s+to|"
    r"are\s+to|upcoming|expected\s+to|expects\s+to|to\s+be\s+held|would|must)\b|'ll\b",
    re.IGNORECASE,
)
# Words right before a date that make it a deadline or a start still to come.
_FORWARD_LEAD = re.compile(
    r"\b(?:until|till|effective|payable|starting|beginning|as\s+(?:soon|early)\s+as|no\s+later\s+than|"
    r"next|coming|expires?|deadline(?:\s+of)?)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(
    r"\b(?:\w{3,}ed|said|told|met|made|took|gave|came|went|held|began|saw|left|won|lost|fell|rose|got|put|sent|"
    r"spoke|wrote|struck|hit|led|knew|thought|became|broke|brought|bought|fought|found|heard|kept|paid|ran|sold|"
    r"stood|was|were|had|did|ago|last)\s+(?:(?:on|late|early|earlier|last|this\s+past)\s+)?$",
    re.IGNORECASE,
)
_PAST_AFTER = re.compile(
    r"^\s*,?\s*(?:[\w'’-]+\s+){0,3}?(?:\w{3,}ed|said|told|met|made|took|gave|came|went|held|began|saw|left|won|lost|fell|rose|sent|spoke|"
    r"wrote|struck|broke|fought|was|were|had|did)\b",
    re.IGNORECASE,
)
_PAST_NEXT = re.compile(
    r"^\s*(?:\w{3,}ed|said|told|met|made|took|gave|came|went|held|began|saw|left|won|lost|fell|rose|sent|spoke|"
    r"wrote|struck|broke|fought)\b",
    re.IGNORECASE,
)
_SENTENCE_OPENER = re.compile(r"^\W*(?:(?:in|on|since|by|during|until|early|late|last|this)\s+)*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:\"“”()]|``|''|\b(?:and|but|after|before|when|while|since|as)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]\s")
# A mention's sentence is read at most this many characters either side: a text without full stops is
# one "sentence", and reading all of it for every mention made tagging quadratic in the length.
_SENTENCE_REACH = 2000


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _SENTENCE_REACH)
    left = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start), text.rfind("? ", lo, start))
    hi = min(len(text), end + _SENTENCE_REACH)
    found = _SENTENCE_END.search(text, end, min(len(text), hi + 1))
    right = found.start() if found else hi
    return (left + 1 if left >= 0 else lo), right


def direction(text: str, start: int, end: int) -> int:
    """+1 if the date at ``text[start:end]`` points forward, -1 if back, 0 without a clue (news: mostly back)."""
    left, right = _sentence_bounds(text, start, end)
    window = text[max(left, start - 100) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    if _FUTURE_CUES.search(clause):
        return 1  # "will be paid Dec. 14", "will meet Bush on Thursday"
    if _PAST_VERB.search(window):
        return -1  # "said Friday", "announced on Wednesday"
    if _FORWARD_LEAD.search(window):
        return 1
    after = text[end : min(right, end + 60)]
    if _PAST_NEXT.match(after):
        return -1  # "The PRC on Tuesday demanded that the US cancel plans to ...": the next verb is past
    cut = _CLAUSE_BREAK.search(after)
    if _FUTURE_CUES.search(after[: cut.start()] if cut else after):
        return 1
    if _SENTENCE_OPENER.match(text[left:start]) and _PAST_AFTER.match(after):
        return -1  # "In May, talks began"
    return 0


_PAST_ANYWHERE = re.compile(
    r"\b(?:\w{3,}ed|said|told|met|made|took|gave|came|went|held|began|saw|left|won|lost|fell|rose|sent|spoke|"
    r"wrote|struck|broke|fought|was|were|had|did)\b",
    re.IGNORECASE,
)


_PLAIN_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to)\b|'ll\b", re.IGNORECASE)


def past_narrative(text: str, start: int, end: int) -> bool:
    """True when the sentence tells a past story (a past verb, no future cue): "within a few days, Russia sent..."."""
    left, right = _sentence_bounds(text, start, end)
    sentence = text[left:start] + " " + text[end:right]
    return not _PLAIN_FUTURE.search(sentence) and bool(_PAST_ANYWHERE.search(sentence))


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,2}$")


def preceding_word(text: str, start: int) -> str:
    """The word just before ``start`` (lowercased), or ``""``."""
    found = _PREV_WORD.search(text, max(0, start - 30), start)
    return found.group(1).lower() if found else ""
