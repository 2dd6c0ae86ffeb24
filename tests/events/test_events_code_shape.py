"""The coder stays reviewable: small functions, a short orchestrating module (issue: the coder as data)."""

from __future__ import annotations

import ast
from pathlib import Path

EVENTS = Path(__file__).resolve().parents[2] / "src" / "backchannel" / "events"
LONGEST_FUNCTION = 80
CODER_LINES = 500


def test_no_function_of_the_event_coder_is_over_80_lines() -> None:
    long: list[str] = []
    for path in sorted(EVENTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > LONGEST_FUNCTION:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []


def test_the_coder_module_only_orchestrates() -> None:
    assert len((EVENTS / "coder.py").read_text(encoding="utf-8").splitlines()) < CODER_LINES
