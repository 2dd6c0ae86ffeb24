"""The trigger lexicon: which words and phrases signal which PLOVER event type.

The lexicon is a data file of ours (``data/triggers.tsv``); see its header for the
columns.  ``Lexicon.load()`` parses it once; lookups are dictionary hits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from backchannel.errors import ConfigError
from backchannel.events.ontology import QUAD_CLASS
from backchannel.events.wordclasses import WordClasses

__all__ = ["Lexicon", "TriggerEntry"]


@dataclass(frozen=True)
class TriggerEntry:
    kind: str  # verb | noun | adj
    phrase: str  # lemma or "lemma particle"
    event_type: str
    mode: str | None
    recip_preps: frozenset[str] = frozenset()
    reciprocal: bool = False
    objects: frozenset[str] = frozenset()
    obj_actor: bool = False
    intransitive: bool = False
    no_xcomp: bool = False
    subjects: frozenset[str] = frozenset()
    swap_roles: bool = False  # the subject receives and a "from" object acts ("received weapons from")
    complements: frozenset[str] = frozenset()  # only with an infinitive of these ("ordered X to leave")
    not_objects: frozenset[str] = frozenset()  # never with a direct object of these ("strikes its last penny")

    @property
    def specificity(self) -> int:
        """Entries with conditions are tried before unconditional ones."""
        conditions = (
            2 * bool(self.objects)
            + 2 * bool(self.subjects)
            + 2 * bool(self.complements)
            + bool(self.obj_actor or self.intransitive)
        )
        return conditions + len(self.phrase.split())


@dataclass
class Lexicon:
    verbs: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    nouns: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    adjs: dict[str, list[TriggerEntry]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lexicon:
        return _load_packaged()

    @classmethod
    def from_text(cls, text: str, origin: str = "<lexicon>") -> Lexicon:
        lex = cls()
        for lineno, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            if len(cols) < 3:
                raise ConfigError(f"{origin}:{lineno}: expected at least 3 tab-separated columns")
            kind, phrase, event_type = cols[0].strip(), cols[1].strip().lower(), cols[2].strip()
            if event_type not in QUAD_CLASS:
                raise ConfigError(f"{origin}:{lineno}: unknown PLOVER event type {event_type!r}")
            mode = cols[3].strip() or None if len(cols) > 3 else None
            opts = [o.strip() for o in cols[4].split(",")] if len(cols) > 4 else []
            entry = TriggerEntry(
                kind=kind,
                phrase=phrase,
                event_type=event_type,
                mode=mode,
                recip_preps=frozenset(_opt_values(opts, "recip")),
                reciprocal="reciprocal" in opts,
                objects=frozenset(_opt_values(opts, "obj")),
                obj_actor="objactor" in opts,
                intransitive="intr" in opts,
                no_xcomp="noxcomp" in opts,
                subjects=frozenset(_opt_values(opts, "subj")),
                swap_roles="swap" in opts,
                complements=frozenset(_opt_values(opts, "xcomp")),
                not_objects=frozenset(_opt_values(opts, "notobj")),
            )
            table = {"verb": lex.verbs, "noun": lex.nouns, "adj": lex.adjs}.get(kind)
            if table is None:
                raise ConfigError(f"{origin}:{lineno}: unknown trigger kind {kind!r}")
            table.setdefault(phrase, []).append(entry)
        for table in (lex.verbs, lex.nouns, lex.adjs):
            for entries in table.values():
                entries.sort(key=lambda e: -e.specificity)
        return lex

    def verb_lemmas(self, words: WordClasses | None = None) -> frozenset[str]:
        """Every verb the lexicon codes or reads as reporting speech (first word of a phrasal verb)."""
        speech = (words or WordClasses.load()).speech_verbs
        return frozenset(k.split()[0] for k in self.verbs) | speech

    def max_noun_words(self) -> int:
        return max((len(k.split()) for k in self.nouns), default=1)


def _opt_values(opts: list[str], key: str) -> list[str]:
    values: list[str] = []
    for opt in opts:
        if opt.startswith(key + "="):
            values.extend(v.strip().lower() for v in opt.split("=", 1)[1].split("|") if v.strip())
    return values


@lru_cache(maxsize=1)
def _load_packaged() -> Lexicon:
    text = resources.files("backchannel.events").joinpath("data/triggers.tsv").read_text(encoding="utf-8")
    return Lexicon.from_text(text, origin="backchannel/events/data/triggers.tsv")
