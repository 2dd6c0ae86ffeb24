"""The word classes the event coder's rules test against, read from ``data/wordclasses.tsv``.

Each class is a set of lemmas (or lower-case forms, or dependency labels) with a comment in the data
file saying what it holds and where its convention comes from.  ``WordClasses.load()`` parses the
packaged file once; the coder and its helpers receive the frozen result, as they receive the
``Lexicon``, and refer to a class by its attribute name.  Two prefixed families are mappings:
``party_noun/SECTOR`` (generic party nouns and the PLOVER sector they suggest, ``-`` for none,
``agents`` for the sector ``actors/data/agents.tsv`` gives the noun) and
``context/NAME`` (words that put an event in a PLOVER context) and ``weapon_mode/MODE`` and
``mobilized_mode/MODE`` (the instruments or forces that tell an ASSAULT's or a MOBILIZE's PLOVER mode).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from backchannel.errors import ConfigError

__all__ = ["WordClasses"]

_PARTY_PREFIX = "party_noun/"
_CONTEXT_PREFIX = "context/"
_WEAPON_PREFIX = "weapon_mode/"
_MOBILIZED_PREFIX = "mobilized_mode/"


@dataclass(frozen=True)
class WordClasses:
    """One frozen set per class of ``data/wordclasses.tsv`` (see the comment above each class there)."""

    party_sectors: Mapping[str, str | None]
    context_topics: Mapping[str, str]
    weapon_modes: Mapping[str, str]
    mobilized_modes: Mapping[str, str]
    # one field per class of the data file, in alphabetical order
    absent_mediation_phrases: frozenset[str]
    accident_modifiers: frozenset[str]
    accident_objects: frozenset[str]
    accident_verbs: frozenset[str]
    accident_vetoes: frozenset[str]
    accusing_verbs: frozenset[str]
    acting_body_nouns: frozenset[str]
    allegation_complement_deps: frozenset[str]
    allegation_nouns: frozenset[str]
    allegation_verbs: frozenset[str]
    alleging_verbs: frozenset[str]
    amount_preps: frozenset[str]
    animal_nouns: frozenset[str]
    assistance_nouns: frozenset[str]
    attack_author_preps: frozenset[str]
    attack_clause_marks: frozenset[str]
    attack_count_nouns: frozenset[str]
    attack_means: frozenset[str]
    attack_target_preps: frozenset[str]
    attempt_cues: frozenset[str]
    attempt_nouns: frozenset[str]
    attribution_verbs: frozenset[str]
    auxiliary_deps: frozenset[str]
    bloc_modifiers: frozenset[str]
    bombing_modifiers: frozenset[str]
    casualty_nouns: frozenset[str]
    cause_preps: frozenset[str]
    charge_nouns: frozenset[str]
    charge_preps: frozenset[str]
    citing_verbs: frozenset[str]
    comment_words: frozenset[str]
    commerce_verbs: frozenset[str]
    commitment_nouns: frozenset[str]
    complement_target_preps: frozenset[str]
    condition_subject_pronouns: frozenset[str]
    conditional_commitment_auxiliaries: frozenset[str]
    conditional_marks: frozenset[str]
    conflict_party_nouns: frozenset[str]
    corpse_nouns: frozenset[str]
    crowd_control_weapons: frozenset[str]
    crowd_numbers: frozenset[str]
    denial_objects: frozenset[str]
    deontic_auxiliaries: frozenset[str]
    desire_cues: frozenset[str]
    disaster_nouns: frozenset[str]
    dispute_nouns: frozenset[str]
    dissuading_verbs: frozenset[str]
    double_negation_verbs: frozenset[str]
    empathy_nouns: frozenset[str]
    example_preps: frozenset[str]
    exercise_nouns: frozenset[str]
    explosion_nouns: frozenset[str]
    explosive_nouns: frozenset[str]
    failure_phrases: frozenset[str]
    figurative_war_modifiers: frozenset[str]
    fire_preps: frozenset[str]
    fire_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    generic_event_heads: frozenset[str]
    governed_clause_deps: frozenset[str]
    hazard_heads: frozenset[str]
    hazard_modifiers: frozenset[str]
    hedge_adverbs: frozenset[str]
    help_nouns: frozenset[str]
    history_preps: frozenset[str]
    hostile_modifiers: frozenset[str]
    identity_hedge_verbs: frozenset[str]
    imprisonment_nouns: frozenset[str]
    hosting_verbs: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_verbs: frozenset[str]
    impact_verbs: frozenset[str]
    industrial_sites: frozenset[str]
    instrument_preps: frozenset[str]
    intent_cues: frozenset[str]
    intention_complement_deps: frozenset[str]
    interception_verbs: frozenset[str]
    joint_modifiers: frozenset[str]
    judicial_act_verbs: frozenset[str]
    kin_nouns: frozenset[str]
    lasting_conflicts: frozenset[str]
    launched_weapons: frozenset[str]
    legal_texts: frozenset[str]
    light_verb_object_preps: frozenset[str]
    light_verbs: frozenset[str]
    means_preps: frozenset[str]
    measure_heads: frozenset[str]
    measure_nouns: frozenset[str]
    measure_target_preps: frozenset[str]
    mediation_agent_verbs: frozenset[str]
    mediation_offer_cues: frozenset[str]
    mediation_prefixes: frozenset[str]
    mediation_preps: frozenset[str]
    mediation_verbs: frozenset[str]
    mediator_nouns: frozenset[str]
    mediator_role_preps: frozenset[str]
    mishap_nouns: frozenset[str]
    modifier_deps: frozenset[str]
    multinational_modifiers: frozenset[str]
    named_target_preps: frozenset[str]
    narrating_clause_deps: frozenset[str]
    natural_hazards: frozenset[str]
    natural_objects: frozenset[str]
    negating_nouns: frozenset[str]
    negating_verbs: frozenset[str]
    negative_adverbs: frozenset[str]
    news_nouns: frozenset[str]
    nominal_argument_deps: frozenset[str]
    nominal_subject_deps: frozenset[str]
    noun_complement_deps: frozenset[str]
    noun_relative_deps: frozenset[str]
    object_accident_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    observation_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    outbreak_verbs: frozenset[str]
    owner_preps: frozenset[str]
    pair_determiners: frozenset[str]
    pair_nouns: frozenset[str]
    pair_numbers: frozenset[str]
    participant_deps: frozenset[str]
    patient_events: frozenset[str]
    patient_nouns: frozenset[str]
    peaceful_mission_prefixes: frozenset[str]
    person_pair_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    phrase_boundary_deps: frozenset[str]
    phrase_internal_preps: frozenset[str]
    place_target_preps: frozenset[str]
    player_roles: frozenset[str]
    plural_pronouns: frozenset[str]
    police_act_verbs: frozenset[str]
    possessive_pronouns: frozenset[str]
    possibility_complement_deps: frozenset[str]
    preventing_verbs: frozenset[str]
    proposal_nouns: frozenset[str]
    protest_nouns: frozenset[str]
    protester_nouns: frozenset[str]
    readiness_cues: frozenset[str]
    relation_nouns: frozenset[str]
    relation_object_preps: frozenset[str]
    relational_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    reported_attack_preps: frozenset[str]
    reported_clause_deps: frozenset[str]
    reported_content_deps: frozenset[str]
    request_nouns: frozenset[str]
    request_verbs: frozenset[str]
    response_nouns: frozenset[str]
    ruling_verbs: frozenset[str]
    seized_place_entities: frozenset[str]
    seized_places: frozenset[str]
    settlement_preps: frozenset[str]
    speaking_documents: frozenset[str]
    speech_noun_content_deps: frozenset[str]
    speech_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    state_mediator_sectors: frozenset[str]
    state_participles: frozenset[str]
    state_sectors: frozenset[str]
    structure_nouns: frozenset[str]
    subject_deps: frozenset[str]
    subject_sharing_deps: frozenset[str]
    subjunctive_clause_deps: frozenset[str]
    subordinate_nouns: frozenset[str]
    suffering_verbs: frozenset[str]
    talks_nouns: frozenset[str]
    temporal_condition_marks: frozenset[str]
    territory_parts: frozenset[str]
    thing_names: frozenset[str]
    thing_pronouns: frozenset[str]
    third_party_talks_modifiers: frozenset[str]
    time_preps: frozenset[str]
    topic_object_verbs: frozenset[str]
    troop_nouns: frozenset[str]
    unidentified_modifiers: frozenset[str]
    unnamed_fighting_nouns: frozenset[str]
    vehicle_accident_verbs: frozenset[str]
    vehicle_nouns: frozenset[str]
    victim_nouns: frozenset[str]
    vow_verbs: frozenset[str]
    war_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    weapon_test_modifiers: frozenset[str]
    wh_word_deps: frozenset[str]
    wh_words: frozenset[str]

    @property
    def arms(self) -> frozenset[str]:
        """Anything used to attack: weapons and explosive devices ("an IED targeting a convoy")."""
        return self.weapon_nouns | self.explosive_nouns

    @classmethod
    def load(cls) -> WordClasses:
        return _load_packaged()

    @classmethod
    def from_text(
        cls, text: str, origin: str = "<wordclasses>", agent_sectors: Mapping[str, str] | None = None
    ) -> WordClasses:
        """Parse the word classes; ``agent_sectors`` (noun -> sector of the actor knowledge base) gives
        the sector of the nouns listed as ``party_noun/agents``."""
        sets: dict[str, set[str]] = {}
        parties: dict[str, str | None] = {}
        contexts: dict[str, str] = {}
        weapons: dict[str, str] = {}
        mobilized: dict[str, str] = {}
        for lineno, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            if len(cols) != 2 or not cols[1].strip():
                raise ConfigError(f"{origin}:{lineno}: expected class <TAB> word")
            name, word = cols[0].strip(), cols[1].strip()
            if name.startswith(_PARTY_PREFIX):
                sector = name.removeprefix(_PARTY_PREFIX)
                if sector == "agents":
                    if agent_sectors is None or word not in agent_sectors:
                        raise ConfigError(f"{origin}:{lineno}: {word!r} has no sector in the actor agents")
                    sector = agent_sectors[word]
                parties[word] = None if sector == "-" else sector
            elif name.startswith(_CONTEXT_PREFIX):
                contexts[word] = name.removeprefix(_CONTEXT_PREFIX)
            elif name.startswith(_WEAPON_PREFIX):
                weapons[word] = name.removeprefix(_WEAPON_PREFIX)
            elif name.startswith(_MOBILIZED_PREFIX):
                mobilized[word] = name.removeprefix(_MOBILIZED_PREFIX)
            else:
                sets.setdefault(name, set()).add(word)
        fields = {f.name for f in dataclasses.fields(cls)} - {
            "party_sectors",
            "context_topics",
            "weapon_modes",
            "mobilized_modes",
        }
        unknown = sorted(set(sets) - fields)
        missing = sorted(fields - set(sets))
        if unknown or missing:
            raise ConfigError(f"{origin}: unknown word classes {unknown}, missing word classes {missing}")
        return cls(
            party_sectors=MappingProxyType(parties),
            context_topics=MappingProxyType(contexts),
            weapon_modes=MappingProxyType(weapons),
            mobilized_modes=MappingProxyType(mobilized),
            **{name: frozenset(words) for name, words in sets.items()},
        )


def _load_packaged() -> WordClasses:
    text = resources.files("backchannel.events").joinpath("data/wordclasses.tsv").read_text(encoding="utf-8")
    return WordClasses.from_text(text, origin="backchannel/events/data/wordclasses.tsv", agent_sectors=_agent_sectors())


def _agent_sectors() -> dict[str, str]:
    """Noun -> sector of the actor knowledge base's sector nouns (``actors/data/agents.tsv``: phrase,
    sector[/LEAD], type, standalone; the first row of a phrase counts)."""
    text = resources.files("backchannel.actors.data").joinpath("agents.tsv").read_text(encoding="utf-8")
    sectors: dict[str, str] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2:
            continue
        sectors.setdefault(cols[0].strip(), cols[1].partition("/")[0].strip())
    return sectors
