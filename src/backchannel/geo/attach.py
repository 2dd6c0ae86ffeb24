"""Attach an event (its trigger verb) to the place of its clause.

A place belongs to the event when it hangs, in the dependency tree, below the trigger's clause through a
locative path: a locative preposition ("met in Doha", "attack on Rafah", "in the city of X"), the patient
of the verb ("captured Badme", "attack the Rafah crossing"), or a place noun ("Grozny's streets").  Places
inside other clauses (a complement, a relative clause, a conjunct with its own subject) are not this
event's.  A participle or conjunct without a subject of its own shares the place of its governing verb
("shelling hit a trolleybus in Donetsk, killing 8").  The most specific, closest place wins.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from backchannel.geo.lexicon import COMMUNICATION_VERBS, LOCATIVE_PREPS, PLACE_NOUNS, PLACE_OBJECT_VERBS
from backchannel.records import PlaceMention

__all__ = ["attach_location", "toponyms"]

# Prepositions whose object is not where the event happened ("reached by telephone from Libreville").
_TEMPORAL_PREPS = frozenset(["before", "after", "since", "until", "till"])  # "hours before the Baghdad bombings"
_NONLOCATIVE_PREPS = (
    frozenset(["from", "against", "for", "with", "about", "like", "than", "as", "by", "despite"]) | _TEMPORAL_PREPS
)
# Dependents that open another clause: places below them belong to another event.
_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "parataxis", "csubj", "csubjpass"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Feature classes less specific than a town: a town in the same clause wins over them.
_BROAD_FEATURES = frozenset({"PCLI", "CONT", "RGN", "ADM1", "OCN", "SEA", "GULF", "STRT"})
_BROAD_PENALTY = 2.0
_SUBORDINATE_PENALTY = 1.0
_SEQUENCE_ADVERBS = frozenset({"later", "then", "afterwards", "afterward", "subsequently", "eventually"})
_PERIPHERAL_PREPS = frozenset({"near", "outside", "off", "beyond", "around"})
_PERIPHERAL_PENALTY = 0.5
_SCENE_PREPS = frozenset("in at inside near outside".split())  # noqa: SIM905 - word list
_CONTAINER_PENALTY = 1.5

_DIRECTIONS = frozenset(
    """north south east west northeast northwest southeast southwest northern southern eastern western outside km
    kilometers kilometres miles mi kms""".split()  # noqa: SIM905 - word list
)
# Heads that make a place modifier say whose, not where ("a U.S. airstrike", "Syrian government forces").
_AFFILIATION_NOUNS = frozenset(
    """force forces troops soldier soldiers army military police policemen official officials government convoy
    airstrike airstrikes strike strikes warplanes jets aircraft citizen citizens national nationals leader
    leaders president minister authorities navy ambassador delegation company firm media coalition officers
    militants fighters rebels adviser envoy spokesman diplomat diplomats team side commander commanders regime
    administration embassy's agency guards marines""".split()  # noqa: SIM905 - word list
)
_INHERITED_PENALTY = 3.0


@dataclass(frozen=True, slots=True)
class _Path:
    """The dependency path from a place's head token up to a clause head."""

    tokens: tuple[Token, ...]  # from the place head (first) to just below the clause head


def _clause_boundary(token: Token) -> bool:
    """Is ``token`` the head of a clause other than the trigger's?  (Adverbial clauses are not: "killed when
    a bomb exploded in X" happened in X.)"""
    if token.dep_ in _CLAUSE_DEPS:
        return True
    if token.dep_ == "acl" and any(child.dep_ in _SUBJECT_DEPS or child.dep_ == "mark" for child in token.children):
        return True  # "a message that the factions would talk in Moscow"
    # a conjoined verb is another event ("captured, and acknowledged before a judge in Madrid"); one
    # sharing the trigger's object and place is reached through _governors instead
    return token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}


@dataclass(slots=True)
class _Tree:
    """What ``attach_location`` reads of one document's parse, each read once: a run-on sentence holds
    hundreds of events and places, and walking ``Token`` objects up the tree again for every pair of them
    was most of the coder's time on actor-dense text.  Filled lazily, token by token and place by place."""

    # token -> (its head, a walk may not pass it, a walk may not pass it into its head): see ``_step``
    steps: dict[int, tuple[int, bool, bool]] = field(default_factory=dict)
    # place (start, end) -> the token heading its characters, -1 when they make no span
    place_heads: dict[tuple[int, int], int] = field(default_factory=dict)
    kids: list[list[int]] = field(default_factory=list)  # token -> its dependents, filled on first use
    places: Sequence[PlaceMention] | None = None  # the place list ``by_head`` indexes
    by_head: dict[int, list[int]] = field(default_factory=dict)  # head token -> its places' indices


# a memo of the pure reads above, kept per Doc and dropped with it (no Doc is kept alive by it)
_TREES: WeakKeyDictionary[Doc, _Tree] = WeakKeyDictionary()


def _tree(doc: Doc) -> _Tree:
    tree = _TREES.get(doc)
    if tree is None:
        tree = _TREES[doc] = _Tree()
    return tree


def _step(tree: _Tree, doc: Doc, i: int) -> tuple[int, bool, bool]:
    """Token ``i``'s head, whether it opens another clause (always a boundary), and whether it is a
    conjoined clause without a subject (a boundary only right below the ancestor walked to)."""
    step = tree.steps.get(i)
    if step is None:
        token = doc[i]
        boundary = _clause_boundary(token)
        conj = token.dep_ == "conj"
        step = (token.head.i, boundary and (not conj or _has_subject(token)), boundary and conj)
        tree.steps[i] = step
    return step


def _kids(tree: _Tree, doc: Doc) -> list[list[int]]:
    if not tree.kids:
        kids: list[list[int]] = [[] for _ in range(len(doc))]
        # relative heads, stored unsigned: the cast gives back the negative offsets
        for i, offset in enumerate(doc.to_array("HEAD").astype("int64").tolist()):
            if offset:
                kids[i + offset].append(i)
        tree.kids = kids
    return tree.kids


def _open_below(tree: _Tree, doc: Doc, top: int) -> Iterator[int]:
    """Every token ``_path_to`` may walk from up to ``top`` (and some it may not: a superset, read down
    from ``top`` through the dependents that open no other clause)."""
    kids = _kids(tree, doc)
    stack = [kid for kid in kids[top] if not any(_step(tree, doc, kid)[1:])]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(kid for kid in kids[node] if not _step(tree, doc, kid)[1])


def _places_below(tree: _Tree, doc: Doc, tops: Sequence[Token], places: Sequence[PlaceMention]) -> list[int]:
    """The indices (in ``places``) of the places headed by a token some ``_path_to`` may walk up to one of
    ``tops`` from; a place outside them has no path and cannot attach."""
    if tree.places is not places:
        tree.places, tree.by_head = places, {}
        for at, place in enumerate(places):
            head = _place_head(tree, doc, place)
            if head is not None:
                tree.by_head.setdefault(head, []).append(at)
    found = {at for top in tops for node in _open_below(tree, doc, top.i) for at in tree.by_head.get(node, ())}
    return sorted(found)


def _path_to(tree: _Tree, doc: Doc, head: int, ancestor: Token) -> list[int] | None:
    """The path (token indices) from ``head`` up to ``ancestor`` if no clause boundary lies between them."""
    if not ancestor.left_edge.i <= head <= ancestor.right_edge.i:
        return None  # outside the ancestor's subtree: no walk to the root needed
    top = ancestor.i
    path: list[int] = []
    node = head
    while node != top:
        up, closed, closed_below_top = _step(tree, doc, node)
        if up == node:  # reached the root without meeting the ancestor
            return None
        if closed or (closed_below_top and up == top):
            # a conjunct deeper down ("killed when rifts hit ... and turned violent in Raqqa") is still
            # part of the subordinate clause; a conjunct of the trigger itself is another event
            return None
        path.append(node)
        node = up
    return path


def _nearest_prep(tokens: Sequence[Token]) -> Token | None:
    """The closest preposition above the place, "of" being transparent ("the edge of Damascus")."""
    for node in tokens:
        if node.lower_ == "of":
            continue
        if node.dep_ in {"prep", "agent"} or (node.dep_ == "pcomp" and node.pos_ == "ADP"):
            return node
    return None


def _locative(path: _Path, place_head: Token) -> bool:
    """Does the path say "where"?"""
    tokens = path.tokens
    if not tokens:
        return False
    top = tokens[-1]  # the dependent of the clause head
    if top.dep_ in {"nsubj", "expl"} and not _through_place_noun(tokens) and _nearest_prep(tokens) is None:
        return False  # the place is the actor ("Eritrea captured Badme")
    if place_head.dep_ in {"compound", "amod", "nmod", "poss"} and place_head.head.lower_ in _AFFILIATION_NOUNS:
        return False  # "a U.S. airstrike", "Syrian forces": whose, not where
    for node in tokens:
        # "50 km northwest of Kathmandu": a reference point; "the head of forces in Tabqa": whose, not where
        if node.lower_ == "of" and (
            (node.head.lower_ in _DIRECTIONS and node.i == place_head.head.i)
            or node.head.lower_ in _AFFILIATION_NOUNS
            or node.head.ent_type_ == "PERSON"
        ):
            return False
    if _trigger_lemma(tokens) in COMMUNICATION_VERBS and not (top.dep_ == "prep" and top.lower_ in _SCENE_PREPS):
        return False  # "discussed the situation in Gaza": a topic
    prep = _nearest_prep(tokens)
    if prep is not None:
        if prep.dep_ == "agent" or prep.lower_ in _NONLOCATIVE_PREPS:
            return False
        if prep.lower_ in LOCATIVE_PREPS:
            return True
    if top.dep_ in {"dobj", "nsubjpass", "obj"}:
        return top.head.lemma_ in PLACE_OBJECT_VERBS or _through_place_noun(tokens)
    if top.dep_ in {"npadvmod", "attr", "oprd", "nsubj"}:
        return True
    return _through_place_noun(tokens)


def _trigger_lemma(tokens: Sequence[Token]) -> str:
    """Lemma of the clause head the path leads to."""
    return str(tokens[-1].head.lemma_)


def _through_place_noun(tokens: Sequence[Token]) -> bool:
    return any(t.lower_ in PLACE_NOUNS for t in tokens[1:])


def _place_head(tree: _Tree, doc: Doc, place: PlaceMention) -> int | None:
    key = (place.start, place.end)
    head = tree.place_heads.get(key)
    if head is None:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        head = tree.place_heads[key] = span.root.i if span is not None and len(span) else -1
    return head if head >= 0 else None


def _score(path: _Path, place: PlaceMention) -> float:
    # "the town of X" is as close as X: the "of" and its place noun do not count
    score = float(sum(1 for t in path.tokens if t.lower_ != "of" and t.lower_ not in PLACE_NOUNS))
    if any(t.dep_ == "prep" and t.lower_ in _PERIPHERAL_PREPS for t in path.tokens):
        score += _PERIPHERAL_PENALTY  # "near Aleppo" is a landmark more often than the scene
    if place.feature_code in _BROAD_FEATURES:
        score += _BROAD_PENALTY
    head = path.tokens[0]
    named_within = head.dep_ in {"poss", "compound"} and any(child.lower_ == "of" for child in head.head.children)
    if named_within or (
        head.dep_ == "appos" and (head.head.lower_ in PLACE_NOUNS or head.head.ent_type_ in {"GPE", "LOC"})
    ):
        # a container: "Baghdad's district of Saiydiah", "Makhmur district, northern Iraq"
        score += _CONTAINER_PENALTY
    if any(node.dep_ in {"advcl", "acl"} for node in path.tokens):
        score += _SUBORDINATE_PENALTY
    return score


def _governors(trigger: Token) -> list[tuple[Token, float]]:
    """Clause heads whose places the trigger may share, with a penalty each.

    The verb a subjectless conjunct or participle hangs on; the verb of the noun a reduced relative
    modifies ("a soldier shot in the stomach was evacuated near Hebron"); a subjectless conjunct of the
    trigger ("shot and wounded five in Fallujah"); last, a conjunct with its own subject ("one was killed
    and four were wounded by a bomb in Khaldiyah").
    """
    out: list[tuple[Token, float]] = []
    node = trigger
    while node.dep_ in {"conj", "advcl", "xcomp", "acl"} and node.head.i != node.i:
        if node.dep_ == "conj" and _has_subject(node):
            break  # a conjunct with its own subject is its own clause
        if node.dep_ == "acl":
            noun = node.head
            if noun.dep_ not in {"nsubj", "nsubjpass", "dobj"} or noun.head.i == noun.i:
                break
            node = noun.head
        else:
            node = node.head
        out.append((node, _INHERITED_PENALTY))
    for child in trigger.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not _sequential(trigger, child):
            out.append((child, _INHERITED_PENALTY * (2 if _has_subject(child) else 1)))
    return out


def _sequential(first: Token, second: Token) -> bool:
    """Is ``second`` a later, separate step ("was arrested, and later appeared before a judge in Madrid")?"""
    between = first.doc[first.i + 1 : second.i]
    return any(t.text in {",", ";"} for t in between) or any(
        t.dep_ == "advmod" and t.lower_ in _SEQUENCE_ADVERBS for t in second.children
    )


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in _SUBJECT_DEPS for child in verb.children)


def _in_sentence(sent: Span, places: Sequence[PlaceMention]) -> Iterator[PlaceMention]:
    """The places that overlap ``sent``."""
    return _overlapping(sent.start_char, sent.end_char, places)


def _overlapping(lo: int, hi: int, places: Sequence[PlaceMention]) -> Iterator[PlaceMention]:
    """The places that overlap characters ``lo..hi``, found by bisection in ``places`` (sorted by start and
    not overlapping, as ``PlaceResolver.find`` returns them): a scan of every place of the document for
    each event made coding quadratic in the length of the text."""
    at = bisect_right(places, lo, key=lambda place: place.end)
    while at < len(places) and places[at].start < hi:
        yield places[at]
        at += 1


_MANY_PLACES = 8  # more places than this in reach: read the clauses' own tokens instead of every place


def _places_in(
    tree: _Tree, doc: Doc, tops: Sequence[Token], lo: int, hi: int, places: Sequence[PlaceMention]
) -> Iterator[PlaceMention]:
    """The places overlapping characters ``lo..hi`` that may hang below one of ``tops``, in order: a clause
    of a run-on sentence spans hundreds of places, nearly all of them inside other clauses."""
    first = bisect_right(places, lo, key=lambda place: place.end)
    if bisect_left(places, hi, lo=first, key=lambda place: place.start) - first <= _MANY_PLACES:
        return _overlapping(lo, hi, places)
    return (
        places[at] for at in _places_below(tree, doc, tops, places) if places[at].end > lo and places[at].start < hi
    )


def toponyms(places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places that can locate an event: a place's own name, not a demonym ("Syrian forces") or a place
    inside an organisation's name ("the Pakistan Army")."""
    return [p for p in places if p.kind == "toponym"]


def attach_location(trigger: Token, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place syntactically governed by ``trigger``'s clause, or None.

    ``places`` are sorted by start and do not overlap (as ``PlaceResolver.find`` returns them) and are the
    document's ``toponyms``: a demonym or a name inside a name is no location.  (Filtered once per document
    by the caller: filtering here, per event, made each event's cost grow with the document's places.)
    """
    best: tuple[float, int, PlaceMention] | None = None
    governors = _governors(trigger)
    sent = trigger.sent
    # a place can attach only inside the subtree of the trigger or of a governor (``_path_to``): the places
    # outside those tokens' span are not looked at (run-on sentences hold hundreds of places)
    nodes = [trigger, *(governor for governor, _ in governors)]
    lo = max(sent.start_char, min(n.left_edge.idx for n in nodes))
    hi = min(sent.end_char, max(n.right_edge.idx + len(n.right_edge.text) for n in nodes))
    doc = trigger.doc
    tree = _tree(doc)
    for place in _places_in(tree, doc, nodes, lo, hi, places):
        head_i = _place_head(tree, doc, place)
        # in the trigger's sentence: its token lies between the sentence's (Token.sent walks the sentence)
        if head_i is None or not sent.start <= head_i < sent.end or head_i == trigger.i:
            continue
        candidates: list[tuple[list[int], float]] = []
        own = _path_to(tree, doc, head_i, trigger)
        if own is not None:
            candidates.append((own, 0.0))
        else:
            for governor, penalty in governors:
                shared = _path_to(tree, doc, head_i, governor)
                if shared is not None and trigger.i not in shared:
                    candidates.append((shared, penalty))
        head = doc[head_i]
        for indices, penalty in candidates:
            path = _Path(tuple(doc[i] for i in indices))
            if not _locative(path, head):
                continue
            key = (_score(path, place) + penalty, place.start, place)
            if best is None or key[:2] < best[:2]:
                best = key
    if best is None:
        return _fronted_place(trigger, sent, places)
    return best[2]


def _fronted_place(trigger: Token, sent: Span, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """A sentence-opening "In Vienna, ..." sets the scene of the main clause even when the parser
    attaches it elsewhere."""
    first = sent[0]
    if first.lower_ not in {"in", "at", "near", "inside", "outside"}:
        return None
    if trigger.dep_ not in {"ROOT", "dep", "conj"} or (trigger.dep_ == "conj" and trigger.head.dep_ != "ROOT"):
        return None
    comma = next((t.i for t in sent if t.text == ","), None)
    if comma is None:
        return None
    opening = [p for p in _in_sentence(sent, places) if first.idx < p.start and p.end <= sent.doc[comma].idx]
    return opening[0] if opening else None
