"""TimeTagger on the seed article and on news-like sentences with fixed document dates."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from backchannel.records import TimeMention
from backchannel.time import TimeTagger

DOC_DATE = "2024-03-01"  # a Friday


@pytest.fixture(scope="module")
def tagger() -> TimeTagger:
    return TimeTagger()


def _only(tagger: TimeTagger, text: str, doc_date: str | None = DOC_DATE) -> TimeMention:
    mentions = tagger.tag(text, doc_date)
    assert len(mentions) == 1, mentions
    return mentions[0]


def _find(mentions: list[TimeMention], needle: str) -> TimeMention:
    for mention in mentions:
        if needle.lower() in mention.text.lower():
            return mention
    raise AssertionError(f"no mention containing {needle!r} in {[m.text for m in mentions]}")


@pytest.fixture(scope="module")
def seed_mentions(tagger: TimeTagger, shared_dir: Path) -> tuple[str, list[TimeMention]]:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    return text, tagger.tag(text, DOC_DATE)


def test_seed_offsets_sorted_and_disjoint(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    text, mentions = seed_mentions
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    for before, after in pairwise(mentions):
        assert before.end <= after.start


def test_seed_last_day_of_february(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    mention = _find(seed_mentions[1], "last day of February")
    assert (mention.value, mention.precision, mention.approximate) == ("2024-02-29", "day", False)


def test_seed_a_few_days_ago_is_approximate(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    mention = _find(seed_mentions[1], "a few days ago")
    assert mention.precision == "day" and mention.approximate
    assert "2024-02-25" <= str(mention.value) <= "2024-02-28"


def test_seed_last_year(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    years = [m for m in seed_mentions[1] if m.text.lower() == "last year"]
    assert len(years) == 2
    assert {(m.value, m.precision, m.historical) for m in years} == {("2023", "year", False)}


def test_seed_more_than_a_decade_ago(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    mention = _find(seed_mentions[1], "More than a decade ago")
    assert (mention.value, mention.precision, mention.relation) == ("2014", "year", "before")
    assert mention.historical


def test_seed_within_a_few_weeks_is_future(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    mention = _find(seed_mentions[1], "within a few weeks")
    assert mention.approximate and not mention.historical
    assert mention.value is not None and mention.value > DOC_DATE


def test_seed_some_time_ago_is_loose(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    mention = _find(seed_mentions[1], "some time ago")
    assert mention.value is None and mention.approximate and mention.relation == "before"


def test_seed_has_no_easter_in_eastern(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    assert not any("easter" in m.text.lower() for m in seed_mentions[1])


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Officials said Tuesday that talks would resume.", "2024-02-27", "day"),
        ("The envoy arrived on Friday.", "2024-03-01", "day"),
        ("They will meet next Tuesday in Cairo.", "2024-03-05", "day"),
        ("Prices rose this month.", "2024-03", "month"),
        ("The delegation visited Doha last week.", "2024-02-19", "week"),
        ("The vote is set for March 5.", "2024-03-05", "day"),
        ("The summit opens on 5 March 2024.", "2024-03-05", "day"),
        ("The file is dated 2024-03-05.", "2024-03-05", "day"),
        ("The truce expired on Feb. 29.", "2024-02-29", "day"),
        ("A new round is planned for mid-March.", "2024-03", "month"),
        ("Growth slowed in early 2023.", "2023", "year"),
        ("The deal was signed in 2019.", "2019", "year"),
        ("Sanctions were imposed in the 1990s.", "1990", "decade"),
        ("The minister resigned yesterday.", "2024-02-29", "day"),
        ("The president speaks today.", "2024-03-01", "day"),
        ("Protests are expected tonight.", "2024-03-01", "day"),
        ("Trade fell earlier this year.", "2024", "year"),
        ("Elections will be held next month.", "2024-04", "month"),
        ("The blockade began two years ago.", "2022", "year"),
        ("He was elected on October 7, 2023.", "2023-10-07", "day"),
        ("Fighting intensified last summer.", "2023-06", "season"),
        ("Profits fell in the third quarter of 2023.", "2023-07", "quarter"),
        ("Revenue grew in the first quarter.", "2024-01", "quarter"),
        ("Ties were cut in the 20th century.", "1900", "century"),
        ("Talks collapsed last Christmas.", "2023-12-25", "day"),
        ("The sides met the week of Feb. 12.", "2024-02-12", "week"),
    ],
)
def test_news_expressions(tagger: TimeTagger, text: str, value: str, precision: str) -> None:
    mention = _only(tagger, text)
    assert text[mention.start : mention.end] == mention.text
    assert (mention.value, mention.precision) == (value, precision)


def test_since_makes_an_after_bound(tagger: TimeTagger) -> None:
    mention = _only(tagger, "Gaza has been under attack since October 7.")
    assert (mention.text, mention.value, mention.relation) == ("since October 7", "2023-10-07", "after")


def test_until_makes_a_before_bound(tagger: TimeTagger) -> None:
    mention = _only(tagger, "The ceasefire holds until March 10.")
    assert (mention.value, mention.relation) == ("2024-03-10", "before")


def test_year_without_cue_follows_tense(tagger: TimeTagger) -> None:
    past = _only(tagger, "In November, the two sides agreed on a truce.", "2024-03-01")
    future = _only(tagger, "The two sides will sign the accord in November.", "2024-03-01")
    assert (past.value, future.value) == ("2023-11", "2024-11")


def test_historical_flag(tagger: TimeTagger) -> None:
    old, recent = tagger.tag("The war of 1948 and the talks of 2023.", DOC_DATE)
    assert old.historical and not recent.historical


@pytest.mark.parametrize(
    "text",
    [
        "At least 5 people were killed.",
        "Some 1,200 troops crossed the border.",
        "The council adopted resolution 2334.",
        "The meeting starts at 10 a.m.",
        "About 2000 soldiers and 300 tanks moved north.",
        "You may go, and they march on.",
        "Boeing 747 jets and F-16 fighters flew over.",
    ],
)
def test_non_dates_are_not_tagged(tagger: TimeTagger, text: str) -> None:
    assert tagger.tag(text, DOC_DATE) == []


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("The minister resigned yesterday.", "day"),
        ("Fighting stopped last week.", "week"),
        ("The blockade began two years ago.", "year"),
        ("He spoke on Tuesday.", "day"),
        ("The deal was signed on March 5.", "day"),
    ],
)
def test_relative_without_doc_date_stays_unresolved(tagger: TimeTagger, text: str, precision: str) -> None:
    mention = _only(tagger, text, None)
    assert mention.value is None and mention.precision == precision


@pytest.mark.parametrize(
    ("text", "value"),
    [("It happened on 5 March 2024.", "2024-03-05"), ("It began in 2019.", "2019"), ("In the 1990s.", "1990")],
)
def test_absolute_without_doc_date_still_resolves(tagger: TimeTagger, text: str, value: str) -> None:
    assert _only(tagger, text, None).value == value


def test_time_of_day_attached_to_a_date_is_kept(tagger: TimeTagger) -> None:
    mention = _only(tagger, "Hamas must answer by 9 a.m. Tuesday.", "2024-03-04")
    assert (mention.text, mention.value, mention.relation) == ("by 9 a.m. Tuesday", "2024-03-05", "before")


def test_seed_within_days_in_past_story_stays_unresolved(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    # "some time ago, the Palestinian autonomy was dissolved, and within a few days, Russia sent a message"
    mention = _find(seed_mentions[1], "within a few days")
    assert mention.value is None and mention.approximate
