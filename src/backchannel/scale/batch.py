"""Code one batch of articles with a pipeline, isolating documents that break it or hang.

``Pipeline.run`` turns a failing stage into a ``StageError`` itself; a document that
raises past it would otherwise take its whole batch down, so ``code_batch`` re-runs
such a batch one document at a time and only the poisoned document becomes a dead
letter.  ``screen`` catches the commonest poison before coding: text that is not valid
Unicode (a lone surrogate such as ``"\\ud800"`` in a JSON record), which can be neither
hashed nor tokenized.

With a ``timeout``, ``code_batch`` codes one document at a time (as fast as a batch: the
pipeline's time is all per document) under a deadline: a document still running after
``timeout`` seconds is interrupted and becomes a ``StageError`` of stage ``timeout``.  In
the main thread the deadline is a ``SIGALRM`` timer, which also breaks into sleeps,
blocking reads and regular expressions; in any other thread (Ray Data runs its actors'
batches in a thread pool) a watchdog thread raises the interruption into the coding
thread, which it reaches at its next Python instruction.  Neither interrupts C code that
never returns to the interpreter: the local engine's pool kills such a worker itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import FrameType
from typing import Any

from backchannel.errors import InputError, StageError
from backchannel.records import Article, DocumentResult
from backchannel.store import Coder, document_hash

__all__ = ["DEFAULT_DOC_TIMEOUT", "Outcome", "TimedCoder", "code_batch", "screen", "text_hash"]

Outcome = DocumentResult | StageError

# Seconds one document may take before it is set aside: far beyond the slowest real document
# (a few seconds for the 2 million characters ``Settings.max_chars`` lets through).
DEFAULT_DOC_TIMEOUT = 300.0


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


def code_batch(coder: Coder, articles: Sequence[Article], timeout: float = 0.0) -> list[Outcome]:
    """One result or ``StageError`` per article, in order; never raises for a bad or hanging document.

    ``timeout``: seconds each document may take (0: no limit).
    """
    if timeout > 0:
        return [_code_one(coder, article, timeout) for article in articles]
    with contextlib.suppress(Exception):  # the worker boundary: on any failure, retry one document at a time
        return list(coder.run(articles))
    return [_code_one(coder, article, 0.0) for article in articles]


class TimedCoder:
    """A coder that codes each article alone, setting aside any still running after ``timeout`` seconds.

    For coding in this process (``--workers 1``); a worker pool passes its timeout to ``code_batch``.
    """

    def __init__(self, inner: Coder, timeout: float) -> None:
        self.inner = inner
        self.timeout = timeout

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for article in articles:
            yield from code_batch(self.inner, [article], self.timeout)


def _code_one(coder: Coder, article: Article, timeout: float) -> Outcome:
    deadline = _Deadline(timeout)
    try:
        try:
            deadline.start()
            outcomes = list(coder.run([article]))
        finally:
            deadline.stop()
    except _Overdue:
        deadline.stop()  # again: the interruption may have cut the first stop short
        return StageError(
            article.doc_id, "timeout", f"document {article.doc_id!r}: no result after {timeout:g} s; interrupted"
        )
    except Exception as exc:  # a poisoned document becomes a dead letter, the run goes on
        return StageError(article.doc_id, "worker", f"{type(exc).__name__}: {exc}")
    if len(outcomes) != 1:
        return StageError(article.doc_id, "worker", f"the coder gave {len(outcomes)} results for one document")
    return outcomes[0]


class _Overdue(BaseException):
    """Raised into a document's coding when its time is up.

    Not an ``Exception``, so that no stage's ``except Exception`` (or a retry loop around
    one) swallows it and carries on.
    """


def _raise_in(thread: int, exc_type: type[BaseException] | None) -> None:
    """Make ``thread`` raise ``exc_type`` at its next Python instruction (None: withdraw a pending one)."""
    what = None if exc_type is None else ctypes.py_object(exc_type)  # None passes NULL
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), what)


class _Deadline:
    """Between ``start()`` and ``stop()``, raises ``_Overdue`` in the calling thread once ``seconds`` have passed.

    It raises again every ``seconds`` after that, in case an interruption lands where it is
    lost (a finalizer, a weak-reference callback).  After ``stop()`` none is raised any more:
    the handler and the watchdog only raise while armed, and an interruption the watchdog had
    sent but the thread had not yet met is withdrawn.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False
        self._lock = threading.Lock()
        self._thread = threading.get_ident()
        self._stopped = threading.Event()
        self._watchdog: threading.Thread | None = None
        self._previous: Callable[[int, FrameType | None], Any] | int | None = None
        self._sent = False

    def start(self) -> None:
        if self.seconds <= 0:
            return
        self.armed = True
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, self.seconds)
        else:
            self._watchdog = threading.Thread(target=self._watch, name="backchannel-deadline", daemon=True)
            self._watchdog.start()

    def stop(self) -> None:
        """Disarm; safe to call again (an interruption may cut a call short before it disarms)."""
        if not self.armed:
            return
        with self._lock:
            self.armed = False
            self._stopped.set()
            if self._sent:  # withdraw it if still pending (if it was already raised: a no-op)
                _raise_in(self._thread, None)
        if self._watchdog is None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            # signal.signal runs a SIGALRM still pending through the (disarmed) handler before swapping it
            signal.signal(signal.SIGALRM, signal.SIG_DFL if self._previous is None else self._previous)

    def _alarm(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise _Overdue

    def _watch(self) -> None:
        while not self._stopped.wait(self.seconds):
            with self._lock:
                if not self.armed:
                    return
                _raise_in(self._thread, _Overdue)
                self._sent = True
