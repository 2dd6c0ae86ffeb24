r"""Length-preserving character fixes that help the parser.

Unusual spaces become spaces, and so do zero-width characters and soft hyphens, except inside
a word (``Ha\u200bmas``, ``extraordinar\u00adily``) where a space would split the word: there
they stay, since no length-preserving fix keeps the word whole at its original offsets.
CR LF becomes " \n", a lone CR or a line/paragraph separator becomes "\n", full-width CJK
punctuation left by machine translation becomes its ASCII twin.  Control characters are
blanked and recorded as removed ("control").
"""

from __future__ import annotations

import re

from backchannel.clean.buffer import WorkBuffer

__all__ = ["CONTROL", "normalise_chars"]

CONTROL = "control"
_TO_SPACE = frozenset(
    "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_TO_NEWLINE = frozenset("\u2028\u2029\x0b\x0c\x85")
_FULL_WIDTH = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "【": "[",
    "】": "]",
    "、": ",",
}


_SPECIAL = re.compile(
    "["
    + re.escape("".join(sorted(_TO_SPACE | _ZERO_WIDTH | _TO_NEWLINE | set(_FULL_WIDTH) | {"\r"})))
    + "\x00-\x08\x0e-\x1f\x7f-\x9f]"
)


def _inside_word(text: str, start: int, end: int) -> bool:
    """True if the invisible character at ``start`` sits between two letters or digits (``Ha\u200bmas``)."""
    before = start - 1
    while before >= 0 and text[before] in _ZERO_WIDTH:
        before -= 1
    after = end
    while after < len(text) and text[after] in _ZERO_WIDTH:
        after += 1
    return before >= 0 and after < len(text) and text[before].isalnum() and text[after].isalnum()


def _is_control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\n\r\t\x0b\x0c") or (0x7F <= code <= 0x9F and char != "\x85")


def normalise_chars(buffer: WorkBuffer) -> None:
    """Apply the character fixes to ``buffer`` in place."""
    chars = buffer.chars
    for match in _SPECIAL.finditer(buffer.original):
        index, char = match.start(), match.group()
        if char in _ZERO_WIDTH:
            if not _inside_word(buffer.original, match.start(), match.end()):
                buffer.set_char(index, " ")
        elif char in _TO_SPACE:
            buffer.set_char(index, " ")
        elif char == "\r":
            following = chars[index + 1] if index + 1 < len(chars) else ""
            buffer.set_char(index, " " if following == "\n" else "\n")
        elif char in _TO_NEWLINE:
            buffer.set_char(index, "\n")
        elif char in _FULL_WIDTH:
            buffer.set_char(index, _FULL_WIDTH[char])
        elif _is_control(char):
            buffer.blank(index, index + 1, CONTROL)
