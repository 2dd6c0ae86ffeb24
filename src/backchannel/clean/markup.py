"""Markup left in scraped or converted text: HTML, Markdown, separators and datelines.

Tags, comments, tables, autolinks, bare URLs, Markdown heading hashes and link brackets,
and lines made only of symbols (``# #``, ``***``, ``-----``, ``[…]``) are "boilerplate";
``<figure>`` elements and Markdown images are "caption".  A dateline (``WASHINGTON –``,
``NAIROBI, Kenya (AP) _``, ``(Reuters) -``) at the start of a line is "boilerplate": it
names where the story was filed, not where anything happened.
"""

from __future__ import annotations

import re

from backchannel.clean.buffer import WorkBuffer

__all__ = ["BOILERPLATE", "CAPTION", "blank_markup", "blank_separator_lines"]

BOILERPLATE = "boilerplate"
CAPTION = "caption"

_HTML_TAGS = (
    r"a|abbr|article|aside|audio|b|big|blockquote|br|caption|center|cite|code|dd|del|details|div|dl|dt|em|"
    r"figcaption|figure|font|footer|h[1-6]|header|hr|i|iframe|img|ins|kbd|li|main|mark|nav|ol|p|picture|pre|q|"
    r"s|section|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|video|wbr"
)
_WHOLE_ELEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), BOILERPLATE),
    (re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I), BOILERPLATE),
    (re.compile(r"<figure\b.*?</figure\s*>", re.S | re.I), CAPTION),
    (re.compile(r"<table\b.*?</table\s*>", re.S | re.I), BOILERPLATE),
    (re.compile(r"!\[[^\]\n]*\]\([^()\s]*\)"), CAPTION),
    (re.compile(r"<(?:https?://|mailto:|www\.)[^<>\s]*>", re.I), BOILERPLATE),
    (re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.I), BOILERPLATE),
    (re.compile(r"\bhttps?://[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]", re.I), BOILERPLATE),
)
_MD_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(?=[^\n]*\w)", re.M)
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
_END_MARKS = re.compile(r"^(?:-+ ?30 ?-+|\(?-?ends?-?\)?|\(end\)|end of (?:story|article))$", re.I)
_AGENCIES = (
    r"Reuters|AP|AFP|UPI|Xinhua|dpa|DPA|Bloomberg|CNN|BBC|Sputnik|TASS|Anadolu|IANS|PTI|ANI|WAM|SPA|KUNA|"
    r"Yonhap|Kyodo|EFE|ANSA|Interfax|RIA Novosti|IRNA|MENA|Al Jazeera"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"  # WASHINGTON, GAZA CITY, TEL AVIV
    r"(?:, (?:D\.C\.|DC|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))?"  # , D.C. / , Kenya / , West Bank
    rf"(?:,? {_MONTH} \d{{1,2}})?"  # , March 1
    rf"(?: ?\((?:{_AGENCIES})\))?"  # (Reuters)
    r" ?(?:[–—]|--?|_)(?=[ \t]|$)"
)
_AGENCY_ONLY = re.compile(rf"\((?:{_AGENCIES})\) ?(?:[–—]|--?|_)(?=[ \t]|$)")
# All-caps words that open ordinary sentences with a dash after them ("NATO – the alliance ...").
_NOT_PLACES = frozenset({"NATO", "OPEC", "ASEAN", "IAEA", "UNICEF", "UNRWA", "UNHCR", "BRICS", "NASA", "FEMA"})


def blank_markup(buffer: WorkBuffer) -> None:
    """Blank HTML and Markdown markup; Markdown link text is kept, its brackets and target blanked."""
    for match in _MD_LINK.finditer(buffer.text):
        buffer.blank(match.start(), match.start() + 1, BOILERPLATE)
        buffer.blank(match.end(1), match.end(), BOILERPLATE)
    for pattern, reason in _WHOLE_ELEMENTS:
        for match in pattern.finditer(buffer.text):
            buffer.blank(match.start(), match.end(), reason)
    for match in _MD_HEADING.finditer(buffer.text):
        buffer.blank(match.start(1), match.end(1), BOILERPLATE)


def _dateline_end(line: str) -> int:
    match = _AGENCY_ONLY.match(line)
    if match:
        return match.end()
    match = _DATELINE.match(line)
    if not match:
        return 0
    first = re.sub(r"[^A-Z]", "", match.group("place").split()[0])
    if len(first) < 4 or first in _NOT_PLACES:
        return 0
    return match.end()


def blank_separator_lines(buffer: WorkBuffer) -> None:
    """Blank symbol-only lines and end marks (``# #``, ``-30-``), and datelines at line starts."""
    for line in buffer.lines():
        if _SYMBOLS_ONLY.match(line.text) or _END_MARKS.match(line.text):
            buffer.blank(line.start, line.end, BOILERPLATE)
            continue
        end = _dateline_end(line.text)
        if end:
            buffer.blank(line.start, line.start + end, BOILERPLATE)
