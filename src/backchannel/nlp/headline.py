"""Repair digest-style sentences whose verb the small English pipeline read as a noun.

Event digests and headlines use the simple present: "The Israeli Air Force bombs Houthi targets",
"A Stuttgart court sentences X to life", "Over 50,000 people march in Ankara".  ``bombs``,
``sentences`` and ``march`` are also plural or bare nouns, and the parser then builds the sentence
around a noun root with no verb at all, so no event can be read from it.

For such a sentence (its root is a noun), each word after the first that may be
the present tense of a known verb is tried in turn: the sentence is parsed again with that word in
the past tense ("bombed"), which the parser reads unambiguously.  When that parse makes the word
the verb at the root, and tokenizes exactly as before, the sentence takes that parse, with the
original words and the word tagged as a present-tense verb.  Other sentences are left as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = ["HeadlineRepair"]

_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_SUBJECT_END_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_VOWELS = frozenset("aeiou")
_MAX_TOKENS = 80  # longer verbless sentences are not re-read
_MAX_TRIES = 2  # words tried as the verb, left to right


class HeadlineRepair:
    """Re-parse verbless sentences with their likely verb in the past tense (see the module doc)."""

    def __init__(self, nlp: Language, verbs: Iterable[str]) -> None:
        self.nlp = nlp
        self.verbs = frozenset(v.lower() for v in verbs)
        self._irregular: dict[str, str] = {}
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            table = {}
        for form, bases in table.items():
            if form.endswith(("ing", "s")) or not bases:
                continue
            base = bases[0]
            if base in self.verbs and base not in self._irregular:
                self._irregular[base] = form

    def __call__(self, doc: Doc) -> Doc:
        fixes = [(sent, fixed) for sent in doc.sents if _verbless(sent) for fixed in [self._repair(sent)] if fixed]
        if not fixes:
            return doc
        # the stretches between repaired sentences are copied whole, not sentence by sentence
        parts: list[Doc] = []
        at = 0
        for sent, fixed in fixes:
            if sent.start > at:
                parts.append(doc[at : sent.start].as_doc())
            parts.append(fixed)
            at = sent.end
        if at < len(doc):
            parts.append(doc[at:].as_doc())
        joined = Doc.from_docs(parts, ensure_whitespace=False)
        return joined if joined.text == doc.text and len(joined) == len(doc) else doc

    def _repair(self, sent: Span) -> Doc | None:
        if len(sent) > _MAX_TOKENS:
            return None  # a digest sentence is short; a long verbless stretch is a list or a table
        tried = 0
        for tok in sent[1:]:
            base = self._base(tok) or self._paired_base(tok, sent)
            if base is None or not _after_subject(tok):
                continue
            fixed = self._reparse(sent, tok, base)
            if fixed is not None:
                return fixed
            tried += 1
            if tried == _MAX_TRIES:
                break
        return None

    def _base(self, tok: Token) -> str | None:
        """The verb whose present tense ``tok`` may be, or None."""
        if tok.tag_ not in _NOUN_TAGS or not tok.is_lower:
            return None
        return self._verb_of(tok.lower_)

    def _verb_of(self, word: str) -> str | None:
        options = [word]
        if word.endswith("ies"):
            options.insert(0, word[:-3] + "y")
        if word.endswith("es"):
            options.insert(0, word[:-2])
        if word.endswith("s"):
            options.insert(0, word[:-1])
        return next((w for w in options if w in self.verbs), None)

    def _paired_base(self, tok: Token, sent: Span) -> str | None:
        """ "The coast guard intercepts and seizes a tanker": a verb the lexicon lacks, read as one because a
        verb it has follows it in the same form after "and"; its base is the word without its "s"."""
        if tok.i + 2 >= sent.end or tok.nbor(1).lower_ != "and" or not tok.lower_.endswith("s"):
            return None
        if tok.tag_ != "NNS" or not tok.is_lower or self._verb_of(tok.nbor(2).lower_) is None:
            return None
        return tok.lower_[:-2] if tok.lower_.endswith(("shes", "ches", "sses")) else tok.lower_[:-1]

    def _past(self, base: str) -> str:
        if base in self._irregular:
            return self._irregular[base]
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            return base[:-1] + "ied"
        short_cvc = 3 <= len(base) <= 4 and base[-2] in _VOWELS and base[-3] not in _VOWELS
        if short_cvc and base[-1] not in _VOWELS | {"w", "x", "y"}:
            return base + base[-1] + "ed"  # ban -> banned
        return base + "ed"

    def _reparse(self, sent: Span, tok: Token, base: str) -> Doc | None:
        at = tok.idx - sent.start_char
        text = sent.text_with_ws
        again = self.nlp(text[:at] + self._past(base) + text[at + len(tok.text) :])
        k = tok.i - sent.start
        if len(again) != len(sent):
            return None
        if any(a.text != b.text for j, (a, b) in enumerate(zip(again, sent, strict=True)) if j != k):
            return None
        verb = again[k]
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ROOT":
            return None
        tags = [t.tag_ for t in again]
        tags[k] = "VBZ" if tok.lower_.endswith("s") else "VBP"
        lemmas = [t.lemma_ for t in again]
        lemmas[k] = base
        morphs = [str(t.morph) for t in again]
        morphs[k] = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin" if tags[k] == "VBZ" else "Tense=Pres|VerbForm=Fin"
        starts: list[bool | int | None] = [True, *(bool(t.is_sent_start) for t in again[1:])]
        ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in again]
        fixed = Doc(
            sent.doc.vocab,
            words=[t.text for t in sent],
            spaces=[bool(t.whitespace_) for t in sent],
            tags=tags,
            pos=[t.pos_ for t in again],
            morphs=morphs,
            lemmas=lemmas,
            heads=[t.head.i for t in again],
            deps=[t.dep_ for t in again],
            sent_starts=starts,
            ents=ents,
        )
        fixed.tensor = again.tensor  # Doc.from_docs joins the parts' tensors: keep the shapes alike
        return fixed


def _after_subject(tok: Token) -> bool:
    """The word follows what may end a subject: a noun ("Police raid"), or a noun and a comma closing an
    apposition or a place ("A court in Manhattan, New York, sentences")."""
    before = tok.nbor(-1)
    if before.pos_ in _SUBJECT_END_POS:
        return True
    return before.text == "," and before.i > tok.sent.start and before.nbor(-1).pos_ in _SUBJECT_END_POS


def _verbless(sent: Span) -> bool:
    """The sentence is built around a noun (a verb may still hang below it: "officials linked to")."""
    return sent.root.pos_ in ("NOUN", "PROPN")
