"""Property tests: for any text, every stage and ``extract`` return contract-valid records with sound spans.

Texts are drawn from hostile alphabets (control and format characters, right-to-left scripts and bidi
controls, lone surrogates from bytes decoded with ``surrogateescape``, mojibake, only punctuation, long
runs without a full stop) mixed with fragments of real news sentences so that events are actually coded.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reliability_checks import check_result, check_span

from backchannel.errors import StageError
from backchannel.pipeline import Pipeline, extract
from backchannel.records import Article

PROFILE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=False,
)

NEWS = (
    "Hamas political leader Ismail Haniyeh met China's ambassador to Qatar in Doha on Thursday",
    "Israel must stop its offensive and withdraw its troops from Gaza, the group said",
    "Russia launched missiles at Kyiv last week, Ukrainian officials said",
    "The United States imposed sanctions on Iran on 3 March 2024",
    "Egypt and Qatar mediated talks between Israel and Hamas in Cairo",
    "Protesters in Beirut demanded a ceasefire on Friday",
    "President Biden spoke with Prime Minister Netanyahu about humanitarian aid",
    "Fatah accused Hamas of rejecting the agreement a few days ago",
)
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
RTL_WORDS = ("حماس", "إسرائيل", "الدوحة", "غزة", "ישראל", "ירושלים", "مذاکرات", "قطر")
PUNCT = string.punctuation + "«»“”‘’…—–¿¡·•§¶†‡※〃〜"

controls = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn"]), max_size=40)
any_text = st.text(max_size=300)
surrogate_text = st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="surrogateescape"))
mojibake = st.sampled_from(NEWS).map(lambda s: s.replace("a", "é").encode("utf-8").decode("cp1252", errors="replace"))
rtl = st.lists(st.one_of(st.sampled_from(RTL_WORDS), st.sampled_from(BIDI), st.sampled_from(NEWS)), max_size=12).map(
    " ".join
)
punctuation_only = st.text(alphabet=PUNCT + " \n", min_size=1, max_size=400)
no_full_stop = st.lists(st.sampled_from(" ".join(NEWS).replace(".", "").split()), min_size=50, max_size=900).map(
    " ".join
)
separators = st.sampled_from([". ", "\n", "\n\n", " ", "", "; ", "! ", "? ", "\r\n", "\u2028", "\x0c", "\t"])
pieces = st.one_of(
    st.sampled_from(NEWS), controls, any_text, surrogate_text, mojibake, rtl, punctuation_only, st.sampled_from(BIDI)
)
hostile_text = st.one_of(
    st.tuples(st.lists(st.tuples(pieces, separators), max_size=10)).map(lambda t: "".join(a + b for a, b in t[0])),
    any_text,
    surrogate_text,
    rtl,
    punctuation_only,
    no_full_stop,
    controls,
)
doc_dates = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(str))


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@PROFILE
@given(text=hostile_text, day=doc_dates)
def test_extract_returns_a_valid_record_with_sound_spans_for_any_text(
    pipeline: Pipeline, text: str, day: str | None
) -> None:
    if not _valid_unicode(text):
        # Lone surrogates cannot be parsed nor written as JSON: the document is refused, clearly.
        with pytest.raises(StageError, match="lone surrogate"):
            extract(text, day, pipeline=pipeline)
        return
    result = extract(text, day, pipeline=pipeline)
    check_result(text.removeprefix("\ufeff"), result)


@PROFILE
@given(text=hostile_text)
def test_clean_keeps_length_and_removed_spans_quote_the_original(pipeline: Pipeline, text: str) -> None:
    clean = pipeline.cleaner(Article(doc_id="t", text=text))
    assert len(clean.work_text) == len(text)
    for removed in clean.removed:
        check_span(text, removed.start, removed.end, removed.text, f"removed ({removed.reason})")
    for start, end in clean.headings:
        assert 0 <= start <= end <= len(text)
    assert type(clean).model_validate(clean.model_dump()) == clean


@PROFILE
@given(text=hostile_text, day=doc_dates)
def test_time_tagger_spans_quote_the_text(pipeline: Pipeline, text: str, day: str | None) -> None:
    for mention in pipeline.times.tag(text, day):
        check_span(text, mention.start, mention.end, mention.text, f"time {mention.text!r}")
        if mention.value is not None:
            assert mention.value[:4].isdigit(), mention


@PROFILE
@given(text=hostile_text, day=doc_dates)
def test_actor_and_place_resolvers_on_a_parsed_doc_quote_the_text(
    pipeline: Pipeline, text: str, day: str | None
) -> None:
    assume(_valid_unicode(text))  # the pipeline refuses lone surrogates before parsing
    doc = pipeline.parser(text)
    actors = pipeline.actors.find(doc, day)
    for mention in actors:
        check_span(text, mention.start, mention.end, mention.text, f"actor {mention.text!r}")
    assert [a.start for a in actors] == sorted(a.start for a in actors)
    countries = [a.country for a in actors if a.country and len(a.country) == 3]
    for place in pipeline.places.find(doc, countries, keep_unresolved=True):
        check_span(text, place.start, place.end, place.text, f"place {place.text!r}")
        if place.lat is not None and place.lon is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def _words_without_full_stop(size: int) -> Iterator[str]:
    words = " ".join(NEWS).replace(".", "").split()
    rnd = random.Random(7)
    total = 0
    while total < size:
        word = rnd.choice(words)
        total += len(word) + 1
        yield word


@pytest.mark.parametrize("size", [50_000, pytest.param(1_000_000, marks=pytest.mark.slow)])
def test_text_without_a_full_stop_is_coded_consistently(pipeline: Pipeline, size: int) -> None:
    """A run-on text is coded into a valid, consistent record.  How long it takes is a figure of
    ``make bench`` (``bench_length``, the no_full_stop rows), not a limit here."""
    text = " ".join(_words_without_full_stop(size + 100))[:size]
    assert "." not in text and len(text) == size
    result = extract(text, "2024-03-01", pipeline=pipeline)
    check_result(text, result)
    assert result.actors, "a run of news words names some actor"
    assert result.events, "a run of news words holds some event"
