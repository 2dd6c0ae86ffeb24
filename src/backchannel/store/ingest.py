"""Feed articles through a coder and persist the results (compute apart from write).

The coder (``backchannel.pipeline.Pipeline`` in production) computes one
``DocumentResult`` or ``StageError`` per article, in order; ``Store`` writes
each document in its own transaction.  Failures go to ``dead_letters`` and the
batch goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from backchannel.errors import InputError, StageError
from backchannel.records import Article, DocumentResult
from backchannel.store.errors import StoreError
from backchannel.store.writer import RunCounts, Store, document_hash

__all__ = ["Coder", "IngestSummary", "ingest", "recode"]


class Coder(Protocol):
    """Anything that codes articles in order, one result or stage error per article."""

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]: ...


@dataclass
class IngestSummary:
    run_id: int
    documents: int = 0
    skipped: int = 0
    recoded: int = 0
    events: int = 0
    failures: int = 0
    errors: list[str] = field(default_factory=list)

    def counts(self) -> RunCounts:
        return RunCounts(self.documents, self.skipped, self.recoded, self.events, self.failures)


def _fail(store: Store, summary: IngestSummary, doc_id: str | None, origin: str | None, stage: str, error: str) -> None:
    store.dead_letter(summary.run_id, doc_id, origin, stage, error)
    summary.failures += 1
    summary.errors.append(f"{doc_id or origin}: {stage}: {error}")


def _code_in_order(coder: Coder, articles: Iterator[Article]) -> Iterator[tuple[Article, DocumentResult | StageError]]:
    """Pair each coder output with its article, checking the coder keeps order."""
    pending: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in articles:
            pending.append(article)
            yield article

    for output in coder.run(feed()):
        if not pending:
            raise StoreError("the coder returned more results than it was given articles")
        article = pending.popleft()
        if output.doc_id != article.doc_id:
            raise StoreError(f"the coder returned {output.doc_id!r} where {article.doc_id!r} was expected")
        yield article, output


class _Batcher:
    """Collects coded documents and writes them ``size`` at a time, each batch in one transaction."""

    def __init__(self, store: Store, summary: IngestSummary, version: str, size: int) -> None:
        self.store = store
        self.summary = summary
        self.version = version
        self.size = max(1, size)
        self.pending: list[tuple[Article, DocumentResult, str]] = []

    def add(self, article: Article, output: DocumentResult | StageError, digest: str) -> None:
        if isinstance(output, StageError):
            _fail(self.store, self.summary, article.doc_id, article.origin, output.stage, output.problem)
            return
        self.pending.append((article, output, digest))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            outcomes = self.store.write_documents(batch, self.version)
        except StoreError:
            # Isolate the document that cannot be written; the others go in one by one.
            outcomes = []
            for article, result, digest in batch:
                try:
                    outcomes.append(self.store.write_documents([(article, result, digest)], self.version)[0])
                except StoreError as exc:
                    _fail(self.store, self.summary, article.doc_id, article.origin, "store", str(exc))
        for outcome in outcomes:
            if outcome.stored:
                self.summary.documents += 1
                self.summary.events += outcome.events
            else:
                self.summary.skipped += 1


def ingest(
    store: Store,
    items: Iterable[Article | InputError],
    coder: Coder,
    pipeline_version: str,
    *,
    inputs: Sequence[str] = (),
    hasher: Callable[[str], str] = document_hash,
    recode_stale: bool = False,
    batch_size: int = 16,
) -> IngestSummary:
    """Code and store new articles (known content hashes are skipped before coding).

    Coded documents are written ``batch_size`` at a time, one transaction per batch: a
    document is never split, and a killed run loses at most its uncommitted batch.
    """
    summary = IngestSummary(run_id=store.start_run(inputs, pipeline_version))
    hashes: dict[int, str] = {}
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                _fail(store, summary, None, item.origin, "ingest", item.problem)
                continue
            digest = hasher(item.text)
            if digest in seen or store.doc_id_for_hash(digest) is not None:
                summary.skipped += 1
                continue
            seen.add(digest)
            hashes[id(item)] = digest
            yield item

    batcher = _Batcher(store, summary, pipeline_version, batch_size)
    try:
        for article, output in _code_in_order(coder, fresh()):
            batcher.add(article, output, hashes.pop(id(article)))
        batcher.flush()
        if recode_stale:
            _recode_into(store, coder, pipeline_version, summary, stale_only=True)
    finally:
        store.finish_run(summary.run_id, summary.counts())
    return summary


def _recode_into(store: Store, coder: Coder, version: str, summary: IngestSummary, stale_only: bool) -> None:
    stored = store.stored_articles(stale_for=version if stale_only else None)
    keys: dict[int, str] = {}

    def articles() -> Iterator[Article]:
        for doc_id, article in stored:
            keys[id(article)] = doc_id
            yield article

    for article, output in _code_in_order(coder, articles()):
        doc_id = keys.pop(id(article))
        if isinstance(output, StageError):
            _fail(store, summary, doc_id, article.origin, output.stage, output.problem)
            continue
        try:
            summary.events += store.replace_document(doc_id, article, output, version)
        except StoreError as exc:
            _fail(store, summary, doc_id, article.origin, "store", str(exc))
            continue
        summary.recoded += 1


def recode(store: Store, coder: Coder, pipeline_version: str, *, stale_only: bool = True) -> IngestSummary:
    """Re-code stored documents with the current coder, recording its version on each event."""
    summary = IngestSummary(run_id=store.start_run(["<recode>"], pipeline_version))
    try:
        _recode_into(store, coder, pipeline_version, summary, stale_only)
    finally:
        store.finish_run(summary.run_id, summary.counts())
    return summary
