"""Modality of an event clause: asserted, negated, hypothetical or future; and who reports it.

Rules read the dependency parse around the trigger:
- negation on the clause itself ("does not condemn"), negative adverbs ("never",
  "rarely"), or a governing verb that negates its complement ("refused to meet");
  a negated "forget/fail/hesitate" cancels out ("have not forgotten to accuse");
- questions and conditionals ("if", "whether", "unless") are hypothetical;
- epistemic modals and hedges ("may", "could", "seems", "likely") are hypothetical;
- "will", "is going to", "expected to", "plans to", "agreed to" make it future;
- modals of the first conjunct carry over to later conjuncts ("must stop ... and withdraw").
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["Modality", "clause_modality", "clause_path", "reporting_verb"]


@dataclass(frozen=True)
class Modality:
    status: str  # asserted | negated | hypothetical | future
    cue: str | None = None
    future_cue: bool = False  # a future or intent marker was seen (also when negated: "will not accept")
    negated: bool = False  # the clause itself is negated (kept when the status is hypothetical)

    def intent(self, words: WordClasses) -> bool:
        """The clause states what its subject means to do ("plans to", "vowed to", "is ready to", "will ... unless")."""
        return self.future_cue and self.cue in words.intent_cues | {"if", "unless"}


def clause_path(token: Token) -> list[Token]:
    """The token and the clause heads above it, up to the sentence root."""
    path = [token]
    cur = token
    while cur.head.i != cur.i and len(path) < 12:
        cur = cur.head
        path.append(cur)
    return path


def _aux_lemmas(verb: Token, words: WordClasses) -> list[str]:
    out = [c.lemma_.lower() for c in verb.children if c.dep_ in words.auxiliary_deps]
    out += [c.lower_ for c in verb.children if c.dep_ in words.auxiliary_deps]
    return out


def _is_negated_here(verb: Token, words: WordClasses) -> bool:
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "advmod" and c.lower_ in words.negative_adverbs:
            return True
        if c.dep_ == "advmod" and c.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in c.children):
            return True  # "is no longer invited", "will no more supply"
        if c.dep_ in words.participant_deps and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True
    return False


def _is_question(verb: Token) -> bool:
    sent = verb.sent
    # the sentence's last words decide; the whole text only when its tail is all quotes and blanks
    tail = sent[max(0, len(sent) - _QUESTION_TAIL) :].text.rstrip().rstrip("\"”’')").rstrip()
    text = tail if tail else sent.text.rstrip().rstrip("\"”’')").rstrip()
    return text.endswith("?")


_QUESTION_TAIL = 8  # tokens


def clause_modality(trigger: Token, words: WordClasses, _depth: int = 0) -> Modality:
    """Decide the status of the event whose clause is headed by ``trigger``."""
    if _is_question(trigger):
        return Modality("hypothetical", "question")

    # 1. negation on the clause itself, or cancelled by a negated "forget/fail to" above it
    negated = _is_negated_here(trigger, words)
    # First conjunct's auxiliaries and negation carry over to bare later conjuncts.
    verb = trigger
    while verb.dep_ == "conj" and not any(
        c.dep_ in words.auxiliary_deps | words.nominal_subject_deps for c in verb.children
    ):
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            break
        negated = negated or _is_negated_here(verb, words)
    found = _own_markers(trigger, verb, negated, words)
    if found is not None:
        return found
    # 2. walk up the clause chain for governing markers
    found, negated = _governing_markers(verb, negated, words, _depth)
    if found is not None:
        return found
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ in words.hedge_adverbs - {"reportedly", "allegedly"}:
            return Modality("hypothetical", c.lower_)
    if negated:
        return Modality("negated", "not")
    return Modality("asserted")


def _own_markers(trigger: Token, verb: Token, negated: bool, words: WordClasses) -> Modality | None:
    """Conditions, auxiliaries, a subjunctive or a wh-infinitive on the clause itself."""
    # "If Israel attacks Rafah, Egypt will suspend the treaty": the consequent is hypothetical too
    for v in (verb, trigger):
        for c in v.children:
            marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
            if c.dep_ == "advcl" and marks & {"if", "unless"}:
                future = any(a in words.conditional_commitment_auxiliaries for a in _aux_lemmas(verb, words))
                future = future and not _own_condition(verb, c, words)
                cue = "unless" if "unless" in marks else "if"
                return Modality("hypothetical", cue, future_cue=future, negated=negated)
    for aux in _aux_lemmas(verb, words) + ([] if verb is trigger else _aux_lemmas(trigger, words)):
        if aux in words.future_auxiliaries:
            return Modality("negated" if negated else "future", aux, future_cue=True)
        if aux in words.hypothetical_auxiliaries:
            if aux in ("would", "'d") and _under_speech(verb, words):
                return Modality("negated" if negated else "future", "would (reported)", future_cue=True)
            if aux == "can" and negated:
                return Modality("negated", "cannot")
            return Modality("hypothetical", aux)
    # mandative subjunctive: "its demand that Israel ease restrictions" (bare verb with a subject)
    if (
        verb.tag_ == "VB"
        and verb.dep_ in words.subjunctive_clause_deps
        and any(c.dep_ == "nsubj" for c in verb.children)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        and not any(c.dep_ in words.auxiliary_deps for c in verb.children)
    ):
        return Modality("hypothetical", "subjunctive")
    # "how to provide assistance", "whether to attack": a topic, not an event
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
        c.dep_ in words.wh_word_deps and c.lower_ in words.wh_words for c in verb.children
    ):
        return Modality("hypothetical", "wh-infinitive")
    return None


def _own_condition(verb: Token, condition: Token, words: WordClasses) -> bool:
    """'If the opposition wins, it will fund ...': the condition is the actor's own doing (its active
    subject is the consequent's subject, or a pronoun after it takes it up), so nothing is promised or
    threatened to another party; "If Iran is attacked, it will retaliate" is still a threat."""
    main = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    cond = next((c for c in condition.children if c.dep_ == "nsubj"), None)
    if main is None or cond is None:
        return False
    if cond.pos_ != "PRON" and main.pos_ != "PRON":
        return main.lemma_.lower() == cond.lemma_.lower()
    return main.lower_ in words.condition_subject_pronouns and cond.pos_ != "PRON" and cond.i < main.i


def _governing_markers(verb: Token, negated: bool, words: WordClasses, depth: int) -> tuple[Modality | None, bool]:
    """Markers on the clauses above: conditions, negating, requesting, future and hedging governors."""
    memo = _HOPS.setdefault(verb.doc, {})
    cur = verb
    hops = 0
    while cur.head.i != cur.i and hops < 8:
        hops += 1
        key = (cur.i, negated, depth, id(words))
        hop = memo.get(key)
        if hop is None:
            hop = memo[key] = _hop(cur, negated, words, depth)
        found, negated, stop = hop
        if found is not None:
            return found, negated
        if stop:
            break
        cur = cur.head
    return None, negated


# one step of that walk, by (clause head, negated so far, depth, word classes) and per Doc (dropped with it):
# the clauses of a run-on sentence share the chain of conjuncts above them, and each of its hundreds of
# events walked that chain again
_HOPS: WeakKeyDictionary[Doc, dict[tuple[int, bool, int, int], tuple[Modality | None, bool, bool]]] = (
    WeakKeyDictionary()
)


def _hop(cur: Token, negated: bool, words: WordClasses, depth: int) -> tuple[Modality | None, bool, bool]:
    """The marker ``cur``'s own governor sets (if any), the negation carried up, and whether the walk stops."""
    kids = [(c.dep_, c) for c in cur.children]  # read once for the marks and the tense below
    marks = [c.lower_ for dep, c in kids if dep == "mark"]
    if any(m in words.conditional_marks for m in marks):
        return Modality("hypothetical", "conditional"), negated, False
    tense = {cur.tag_} | {c.tag_ for dep, c in kids if dep in words.auxiliary_deps}
    if not tense & {"VBD"} and tense & {"VB", "VBP", "VBZ"} and any(m in words.temporal_condition_marks for m in marks):
        return Modality("hypothetical", "temporal condition"), negated, False
    if cur.dep_ in words.governed_clause_deps:
        found, negated = _negating_governor(cur, negated, words)
        found = found or _requesting_governor(cur, words)
        found = found or _intending_governor(cur, negated, words, depth)
        found = found or _content_governor(cur, words)
        found = found or _modal_governor(cur, negated, words)
        if found is not None:
            return found, negated, False
        if cur.head.lemma_.lower() in words.speech_verbs and cur.dep_ == "ccomp":
            # reported speech: modality of the reporting clause does not transfer
            return None, negated, True
    return None, negated, False


def _negating_governor(cur: Token, negated: bool, words: WordClasses) -> tuple[Modality | None, bool]:
    dep, head = cur.dep_, cur.head
    hl = head.lemma_.lower()
    if (
        dep == "pcomp"
        and head.lower_ == "from"
        and head.head.lemma_.lower() in words.preventing_verbs
        and not _is_negated_here(head.head, words)
    ):
        return Modality("negated", f"{head.head.lemma_.lower()} from"), negated
    if dep == "xcomp" and hl in words.negating_verbs and not _is_negated_here(head, words):
        return Modality("negated", f"{hl} to"), negated
    if dep == "xcomp" and hl in words.double_negation_verbs and _is_negated_here(head, words):
        negated = False
    elif dep == "xcomp" and _is_negated_here(head, words) and hl not in words.speech_verbs:
        negated = True
    return None, negated


def _requesting_governor(cur: Token, words: WordClasses) -> Modality | None:
    dep, head = cur.dep_, cur.head
    hl = head.lemma_.lower()
    if dep == "pcomp" and head.lower_ == "against" and head.head.lemma_.lower() in words.dissuading_verbs:
        # "warned Iran against attacking shipping": asked not to happen
        return Modality("hypothetical", f"{head.head.lemma_.lower()} against")
    if (
        dep in ("xcomp", "ccomp")
        and hl in words.request_verbs
        # "a court was told soldiers beat detainees", "commanders told AFP fighters have been
        # demobilized": a tensed clause is reported; a request is bare ("demanded that Israel ease")
        and not (dep == "ccomp" and cur.tag_ != "VB")
        and (
            any(c.dep_ in ("dobj", "nsubjpass") for c in head.children)
            or any(c.dep_ == "nsubj" for c in cur.children)
            or hl not in words.future_verbs
        )
    ):
        # "urged Israel to withdraw", "wants Iran to stop": asked of another party
        return Modality("hypothetical", f"{hl} (requested)")
    return None


def _intending_governor(cur: Token, negated: bool, words: WordClasses, depth: int) -> Modality | None:
    dep, head = cur.dep_, cur.head
    hl = head.lemma_.lower()
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
    if (dep in words.intention_complement_deps or (dep == "advcl" and infinitive)) and hl in words.future_verbs:
        above = clause_modality(head, words, depth + 1) if depth < 3 else Modality("asserted")
        if above.status in ("hypothetical", "negated"):
            return above
        return Modality("negated" if negated else "future", hl, future_cue=True)
    if dep in words.possibility_complement_deps and hl in words.hypothetical_verbs:
        return Modality("hypothetical", hl)
    return None


def _content_governor(cur: Token, words: WordClasses) -> Modality | None:
    """Nouns whose complement is refused, proposed or written, purposes and allegations."""
    dep, head = cur.dep_, cur.head
    hl = head.lemma_.lower()
    if dep in words.noun_relative_deps and head.pos_ == "NOUN" and hl in words.negating_nouns:
        return Modality("negated", hl)
    if dep in words.noun_complement_deps and head.pos_ == "NOUN" and hl in words.proposal_nouns:
        return Modality("hypothetical", hl)
    if head.pos_ == "NOUN" and hl in words.allegation_nouns and cur.i > head.i and _content_clause(cur, words):
        # "denied charges that he ran a hit squad", "citing concerns they undermine security": alleged
        return Modality("hypothetical", f"{hl} (alleged)")
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
    written = dep == "relcl" or (dep == "acl" and infinitive)
    if written and head.pos_ == "NOUN" and hl in words.proposal_nouns | words.legal_texts:
        # "a resolution that aims to tighten sanctions", "a resolution to open an embassy": the content of a
        # text, not an event
        return Modality("hypothetical", hl)
    predicate = any(c.dep_ == "attr" for c in head.children)  # "became the first country to recognize X"
    if dep == "advcl" and infinitive and cur.i > head.i and not predicate:
        # "opened fire to disperse the crowd": the purpose, not (yet) the result
        return Modality("hypothetical", "purpose")
    alleged_participle = (
        dep == "advcl"
        and cur.tag_ == "VBG"
        and hl in words.accusing_verbs
        and any(c.dep_ == "dobj" for c in head.children)
    )
    if (
        (dep in words.allegation_complement_deps or alleged_participle)
        and hl in words.allegation_verbs
        and cur.i > head.i
    ):
        return Modality("hypothetical", f"{hl} (alleged)")
    return None


def _content_clause(cur: Token, words: WordClasses) -> bool:
    """Is ``cur`` what its noun says ("charges that he ran", "concerns they undermine", "allegations of
    shelling"), not a clause about the noun ("the charges that were filed", "a claim which he made")?"""
    if cur.dep_ == "prep":
        return cur.lower_ == "of"  # "concerns over the bombing" are about an event that happened
    if cur.dep_ in words.noun_complement_deps:
        return True
    return cur.dep_ == "relcl" and not any(
        c.lower_ in words.relative_pronouns and c.dep_ != "mark" for c in cur.children
    )


def _modal_governor(cur: Token, negated: bool, words: WordClasses) -> Modality | None:
    dep, head = cur.dep_, cur.head
    hl = head.lemma_.lower()
    if dep in ("xcomp", "conj") or (dep == "ccomp" and hl not in words.speech_verbs):
        for aux in _aux_lemmas(head, words):
            if aux in words.future_auxiliaries:
                return Modality("negated" if negated else "future", aux, future_cue=True)
            if aux in words.hypothetical_auxiliaries:
                return Modality("hypothetical", aux)
    # "it is expected that ..." / "it is likely that ..."
    if dep == "ccomp" and head.lemma_ == "be":
        for c in head.children:
            if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in words.hypothetical_verbs | words.future_verbs:
                kind = "future" if c.lemma_.lower() in words.future_verbs else "hypothetical"
                return Modality(kind, c.lemma_.lower())
    return None


def _under_speech(verb: Token, words: WordClasses) -> bool:
    cur = verb
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("ccomp", "conj") and cur.head.lemma_.lower() in words.speech_verbs | words.news_nouns:
            return True
        if cur.dep_ in ("acl", "ccomp") and cur.head.pos_ == "NOUN":
            return True
        cur = cur.head
    return False


def reporting_verb(trigger: Token, words: WordClasses) -> Token | None:
    """The speech verb whose complement contains the trigger ("Sullivan said that ..."), if any."""
    cur = trigger
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        head = cur.head
        if (
            cur.dep_ in words.reported_content_deps
            and head.lemma_.lower() in words.speech_verbs
            and head.i != trigger.i
        ):
            return head
        if cur.dep_ == "conj" and head.lemma_.lower() in words.speech_verbs:
            return None
        # "Russia sent a message that ...", "a statement saying ..."
        if (
            cur.dep_ in words.speech_noun_content_deps
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in words.speech_nouns
        ):
            verb = head.head
            if verb.i != head.i and verb.pos_ in ("VERB", "AUX"):
                return verb
            return None
        cur = head
    return None
