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

from spacy.tokens import Token

__all__ = ["ACCUSING_VERBS", "SPEECH_VERBS", "Modality", "clause_modality", "clause_path", "reporting_verb"]

NEG_ADVERBS = frozenset({"never", "rarely", "seldom", "hardly", "barely", "scarcely", "nowhere"})
NEGATING_MATRIX = frozenset({"refuse", "fail", "decline", "avoid", "deny", "reject", "stop", "cease", "oppose"})
# "banned its citizens from traveling", "refrained from attacking": the event under "from" did not happen
PREVENTING_MATRIX = frozenset(
    {
        "ban",
        "bar",
        "prevent",
        "stop",
        "block",
        "prohibit",
        "forbid",
        "keep",
        "restrain",
        "deter",
        "refrain",
        "dissuade",
        "exclude",
        "preclude",
        "restrict",
        "discourage",
        "abstain",
        "desist",
    }
)
# "sent no delegates", "No soldiers were hurt": a participant quantified by "no" negates the event
_NO_DETERMINERS = frozenset({"no"})
DOUBLE_NEG_MATRIX = frozenset({"forget", "fail", "hesitate", "stop", "cease", "neglect"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "should", "must", "can", "ought", "would", "'d"})
FUTURE_MATRIX = frozenset(
    {
        "plan",
        "intend",
        "aim",
        "expect",
        "hope",
        "want",
        "wish",
        "prepare",
        "threaten",
        "vow",
        "swear",
        "promise",
        "pledge",
        "agree",
        "decide",
        "offer",
        "schedule",
        "set",
        "propose",
        "seek",
        "try",
        "attempt",
        "effort",
        "bid",
        "mean",
        "await",
        "commit",
        "resolve",
        "undertake",
        "due",
        "going",
        "about",
        "prepared",
        "poised",
        "ready",
        "willing",
        "determined",
        "eager",
        "keen",
    }
)
INTENT_CUES = frozenset(
    {
        "plan",
        "intend",
        "aim",
        "threaten",
        "vow",
        "swear",
        "promise",
        "pledge",
        "agree",
        "decide",
        "offer",
        "prepare",
        "prepared",
        "ready",
        "willing",
        "determined",
        "resolve",
        "undertake",
        "commit",
        "propose",
        "want",
        "wish",
        "seek",
        "hope",
        "will",
        "would (reported)",
        "shall",
        "'ll",
        "wo",
    }
)
# Verbs whose complement is only asked for: "urged Israel to withdraw" (the withdrawal is not asserted).
REQUEST_MATRIX = frozenset(
    {
        "urge",
        "ask",
        "call",
        "demand",
        "press",
        "pressure",
        "appeal",
        "encourage",
        "invite",
        "persuade",
        "order",
        "request",
        "tell",
        "instruct",
        "push",
        "insist",
        "recommend",
        "advise",
        "implore",
        "beg",
        "petition",
        "exhort",
        "want",
    }
)
# Nouns whose complement is proposed, not done: "a proposal for signing", "an invitation to attend".
CONTENT_NOUNS = frozenset(
    {
        "proposal",
        "plan",
        "offer",
        "idea",
        "bid",
        "demand",
        "call",
        "request",
        "invitation",
        "ultimatum",
        "threat",
        "promise",
        "pledge",
        "appeal",
        "plea",
        "proposition",
        "initiative",
        "suggestion",
        "warning",
        "order",
        "intention",
        "readiness",
        "willingness",
        "decision",
        "commitment",
        "right",
        "chance",
        "possibility",
        "way",
        "need",
        "permission",
        "authorization",
        "authorisation",
        "approval",
        "mandate",
        "pressure",
        "push",
        "effort",
        "attempt",
    }
)
DOCUMENT_NOUNS = frozenset(
    {"resolution", "bill", "law", "measure", "draft", "motion", "treaty", "agreement", "deal", "accord", "document"}
)
NEGATING_NOUNS = frozenset({"refusal", "failure", "reluctance", "unwillingness", "inability"})
ALLEGATION_VERBS = frozenset(
    {"accuse", "blame", "allege", "charge", "suspect", "deny", "fault", "criticize", "claim", "contend"}
)
# "accuses X of an airstrike, killing 27 people": a participle after these is part of the accusation
ACCUSING_VERBS = frozenset({"accuse", "blame", "charge", "fault", "suspect"})
HYPOTHETICAL_MATRIX = frozenset(
    {
        "seem",
        "appear",
        "likely",
        "unlikely",
        "possible",
        "probable",
        "may",
        "consider",
        "mull",
        "weigh",
        "contemplate",
        "suggest",
        "speculate",
        "rumor",
        "rumour",
        "need",
        "have",
        "necessary",
        "imagine",
        "doubt",
        "wonder",
        "fear",
        "unclear",
        "unknown",
    }
)
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest", "provided", "assuming"})
HEDGE_ADVERBS = frozenset({"perhaps", "maybe", "possibly", "probably", "reportedly", "allegedly", "likely"})
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "announce",
        "report",
        "claim",
        "note",
        "stress",
        "add",
        "confirm",
        "insist",
        "post",
        "write",
        "tweet",
        "declare",
        "reveal",
        "disclose",
        "explain",
        "argue",
        "assert",
        "indicate",
        "acknowledge",
        "admit",
        "emphasize",
        "emphasise",
        "reiterate",
        "underline",
        "underscore",
        "point",
        "quote",
        "cite",
        "believe",
        "think",
        "know",
        "learn",
        "hear",
        "suggest",
        "inform",
        "brief",
        "release",
        "publish",
        "warn",
        "mention",
        "show",
        "predict",
        "estimate",
        "expect",
        "signal",
        "remark",
        "comment",
        "recall",
        "describe",
        "maintain",
        "contend",
        "allege",
        "deny",
        "pledge",
        "vow",
        "promise",
        "demand",
        "urge",
    }
)

SPEECH_NOUNS = frozenset(
    {"message", "statement", "announcement", "report", "claim", "word", "remark", "assertion", "declaration", "post"}
)
_CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis", "dep"})


@dataclass(frozen=True)
class Modality:
    status: str  # asserted | negated | hypothetical | future
    cue: str | None = None
    future_cue: bool = False  # a future or intent marker was seen (also when negated: "will not accept")
    negated: bool = False  # the clause itself is negated (kept when the status is hypothetical)

    @property
    def intent(self) -> bool:
        """The clause states what its subject means to do ("plans to", "vowed to", "is ready to", "will ... unless")."""
        return self.future_cue and self.cue in INTENT_CUES | {"if", "unless"}


def clause_path(token: Token) -> list[Token]:
    """The token and the clause heads above it, up to the sentence root."""
    path = [token]
    cur = token
    while cur.head.i != cur.i and len(path) < 12:
        cur = cur.head
        path.append(cur)
    return path


def _aux_lemmas(verb: Token) -> list[str]:
    out = [c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")]
    out += [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return out


def _is_negated_here(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "advmod" and c.lower_ in NEG_ADVERBS:
            return True
        if c.dep_ == "advmod" and c.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in c.children):
            return True  # "is no longer invited", "will no more supply"
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
            g.dep_ == "det" and g.lower_ in _NO_DETERMINERS for g in c.children
        ):
            return True
    return False


def _is_question(verb: Token) -> bool:
    sent = verb.sent
    text = sent.text.rstrip().rstrip("\"”’')").rstrip()
    return text.endswith("?")


def clause_modality(trigger: Token, _depth: int = 0) -> Modality:
    """Decide the status of the event whose clause is headed by ``trigger``."""
    if _is_question(trigger):
        return Modality("hypothetical", "question")

    # 1. negation on the clause itself, or cancelled by a negated "forget/fail to" above it
    negated = _is_negated_here(trigger)
    # First conjunct's auxiliaries and negation carry over to bare later conjuncts.
    verb = trigger
    while verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            break
        negated = negated or _is_negated_here(verb)
    # "If Israel attacks Rafah, Egypt will suspend the treaty": the consequent is hypothetical too
    for v in (verb, trigger):
        for c in v.children:
            marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
            if c.dep_ == "advcl" and marks & {"if", "unless"}:
                future = any(a in FUTURE_AUX or a in ("would", "'d") for a in _aux_lemmas(verb))
                cue = "unless" if "unless" in marks else "if"
                return Modality("hypothetical", cue, future_cue=future, negated=negated)
    for aux in _aux_lemmas(verb) + ([] if verb is trigger else _aux_lemmas(trigger)):
        if aux in FUTURE_AUX:
            return Modality("negated" if negated else "future", aux, future_cue=True)
        if aux in HYPOTHETICAL_AUX:
            if aux in ("would", "'d") and _under_speech(verb):
                return Modality("negated" if negated else "future", "would (reported)", future_cue=True)
            if aux == "can" and negated:
                return Modality("negated", "cannot")
            return Modality("hypothetical", aux)
    # mandative subjunctive: "its demand that Israel ease restrictions" (bare verb with a subject)
    if (
        verb.tag_ == "VB"
        and verb.dep_ in ("ccomp", "acl", "advcl")
        and any(c.dep_ == "nsubj" for c in verb.children)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        return Modality("hypothetical", "subjunctive")
    # "how to provide assistance", "whether to attack": a topic, not an event
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
        c.dep_ in ("advmod", "mark", "dobj", "nsubj")
        and c.lower_ in ("how", "whether", "what", "when", "where", "which")
        for c in verb.children
    ):
        return Modality("hypothetical", "wh-infinitive")

    # 2. walk up the clause chain for governing markers
    cur = verb
    hops = 0
    while cur.head.i != cur.i and hops < 8:
        dep = cur.dep_
        head = cur.head
        hops += 1
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children):
            return Modality("hypothetical", "conditional")
        tense = {cur.tag_} | {c.tag_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
        if (
            not tense & {"VBD"}
            and tense & {"VB", "VBP", "VBZ"}
            and any(c.dep_ == "mark" and c.lower_ in ("before", "until", "once", "till") for c in cur.children)
        ):
            return Modality("hypothetical", "temporal condition")
        if dep in ("xcomp", "ccomp", "acl", "advcl", "relcl", "pcomp", "csubj", "dep", "conj", "auxpass", "prep"):
            hl = head.lemma_.lower()
            if (
                dep == "pcomp"
                and head.lower_ == "from"
                and head.head.lemma_.lower() in PREVENTING_MATRIX
                and not _is_negated_here(head.head)
            ):
                return Modality("negated", f"{head.head.lemma_.lower()} from")
            if dep == "xcomp" and hl in NEGATING_MATRIX and not _is_negated_here(head):
                return Modality("negated", f"{hl} to")
            if dep == "xcomp" and hl in DOUBLE_NEG_MATRIX and _is_negated_here(head):
                negated = False
            elif dep == "xcomp" and _is_negated_here(head) and hl not in SPEECH_VERBS:
                negated = True
            if (
                dep in ("xcomp", "ccomp")
                and hl in REQUEST_MATRIX
                # "a court was told soldiers beat detainees", "commanders told AFP fighters have been
                # demobilized": a tensed clause is reported; a request is bare ("demanded that Israel ease")
                and not (dep == "ccomp" and cur.tag_ != "VB")
                and (
                    any(c.dep_ in ("dobj", "nsubjpass") for c in head.children)
                    or any(c.dep_ == "nsubj" for c in cur.children)
                    or hl not in FUTURE_MATRIX
                )
            ):
                # "urged Israel to withdraw", "wants Iran to stop": asked of another party
                return Modality("hypothetical", f"{hl} (requested)")
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
            if (dep in ("xcomp", "ccomp", "acl", "prep", "pcomp") or (dep == "advcl" and infinitive)) and (
                hl in FUTURE_MATRIX
            ):
                above = clause_modality(head, _depth + 1) if _depth < 3 else Modality("asserted")
                if above.status in ("hypothetical", "negated"):
                    return above
                return Modality("negated" if negated else "future", hl, future_cue=True)
            if dep in ("xcomp", "ccomp", "acl", "csubj", "prep", "pcomp") and hl in HYPOTHETICAL_MATRIX:
                return Modality("hypothetical", hl)
            if dep in ("acl", "prep", "relcl") and head.pos_ == "NOUN" and hl in NEGATING_NOUNS:
                return Modality("negated", hl)
            if dep in ("acl", "prep", "ccomp") and head.pos_ == "NOUN" and hl in CONTENT_NOUNS:
                return Modality("hypothetical", hl)
            if dep == "relcl" and head.pos_ == "NOUN" and hl in CONTENT_NOUNS | DOCUMENT_NOUNS:
                # "a resolution that aims to tighten sanctions": the content of a text, not an event
                return Modality("hypothetical", hl)
            if dep == "advcl" and infinitive and cur.i > head.i:
                # "opened fire to disperse the crowd": the purpose, not (yet) the result
                return Modality("hypothetical", "purpose")
            alleged_participle = (
                dep == "advcl"
                and cur.tag_ == "VBG"
                and hl in ACCUSING_VERBS
                and any(c.dep_ == "dobj" for c in head.children)
            )
            if (
                (dep in ("prep", "pcomp", "xcomp", "ccomp") or alleged_participle)
                and hl in ALLEGATION_VERBS
                and cur.i > head.i
            ):
                return Modality("hypothetical", f"{hl} (alleged)")
            head_aux = _aux_lemmas(head)
            if dep in ("xcomp", "conj") or (dep == "ccomp" and hl not in SPEECH_VERBS):
                for aux in head_aux:
                    if aux in FUTURE_AUX:
                        return Modality("negated" if negated else "future", aux, future_cue=True)
                    if aux in HYPOTHETICAL_AUX:
                        return Modality("hypothetical", aux)
            # "it is expected that ..." / "it is likely that ..."
            if dep == "ccomp" and head.lemma_ == "be":
                for c in head.children:
                    if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in HYPOTHETICAL_MATRIX | FUTURE_MATRIX:
                        kind = "future" if c.lemma_.lower() in FUTURE_MATRIX else "hypothetical"
                        return Modality(kind, c.lemma_.lower())
            if hl in SPEECH_VERBS and dep == "ccomp":
                # reported speech: modality of the reporting clause does not transfer
                break
        cur = head
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS - {"reportedly", "allegedly"}:
            return Modality("hypothetical", c.lower_)
    if negated:
        return Modality("negated", "not")
    return Modality("asserted")


def _under_speech(verb: Token) -> bool:
    cur = verb
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("ccomp", "conj") and cur.head.lemma_.lower() in SPEECH_VERBS | {"message", "news", "word"}:
            return True
        if cur.dep_ in ("acl", "ccomp") and cur.head.pos_ == "NOUN":
            return True
        cur = cur.head
    return False


def reporting_verb(trigger: Token) -> Token | None:
    """The speech verb whose complement contains the trigger ("Sullivan said that ..."), if any."""
    cur = trigger
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        head = cur.head
        if (
            cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "dobj")
            and head.lemma_.lower() in SPEECH_VERBS
            and head.i != trigger.i
        ):
            return head
        if cur.dep_ == "conj" and head.lemma_.lower() in SPEECH_VERBS:
            return None
        # "Russia sent a message that ...", "a statement saying ..."
        if cur.dep_ in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in SPEECH_NOUNS:
            verb = head.head
            if verb.i != head.i and verb.pos_ in ("VERB", "AUX"):
                return verb
            return None
        cur = head
    return None
