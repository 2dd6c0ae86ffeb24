"""Inline HTML inside JSON records never reaches the article text (and so never a quoted sentence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.ingest import read_inputs
from backchannel.ingest.inline_markup import unwrap_inline_markup
from backchannel.records import Article


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "the Prime Minister of Japan visits on Friday, January 13<sup>th</sup> to deepen ties",
            "the Prime Minister of Japan visits on Friday, January 13th to deepen ties",
        ),
        (
            "<u>Maria Lopez, Nominee for Ambassador to the Republic of Chile</u>\n\nMs. Lopez served in Lima.",
            "Maria Lopez, Nominee for Ambassador to the Republic of Chile\n\nMs. Lopez served in Lima.",
        ),
        (
            '<span style="text-decoration: underline">On Wednesday, May 4th</span>, the President met the Emir.',
            "On Wednesday, May 4th, the President met the Emir.",
        ),
        (
            "Talks with <strong>Egypt</strong> &amp; <em>Qatar</em> went on.<br />They resume Monday.",
            "Talks with Egypt & Qatar went on.\nThey resume Monday.",
        ),
    ],
)
def test_inline_tags_are_removed_and_their_words_kept(raw: str, expected: str) -> None:
    assert unwrap_inline_markup(raw) == expected


@pytest.mark.parametrize(
    "plain",
    [
        "AT&T and the ministry signed a deal; 3 < 4 is no tag.",
        "Hamas and Fatah met in Cairo &amp; nothing else was said.",  # no markup: an entity is left as written
        "<table><tr><td>State</td></tr></table> Block markup stays for the clean stage.",
    ],
)
def test_text_without_inline_markup_is_left_as_written(plain: str) -> None:
    assert unwrap_inline_markup(plain) == plain


def test_a_json_lines_record_with_inline_markup_reads_as_plain_text(tmp_path: Path) -> None:
    record = {
        "id": "wh-1",
        "date": "2023-01-10",
        "text": "President Biden will welcome Prime Minister Kishida of Japan on January 13<sup>th</sup>. "
        "<u>The leaders will discuss</u> security.",
    }
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    assert "<" not in article.text
    assert "January 13th." in article.text
    assert "The leaders will discuss security." in article.text
