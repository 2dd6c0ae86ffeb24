"""A same-length working copy of a text, with a record of every span blanked out."""

from __future__ import annotations

from dataclasses import dataclass

from backchannel.records import Removed, Warning_

__all__ = ["Line", "WorkBuffer"]


@dataclass(frozen=True)
class Line:
    """One line of the working text: ``start``/``end`` exclude the newline and surrounding blanks."""

    start: int
    end: int
    text: str  # the stripped working text of the line


class WorkBuffer:
    """Characters of the working text; blanking keeps newlines, so sentence and line boundaries stay."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.chars = list(original)
        self._blanked = [False] * len(original)
        self.removed: list[Removed] = []
        self.warnings: list[Warning_] = []
        self._text: str | None = original

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.chars)
        return self._text

    def is_blanked(self, start: int, end: int) -> bool:
        """True if any character of ``[start, end)`` was blanked already."""
        return any(self._blanked[start:end])

    def replace(self, start: int, end: int, new: str) -> None:
        """Write ``new`` (no longer than the span) over ``[start, end)``, padding with spaces."""
        if len(new) > end - start:
            raise ValueError(f"replacement {new!r} is longer than the span {start}-{end}")
        self.chars[start:end] = list(new.ljust(end - start))
        self._text = None

    def set_char(self, index: int, char: str) -> None:
        self.chars[index] = char
        self._text = None

    def blank(self, start: int, end: int, reason: str) -> None:
        """Blank ``[start, end)`` and record it; parts blanked before are skipped, blanks at the edges trimmed."""
        index = start
        while index < end:
            while index < end and (self._blanked[index] or self.chars[index].isspace()):
                index += 1
            if index >= end:
                break
            stop = index
            while stop < end and not self._blanked[stop]:
                stop += 1
            last = stop
            while last > index and self.chars[last - 1].isspace():
                last -= 1
            self._record(index, last, reason)
            index = stop

    def _record(self, start: int, end: int, reason: str) -> None:
        self._text = None
        for i in range(start, end):
            self._blanked[i] = True
            if self.chars[i] != "\n":
                self.chars[i] = " "
        self.removed.append(Removed(start=start, end=end, reason=reason, text=self.original[start:end]))

    def lines(self) -> list[Line]:
        """The non-blank lines of the current working text."""
        result: list[Line] = []
        text = self.text
        offset = 0
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                result.append(Line(offset + lead, offset + lead + len(stripped), stripped))
            offset += len(raw) + 1
        return result
