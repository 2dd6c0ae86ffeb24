"""The clean stage: ``Cleaner(article) -> CleanDoc``."""

from __future__ import annotations

from backchannel.clean.appeals import blank_appeals, blank_caption_lines, blank_inline_captions
from backchannel.clean.buffer import WorkBuffer
from backchannel.clean.headings import find_headings
from backchannel.clean.markup import blank_markup, blank_separator_lines
from backchannel.clean.masks import blank_masks
from backchannel.clean.mistranslations import MistranslationTable, load_table
from backchannel.clean.normalise import normalise_chars
from backchannel.records import Article, CleanDoc, Removed

__all__ = ["Cleaner"]

# Neighbouring sentences removed for the same reason on one line are one span ("... about this? Leave a message!").
_MERGED_REASONS = frozenset({"engagement_bait", "disclaimer", "caption"})


def _merge_neighbours(removed: list[Removed], original: str) -> tuple[Removed, ...]:
    merged: list[Removed] = []
    for item in sorted(removed, key=lambda r: (r.start, r.end)):
        last = merged[-1] if merged else None
        gap = original[last.end : item.start] if last is not None else ""
        if last is not None and item.reason == last.reason in _MERGED_REASONS and gap.isspace() and "\n" not in gap:
            merged[-1] = Removed(
                start=last.start, end=item.end, reason=last.reason, text=original[last.start : item.end]
            )
        else:
            merged.append(item)
    return tuple(merged)


class Cleaner:
    """Blank what is not reporting, fix known mistranslations, find headings; offsets never move.

    ``work_text`` has exactly ``len(article.text)`` characters and every ``Removed`` holds
    ``article.text[start:end]``.
    """

    def __init__(self) -> None:
        self.mistranslations = MistranslationTable(load_table())

    def __call__(self, article: Article) -> CleanDoc:
        buffer = WorkBuffer(article.text)
        normalise_chars(buffer)
        blank_markup(buffer)
        blank_separator_lines(buffer)
        blank_appeals(buffer)
        blank_caption_lines(buffer)
        blank_inline_captions(buffer)
        blank_masks(buffer)
        self.mistranslations.apply(buffer)
        work_text = buffer.text
        headings = find_headings(buffer.lines(), work_text)
        return CleanDoc(
            article=article,
            work_text=work_text,
            removed=_merge_neighbours(buffer.removed, article.text),
            warnings=tuple(buffer.warnings),
            headings=headings,
        )
