"""A learned fallback: an event of the sentence classifier's type where the rules saw no event word.

Issue 14 ("a learned fallback, gated, only if it pays").  The rule coder asserts nothing in most
sentences without a lexicon trigger; the hashed-feature classifier (``classifier.py``) reads the whole
sentence and may still name a PLOVER type.  ``LearnedFallback.candidate`` proposes one candidate for such
a sentence, only when

- no token of the sentence is a trigger of the lexicon (what the rules found and then set aside, as
  an accident, a natural hazard or an event with no target, stays set aside),
- the classifier's most probable event type (``NONE`` left out) has ``p >= threshold``,
- a verb or noun of the sentence points at that type by its own weights (the trigger of the event); a
  reporting verb ("announces", "confirms", "expressed") never does: it reports an event, it is not one
  (word class ``speech_verbs``),
- the argument filler, reading that type's argument plan, finds an actor.

The builder then sets modality as for any candidate, so a negated or hypothetical clause never gives an
asserted fallback event.  The event's trace names the classifier artifact and its probability; the coder
lowers its confidence (``CONFIDENCE_PENALTY``).  Off unless a threshold is set (``Settings``).

Measured 2026-12-07 (``scripts/measure_fallback.py``), it does not pay: at every threshold where it finds
more events on the check halves (ConfliBERT material cooperation, Wikipedia armed-conflict material
conflict) it also gives events to more ConfliBERT statements and Sports/Arts/Science items, with the
packaged classifier or one retrained with real no-event sentences (``--negatives``), and with a verb-only
trigger; PLOVER GSR gains nothing (the rules see a trigger in each of its sentences).  Hence off.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder
from backchannel.events.candidate import Candidate
from backchannel.events.classifier import ARTIFACT_NAME, NONE_LABEL, EventTypeClassifier, hash_features
from backchannel.events.classifier import sentence_features as classifier_features
from backchannel.events.filler import ArgumentFiller
from backchannel.events.lexicon import TriggerEntry
from backchannel.events.triggers import TriggerFinder
from backchannel.events.wordclasses import WordClasses

__all__ = ["CONFIDENCE_PENALTY", "FALLBACK_RULE", "LearnedFallback"]

FALLBACK_RULE = "fallback: learned sentence classifier"
CONFIDENCE_PENALTY = 0.25  # a fallback event is less sure than a rule event with the same arguments
_TRIGGER_POS = ("VERB", "NOUN")


@dataclass(frozen=True)
class LearnedFallback:
    """Proposes a classifier-typed candidate for a sentence in which the lexicon found no trigger."""

    classifier: EventTypeClassifier
    threshold: float
    words: WordClasses

    def candidate(
        self, sent: Span, triggers: TriggerFinder, filler: ArgumentFiller, finder: ArgumentFinder, s_index: int
    ) -> Candidate | None:
        """The fallback candidate of ``sent`` with its arguments filled, or None."""
        if any(triggers.sentence_trigger(tok, finder) is not None for tok in sent):
            return None
        label, p = self.top_event_type(sent)
        if p < self.threshold:
            return None
        found = self.trigger_word(sent, label, finder)
        if found is None:
            return None
        trigger, weight = found
        verbal = trigger.pos_ == "VERB"
        entry = TriggerEntry(
            kind="verb" if verbal else "noun",
            phrase=trigger.lemma_.lower(),
            event_type=label,
            mode=None,
            source=f"{ARTIFACT_NAME} p={p:.3f}",
        )
        cand = Candidate(trigger=trigger, clause=trigger if verbal else _clause_of(trigger), entry=entry)
        cand.nominal = not verbal
        cand.rule = f"{FALLBACK_RULE} ({label}, p={p:.3f}, trigger {trigger.lemma_.lower()!r} w={weight:.2f})"
        filler.fill(cand, finder, s_index)
        return cand if cand.actors else None

    def top_event_type(self, sent: Span) -> tuple[str, float]:
        """The classifier's most probable PLOVER type (``NONE`` left out) and its probability."""
        probs = self.classifier.proba_of_buckets(hash_features(classifier_features(sent), self.classifier.n_buckets))
        labels = self.classifier.labels
        best = max((i for i, lab in enumerate(labels) if lab != NONE_LABEL), key=lambda i: probs[i])
        return labels[best], float(probs[best])

    def trigger_word(self, sent: Span, label: str, finder: ArgumentFinder) -> tuple[Token, float] | None:
        """The verb or noun whose own features (lemma, and verb lemma for a verb) weigh most for ``label``
        against ``NONE``, and that weight; None when no word points at the type.  A word of an actor's
        name ("the Iranian military", "rebels") names a party, not the event."""
        labels = self.classifier.labels
        col, none_col = labels.index(label), labels.index(NONE_LABEL)
        weights, n = self.classifier.weights, self.classifier.n_buckets
        best: Token | None = None
        best_score = 0.0
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in _TRIGGER_POS or tok.ent_type_ or not tok.is_alpha or lemma in self.words.speech_verbs:
                continue
            if finder.mention_at(tok) is not None:
                continue
            names = [f"u:{lemma}", f"v:{lemma}"] if tok.pos_ == "VERB" else [f"u:{lemma}"]
            score = 0.0
            for name in names:
                row = weights[zlib.crc32(name.encode("utf-8")) % n]
                score += float(row[col] - row[none_col])
            if score > best_score:
                best, best_score = tok, score
        return (best, best_score) if best is not None else None


def _clause_of(tok: Token) -> Token:
    """The verb heading a noun's clause (the noun itself when none does)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return tok
