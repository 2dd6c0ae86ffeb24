"""Public statements that a trigger's words would otherwise code as an event.

PLOVER drops CAMEO's "make public statement" family (CAMEO 01; PLOVER README, CAMEO-to-PLOVER table):
declining comment (011), denying responsibility (016) and condolences (018) are statements, not acts.
The lexicon's "decline", "refuse", "deny" and "reject" code REJECT, "offer" AGREE; these checks say when
the same verbs only make such a statement.  Each reads the trigger's own children (no sentence scan);
the word classes named are in ``data/wordclasses.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.lexicon import TriggerEntry
from backchannel.events.syntax import direct_object
from backchannel.events.wordclasses import WordClasses

__all__ = ["statement_reading"]


def statement_reading(verb: Token, entry: TriggerEntry, words: WordClasses) -> str | None:
    """The kind of public statement ``verb`` makes instead of the event of ``entry`` (None when it makes
    the event): "declined to comment", "denied the charges", "offered condolences"."""
    if entry.event_type == "REJECT" and _declines_comment(verb, words):
        return "decline comment (CAMEO 011)"
    if entry.event_type == "REJECT" and not entry.objects and _denies_accusation(verb, words):
        return "deny responsibility (CAMEO 016)"
    obj = direct_object(verb)
    if obj is not None and obj.lemma_.lower() in words.empathy_nouns:
        return "empathetic comment (CAMEO 018)"  # "offered condolences to the families"
    return None


def _declines_comment(verb: Token, words: WordClasses) -> bool:
    """'declined to comment', 'refused to elaborate', 'declined comment'."""
    obj = direct_object(verb)
    if obj is not None and obj.lemma_.lower() in words.comment_words:
        return True
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in words.comment_words for c in verb.children)


def _denies_accusation(verb: Token, words: WordClasses) -> bool:
    """'denied the charges', 'rejected accusations of genocide', 'denied that its forces had fired'."""
    obj = direct_object(verb)
    if obj is not None:
        return obj.lemma_.lower() in words.denial_objects
    return verb.lemma_.lower() in words.allegation_verbs and any(c.dep_ == "ccomp" for c in verb.children)
