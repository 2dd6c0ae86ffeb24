"""The trigger finder: which words of a document carry an event, by the lexicon (first part of the coder).

``TriggerFinder.mark`` reads every token of a document once and marks, in a spaCy token extension, the
trigger the token heads as a verb (``verb_trigger``: also asked of heads and complements by the later
parts) and the trigger it starts when the coder reads the sentence (``sentence_trigger``).  Triggers are
verbs, phrasal verbs, light verb + event noun ("held talks"), event nouns that "broke out" or stand
"between X and Y", and predicative adjectives.  A mark is frozen; the argument filler works on a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from backchannel.events.arguments import ArgumentFinder, pobj
from backchannel.events.background import time_anchor
from backchannel.events.candidate import Trigger
from backchannel.events.commerce import company_deal
from backchannel.events.lexicon import Lexicon, TriggerEntry
from backchannel.events.ontology import NO_DERIVATION, QUAD_CLASS, STATE_NOUN_TYPES
from backchannel.events.roles import is_actorish
from backchannel.events.statements import statement_reading
from backchannel.events.syntax import (
    clause_of,
    deinflect,
    direct_object,
    hyphen_prefix,
    marked_clauses,
    misparsed_means,
    pobjs_deep,
    subject,
)
from backchannel.events.territory import names_held_place
from backchannel.events.unnamed_violence import observed_noun, reported_attack
from backchannel.events.wordclasses import WordClasses

__all__ = ["TriggerFinder"]

_MARKS = "backchannel.trigger_marks"  # the doc user-data key of the tokens' marks


@dataclass(frozen=True)
class _Mark:
    finder: ArgumentFinder  # the document's argument finder the mark was made with
    verb: Trigger | None
    sentence: Trigger | None = None
    complete: bool = False  # the sentence trigger is marked too


def _mark_key(tok: Token) -> tuple[str, int]:
    """The doc user-data key of a token's marks: kept there directly, not as a ``tok._`` extension, whose
    every access builds an object (the marks are read several hundred thousand times per corpus)."""
    return (_MARKS, tok.i)


def _store_mark(tok: Token, mark: _Mark) -> _Mark:
    store: dict[Any, Any] = tok.doc.user_data  # spaCy types it dict[str, Any]; any hashable key is kept
    store[_mark_key(tok)] = mark
    return mark


class TriggerFinder:
    """Finds triggers by the lexicon's entries and the word classes; marks them once per document."""

    def __init__(self, lexicon: Lexicon, words: WordClasses) -> None:
        self.lexicon = lexicon
        self.words = words
        # the first words of the lexicon's verb phrases: a verb whose lemma begins none has no lexicon entry
        self._verb_heads = frozenset(key.split(" ", 1)[0] for key in lexicon.verbs)

    # ---------------------------------------------------------------- marks
    def mark(self, doc: Doc, finder: ArgumentFinder) -> None:
        """Mark every token's triggers for this document and its argument finder."""
        for tok in doc:
            self._verb_mark(tok, finder)
        for tok in doc:
            self._complete_mark(tok, finder)

    def verb_trigger(self, tok: Token, finder: ArgumentFinder) -> Trigger | None:
        """The trigger ``tok`` heads as a verb or a light verb (None when it heads none)."""
        return self._verb_mark(tok, finder).verb

    def sentence_trigger(self, tok: Token, finder: ArgumentFinder) -> Trigger | None:
        """The trigger the coder starts at ``tok`` when it reads the sentence word by word."""
        return self._complete_mark(tok, finder).sentence

    def _verb_mark(self, tok: Token, finder: ArgumentFinder) -> _Mark:
        store: dict[Any, Any] = tok.doc.user_data
        mark: _Mark | None = store.get(_mark_key(tok))
        if mark is None or mark.finder is not finder:
            mark = _store_mark(tok, _Mark(finder, self._find_verb_trigger(tok, finder)))
        return mark

    def _complete_mark(self, tok: Token, finder: ArgumentFinder) -> _Mark:
        mark = self._verb_mark(tok, finder)
        if not mark.complete:
            mark = _store_mark(
                tok, _Mark(finder, mark.verb, self._sentence_trigger(tok, mark.verb, finder), complete=True)
            )
        return mark

    def _sentence_trigger(self, tok: Token, verb: Trigger | None, finder: ArgumentFinder) -> Trigger | None:
        if tok.tag_ == "VBG" and observed_noun(tok, self.words):
            return self._noun_trigger(tok, finder)  # "Shelling was heard", parsed as a verb: the gerund is a noun
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return verb
        if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT"):
            return self._adj_trigger(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            return self._noun_trigger(tok, finder)
        return None

    # ---------------------------------------------------------------- verbs
    def verb_lemma(self, tok: Token) -> str:
        """spaCy's lemma, unless a regular de-inflection of the form is a known trigger ("staged" -> "stage")."""
        lemma = tok.lemma_.lower()
        if lemma in self.lexicon.verbs or lemma in self.words.light_verbs:
            return lemma
        for guess in deinflect(tok.lower_):
            if guess in self.lexicon.verbs or guess in self.words.light_verbs:
                return guess
        return lemma

    def _promises(self, vow: Token, finder: ArgumentFinder) -> bool:
        """Is what is vowed cooperative ("vowed to continue supplying gas"), so that the vow is a promise?"""
        chain = [c for c in vow.children if c.dep_ == "xcomp"]
        chain += [g for c in chain for g in c.children if g.dep_ == "xcomp"]  # "vowed to continue supplying"
        promised = [self.verb_trigger(c, finder) for c in chain]
        return any(p is not None and QUAD_CLASS[p.entry.event_type] <= 2 for p in promised)

    def _warns_of_own_act(self, warn: Token, finder: ArgumentFinder) -> bool:
        """Does the warning say what its speaker will do to others ("Moscow warned that it would expel the
        envoys", "warned Serbia it will suspend talks")?  Then it is a threat (PLOVER manual THREATEN:
        "coercive or forceful warnings with serious potential repercussions"), not a disapproval."""
        speaker = subject(warn, self.words)
        for said in (c for c in warn.children if c.dep_ == "ccomp"):
            auxes = {a.lower_ for a in said.children if a.dep_ == "aux"}
            if not auxes & self.words.conditional_commitment_auxiliaries:
                continue
            doer = subject(said, self.words)
            own = doer is not None and (
                doer.lower_ in self.words.condition_subject_pronouns
                or (speaker is not None and doer.lemma_.lower() == speaker.lemma_.lower())
            )
            act = self.verb_trigger(said, finder)
            # conflictual acts, not speech acts ("warned that it would reject the deal" rejects)
            kind = act.entry.event_type if act is not None else "AGREE"
            if own and QUAD_CLASS[kind] >= 3 and kind not in NO_DERIVATION:
                return True
        return False

    def _no_event(self, tok: Token, finder: ArgumentFinder) -> bool:
        """A verb form that names no event whatever the lexicon says."""
        if tok.dep_ in ("amod", "compound"):
            return True  # "the proposed agreement", "the banned movement": modifiers, not events
        if tok.lemma_.lower() in self.words.negating_verbs and any(
            (c.dep_ == "xcomp" and (t := self.verb_trigger(c, finder)) is not None and t.entry.event_type == "REJECT")
            for c in tok.children
        ):
            return True  # "refused to rule out talks": refusing a refusal rejects nothing (PLOVER manual REJECT)
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in self.words.state_participles:
            return True  # "militiamen armed with machetes", "Iran-backed groups"
        if self._mediation_of(tok, finder):
            return True  # "talks resumed in Doha, mediated by Qatar": the mediator of those talks, no talks of its own
        if tok.dep_ == "acl" and tok.lemma_.lower() == "target" and tok.head.lemma_.lower() in self.words.measure_heads:
            return True  # "a U.S. blacklist targeting Chinese firms", "sanctions targeting Russian banks": no attack
        if (
            tok.tag_ == "VBG"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lemma_.lower() in self.words.player_roles
        ):
            return True  # "signs attacking midfielder X", "the defending champion": a player's position
        if misparsed_means(tok, self.words):
            # "killed in Israeli tank shelling" read as "killed in Israeli tank" + a clause "shelling":
            # the shelling is how they were killed, one event whose author the killing takes
            head = self.verb_trigger(tok.head, finder)
            if head is not None and head.entry.event_type == "ASSAULT":
                return True
        return False

    def _mediation_of(self, tok: Token, finder: ArgumentFinder) -> bool:
        """A passive participle of a mediation verb with its agent, on an event ("negotiations mediated by
        Norway", "the talks resumed, brokered by Egypt"): it names the third party of that event (PLOVER
        manual, CONSULT mode third-party), read by ``events/mediators.py``, not a second CONSULT."""
        if tok.tag_ != "VBN" or tok.dep_ not in ("acl", "advcl"):
            return False
        if tok.lemma_.lower() not in self.words.mediation_verbs:
            return False
        if not any(c.dep_ == "agent" for c in tok.children):
            return False
        head = tok.head
        return self.noun_entry(head) is not None or self.verb_trigger(head, finder) is not None

    def _find_verb_trigger(self, tok: Token, finder: ArgumentFinder) -> Trigger | None:
        if self._no_event(tok, finder):
            return None
        ended = self._talks_ended_by(tok)
        if ended is not None:
            return ended  # the same trigger as the talks' own, so the two readings make one event
        lemma = self.verb_lemma(tok)
        phrasal = any(f"{lemma} {c.lower_}" in self.lexicon.verbs for c in tok.children if c.dep_ in ("prt", "prep"))
        if lemma in self.words.speech_verbs and lemma not in self.lexicon.verbs and not phrasal:
            return None  # but "wrote off $1.2 billion in loans", "called off the strike" are events
        dobj = direct_object(tok)
        if dobj is None:
            # passive: "an agreement will be reached" -> the subject is the logical object
            dobj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        found = self._lexicon_trigger(tok, lemma, dobj, finder)
        if found is not None:
            # "declined to comment", "denied the charges": a public statement, which PLOVER drops;
            # "Microsoft agrees to acquire Activision": commerce between firms
            if statement_reading(tok, found.entry, self.words) or company_deal(tok, found.entry, finder):
                return None
            return found
        if lemma == "be":
            return self._state_noun(tok)
        return self._light_verb_object(tok, lemma, dobj)

    def _lexicon_trigger(self, tok: Token, lemma: str, dobj: Token | None, finder: ArgumentFinder) -> Trigger | None:
        if lemma.split(" ", 1)[0] not in self._verb_heads:
            return None  # every key below begins with the lemma: none can be in the lexicon
        keys: list[tuple[str, Token | None]] = []
        for c in tok.children:
            if c.dep_ == "prt":
                keys.append((f"{lemma} {c.lower_}", dobj))
                for g in c.children:
                    if g.dep_ == "pobj":
                        keys.append((f"{lemma} {c.lower_} {g.lower_}", g))
        for c in tok.children:
            if c.dep_ in ("prep", "agent"):
                # "bars her from entering its territory": a gerund object of the preposition counts too
                gerund = next((g for g in c.children if g.dep_ == "pcomp"), None)
                keys.append((f"{lemma} {c.lower_}", pobj(c) or gerund))
        # "called for Israel to withdraw": "call for" with the party asked to do a codable act (not "pushed for
        # the law to pass", "called for people to stay calm")
        keys += [
            (f"{lemma} {mark.lower_}", doer)
            for mark, doer in marked_clauses(tok, self.words)
            if doer is not None and is_actorish(doer, finder) and self.verb_trigger(doer.head, finder) is not None
        ]
        if dobj is not None:
            keys.append((f"{lemma} {dobj.lower_}", None))
        keys.append((lemma, dobj))
        for lookup, obj in keys:
            for entry in self.lexicon.verbs.get(lookup, ()):
                if self._conditions_hold(entry, tok, obj if " " in lookup else dobj, finder):
                    phrase_obj = obj if " " in lookup and obj is not None and obj is not dobj else None
                    promise = entry.retyped_by("promise")
                    if promise is not None and self._promises(tok, finder):
                        entry = promise  # "vowing to continue shipments of aid": a promise
                    threat = entry.retyped_by("own_threat")
                    if threat is not None and self._warns_of_own_act(tok, finder):
                        entry = threat  # "warned that it would expel the envoys": the warning is the threat
                    failed = entry.retyped_by("failed")
                    if failed is not None and tok.dep_ == "xcomp" and self._failure(tok.head):
                        # "failed to reach an agreement": the failure is asserted, a rejection (PLOVER REJECT)
                        return Trigger(trigger=tok, clause=tok.head, entry=failed, phrase_object=phrase_obj)
                    return Trigger(trigger=tok, clause=tok, entry=entry, phrase_object=phrase_obj)
        return None

    def _state_noun(self, tok: Token) -> Trigger | None:
        """'they are in (full swing in) ceasefire negotiations'."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for obj in pobjs_deep(c, 2):
                    noun_entry = self.noun_entry(obj)
                    if noun_entry is not None and noun_entry.event_type in STATE_NOUN_TYPES:
                        return Trigger(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
        return None

    def _light_verb_object(self, tok: Token, lemma: str, dobj: Token | None) -> Trigger | None:
        """Light verb + event noun: "held talks", "launched an attack", "engaged in dialogue"."""
        if lemma not in self.words.light_verbs and not any(
            f"{lemma} {c.lower_}" in self.words.light_verbs for c in tok.children if c.dep_ == "prt"
        ):
            return None
        objs = [dobj] if dobj is not None else []
        if dobj is not None:
            # "launched 10 days of war games", "a series of attacks"
            objs += [g for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            objs += list(dobj.conjuncts)  # "launched artillery, mortar and rocket fire against ..."
        objs += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in self.words.light_verb_object_preps
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for obj in objs:
            noun_entry = self.noun_entry(obj)
            if noun_entry is not None:
                return Trigger(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
        return None

    def _conditions_hold(self, entry: TriggerEntry, verb: Token, obj: Token | None, finder: ArgumentFinder) -> bool:
        if entry.objects:
            if obj is None:
                return False
            lemmas = {obj.lemma_.lower(), obj.lower_}
            lemmas |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
            # "$100 million in humanitarian aid", "a package of military assistance"
            lemmas |= {
                g.lemma_.lower()
                for c in obj.children
                if c.dep_ == "prep" and c.lower_ in self.words.amount_preps
                for g in c.children
                if g.dep_ == "pobj"
            }
            if not lemmas & entry.objects:
                return False
        if entry.not_objects and obj is not None:
            words = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
            if words & entry.not_objects:
                return False  # "strikes its last gold sovereign", "strikes a pose"
        if entry.subjects:
            subj = subject(verb, self.words)
            if subj is None or subj.lemma_.lower() not in entry.subjects:
                return False
        if entry.complements:
            if not any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in entry.complements for c in verb.children):
                return False
            ordered = direct_object(verb)
            if ordered is not None and ordered.lemma_.lower() in self.words.subordinate_nouns:
                return False  # "the president ordered the army to stop": a command, not coercion
        if entry.of_place and not (names_held_place(obj, self.words) or names_held_place(verb, self.words)):
            return False  # "took control of the company": no place taken
        if entry.intransitive and direct_object(verb) is not None:
            return False
        if entry.no_xcomp and any(c.dep_ in ("xcomp", "oprd", "ccomp") for c in verb.children):
            return False
        if entry.obj_actor:
            d = direct_object(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if d is not None and not is_actorish(d, finder):
                return False
        return True

    # ------------------------------------------------------- nouns and adjectives
    def _adj_trigger(self, tok: Token) -> Trigger | None:
        entries = self.lexicon.adjs.get(tok.lemma_.lower())
        if not entries:
            return None
        clause = tok.head if tok.dep_ == "acomp" else tok
        return Trigger(trigger=tok, clause=clause, entry=entries[0])

    def noun_entry(self, tok: Token) -> TriggerEntry | None:
        if tok.ent_type_ in ("DATE", "TIME") and tok.pos_ == "PROPN":
            return None  # "the truce that began in March 2022": a month's name is no protest march
        lemma = tok.lemma_.lower()
        compounds = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if lemma in self.words.war_nouns and any(
            c.lemma_.lower() in self.words.figurative_war_modifiers for c in compounds
        ):
            return None  # "an economic war against Iran", "a trade war", "a price war": no fighting
        for c in compounds:
            entries = self.lexicon.nouns.get(f"{c.lemma_.lower()} {lemma}") or self.lexicon.nouns.get(
                f"{c.lower_} {lemma}"
            )
            if entries:
                return entries[0]
        entries = self.lexicon.nouns.get(lemma) or self.lexicon.nouns.get(tok.lower_)
        hyphenated = hyphen_prefix(tok)
        if hyphenated:
            # "a sit-in", "two sit-ins", "a walk-out" (walkout): the tokenizer splits what the lexicon writes
            # as one word, with or without its hyphen
            nouns = self.lexicon.nouns
            joined = (f"{hyphenated}-{lemma}", f"{hyphenated}{lemma}")
            entries = next((nouns[k] for k in joined if k in nouns), entries)
        if not entries and lemma in self.words.generic_event_heads:
            # "a mediation effort", "the peace process": the modifier names the event
            for c in compounds:
                entries = self.lexicon.nouns.get(c.lemma_.lower())
                if entries:
                    break
        entries = [e for e in entries or () if not e.of_place or names_held_place(tok, self.words)]
        return entries[0] if entries else None

    def _noun_trigger(self, tok: Token, finder: ArgumentFinder) -> Trigger | None:
        entry = self.noun_entry(tok)
        if entry is None:
            return None
        head = tok.head
        failed = self._failed_talks(tok, entry)
        if failed is not None:
            return failed
        # "fighting broke out", "talks were held", "an attack killed ..."
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.words.occurrence_verbs:
            return Trigger(trigger=tok, clause=head, entry=entry, nominal=True, light=True)
        # "shelling was heard near the town", "observers counted 40 blasts": an attack observed, not done, by
        # the verb's subject; the noun's own modifiers ("Russian shelling") name its parties
        if entry.event_type == "ASSAULT" and observed_noun(tok, self.words):
            return Trigger(trigger=tok, clause=head, entry=entry, nominal=True)
        # "the talks between X and Y", "Israel's offensive on Gaza", "the Israeli airstrikes"
        has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        # "damaged in an Iranian drone strike", "the port suffers a drone attack": an attack told as what happened
        reported = (
            entry.event_type == "ASSAULT" and reported_attack(tok, self.words) and not self._attack_above(tok, finder)
        )
        if (
            has_between
            or reported
            or (owner is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "attr"))
        ):
            if time_anchor(tok, self.words):
                return None  # "since the start of the country's civil war": a date, not a report of fighting
            clause = clause_of(tok)
            if clause is not None and clause.i != tok.i and self.verb_trigger(clause, finder) is not None:
                # the noun is an argument of another event ("stop its offensive"): no separate event
                return None
            return Trigger(trigger=tok, clause=clause or tok, entry=entry, nominal=True)
        return None

    def _attack_above(self, tok: Token, finder: ArgumentFinder) -> bool:
        """Is the noun part of an attack a verb already tells ("seven killed and 25 more injured in a bombing")?"""
        for above in tok.ancestors:
            found = self.verb_trigger(above, finder) if above.pos_ in ("VERB", "AUX") else None
            if found is not None and found.entry.event_type == "ASSAULT":
                return True
        return False

    def _failed_talks(self, tok: Token, entry: TriggerEntry) -> Trigger | None:
        """'Talks between X and Y collapsed', 'the third round of talks ended without a deal': the talks'
        ``failed`` retype (PLOVER manual REJECT, mode meet) on the verb that ends them."""
        failed = entry.retyped_by("failed")
        if failed is None:
            return None
        subj = tok
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "of"
            and tok.head.head.lemma_.lower() in self.words.generic_event_heads
        ):
            subj = tok.head.head  # "the third round of talks"
        if subj.dep_ != "nsubj" or not self._failure(subj.head):
            return None
        return Trigger(trigger=tok, clause=subj.head, entry=failed, nominal=True, light=True)

    def _talks_ended_by(self, verb: Token) -> Trigger | None:
        """The failed talks whose subject ``verb`` ends ("negotiations broke down")."""
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            talks = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            for noun in talks:
                entry = self.noun_entry(noun) if noun.pos_ in ("NOUN", "PROPN") else None
                found = self._failed_talks(noun, entry) if entry is not None else None
                if found is not None:
                    return found
        return None

    def _failure(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        keys = {lemma}
        for c in verb.children:
            if c.dep_ in ("prt", "prep"):
                keys.add(f"{lemma} {c.lower_}")
                keys |= {f"{lemma} {c.lower_} {g.lemma_.lower()}" for g in c.children if g.dep_ == "pobj"}
        return bool(keys & self.words.failure_phrases)
