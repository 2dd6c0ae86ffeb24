"""Replay every input saved by ``fuzz/run.py`` (``regressions/<target>/crash-*``) and the named cases here."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAVED = Path(__file__).with_name("regressions")


def _targets() -> dict[str, Callable[[bytes], None]]:
    spec = importlib.util.spec_from_file_location("backchannel_fuzz_targets", ROOT / "fuzz" / "targets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("backchannel_fuzz_targets", module)
    spec.loader.exec_module(module)
    return dict(module.TARGETS)


# Inputs that once broke something, named after what broke (see the report of issue 7).
NAMED: list[tuple[str, bytes]] = [
    ("extract", b"Hamas met Qatar \xed\xa0\x80 in Doha."),  # a lone surrogate crashed the whole spaCy batch
    ("extract", b"**Federal and District of Columbia Real Property Act** was signed by President Biden."),
    ("jsonl", b"\x1f\x8b\x08\x00" + b"\x00" * 64),  # a gzip'd corpus gave one error per line of compressed bytes
    ("rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>'),
]
SAVED_CASES = sorted((p.parent.name, p) for p in SAVED.glob("*/*") if p.is_file() and not p.name.startswith("."))


@pytest.fixture(scope="module")
def targets() -> dict[str, Callable[[bytes], None]]:
    return _targets()


@pytest.mark.parametrize(("target", "data"), NAMED, ids=[f"{t}-{i}" for i, (t, _) in enumerate(NAMED)])
def test_named_regressions(targets: dict[str, Callable[[bytes], None]], target: str, data: bytes) -> None:
    targets[target](data)


@pytest.mark.parametrize(("target", "path"), SAVED_CASES, ids=[f"{t}/{p.name}" for t, p in SAVED_CASES])
def test_saved_fuzz_crashes_no_longer_crash(
    targets: dict[str, Callable[[bytes], None]], target: str, path: Path
) -> None:
    targets[target](path.read_bytes())
