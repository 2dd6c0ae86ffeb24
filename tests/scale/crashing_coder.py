"""Worker coders for the local engine's crash tests; imported by the spawned worker processes.

``kills_itself`` codes nothing (one empty result per article) and, on an article whose text
holds ``POISON``, sends its own process SIGKILL: what the OOM killer or a crash in a C
extension does to a worker.  ``cannot_start`` fails while building, like a missing model.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator

from backchannel.errors import ModelError, StageError
from backchannel.pipeline import Settings
from backchannel.records import Article, DocumentResult

POISON = "\u2620 poison pill \u2620"


class KillsItself:
    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for article in articles:
            if POISON in article.text:
                os.kill(os.getpid(), signal.SIGKILL)
            yield DocumentResult(doc_id=article.doc_id, title=article.title, date=article.date)


def kills_itself(settings: Settings) -> KillsItself:
    return KillsItself()


def cannot_start(settings: Settings) -> KillsItself:
    raise ModelError("spaCy pipeline 'en_core_web_sm' is not installed")
