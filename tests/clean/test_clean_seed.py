"""The clean stage on the specimen article and on real White House records."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from backchannel.clean import Cleaner
from backchannel.ingest import read_text
from backchannel.records import Article, CleanDoc


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def seed(shared_dir: Path, cleaner: Cleaner) -> CleanDoc:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    return cleaner(read_text(text, doc_id="seed", date="2024-03-01"))


def _check_invariants(doc: CleanDoc) -> None:
    original = doc.article.text
    assert len(doc.work_text) == len(original)
    for removed in doc.removed:
        assert original[removed.start : removed.end] == removed.text
        assert doc.work_text[removed.start : removed.end].strip() == ""
    for start, end in doc.headings:
        assert doc.work_text[start:end].strip() and doc.work_text[start] == original[start]
    assert [c for c in doc.work_text if c == "\n"] == [c for c in original if c == "\n"]


def test_seed_invariants(seed: CleanDoc) -> None:
    _check_invariants(seed)


def test_seed_removed_spans(seed: CleanDoc) -> None:
    found = [(r.reason, r.text) for r in seed.removed]
    assert found.count(("mask", "**")) == 3
    others = sorted(item for item in found if item[0] != "mask")
    assert others == [
        ("caption", "Chairman of the Hamas Politburo Haniyeh]."),
        ("caption", "Israel and Hamas are fighting while negotiating]."),
        ("disclaimer", "*All from the Internet, if there is any infringement, please contact to delete."),
        (
            "engagement_bait",
            "In this regard, what do you think in front of the screen, "
            "please leave a message in the comment area to discuss!",
        ),
    ]


def test_seed_masks_blank_only_the_asterisks(seed: CleanDoc) -> None:
    assert "civilian   incidents" in seed.work_text
    assert "post on social media    that" in seed.work_text


def test_seed_dismantle_taiwan_is_read_as_undermine(seed: CleanDoc) -> None:
    assert "Taiwan" not in seed.work_text
    assert 'came forward to "undermine       "' in seed.work_text
    [warning] = [w for w in seed.warnings if "dismantle Taiwan" in w.message]
    assert warning.code == "mistranslation"
    assert warning.start is not None and warning.end is not None
    assert seed.article.text[warning.start : warning.end] == "dismantle Taiwan"


def test_seed_other_mistranslations(seed: CleanDoc) -> None:
    work = seed.work_text
    assert "ways to reach a   ceasefire and cease the fighting" in work
    assert "It's just that it takes two" in work
    assert "Hamas drove      Fatah out of" in work
    # words the correction keeps stay at their original offsets, so actor spans quote the original
    start = seed.article.text.index("Fatah out of Gaza")
    assert work[start : start + len("Fatah out of Gaza")] == "Fatah out of Gaza"
    warned = {seed.article.text[w.start : w.end] for w in seed.warnings if w.start is not None and w.end is not None}
    assert {"our side", "our ambassador", "a slap doesn't make a sound"} <= warned


def test_seed_headings(seed: CleanDoc) -> None:
    headings = [seed.article.text[start:end] for start, end in seed.headings]
    assert headings == [
        "Hamas said last year that it would send representatives to China",
        "People in Gaza are waiting for an airdrop",
        "The U.S. attitude toward the ceasefire has shifted from optimism to pessimism",
    ]
    for _start, end in seed.headings:
        assert seed.work_text[end] == "\n"


def test_seed_headings_do_not_merge_with_the_next_paragraph(seed: CleanDoc, nlp: Language) -> None:
    doc = nlp(seed.work_text)
    for start, end in seed.headings:
        spanning = [s for s in doc.sents if s.start_char < end and s.end_char > start and s.text.strip()]
        assert len(spanning) == 1
        assert spanning[0].text.strip() == seed.article.text[start:end]


def test_seed_reporting_is_untouched(seed: CleanDoc) -> None:
    untouched = [
        "Haniyeh also stressed the need for Palestinian statehood, noting that Israel must stop its offensive on Gaza "
        "and withdraw its troops.",
        "We also know that Hamas and Israel are at loggerheads in Gaza",
        "Russia sent a message that various Palestinian factions, including Fatah and Hamas, would talk in Moscow.",
    ]
    for sentence in untouched:
        assert sentence in seed.work_text


@pytest.fixture(scope="module")
def white_house(shared_dir: Path, cleaner: Cleaner) -> list[CleanDoc]:
    """Readouts of calls and meetings, and every record with end marks or HTML comments, cleaned."""
    path = shared_dir / "corpus" / "whitehouse-2023-2024.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in records if r["title"].startswith("Readout") or "# #" in r["text"] or "<!--" in r["text"]]
    return [cleaner(Article(doc_id=r["id"], text=r["text"], title=r["title"], date=r["date"])) for r in chosen]


_PROSE = re.compile(r"^[A-Z“\"].{40,}[.”\"]$")
_MARKUP = re.compile(r"[<>*#\[\]|]|https?:|\b(?:visit|click)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z.,' ]+ [–—-] ")
_INVISIBLE = re.compile(r"[\u00a0\u00ad\u200b-\u200d\u2009\u202f\ufeff]")


def test_white_house_records_keep_their_reporting(white_house: list[CleanDoc]) -> None:
    assert len(white_house) > 700
    checked = 0
    for doc in white_house:
        article = doc.article
        _check_invariants(doc)
        offset = 0
        for line in article.text.split("\n"):
            text = line.strip()
            if _PROSE.match(text) and not _MARKUP.search(text) and not _DATELINE.match(text):
                start = offset + line.index(text)
                work = doc.work_text[start : start + len(text)]
                assert work == _INVISIBLE.sub(" ", text) or _INVISIBLE.search(text), (article.doc_id, text)
                checked += 1
            offset += len(line) + 1
    assert checked > 3000


def test_white_house_markup_and_end_marks_are_removed(white_house: list[CleanDoc]) -> None:
    for doc in white_house:
        article = doc.article
        for pattern in ("# #", "<!-- -->", "<u>", "</u>"):
            for match in re.finditer(re.escape(pattern), article.text):
                covering = [r for r in doc.removed if r.start <= match.start() and match.end() <= r.end]
                assert covering and covering[0].reason == "boilerplate", (article.doc_id, pattern)
        unexpected = [r for r in doc.removed if r.reason in ("engagement_bait", "disclaimer", "mask")]
        # a White House "..., click here." pointer is the only appeal to readers these records hold
        assert all("click here" in r.text for r in unexpected), (article.doc_id, unexpected)


def test_white_house_dateline_is_boilerplate(cleaner: Cleaner) -> None:
    text = "WASHINGTON – Today, President Biden announced his intent to nominate the following individuals.\n\n# #\n"
    doc = cleaner(read_text(text))
    assert [(r.reason, r.text) for r in doc.removed] == [("boilerplate", "WASHINGTON –"), ("boilerplate", "# #")]
    assert doc.work_text.lstrip().startswith("Today, President Biden announced")
