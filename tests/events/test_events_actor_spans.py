"""Every party of an event that quotes a span quotes whole words of the document that name or imply it.

An inferred party (a host country read from the place of the talks, an unidentified group) quotes
no span rather than an arbitrary one: offset 0 by default quoted the article's first letters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backchannel.pipeline import Pipeline
from backchannel.records import ActorRef, DocumentResult

_WORD = re.compile(r"\w")

SENTENCES = [
    # talks hosted by a country named only through its capital: the host mediates
    "Israeli and Hamas negotiators resumed indirect ceasefire negotiations in Doha on Sunday.",
    "Delegations of Armenia and Azerbaijan held peace talks in Washington, officials said.",
    # unidentified parties
    "Gunmen on motorbikes opened fire on a market in Maiduguri, killing seven people.",
    "A roadside bomb struck a military convoy near Kandahar on Tuesday.",
    # a withdrawn group read as one mention with its origin
    "Turkey said it was withdrawing its fighters from Syria after the agreement.",
]


def _refs(doc: DocumentResult) -> list[tuple[str, ActorRef]]:
    out: list[tuple[str, ActorRef]] = []
    for e in doc.events:
        for role, refs in (("actor", e.actor), ("recipient", e.recipient), ("mediator", e.mediator)):
            out += [(f"{e.event_type}/{e.trigger.text}/{role}", r) for r in refs]
        if e.reported_by is not None:
            out.append((f"{e.event_type}/{e.trigger.text}/reported_by", e.reported_by))
    return out


def _check_spans(text: str, doc: DocumentResult) -> list[str]:
    bad: list[str] = []
    for where, r in _refs(doc):
        if r.start is None or r.end is None:
            assert r.start is None and r.end is None, (where, r)
            continue
        quoted = text[r.start : r.end]
        whole = (r.start == 0 or not _WORD.match(text[r.start - 1]) or not _WORD.match(text[r.start])) and (
            r.end == len(text) or not _WORD.match(text[r.end]) or not _WORD.match(text[r.end - 1])
        )
        if quoted != r.text or not quoted.strip() or not whole:
            bad.append(f"{where}: {r.name} quotes {quoted!r} at {r.start}..{r.end} (text {r.text!r})")
    return bad


def test_the_specimen_quotes_no_partial_or_default_span(pipeline: Pipeline, seed_text: str) -> None:
    from backchannel.pipeline import extract

    doc = extract(seed_text, date="2024-03-01", doc_id="seed", pipeline=pipeline)
    assert _check_spans(seed_text, doc) == []
    hosts = [m for e in doc.events for m in e.mediator if m.country == "QAT"]
    assert hosts, "the ceasefire talks in Doha keep Qatar as their mediator"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_written_sentences_quote_only_whole_words(pipeline: Pipeline, sentence: str) -> None:
    from backchannel.pipeline import extract

    text = "Officials gave no further details. " + sentence
    doc = extract(text, date="2024-05-01", pipeline=pipeline)
    assert _check_spans(text, doc) == []


def test_white_house_records_quote_only_whole_words(pipeline: Pipeline, shared_dir: Path) -> None:
    from backchannel.pipeline import extract

    corpus = shared_dir / "corpus" / "whitehouse-2023-2024.jsonl"
    bad: list[str] = []
    events = 0
    with corpus.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle):
            if lineno % 97:
                continue
            record = json.loads(line)
            text = record["text"][:6000]
            doc = extract(text, date=record["date"], doc_id=record["id"], pipeline=pipeline)
            events += len(doc.events)
            bad += [f"{record['id']}: {b}" for b in _check_spans(text, doc)]
    assert events > 50
    assert bad == []
