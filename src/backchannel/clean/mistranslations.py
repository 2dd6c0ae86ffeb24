"""Known machine-translation errors (Chinese -> English), coded by their meaning.

The table ``data/mistranslations.tsv`` is ours; see its header for the columns.  A hit writes
the meaning over the phrase (padded with spaces, never longer) or, when nothing fits, keeps the
phrase; either way it adds a ``Warning_`` with code "mistranslation".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from backchannel.clean.buffer import WorkBuffer
from backchannel.errors import ConfigError
from backchannel.records import Warning_

__all__ = ["MISTRANSLATION", "Mistranslation", "MistranslationTable", "load_table"]

MISTRANSLATION = "mistranslation"
_COLUMNS = ("pattern", "replacement", "meaning", "scope", "note")
# Signs that a text is English machine-translated from Chinese; "zh" rows apply only then.
_ZH_SIGNS = re.compile(
    r"[\u4e00-\u9fff]|\bin front of the screen\b|\bcomment area\b|\bthe Chinese side\b|\bnetizens\b"
    r"|\bif there is any infringement\b|\bpolitburo chairman\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mistranslation:
    pattern: re.Pattern[str]
    replacement: str  # empty: keep the text, only warn
    meaning: str
    scope: Literal["any", "zh"]
    anchor: str | None = None  # a lower-case word every match contains: rows without it in the text are skipped


def _anchor(pattern: str) -> str | None:
    """The longest literal word outside any group of ``pattern`` (every match contains it), if any."""
    outside = pattern
    while True:
        reduced = re.sub(r"\([^()]*\)[?*+]?", " ", outside)
        if reduced == outside:
            break
        outside = reduced
    words = []
    for match in re.finditer(r"(?<![\\A-Za-z])[A-Za-z]+", outside):
        word = match.group()
        if outside[match.end() : match.end() + 1] in ("?", "*", "{"):
            word = word[:-1]  # the last letter is optional
        if len(word) >= 3:
            words.append(word)
    return max(words, key=len).lower() if words else None


def _parse(text: str, source: str) -> tuple[Mistranslation, ...]:
    rows: list[Mistranslation] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != _COLUMNS:
                raise ConfigError(f"{source}:{lineno}: expected header {'/'.join(_COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != len(_COLUMNS):
            raise ConfigError(f"{source}:{lineno}: expected {len(_COLUMNS)} tab-separated fields, got {len(fields)}")
        pattern, replacement, meaning, scope, _note = fields
        if scope not in ("any", "zh"):
            raise ConfigError(f"{source}:{lineno}: scope must be 'any' or 'zh', got {scope!r}")
        try:
            compiled = re.compile(rf"(?<!\w)(?:{pattern})(?!\w|['’]s\b)", re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{source}:{lineno}: bad pattern {pattern!r}: {exc}") from exc
        rows.append(Mistranslation(compiled, replacement, meaning, "any" if scope == "any" else "zh", _anchor(pattern)))
    return tuple(rows)


def load_table() -> tuple[Mistranslation, ...]:
    """The packaged table of known mistranslations."""
    source = resources.files("backchannel.clean").joinpath("data/mistranslations.tsv")
    return _parse(source.read_text(encoding="utf-8"), "mistranslations.tsv")


def _match_case(replacement: str, original: str) -> str:
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _aligned(phrase: str, new: str) -> str:
    """``new`` laid over ``phrase`` so that words the two share keep their original offsets.

    "backhanded Fatah out of" read as "drove Fatah out of" becomes "drove      Fatah out of":
    actor names inside a corrected phrase still point at the original text.  Falls back to
    left-aligned padding when the changed words do not fit their gaps.
    """
    old_words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", phrase)]
    new_words = [m.group() for m in re.finditer(r"\S+", new)]
    matcher = difflib.SequenceMatcher(a=[w for _, _, w in old_words], b=new_words, autojunk=False)
    out = [" "] * len(phrase)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for start, _end, word in old_words[i1:i2]:
                out[start : start + len(word)] = word
            continue
        gap_start = old_words[i1][0] if i1 < len(old_words) else (old_words[i1 - 1][1] + 1 if i1 else 0)
        gap_end = old_words[i2][0] - 1 if i2 < len(old_words) else len(phrase)
        chunk = " ".join(new_words[j1:j2])
        if len(chunk) > max(0, gap_end - gap_start):
            return new.ljust(len(phrase))
        out[gap_start : gap_start + len(chunk)] = chunk
    return "".join(out)


class MistranslationTable:
    """Apply the table to a working buffer."""

    def __init__(self, rows: tuple[Mistranslation, ...]) -> None:
        self.rows = rows

    def apply(self, buffer: WorkBuffer) -> None:
        text = buffer.text
        lowered = text.lower()
        hits: list[tuple[Mistranslation, re.Match[str]]] = []
        taken = bytearray(len(text))  # 1 where an earlier hit lies: hits never overlap
        for row in self.rows:
            if row.anchor is not None and row.anchor not in lowered:
                continue
            for match in row.pattern.finditer(text):
                start, end = match.span()
                if buffer.is_blanked(start, end) or taken.find(1, start, end) != -1:
                    continue
                hits.append((row, match))
                taken[start:end] = b"\x01" * (end - start)
        is_zh = any(row.scope == "any" for row, _ in hits) or _ZH_SIGNS.search(text) is not None
        for row, match in sorted(hits, key=lambda hit: hit[1].start()):
            if row.scope == "zh" and not is_zh:
                continue
            self._apply_one(buffer, row, match)

    @staticmethod
    def _apply_one(buffer: WorkBuffer, row: Mistranslation, match: re.Match[str]) -> None:
        start, end = match.span()
        phrase = match.group()
        note = "kept in the text"
        if row.replacement:
            new = _match_case(match.expand(row.replacement), phrase)
            if len(new) <= end - start:
                buffer.replace(start, end, _aligned(phrase, new))
                note = f'read as "{new}"'
        message = f'"{phrase}" is a known machine-translation error meaning {row.meaning}; {note}'
        buffer.warnings.append(Warning_(code=MISTRANSLATION, message=message, start=start, end=end))
