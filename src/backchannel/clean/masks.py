"""Censorship masks (``**``, ``××``, ``█``) and Markdown emphasis asterisks.

Runs of ``*`` on a line are paired like Markdown emphasis (an opener followed by text, a
closer preceded by text); paired runs and single stray asterisks are markup ("boilerplate").
A run of two or more standing alone (``media ** that``) is a mask.  A run of two or more
attached to text on one side but unpaired (``civilian** incidents``) is a mask too, unless
the document uses Markdown emphasis elsewhere, where it is a stray markup run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backchannel.clean.buffer import WorkBuffer
from backchannel.clean.markup import BOILERPLATE

__all__ = ["MASK", "blank_masks"]

MASK = "mask"
_OTHER_MASKS = re.compile(r"×{2,}|█+|■{2,}|Ｘ{2,}")
_STAR_RUN = re.compile(r"\*+")


@dataclass(frozen=True)
class _Run:
    start: int
    end: int
    paired: bool
    standalone: bool


def _star_runs(start: int, text: str) -> list[_Run]:
    matches = list(_STAR_RUN.finditer(text))
    openers: list[int] = []
    paired: set[int] = set()
    for run in matches:
        before = text[run.start() - 1] if run.start() > 0 else " "
        after = text[run.end()] if run.end() < len(text) else " "
        if not before.isspace() and openers:
            paired.update((openers.pop(), run.start()))
        elif not after.isspace():
            openers.append(run.start())
    runs = []
    for run in matches:
        before = text[run.start() - 1] if run.start() > 0 else " "
        after = text[run.end()] if run.end() < len(text) else " "
        standalone = before.isspace() and after.isspace()
        runs.append(_Run(start + run.start(), start + run.end(), run.start() in paired, standalone))
    return runs


def blank_masks(buffer: WorkBuffer) -> None:
    """Blank mask characters (only them) and Markdown emphasis asterisks."""
    for match in _OTHER_MASKS.finditer(buffer.text):
        buffer.blank(match.start(), match.end(), MASK)
    runs = [run for line in buffer.lines() if "*" in line.text for run in _star_runs(line.start, line.text)]
    uses_markdown = any(run.paired for run in runs)
    for run in runs:
        is_mask = run.end - run.start >= 2 and not run.paired and (run.standalone or not uses_markdown)
        buffer.blank(run.start, run.end, MASK if is_mask else BOILERPLATE)
