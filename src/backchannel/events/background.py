"""When an event happened: the time expression that governs it, and events told as back story."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from backchannel.events.candidate import Candidate
from backchannel.events.wordclasses import WordClasses
from backchannel.records import TimeMention

__all__ = ["after_document", "governing_time", "mark_background", "time_anchor", "time_heads"]


def after_document(date: str | None, precision: str | None, doc_date: str | None) -> bool:
    """Is the event dated after the report (at the precision of its date)?"""
    widths = {"day": 10, "month": 7, "year": 4}  # characters of an ISO date at each precision
    if not date or not doc_date or precision not in widths:
        return False
    width = widths[precision]
    return len(date) >= width and len(doc_date) >= width and date[:width] > doc_date[:width]


def mark_background(cands: list[Candidate]) -> None:
    """Events in a relative clause that describe a party of another event, or given as the reason for
    another event, are its back story.

    "Israel released the mayor, a Hamas member jailed over a year ago", "the civilians imprisoned for
    acting against Moscow were released", "Adli Yaish, who had been arrested 15 months ago": the
    jailing happened before the report's event and is not what the report is about.
    """
    heads = {c.clause.i for c in cands} | {c.trigger.i for c in cands}
    for cand in cands:
        clause = cand.clause
        if (
            not cand.nominal
            and clause.dep_ == "pcomp"
            and clause.head.lower_ in ("for", "over")
            and clause.head.head.i in heads
        ):
            cand.background = True  # "jailed a student for helping militants": the reason came first
            continue
        if cand.nominal or clause.dep_ not in ("relcl", "acl"):
            continue
        pluperfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children)
        noun = clause.head
        # the noun the clause describes, and the verb that noun belongs to
        owner = noun
        for _ in range(6):
            if owner.head.i == owner.i or owner.pos_ in ("VERB", "AUX"):
                break
            owner = owner.head
        if pluperfect or (clause.tag_ == "VBN" and owner.i in heads and owner.i != clause.i):
            cand.background = True


def time_anchor(noun: Token, words: WordClasses) -> bool:
    """'since the start of the civil war', 'during the 2022 invasion': a war named to date something else."""
    if noun.lemma_.lower() not in words.lasting_conflicts:
        return False
    cur = noun
    for _ in range(4):  # up through "the start of" to the preposition, but not past the clause's verb
        if cur.dep_ == "prep" and cur.lower_ in words.time_preps:
            return True
        if cur.head.i == cur.i or cur.head.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return False


def time_heads(doc: Doc, times: Sequence[TimeMention]) -> dict[int, TimeMention]:
    """Map the verb governing each time expression to the expression."""
    out: dict[int, TimeMention] = {}
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        noun = _dated_noun(head)
        if noun is not None:
            # "for the May 2024 stabbing, which killed one": the crime's date and its clauses', not the verdict's
            out.setdefault(-1 - noun.i, t)
            out.setdefault(noun.i, t)
            continue
        cur = head
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX") and cur.i not in range(span.start, span.end):
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        out.setdefault(cur.i, t)
        # nominal events carry their own dates: "the October 7 attack"
        out.setdefault(-1 - head.head.i, t)
    return out


def _dated_noun(head: Token) -> Token | None:
    """The noun a date is part of, when that noun is no subject: "sentenced for the May 2024 stabbing",
    "sentenced 2023 Nobel laureate X" date the crime or the prize, never the verb they hang from (the
    subject's date is the verb's as well: "the October 7 attack killed 1,200")."""
    if head.dep_ not in ("nmod", "nummod", "compound", "amod") or head.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head.head
    for _ in range(4):
        if noun.dep_ not in ("compound", "amod") or noun.head.i == noun.i:
            break
        noun = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") or noun.head.i == noun.i:
        return None
    return noun


def governing_time(cand: Candidate, heads: dict[int, TimeMention]) -> TimeMention | None:
    nominal_time = heads.get(-1 - cand.trigger.i)
    if cand.nominal and nominal_time is not None:
        return nominal_time
    cur = cand.clause
    vague: TimeMention | None = None
    for _ in range(8):
        t = heads.get(cur.i)
        if t is not None and (t.value is not None or t.historical):
            return t
        if t is not None and vague is None:
            vague = t  # "the current situation", "soon": keep looking for a resolved date above
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return vague
