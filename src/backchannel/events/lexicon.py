"""The trigger lexicon: which words and phrases signal which PLOVER event type.

The lexicon is a data file of ours (``data/triggers.tsv``); see its header for the
columns.  Under it, as a backoff, ``data/triggers_cameo.tsv`` (generated from PETRARCH2's CAMEO
verb dictionary) gives the phrases ours lacks.  ``Lexicon.load()`` parses both once; lookups are
dictionary hits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib import resources

from backchannel.errors import ConfigError
from backchannel.events.ontology import QUAD_CLASS
from backchannel.events.wordclasses import WordClasses

__all__ = ["RETYPE_CONDITIONS", "Lexicon", "Retype", "TriggerEntry"]

# What a retype=TYPE[/MODE]@CONDITION option may test (the coder reads each in the part that can see it):
#   promise         what is vowed is cooperative ("vowed to continue supplying gas"): PLOVER manual AGREE
#   peace_troops    arriving troops on a peacekeeping, humanitarian, relief or medical mission: AID
#   troops          arriving troops: a deployment (MOBILIZE), not a visit
#   alone           one side, no partner, not "joint": an exercise is a show of force (MOBILIZE)
#   protester_doer  done by protesters: destruction by protesters is a riot (PROTEST/riot)
#   crowd_weapon    what is fired is a crowd-control weapon ("fired water cannon at students"): PLOVER
#                   manual ASSAULT mode crowd-control
#   own_threat      a warning that says what its speaker will do ("warned that it would expel the envoys"):
#                   PLOVER manual THREATEN ("coercive or forceful warnings")
#   tested          a weapon fired or launched as a test ("test-fired a missile"): PLOVER manual MOBILIZE
#                   mode weapons ("test weapons systems")
#   failed          talks that collapsed, broke down or ended without a deal, or parties that "failed to
#                   reach" one: PLOVER manual REJECT ("all rejections and refusals", mode meet)
# not-words: the names of the conditions, not words of the text
RETYPE_CONDITIONS = frozenset(
    {"promise", "peace_troops", "troops", "alone", "protester_doer", "failed", "own_threat", "crowd_weapon", "tested"}
)


@dataclass(frozen=True)
class Retype:
    """A lexicon option: the entry codes ``event_type``/``mode`` instead when ``condition`` holds."""

    event_type: str
    mode: str | None
    condition: str


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
    of_place: bool = False  # only when the object's "of" phrase names a place ("took control of the town")
    retypes: tuple[Retype, ...] = ()  # other codings under a condition, tried in order
    source: str = field(default="", compare=False)  # file:line of the entry
    retyped_from: str | None = field(default=None, compare=False)  # the retype option that made this entry

    def retyped_by(self, condition: str) -> TriggerEntry | None:
        """This entry recoded by its retype option for ``condition`` (None when it has none)."""
        for r in self.retypes:
            if r.condition == condition:
                option = f"retype={r.event_type}{'/' + r.mode if r.mode else ''}@{condition}"
                return dataclasses.replace(self, event_type=r.event_type, mode=r.mode, retyped_from=option)
        return None

    @property
    def specificity(self) -> int:
        """Entries with conditions are tried before unconditional ones."""
        conditions = (
            2 * bool(self.objects)
            + 2 * bool(self.subjects)
            + 2 * bool(self.complements)
            + bool(self.obj_actor or self.intransitive)
            + 2 * self.of_place
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
                of_place="ofplace" in opts,
                retypes=_retypes(opts, f"{origin}:{lineno}"),
                source=f"{origin}:{lineno}",
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

    def with_backoff(self, backoff: Lexicon) -> Lexicon:
        """This lexicon, plus what ``backoff`` has that it lacks; ours wins on every lemma and phrase it has.

        A backoff phrase of a verb we code ("rush to" when we have "rush") is left out: the coder tries
        phrases before the bare verb, so it would pre-empt ours.  On a phrase we have, the backoff adds
        only readings of another type that need an object or subject, tried after ours.
        """
        merged = Lexicon(verbs=dict(self.verbs), nouns=dict(self.nouns), adjs=dict(self.adjs))
        ours = frozenset(k.split()[0] for k in self.verbs)
        for mine, theirs in ((merged.verbs, backoff.verbs), (merged.nouns, backoff.nouns), (merged.adjs, backoff.adjs)):
            for phrase, entries in theirs.items():
                if phrase in mine:
                    types = {e.event_type for e in mine[phrase]}
                    extra = [e for e in entries if (e.objects or e.subjects) and e.event_type not in types]
                    mine[phrase] = mine[phrase] + extra
                elif mine is not merged.verbs or phrase.split()[0] not in ours:
                    mine[phrase] = entries
        return merged

    def max_noun_words(self) -> int:
        return max((len(k.split()) for k in self.nouns), default=1)


def _opt_values(opts: list[str], key: str) -> list[str]:
    values: list[str] = []
    for opt in opts:
        if opt.startswith(key + "="):
            values.extend(v.strip().lower() for v in opt.split("=", 1)[1].split("|") if v.strip())
    return values


def _retypes(opts: list[str], where: str) -> tuple[Retype, ...]:
    out: list[Retype] = []
    for opt in opts:
        if not opt.startswith("retype="):
            continue
        coding, _, condition = opt.removeprefix("retype=").partition("@")
        event_type, _, mode = coding.partition("/")
        if event_type not in QUAD_CLASS or condition not in RETYPE_CONDITIONS:
            raise ConfigError(f"{where}: retype needs TYPE[/MODE]@CONDITION with one of {sorted(RETYPE_CONDITIONS)}")
        out.append(Retype(event_type, mode or None, condition))
    return tuple(out)


def _load_packaged() -> Lexicon:
    data = resources.files("backchannel.events").joinpath("data")
    text = data.joinpath("triggers.tsv").read_text(encoding="utf-8")
    lexicon = Lexicon.from_text(text, origin="backchannel/events/data/triggers.tsv")
    # the broad lexicon generated from PETRARCH2's CAMEO verbs (scripts/build_cameo_lexicon.py) is a backoff
    backoff = data.joinpath("triggers_cameo.tsv").read_text(encoding="utf-8")
    return lexicon.with_backoff(Lexicon.from_text(backoff, origin="backchannel/events/data/triggers_cameo.tsv"))
