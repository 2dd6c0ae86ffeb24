"""A sentence that says nobody mediated ("with no third party present", "without mediators")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.events.mediators import mediation_denied
from backchannel.events.wordclasses import WordClasses


@pytest.fixture(scope="module")
def words() -> WordClasses:
    return WordClasses.load()


@pytest.mark.parametrize(
    "text",
    [
        "Serbian and Kosovar negotiators held talks in Brussels with no third party present.",
        "The two foreign ministers met in Geneva without mediators, officials said.",
        "Without an intermediary, the rebels and the army talked for three hours in Juba.",
        "Officials said there was no mediation and that the sides spoke directly in Oslo.",
        "The envoys met in Doha, and no outside mediation was involved, according to a diplomat.",
    ],
)
def test_a_sentence_saying_no_one_mediated(nlp: Language, words: WordClasses, text: str):
    assert mediation_denied(next(iter(nlp(text).sents)), words)


@pytest.mark.parametrize(
    "text",
    [
        "Qatari mediators brought the two sides together in Doha on Sunday.",
        "The talks in Cairo were mediated by Egypt and attended by a third party from the UN.",
        "Hamas and Fatah met in Moscow and talked about a unity government.",
        # a phrase is matched as whole words only: "mediations" is not "mediation"
        "Years of no mediations followed the collapse of the talks in Vienna.",
    ],
)
def test_a_sentence_that_leaves_mediation_open(nlp: Language, words: WordClasses, text: str):
    assert not mediation_denied(next(iter(nlp(text).sents)), words)


def test_each_sentence_of_a_document_is_read_on_its_own(nlp: Language, words: WordClasses):
    doc = nlp(
        "Israel and Hamas held talks in Cairo with no mediators present. Israel and Hamas held talks in Doha. "
        "The rebels met the army in Juba without a third party."
    )
    assert [mediation_denied(sent, words) for sent in doc.sents] == [True, False, True]
