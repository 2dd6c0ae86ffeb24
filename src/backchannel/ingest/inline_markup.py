"""Inline HTML left inside JSON and JSON Lines records.

Scraped corpora often keep a page's inline formatting in the record's text field
(``January 13<sup>th</sup>``, ``<u>Name, Nominee for Ambassador</u>``,
``<span style="...">On Wednesday</span>``).  Those tags are not part of what the document
says, and every offset of the output refers to the article text, so they are removed at
ingest, the way an HTML page is turned into text: the tag goes, its content stays.  A line
break tag becomes a line break.  Block structure (tables, figures, paragraphs) is left to the
clean stage, which blanks tables and captions as boilerplate.  Character entities are decoded
only in a text that had such markup.
"""

from __future__ import annotations

import html
import re

__all__ = ["unwrap_inline_markup"]

# Phrasing (inline) elements of HTML5 whose tags carry formatting, not text.
_INLINE_TAGS = (
    r"a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|"
    r"sub|sup|time|tt|u|var"
)
_INLINE = re.compile(rf"</?(?:{_INLINE_TAGS})(?:\s[^<>]*)?/?>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


def unwrap_inline_markup(text: str) -> str:
    """``text`` with inline HTML tags removed (content kept), ``<br>`` as a line break, entities decoded."""
    if "<" not in text:
        return text
    unwrapped = _LINE_BREAK.sub("\n", _INLINE.sub("", text))
    if unwrapped == text:
        return text
    return html.unescape(unwrapped)
