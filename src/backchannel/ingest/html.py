"""HTML inputs (trafilatura, offline) and HTML fragments (feed entries)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml import etree

from backchannel.errors import InputError
from backchannel.ingest.dates import normalise_date
from backchannel.records import Article

__all__ = ["fragment_to_text", "read_html"]

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, one line per block element."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for bad in root.iter("script", "style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def read_html(
    text: str, *, origin: str, doc_id: str, date: str | None, min_words: int
) -> Iterator[Article | InputError]:
    """One ``Article`` with the main text, title and date trafilatura finds in a saved page."""
    if not text.strip():
        yield InputError(origin, "empty HTML input")
        return
    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # no cross-document deduplication: trafilatura's cache is process-wide and would drop text
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, etree.LxmlError) as exc:
        yield InputError(origin, f"HTML cannot be parsed: {exc}")
        return
    if document is None or isinstance(document, dict):
        yield InputError(origin, "no article text found in the HTML")
        return
    body = (document.text or "").strip()
    if len(body.split()) < max(min_words, 1):
        yield InputError(origin, f"no article text found in the HTML (extracted {len(body.split())} words)")
        return
    page_date = normalise_date(document.date) or date
    yield Article(
        doc_id=doc_id,
        text=body,
        title=document.title or None,
        date=page_date,
        source=document.sitename or None,
        url=document.url or None,
        origin=origin,
    )
