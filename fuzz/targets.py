"""Fuzz targets: ``check_<name>(data)`` raises only on a real bug (anything but a clear, expected refusal).

Shared by the atheris runner (``fuzz/run.py``) and the regression test that replays saved crashes
(``tests/reliability/test_reliability_regressions.py``).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from reliability_checks import check_result  # the path is set just above

from backchannel.errors import BackchannelError, InputError
from backchannel.ingest import ReadSettings, read_inputs
from backchannel.pipeline import Pipeline, extract
from backchannel.records import Article

__all__ = ["TARGETS", "check_extract", "check_html", "check_jsonl", "check_rss"]


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline()


@lru_cache(maxsize=1)
def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="backchannel-fuzz-"))


def check_extract(data: bytes) -> None:
    """``extract`` on any text: a contract-valid record with sound spans, or a clear ``BackchannelError``."""
    text = data.decode("utf-8", errors="surrogateescape")
    try:
        result = extract(text, "2024-03-01", pipeline=_pipeline())
    except BackchannelError:
        return  # a clear refusal (lone surrogates), not a crash
    check_result(text, result)


def _read(data: bytes, suffix: str) -> None:
    path = _scratch() / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)], settings=ReadSettings(max_bytes=1_000_000)):
        assert isinstance(item, Article | InputError), item
        if isinstance(item, Article):
            assert item.text.strip(), "an article with no text"
            item.model_dump_json()  # serialisable: no lone surrogates


def check_html(data: bytes) -> None:
    _read(data, ".html")


def check_jsonl(data: bytes) -> None:
    _read(data, ".jsonl")


def check_rss(data: bytes) -> None:
    _read(data, ".rss")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "extract": check_extract,
    "html": check_html,
    "jsonl": check_jsonl,
    "rss": check_rss,
}
