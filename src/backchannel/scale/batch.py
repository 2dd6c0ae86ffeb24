"""Code one batch of articles with a pipeline, isolating documents that break it.

``Pipeline.run`` turns a failing stage into a ``StageError`` itself; a document that
raises past it would otherwise take its whole batch down, so ``code_batch`` re-runs
such a batch one document at a time and only the poisoned document becomes a dead
letter.  ``screen`` catches the commonest poison before coding: text that is not valid
Unicode (a lone surrogate such as ``"\\ud800"`` in a JSON record), which can be neither
hashed nor tokenized.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence

from backchannel.errors import InputError, StageError
from backchannel.records import Article, DocumentResult
from backchannel.store import Coder, document_hash

__all__ = ["Outcome", "code_batch", "screen", "text_hash"]

Outcome = DocumentResult | StageError


def text_hash(article: Article) -> str:
    """The content hash of ``article``; ``InputError`` if its text is not valid Unicode."""
    try:
        return document_hash(article.text)
    except UnicodeEncodeError as exc:
        where = article.origin or article.doc_id
        raise InputError(
            where, f"document {article.doc_id!r}: text is not valid Unicode at offset {exc.start} ({exc.reason})"
        ) from exc


def screen(items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
    """Pass items through, turning articles whose text cannot be hashed into ``InputError``."""
    for item in items:
        if isinstance(item, Article):
            try:
                text_hash(item)
            except InputError as exc:
                yield exc
                continue
        yield item


def code_batch(coder: Coder, articles: Sequence[Article]) -> list[Outcome]:
    """One result or ``StageError`` per article, in order; never raises for a bad document."""
    with contextlib.suppress(Exception):  # the worker boundary: on any failure, retry one document at a time
        return list(coder.run(articles))
    outcomes: list[Outcome] = []
    for article in articles:
        try:
            outcomes.extend(coder.run([article]))
        except Exception as exc:  # a poisoned document becomes a dead letter, the run goes on
            outcomes.append(StageError(article.doc_id, "worker", f"{type(exc).__name__}: {exc}"))
    return outcomes
