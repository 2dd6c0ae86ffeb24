"""Long texts are parsed in pieces cut at line breaks and joined back; batches are bounded in characters."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from backchannel.nlp import Parser
from backchannel.nlp.parser import split_text


@pytest.fixture(scope="module")
def long_text(shared_dir: Path) -> str:
    """The longest of the first 300 White House documents (tens of thousands of characters)."""
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line, _ in zip(handle, range(300), strict=False)]
    return max(texts, key=len)


def test_pieces_rebuild_the_text_and_stay_under_the_limit(seed_text: str) -> None:
    pieces = split_text(seed_text, 800)
    assert "".join(pieces) == seed_text
    assert len(pieces) > 3
    assert all(len(p) <= 800 for p in pieces)
    # every cut falls at the start of a line, after the line break and its blank lines
    for before, after in itertools.pairwise(pieces):
        assert before.endswith("\n") or before[-1].isspace()
        assert "\n" in before[-3:] and not after[0].isspace()


def test_an_overlong_line_is_cut_after_a_sentence() -> None:
    line = (
        "Hamas leader Haniyeh met the Chinese ambassador in Doha on Thursday. "
        "The two sides discussed the ceasefire talks mediated by Egypt and Qatar! "
        'He said: "We will not accept the terms." Talks resume in Cairo next week. '
    ) * 4
    pieces = split_text(line, 200)
    assert "".join(pieces) == line
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.rstrip().endswith((".", "!", '."')) for p in pieces[:-1])


def test_text_without_any_break_is_cut_at_the_limit() -> None:
    blob = "x" * 1_050
    assert split_text(blob, 500) == ["x" * 500, "x" * 500, "x" * 50]
    assert split_text("short text", 500) == ["short text"]
    assert split_text(blob, 0) == [blob]


def test_a_long_document_parses_into_one_doc_with_the_same_tokens(nlp: Language, long_text: str) -> None:
    whole = Parser(nlp, piece_chars=0, batch_chars=0)(long_text)
    pieced = Parser(nlp, piece_chars=2_000, batch_chars=6_000)(long_text)
    assert len(long_text) > 20_000
    assert pieced.text == long_text
    assert [(t.idx, t.text) for t in pieced] == [(t.idx, t.text) for t in whole]
    # every line still starts a sentence, and the parse differs only next to the cuts
    starts = {s.start_char for s in pieced.sents}
    for tok in pieced[1:]:
        if "\n" in pieced[tok.i - 1].text and not tok.is_space:
            assert tok.idx in starts
    same = sum((a.tag_, a.dep_, a.head.i) == (b.tag_, b.dep_, b.head.i) for a, b in zip(whole, pieced, strict=True))
    assert same / len(whole) > 0.99
    whole_ents = {(e.start_char, e.end_char, e.label_) for e in whole.ents}
    pieced_ents = {(e.start_char, e.end_char, e.label_) for e in pieced.ents}
    assert len(whole_ents & pieced_ents) / len(whole_ents) > 0.97


class _Spy:
    """A spaCy pipeline that records how many characters each call to ``pipe`` was given."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.calls: list[int] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        group = list(texts)
        self.calls.append(sum(len(t) for t in group))
        return self.nlp.pipe(group, batch_size=batch_size)


def test_batches_are_bounded_in_characters_and_order_is_kept(nlp: Language, long_text: str, seed_text: str) -> None:
    spy = _Spy(nlp)
    parser = Parser(spy, batch_size=16, piece_chars=3_000, batch_chars=8_000)  # type: ignore[arg-type]
    texts = [seed_text, long_text, "Russia hosted talks between Fatah and Hamas in Moscow.", seed_text]
    docs = list(parser.pipe(texts))
    assert [d.text for d in docs] == texts
    assert max(spy.calls) <= 8_000
    assert sum(spy.calls) == sum(len(t) for t in texts)
    assert [e.text for e in docs[2].ents] == [e.text for e in nlp(texts[2]).ents]
