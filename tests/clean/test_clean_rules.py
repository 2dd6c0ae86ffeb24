"""The clean stage's rules, one by one, on realistic news text: what goes, and what must stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.clean import Cleaner
from backchannel.clean.mistranslations import load_table
from backchannel.ingest import read_text
from backchannel.records import CleanDoc

REPORT = "Israeli and Hamas negotiators met in Cairo on Sunday to discuss a truce, officials said."


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _clean(cleaner: Cleaner, text: str) -> CleanDoc:
    doc = cleaner(read_text(text))
    assert len(doc.work_text) == len(text)
    for removed in doc.removed:
        assert text[removed.start : removed.end] == removed.text
    return doc


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Friends, what do you think about this? Please leave a message in the comment area!", "engagement_bait"),
        ("Let us know what you think in the comments.", "engagement_bait"),
        ("Follow us on Twitter for the latest updates.", "engagement_bait"),
        ("Subscribe to our newsletter to get the top stories every morning.", "engagement_bait"),
        ("Like and share if you agree!", "engagement_bait"),
        ("Click here to read the full statement.", "engagement_bait"),
        ("Dear readers, what do you think of the talks?", "engagement_bait"),
        (
            "Some content comes from the Internet, if there is any infringement, please contact us to delete it.",
            "disclaimer",
        ),
        (
            "The views expressed in this article are those of the author and do not reflect the position of this site.",
            "disclaimer",
        ),
        ("This article is reproduced from Global Times.", "disclaimer"),
        ("Copyright © 2024 Example News. All rights reserved.", "disclaimer"),
        ("Reporting by Nidal al-Mughrabi in Cairo; Editing by Peter Graff", "boilerplate"),
        ("(Additional reporting by Jane Doe in Doha)", "boilerplate"),
        ("For more information, visit www.state.gov.", "boilerplate"),
        ("Photo: Palestinians inspect a destroyed house in Rafah.", "caption"),
        ("Source: Reuters", "caption"),
        ("File photo of the Rafah crossing", "caption"),
        ("[Photo/Xinhua]", "caption"),
        ("Foreign ministers at the meeting in Moscow].", "caption"),
        ("* * *", "boilerplate"),
        ("-30-", "boilerplate"),
        ("<!-- -->", "boilerplate"),
    ],
)
def test_non_reporting_lines_are_removed_whole(cleaner: Cleaner, line: str, reason: str) -> None:
    text = f"{REPORT}\n{line}\n{REPORT}\n"
    doc = _clean(cleaner, text)
    assert [(r.reason, r.text) for r in doc.removed] == [(reason, line)]
    assert doc.work_text.count(REPORT) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said he would follow the talks closely and share the results with allies.",
        "Hamas said it would not subscribe to a plan that leaves Israeli troops in Gaza.",
        '"What do you think will happen if the talks fail?" a reporter asked the spokesman.',
        "The U.S. Copyright Office issued new rules on Tuesday.",
        "NATO – the alliance of 32 nations – said it would send more troops.",
        "SAP – the software company – said it would invest in Germany.",
        "The envoy urged both sides to leave a channel for talks open.",
        "Officials said the photo showed the convoy entering Gaza on Monday.",
        "The report, the views in which were criticised by Israel, was published on Monday.",
        "Officials will share comments on the draft with the committee next week.",
    ],
)
def test_reporting_sentences_stay(cleaner: Cleaner, sentence: str) -> None:
    text = f"{REPORT}\n{sentence}\n"
    doc = _clean(cleaner, text)
    assert doc.removed == ()
    assert doc.work_text == text


def test_bait_sentence_at_the_end_of_a_paragraph_goes_alone(cleaner: Cleaner) -> None:
    bait = "Follow us on Telegram for more."
    text = f"{REPORT} {bait}\n"
    doc = _clean(cleaner, text)
    assert [(r.reason, r.text) for r in doc.removed] == [("engagement_bait", bait)]
    assert doc.work_text.startswith(REPORT)


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("GAZA CITY, March 1 (Reuters) - Israeli forces fired on a crowd.", "GAZA CITY, March 1 (Reuters) -"),
        ("NAIROBI, Kenya (AP) _ Suspected bombs exploded outside the embassy.", "NAIROBI, Kenya (AP) _"),
        ("WASHINGTON, D.C. – First Lady Jill Biden will welcome guests.", "WASHINGTON, D.C. –"),
        ("(Reuters) - Israel said on Friday it would send a delegation.", "(Reuters) -"),
    ],
)
def test_datelines_are_boilerplate(cleaner: Cleaner, text: str, removed: str) -> None:
    doc = _clean(cleaner, text)
    assert [(r.reason, r.text) for r in doc.removed] == [("boilerplate", removed)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks with the ×× faction broke down.", [("mask", "××")]),
        ("The █████ report was withheld.", [("mask", "█████")]),
        ("Hamas met the ** delegation in Doha.", [("mask", "**")]),
        ("The **ceasefire** talks resumed in Doha.", [("boilerplate", "**"), ("boilerplate", "**")]),
        ("The *Los Angeles Declaration* was signed.", [("boilerplate", "*"), ("boilerplate", "*")]),
    ],
)
def test_masks_and_markdown_emphasis(cleaner: Cleaner, text: str, expected: list[tuple[str, str]]) -> None:
    doc = _clean(cleaner, text)
    assert [(r.reason, r.text) for r in doc.removed] == expected


def test_markup_blanks_tags_and_keeps_link_text(cleaner: Cleaner) -> None:
    text = (
        'The <u>ceasefire</u> held, said the [State Department](https://www.state.gov/x "t").\n'
        '<figure><img src="a.png" /><figcaption>Aid trucks in Rafah</figcaption></figure>\n'
        "<table><tr><td>Gaza</td><td>120</td></tr></table>\n"
        "Details at <https://www.state.gov/gaza>.\n"
    )
    doc = _clean(cleaner, text)
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["<u>"] == reasons["</u>"] == "boilerplate"
    assert reasons['<figure><img src="a.png" /><figcaption>Aid trucks in Rafah</figcaption></figure>'] == "caption"
    assert reasons["<table><tr><td>Gaza</td><td>120</td></tr></table>"] == "boilerplate"
    assert "The    ceasefire     held, said the  State Department" in doc.work_text
    assert "https" not in doc.work_text


def test_inline_photo_credits_are_captions(cleaner: Cleaner) -> None:
    text = "Smoke rises over Khan Younis (Photo by Said Khatib/AFP via Getty Images) as talks resume."
    doc = _clean(cleaner, text)
    assert [(r.reason, r.text) for r in doc.removed] == [("caption", "(Photo by Said Khatib/AFP via Getty Images)")]


def test_characters_are_normalised_in_place(cleaner: Cleaner) -> None:
    text = "Hamas\u00a0said\r\nthe talks\u200b resumed\x07 in Doha，officials said. Ha\u200bmas agreed.\u2028End."
    doc = _clean(cleaner, text)
    assert doc.work_text == "Hamas said \nthe talks  resumed  in Doha,officials said. Ha\u200bmas agreed.\nEnd."
    assert [(r.reason, r.text) for r in doc.removed] == [("control", "\x07")]


@pytest.mark.parametrize(
    ("text", "phrase", "reading"),
    [
        ("Netanyahu then came forward to dismantle Taiwan.", "dismantle Taiwan", "undermine       "),
        ("He accused Washington of dismantling Taiwan again.", "dismantling Taiwan", "undermining       "),
        ("They discussed ways to cease the ceasefire.", "cease the ceasefire", "reach a   ceasefire"),
        ("Hamas backhanded Fatah out of Gaza in 2007.", "backhanded Fatah out of", "drove      Fatah out of"),
        (
            "The Palestinian autonomous government resigned.",
            "Palestinian autonomous government",
            "Palestinian Authority",
        ),
    ],
)
def test_mistranslations_are_read_by_meaning(cleaner: Cleaner, text: str, phrase: str, reading: str) -> None:
    doc = _clean(cleaner, text)
    start = text.index(phrase)
    assert doc.work_text[start : start + len(phrase)] == reading.ljust(len(phrase))
    [warning] = doc.warnings
    assert (warning.code, warning.start, warning.end) == ("mistranslation", start, start + len(phrase))
    assert phrase in warning.message


def test_taiwan_in_ordinary_english_is_not_touched(cleaner: Cleaner) -> None:
    text = "Beijing wants to dismantle Taiwan's defences, the report said."
    doc = _clean(cleaner, text)
    assert doc.warnings == () and doc.work_text == text


def test_chinese_commentary_terms_warn_only_in_machine_translated_text(cleaner: Cleaner) -> None:
    speech = "Our country will stand with Ukraine, the President said. Our side is united."
    assert _clean(cleaner, speech).warnings == ()
    commentary = "The Chinese side said our side was noncommittal and met with our ambassador to Qatar."
    doc = _clean(cleaner, commentary)
    assert doc.work_text == commentary
    assert sorted(commentary[w.start : w.end] for w in doc.warnings if w.start is not None) == [
        "our ambassador",
        "our side",
    ]


def test_mistranslation_table_is_well_formed() -> None:
    rows = load_table()
    assert len(rows) >= 10
    for row in rows:
        assert row.meaning and row.scope in ("any", "zh")
        if row.anchor is not None:
            assert row.anchor == row.anchor.lower()


@pytest.mark.parametrize(
    "text",
    [
        # hard-wrapped prose: lines end mid-sentence
        "Israeli negotiators arrived in Cairo on Sunday\nfor talks with Qatari mediators about\na truce.\n",
        "The talks ended.\nThe delegation will return to Doha next week in\nMarch for another round.\n",
        # one line with no final stop is the text itself
        "Israel strikes Gaza as talks stall",
        # list items are not headings
        "Participants included:\n- Secretary of State Antony Blinken\n- National Security Advisor Jake Sullivan\n",
    ],
)
def test_lines_that_are_not_headings(cleaner: Cleaner, text: str) -> None:
    assert _clean(cleaner, text).headings == ()


def test_headings_between_paragraphs(cleaner: Cleaner) -> None:
    text = f"Gaza truce talks stall\n\n{REPORT}\n\nMediators turn to Moscow\n{REPORT}\n"
    doc = _clean(cleaner, text)
    assert [text[s:e] for s, e in doc.headings] == ["Gaza truce talks stall", "Mediators turn to Moscow"]


@pytest.mark.parametrize("name", ["timebank.jsonl", "aquaint.jsonl", "geowebnews.jsonl"])
def test_invariants_hold_on_news_corpora(shared_dir: Path, cleaner: Cleaner, name: str) -> None:
    lines = (shared_dir / "eval" / name).read_text(encoding="utf-8").splitlines()
    for line in lines[:150]:
        text = json.loads(line)["text"]
        doc = _clean(cleaner, text)
        assert sum(len(r.text) for r in doc.removed) < 0.2 * len(text) + 40
