"""Worker coders for the per-document timeout tests; imported by spawned workers and Ray actors.

They code with the store tests' rule-based stub coder (real text in, real event records
out, no model to load), except on an article whose text holds ``HANG``:

- ``spins`` loops in Python forever, swallowing every ``Exception`` (a retry loop gone wrong);
- ``blocks_in_c`` blocks ``SIGALRM`` and waits in ``os.read`` on a pipe nobody writes to: a
  hang inside C code, which no timer in the process can break.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from backchannel.errors import StageError
from backchannel.pipeline import Settings
from backchannel.records import Article, DocumentResult

HANG = "\u231b this document hangs the coder \u231b"
_STUBCODER = Path(__file__).resolve().parent.parent / "store" / "stubcoder.py"


def stubcoder() -> ModuleType:
    """``tests/store/stubcoder.py``, registered as ``stubcoder`` (the same module the root conftest loads)."""
    if "stubcoder" not in sys.modules:
        spec = importlib.util.spec_from_file_location("stubcoder", _STUBCODER)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["stubcoder"] = module
        spec.loader.exec_module(module)
    return sys.modules["stubcoder"]


def _spin() -> None:
    turns = 0
    while True:
        try:
            turns += 1
        except Exception:  # the bug being simulated: a loop that swallows every error
            continue


def _block_in_c() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    reader, _writer = os.pipe()
    os.read(reader, 1)  # nobody writes: waits in the kernel, with the timer's signal held back


def readouts(shared_dir: Path, n: int, hung: int) -> list[Article]:
    """The first ``n`` distinct White House readouts in which the stub coder finds events; ``hung`` marked ``HANG``."""
    code = stubcoder().code
    articles: list[Article] = []
    texts: set[str] = set()
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            article = Article(doc_id=r["id"], text=r["text"], title=r["title"], date=r["date"], source=r["source"])
            if r["text"] in texts or not code(article).events:
                continue
            texts.add(r["text"])
            if len(articles) == hung:
                article = article.model_copy(update={"text": f"{HANG} {article.text}"})
            articles.append(article)
            if len(articles) == n:
                return articles
    raise AssertionError(f"the corpus has fewer than {n} readouts with events")


class Hangs:
    def __init__(self, hang: str) -> None:
        self.hang = hang
        self.code = stubcoder().code

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for article in articles:
            if HANG in article.text and self.hang == "spin":
                _spin()
            elif HANG in article.text:
                _block_in_c()
            yield self.code(article)


def spins(settings: Settings) -> Hangs:
    return Hangs("spin")


def blocks_in_c(settings: Settings) -> Hangs:
    return Hangs("block")
