"""From a syntactic argument (a token) to the actors it names.

Handles actor mentions over the token or inside its noun phrase ("the chairman of
Hamas's Politburo" -> Hamas's leader), coordination ("the United States and
Jordan"), "including" lists ("factions, including Fatah and Hamas"), appositions,
and light coreference: pronouns ("he", "its", "they") and group phrases ("the two
sides", "both factions", "the parties", "each other") that point back to the
last pair of actors seen in the document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from backchannel.events.wordclasses import WordClasses
from backchannel.records import ENTITY_MENTION_KINDS, ActorMention, PlaceMention

__all__ = ["ArgumentFinder", "is_pair_phrase", "is_reciprocal_pronoun", "pobj"]


def pobj(prep: Token | None) -> Token | None:
    """The object of the preposition ``prep`` (None when it has none).

    "granted asylum to five Panamanian army officers holed up in a residence": the parser
    reads the noun after "to" as the subject of the participle that follows it, and leaves
    "to" without an object; that subject is the object.
    """
    if prep is None:
        return None
    for g in prep.children:
        if g.dep_ == "pobj":
            return g
    start = prep.i + 1
    if start >= len(prep.doc):
        return None
    tok = prep.doc[start]
    while tok.left_edge.i == start and tok.head.i != tok.i:
        if (
            tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.tag_.startswith("VB")  # "holed" is read as a past tense as often as a participle
            and tok.head.dep_ in ("advcl", "ccomp", "pcomp", "acl", "conj")
            and tok.head.head.i in (prep.i, prep.head.i)
        ):
            return tok
        tok = tok.head
    return None


def is_reciprocal_pronoun(token: Token) -> bool:
    """ "each other" / "one another" (the token is the head 'other'/'another')."""
    return token.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in token.children)


def is_pair_phrase(token: Token, words: WordClasses) -> bool:
    """ "the two sides", "both factions", "the parties", "both"."""
    if (
        token.lower_ == "both"
        and token.pos_ in ("PRON", "DET")
        and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
    ):
        return True
    if token.lemma_.lower() not in words.pair_nouns or token.tag_ not in ("NNS", "NNPS"):
        return False
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod", "quantmod")}
    if token.lemma_.lower() == "party":
        return bool(dets & words.pair_determiners)
    return bool(dets & words.pair_numbers)


@dataclass
class ArgumentFinder:
    """Maps tokens of one document to actor mentions, with coreference memory."""

    doc: Doc
    mentions: Sequence[ActorMention]
    words: WordClasses
    places: Sequence[PlaceMention] = ()  # the document's places (a place may stand for its country)
    _by_token: dict[int, int] = field(default_factory=dict)
    _according: list[int] | None = None
    pairs: list[tuple[int, list[ActorMention]]] = field(default_factory=list)  # every pair seen, in order
    definitions: dict[str, list[ActorMention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for k, m in enumerate(self.mentions):
            if m.end <= m.start:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self._by_token.setdefault(t.i, k)

    # ----------------------------------------------------------- lookups
    def according_tokens(self, sent: Span) -> list[Token]:
        """The tokens "according" of ``sent`` (the document is read for them once, not once per event)."""
        if self._according is None:
            self._according = [t.i for t in self.doc if t.lower_ == "according"]
        lo = bisect_left(self._according, sent.start)
        hi = bisect_left(self._according, sent.end)
        return [self.doc[i] for i in self._according[lo:hi]]

    def mention_at(self, token: Token) -> ActorMention | None:
        k = self._by_token.get(token.i)
        return None if k is None else self.mentions[k]

    def mentions_in(self, start_tok: int, end_tok: int) -> list[ActorMention]:
        seen: list[ActorMention] = []
        for i in range(start_tok, end_tok):
            m = self.mention_at(self.doc[i])
            if m is not None and (not seen or seen[-1] is not m):
                seen.append(m)
        return seen

    def remember_pair(self, actors: Sequence[ActorMention], sent_index: int) -> None:
        distinct = _distinct(actors)
        if len(distinct) >= 2:
            self.pairs.append((sent_index, distinct))

    def pair_before(self, token: Token, sent_index: int, window: int, persons: bool = False) -> list[ActorMention]:
        """The latest pair seen within ``window`` sentences whose members are all named before ``token``.

        A pronoun or "the two sides" points back: "They agreed that Hamas should release the hostages"
        does not make Hamas and the hostages the ones who agreed, though the clause after "agreed"
        names them (and the coder reads that clause's event first, in the same sentence).  With
        ``persons``, only a pair of persons ("the two leaders").
        """
        for seen_in, pair in reversed(self.pairs):
            if sent_index - seen_in > window:
                return []
            if persons and not all(m.kind == "person" for m in pair):
                continue  # "the two leaders" are people, not the countries or groups of a later clash
            if all(m.end <= token.idx for m in pair):
                return list(pair)
        return []

    def observe_sentence(self, sent_tokens: Sequence[Token], sent_index: int) -> None:
        """Update the pair memory from coordinated actors ("Hamas and Fatah", "between X and Y")."""
        for tok in sent_tokens:
            if tok.dep_ == "conj":
                a, b = self.mention_at(tok.head), self.mention_at(tok)
                if a is not None and b is not None and a is not b:
                    group = [a, b] + [m for m in (self.mention_at(c) for c in tok.children if c.dep_ == "conj") if m]
                    self.remember_pair(group, sent_index)

    def learn_definition(self, sent_tokens: Sequence[Token]) -> None:
        """'the "parties" ... are only the United States, Egypt, Qatar and Israel' defines 'parties'."""
        for tok in sent_tokens:
            if tok.lemma_ != "be":
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            attr = next((c for c in tok.children if c.dep_ in ("attr", "acomp")), None)
            if subj is None or attr is None or subj.lemma_.lower() not in self.words.pair_nouns:
                continue
            members = self._coordinated(attr)
            if len(members) >= 2:
                self.definitions[subj.lemma_.lower()] = members

    # ----------------------------------------------------------- resolution
    def actors_of(self, token: Token | None, sent_index: int, depth: int = 0) -> list[ActorMention]:
        """The actors named by the argument headed by ``token`` (with its conjuncts)."""
        if token is None or depth > 4:
            return []
        found = self._head_actors(token, sent_index, depth)
        head = self.mention_at(token)
        for c in token.children:
            if c.dep_ == "conj":
                found.extend(self.actors_of(c, sent_index, depth + 1))
            elif c.dep_ == "appos" and head is not None and head.kind in ENTITY_MENTION_KINDS:
                # "The US, Russia, and Switzerland met": a list the parser read as an apposition
                other = self.mention_at(c)
                if other is not None and other.kind in ENTITY_MENTION_KINDS and other.actor_id != head.actor_id:
                    found.extend(self.actors_of(c, sent_index, depth + 1))
        return _distinct(found)

    def _head_actors(self, token: Token, sent_index: int, depth: int) -> list[ActorMention]:
        parties = self._parties_to(token)  # "all parties to the conflict in Yemen" names them
        if parties:
            return parties
        named = self.mention_at(token)
        if is_reciprocal_pronoun(token) or (
            is_pair_phrase(token, self.words) and (named is None or not named.country)  # not "three Venezuelan leaders"
        ):
            defined = self.definitions.get(token.lemma_.lower())
            if defined:
                return list(defined)
            persons = token.lemma_.lower() in self.words.person_pair_nouns
            return self.pair_before(token, sent_index, 6, persons=persons)
        if (
            token.lemma_.lower() == "party"
            and token.tag_ in ("NNS", "NNPS")
            and token.lemma_.lower() in self.definitions
        ):
            return list(self.definitions["party"])
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            return self._pronoun(token, sent_index)
        relative = self._relative_of(token, sent_index, depth) if named is None else None
        if relative is not None:
            return [relative]
        m = named
        if m is not None and not m.resolved and m.kind == "person":
            # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": the apposition knows him
            for c in token.children:
                if c.dep_ == "appos":
                    inner = [a for a in self.actors_of(c, sent_index, depth + 1) if a.resolved]
                    if inner:
                        return inner
        if m is not None and m.kind != "group":
            return [m, *self._coordinated_modifiers(token, m)]
        # "various Palestinian factions, including Fatah and Hamas"
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in self.words.example_preps:
                obj = pobj(c)
                if obj is None and c.lower_ == "such":
                    as_ = next((g for g in c.children if g.lower_ == "as"), None)
                    obj = pobj(as_) if as_ is not None else None
                inner = self.actors_of(obj, sent_index, depth + 1)
                if inner:
                    return inner
        if m is not None:
            return [m, *self._coordinated_modifiers(token, m)]
        for c in token.children:
            if c.dep_ == "appos":
                inner = self.actors_of(c, sent_index, depth + 1)
                if inner:
                    return inner
        return self._nearest_in_phrase(token, sent_index)

    def _relative_of(self, token: Token, sent_index: int, depth: int) -> ActorMention | None:
        """'his predecessor', "Putin's spokesman", 'the minister's wife': someone else of the owner's side.

        Not the owner: a new, unnamed person with the owner's country (and, for an office, its sector).
        """
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in self.words.relational_nouns:
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        found = self.actors_of(owner, sent_index, depth + 1) if owner is not None else []
        if not found or not found[0].country:
            return None
        first = found[0]
        start = owner.left_edge.idx if owner is not None else token.idx
        end = token.idx + len(token.text)
        office = lemma not in self.words.kin_nouns
        return ActorMention(
            text=self.doc[(owner.left_edge if owner is not None else token).i : token.i + 1].text,
            start=start,
            end=end,
            country=first.country,
            sector=(first.sector or ("GOV" if first.kind == "country" else None)) if office else None,
            kind="person",
            affiliation=first.affiliation if first.kind == "person" else first.actor_id,
        )

    def _parties_to(self, token: Token) -> list[ActorMention]:
        """'the parties to the conflict in Iraq', 'all sides in the Syrian war': the parties of that conflict."""
        if token.lemma_.lower() not in self.words.conflict_party_nouns or token.tag_ not in ("NNS", "NNPS"):
            return []
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "in")), None)
        if prep is None and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in ("to", "in"):
            prep = nxt  # "demanded parties to the conflict in Iraq to ...": the parser hangs "to" on the verb
        dispute = pobj(prep)
        if dispute is None or dispute.lemma_.lower() not in self.words.dispute_nouns:
            return []
        found = [m for m in self.mentions_in(dispute.left_edge.i, dispute.right_edge.i + 1) if m.country]
        return _distinct(found)

    def _coordinated_modifiers(self, token: Token, head_mention: ActorMention) -> list[ActorMention]:
        """ "French and Egyptian warships", "U.S. and Russian negotiators": every coordinated modifier acts."""
        out: list[ActorMention] = []
        for c in token.children:
            if c.dep_ not in ("amod", "compound", "nmod") or c.i >= token.i:
                continue
            if not any(g.dep_ == "conj" for g in c.children) and c.dep_ != "conj":
                continue
            for tok in [c] + [g for g in c.children if g.dep_ == "conj"]:
                other = self.mention_at(tok)
                if other is not None and other is not head_mention and other not in out:
                    out.append(other)
        return out

    def _nearest_in_phrase(self, token: Token, sent_index: int) -> list[ActorMention]:
        """An actor inside the noun phrase: possessor, modifier, or "of"-object ("leader of Hamas")."""
        candidates: list[tuple[int, ActorMention]] = []
        stack = [(c, 1) for c in token.children if c.dep_ not in self.words.phrase_boundary_deps]
        while stack:
            tok, dist = stack.pop()
            # "authorities in Croatia" names Croatia's authorities; "a pause in Gaza" names no one
            locative_party = tok.lower_ in ("in", "at") and tok.head.lemma_.lower() in self.words.party_sectors
            if tok.dep_ == "prep" and tok.lower_ not in self.words.phrase_internal_preps and not locative_party:
                continue
            if tok.pos_ == "PRON" or tok.tag_ == "PRP$":
                for m in self._pronoun(tok, sent_index):
                    candidates.append((dist, m))
            found = self.mention_at(tok)
            if found is not None:
                candidates.append((dist, found))
                if tok.dep_ in ("amod", "compound", "nmod") or (
                    tok.dep_ == "pobj"
                    and tok.head.lower_ == "of"
                    and token.tag_ in ("NNS", "NNPS")
                    and token.lemma_.lower() not in self.words.territory_parts
                ):
                    # "the governments of Chile and Bolivia": every conjunct of a plural head's "of"
                    # (not "seized parts of Iraq and Syria": land, not parties)
                    # "Russian and Ukrainian delegations": every coordinated modifier names a party
                    candidates.extend((dist, m) for m in self._coordinated(tok) if m is not found)
                continue
            stack.extend((c, dist + 1) for c in tok.children if c.dep_ not in self.words.phrase_boundary_deps)
        if not candidates:
            return []
        best = min(d for d, _ in candidates)
        return _distinct([m for d, m in sorted(candidates, key=lambda x: (x[0], x[1].start)) if d == best])

    def _pronoun(self, token: Token, sent_index: int) -> list[ActorMention]:
        low = token.lower_
        if low in self.words.plural_pronouns:
            speakers = self._plural_speakers(token, sent_index)
            if speakers:
                return speakers
            pair = self.pair_before(token, sent_index, 1)
            if pair:
                return pair
            prev = self._previous_mention(token, lambda m: m.kind not in ("person",))
            return [prev] if prev else []
        if low in self.words.person_pronouns:
            prev = self._previous_mention(token, lambda m: m.kind == "person")
            return [prev] if prev else []
        if low in self.words.thing_pronouns:
            # "it" is never "Rebels": a plural common noun needs "they"
            prev = self._previous_mention(token, lambda m: m.kind not in ("person",) and not self._plural_noun(m))
            return [prev] if prev else []
        return []

    def _plural_speakers(self, token: Token, sent_index: int) -> list[ActorMention]:
        """'Ivory Coast rebels rejected the plan and said they also opposed ...': "they" are the rebels.

        A plural subject pronoun of a clause under a verb whose own subject is a plural noun
        or a coordination ("Russia and China said they ...") refers to that subject.
        """
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ not in ("ccomp", "advcl"):
            return []
        governor = token.head.head
        subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and governor.dep_ == "conj":  # "rejected the plan, and said they ..."
            subject = next((c for c in governor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ == "PRON":
            return []
        if subject.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in subject.children):
            return []
        return self.actors_of(subject, sent_index)

    def _previous_mention(self, token: Token, ok: Callable[[ActorMention], bool]) -> ActorMention | None:
        """Nearest earlier mention, preferring subjects (and their possessors) of recent clauses."""
        limit = max(0, token.sent.start - 80)
        nearest: ActorMention | None = None
        for i in range(token.i - 1, limit - 1, -1):
            tok = self.doc[i]
            m = self.mention_at(tok)
            if m is None or not ok(m):
                continue
            if tok.pos_ == "ADJ" and m.end - m.start <= len(tok.text):
                continue  # a bare demonym ("Israeli strikes"), not "The Israeli military" tagged as adjectives
            if nearest is None:
                nearest = m
            if _is_subjectish(tok) and i >= token.sent.start - 40:
                return m
        return nearest

    def _plural_noun(self, m: ActorMention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand") if m.end > m.start else None
        return span is not None and m.kind == "group" and span.root.tag_ == "NNS"

    def _coordinated(self, token: Token) -> list[ActorMention]:
        out: list[ActorMention] = []
        m = self.mention_at(token)
        if m is not None:
            out.append(m)
        for c in token.children:
            if c.dep_ in ("conj", "appos"):
                out.extend(self._coordinated(c))
        return _distinct(out)


def _is_subjectish(tok: Token) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.dep_ in ("compound", "appos") and tok.head.dep_ in ("nsubj", "nsubjpass")


def _distinct(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    seen: set[tuple[str | None, int]] = set()
    for m in mentions:
        key = (m.actor_id, m.start) if m.actor_id is None else (m.actor_id, -1)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out
