"""Fields of an ``Event`` computed from a candidate: id, trigger span, sentence, contexts, confidence."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Span

from backchannel.events.candidate import Candidate
from backchannel.events.ontology import NEEDS_RECIPIENT
from backchannel.events.parties import key
from backchannel.events.syntax import hyphen_prefix
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, Event, SentenceRef, TimeMention

__all__ = ["confidence", "contexts", "event_id", "missing_recipient", "names_target", "sentence_ref", "trigger_span"]


def missing_recipient(event: Event) -> bool:
    """An asserted sanction, aid or cooperation with no one it is for (two sides acting together count).

    Statements of possible or future ones are kept ("Egypt will suspend the treaty"): their other side is
    often implicit, and they are not counted as events anyway.
    """
    return (
        event.status == "asserted"
        and event.event_type in NEEDS_RECIPIENT
        and not event.recipient
        and len(event.actor) < 2
    )


def names_target(cand: Candidate, words: WordClasses) -> bool:
    """Does the measure name what it is against, though not a party the coder knows as an actor
    ("sanctions on 14 oil tankers", "sanctions against nine firms", "new sanctions targeting Russian
    entities", "suspended military aid to the rebel groups")?  Then it has a target (PLOVER manual
    SANCTION: the recipient is the target of the measure) and is kept."""
    heads = [cand.trigger, cand.clause]
    heads += [c for h in heads for c in h.children if c.dep_ == "dobj"]
    for head in heads:
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() == "target":
                return True
            if c.dep_ != "prep" or c.lower_ not in cand.entry.recip_preps & words.named_target_preps:
                continue
            target = next((g for g in c.children if g.dep_ == "pobj"), None)
            if target is not None and target.ent_type_ not in ("DATE", "TIME") and target.pos_ in ("NOUN", "PROPN"):
                return True
    return False


def sentence_ref(sent: Span, index: int, original: str) -> SentenceRef:
    """The sentence's span without leading/trailing blanked text (removed captions, masks)."""
    words = [t for t in sent if not t.is_space]
    start = words[0].idx if words else sent.start_char
    end = words[-1].idx + len(words[-1].text) if words else sent.end_char
    return SentenceRef(index=index, start=start, end=end, text=original[start:end])


def event_id(
    doc_id: str, start: int, event_type: str, actors: Sequence[ActorMention], recips: Sequence[ActorMention]
) -> str:
    raw = "|".join([doc_id, str(start), event_type, ",".join(map(key, actors)), ",".join(map(key, recips))])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def trigger_span(cand: Candidate) -> tuple[int, int]:
    tok = cand.trigger
    start, end = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
        if c.dep_ == "compound" and c.i == tok.i - 1 and cand.nominal:
            start = c.idx
    if cand.nominal and hyphen_prefix(tok):
        start = tok.doc[tok.i - 2].idx  # "sit-in": the whole hyphenated word
    return start, end


def contexts(sent: Span, words: WordClasses) -> tuple[str, ...]:
    found: list[str] = []
    for tok in sent:
        ctx = words.context_topics.get(tok.lemma_.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    return tuple(found)


def confidence(
    cand: Candidate,
    time: TimeMention | None,
    status: str,
    actors: Sequence[ActorMention],
    recipients: Sequence[ActorMention],
) -> float:
    """A score of how sure the coding is: named parties, a verb trigger, a date, an asserted status."""
    score = 0.45
    if actors and all(a.resolved for a in actors):
        score += 0.2
    elif actors:
        score += 0.08
    if recipients and all(r.resolved for r in recipients):
        score += 0.1
    if not cand.nominal:
        score += 0.1
    if time is not None:
        score += 0.05
    if status != "asserted":
        score -= 0.05
    return round(max(0.05, min(0.95, score)), 3)
