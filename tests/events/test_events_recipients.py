"""Who an event is aimed at, when the parse does not put the target in the object slot.

Each case is a sentence of the kind wire reports carry; the rule it checks is named in the test name.
"""

from __future__ import annotations

import pytest

from backchannel.geo.sovereignty import as_of
from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult, Event, PlaceMention


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    from backchannel.pipeline import default_pipeline

    return default_pipeline()


def _code(text: str, pipeline: Pipeline, date: str = "2024-03-01") -> DocumentResult:
    return extract(text, date=date, pipeline=pipeline)


def _asserted(doc: DocumentResult, event_type: str) -> Event:
    hits = [e for e in doc.events if e.event_type == event_type and e.status == "asserted"]
    assert hits, [(e.event_type, e.status, e.trigger.text) for e in doc.events]
    return hits[0]


def _recipient_countries(event: Event) -> set[str | None]:
    return {r.country for r in event.recipient}


def test_relation_object_names_the_other_side(pipeline: Pipeline) -> None:
    doc = _code("Palestinian leaders said they would boycott all official contact with the United States.", pipeline)
    assert _recipient_countries(_asserted(doc, "THREATEN")) == {"USA"}


def test_threat_takes_the_recipient_of_the_threatened_act(pipeline: Pipeline) -> None:
    doc = _code(
        "The Georgian parliament threatened on Monday to break relations with Russia unless Moscow withdrew.",
        pipeline,
    )
    assert _recipient_countries(_asserted(doc, "THREATEN")) == {"RUS"}


def test_demand_that_clause_subject_is_the_addressee(pipeline: Pipeline) -> None:
    doc = _code("Beijing on Tuesday demanded that the US cancel plans to sell fighter jets to Taiwan.", pipeline)
    assert _recipient_countries(_asserted(doc, "REQUEST")) == {"USA"}


def test_nominal_demand_with_that_clause(pipeline: Pipeline) -> None:
    doc = _code("The ILO repeated its demand on Friday that Israel ease restrictions on Palestinian workers.", pipeline)
    assert "ISR" in _recipient_countries(_asserted(doc, "REQUEST"))


def test_curfew_lifted_in_a_place_targets_that_place(pipeline: Pipeline) -> None:
    doc = _code("Sudan's government on Sunday lifted a state of emergency in West Darfur.", pipeline)
    assert _recipient_countries(_asserted(doc, "CONCEDE")) == {"SDN"}


def test_curfew_on_a_group_targets_the_group(pipeline: Pipeline) -> None:
    doc = _code("The army lifted the curfew on Palestinians living in Hebron.", pipeline)
    assert "PSE" in _recipient_countries(_asserted(doc, "CONCEDE"))


def test_offer_takes_the_recipient_of_the_complement(pipeline: Pipeline) -> None:
    doc = _code("Libya has offered to hand over to Britain two men suspected in the bombing.", pipeline)
    assert _recipient_countries(_asserted(doc, "AGREE")) == {"GBR"}


def test_currency_is_not_a_party(pipeline: Pipeline) -> None:
    doc = _code("The former minister was accused of stealing US$40 million by prosecutors in Nairobi.", pipeline)
    assert all(a.country != "USA" for a in doc.actors)


def test_ethnic_group_takes_the_country_where_it_is(pipeline: Pipeline) -> None:
    doc = _code("Serb police killed two ethnic Albanians in a raid in southern Serbia on Friday.", pipeline)
    event = _asserted(doc, "ASSAULT")
    assert _recipient_countries(event) == {"SRB"}


def test_anti_prefix_is_a_stance_not_a_nationality(pipeline: Pipeline) -> None:
    doc = _code("An anti-Syria journalist was killed by a car bomb in Beirut on Monday.", pipeline)
    event = _asserted(doc, "ASSAULT")
    assert _recipient_countries(event) == {"LBN"}
    assert event.recipient[0].text.startswith("anti-Syria")


def test_weapon_modifier_names_the_attacker(pipeline: Pipeline) -> None:
    doc = _code("Three civilians were killed in Israeli tank shelling east of Khan Younis on Friday.", pipeline)
    assert {a.country for a in _asserted(doc, "ASSAULT").actor} == {"ISR"}


def test_reported_past_tense_after_told_is_not_a_request(pipeline: Pipeline) -> None:
    doc = _code(
        "Egyptian police officers beat up two journalists outside the station, a Cairo court was told on Tuesday.",
        pipeline,
    )
    assert _asserted(doc, "ASSAULT").status == "asserted"


def test_places_take_the_state_of_the_document_date(pipeline: Pipeline) -> None:
    old = _code("Rebels shelled Juba on Sunday, killing 20 people.", pipeline, date="1995-03-01")
    new = _code("Rebels shelled Juba on Sunday, killing 20 people.", pipeline, date="2020-03-01")
    assert {p.country_code for p in old.places if p.name == "Juba"} == {"SDN"}
    assert {p.country_code for p in new.places if p.name == "Juba"} == {"SSD"}


def test_sovereignty_without_a_date_keeps_the_gazetteer_country() -> None:
    dili = PlaceMention(text="Dili", start=0, end=4, name="Dili", country_code="TLS")
    assert as_of([dili], None)[0].country_code == "TLS"
    assert as_of([dili], "1990-05-01")[0].country_code == "IDN"
    assert as_of([dili], "2005-05-01")[0].country_code == "TLS"


def test_resident_ethnicity_takes_the_state_named_first(pipeline: Pipeline) -> None:
    doc = _code("Bosnian Serbs demanded a truce with Muslim forces in eastern Bosnia.", pipeline)
    assert {a.country for a in _asserted(doc, "REQUEST").actor} == {"BIH"}
    civic = _code("Chinese Americans protested in San Francisco on Saturday.", pipeline)
    assert {a.country for a in _asserted(civic, "PROTEST").actor} == {"USA"}


def test_town_of_a_transliterated_name_is_geocoded(pipeline: Pipeline) -> None:
    doc = _code("A roadside bomb near the town of Samarra killed two soldiers on Sunday.", pipeline)
    assert [(p.text, p.country_code) for p in doc.places] == [("Samarra", "IRQ")]
    assert {a.country for a in _asserted(doc, "ASSAULT").actor} == {"IRQ"}


def test_people_of_a_state_named_after_them(pipeline: Pipeline) -> None:
    doc = _code("The Serbs of northern Kosovo are demanding autonomy from the authorities in Pristina.", pipeline)
    assert {a.country for a in _asserted(doc, "REQUEST").actor} == {"XKX"}


def test_apposition_gives_an_unknown_person_an_affiliation(pipeline: Pipeline) -> None:
    doc = _code(
        "Mark Lowcock, the United Nations relief coordinator, urged the parties to open the crossings.", pipeline
    )
    assert {a.country for a in _asserted(doc, "REQUEST").actor} == {"IGO"}


def test_heavy_object_after_as_phrase(pipeline: Pipeline) -> None:
    doc = _code("Greece on Monday denounced as a provocation Turkey's survey of the disputed waters.", pipeline)
    assert _recipient_countries(_asserted(doc, "ACCUSE")) == {"TUR"}


def test_back_story_in_a_relative_clause_is_historical(pipeline: Pipeline) -> None:
    doc = _code(
        "Israel on Wednesday freed the mayor of Nablus, a Hamas member jailed two years ago, officials said.",
        pipeline,
        date="2008-08-06",
    )
    jailed = [e for e in doc.events if e.trigger.text == "jailed"]
    freed = [e for e in doc.events if e.trigger.text == "freed"]
    assert jailed and all(e.historical for e in jailed)
    assert freed and not any(e.historical for e in freed)


def test_perfect_clause_after_told_is_reported(pipeline: Pipeline) -> None:
    doc = _code(
        "Hundreds of rebel fighters have been disarmed since the accord, two commanders told reporters on Sunday.",
        pipeline,
    )
    assert any(e.status == "asserted" for e in doc.events if e.trigger.text == "disarmed")


def test_body_based_in_a_place_belongs_to_its_state(pipeline: Pipeline) -> None:
    doc = _code("A newspaper based in west Beirut has defied a ban by the army command.", pipeline)
    assert {a.country for a in _asserted(doc, "REJECT").actor} == {"LBN"}


def test_receiving_observers_is_allowing_entry(pipeline: Pipeline) -> None:
    doc = _code("The Iraqi government received a team of UN weapons inspectors in Baghdad on Monday.", pipeline)
    event = _asserted(doc, "RETREAT")
    assert {a.country for a in event.actor} == {"IRQ"} and _recipient_countries(event) == {"IGO"}


def test_giver_named_under_the_received_object(pipeline: Pipeline) -> None:
    doc = _code("Opposition leaders received assurances from the Armenian government on Friday.", pipeline)
    event = _asserted(doc, "AGREE")
    assert [a.sector for a in event.actor] == ["GOV"]


def test_allegation_targets_the_subject_of_its_clause_and_a_report_speaks_for_its_authors(
    pipeline: Pipeline,
) -> None:
    doc = _code("A statement released in the Ukrainian capital alleged that Russia was behind the blast.", pipeline)
    event = _asserted(doc, "ACCUSE")
    assert {a.country for a in event.actor} == {"UKR"} and _recipient_countries(event) == {"RUS"}


def test_narrated_purpose_is_not_a_stated_intention(pipeline: Pipeline) -> None:
    narrated = _code("Macron flew to Beijing on Friday, seeking to mend ties with China.", pipeline)
    stated = _code("Macron said on Friday that France wants to mend ties with China.", pipeline)
    assert not [e for e in narrated.events if e.status == "asserted" and e.event_type == "AGREE"]
    assert _asserted(stated, "AGREE")


def test_offer_to_host_talks_is_the_hosts_promise(pipeline: Pipeline) -> None:
    doc = _code("Egypt said on Sunday it is ready to host talks between Israel and Hamas.", pipeline)
    event = _asserted(doc, "AGREE")
    assert [a.country for a in event.actor] == ["EGY"]
    assert _recipient_countries(event) == {"ISR", "PSE"}


def test_passive_light_verb_makes_its_subject_the_target(pipeline: Pipeline) -> None:
    doc = _code("A French journalist has been put under investigation in Turkey.", pipeline)
    assert _recipient_countries(_asserted(doc, "ACCUSE")) == {"FRA"}


def test_agentless_demobilization_is_done_by_those_demobilized(pipeline: Pipeline) -> None:
    doc = _code("Some 2,000 rebel fighters in Mindanao have been demobilized since the accord.", pipeline)
    event = _asserted(doc, "RETREAT")
    assert [a.sector for a in event.actor] == ["REB"] and not event.recipient


def test_stopping_a_protest_targets_its_organisers(pipeline: Pipeline) -> None:
    doc = _code("Belarusian police banned a rally planned by opposition supporters in Minsk.", pipeline)
    assert {r.sector for r in _asserted(doc, "COERCE").recipient} == {"OPP"}


def test_conditional_threat_targets_whoever_must_meet_the_condition(pipeline: Pipeline) -> None:
    doc = _code(
        "Iran threatened on Monday to leave the nuclear talks if the European Union imposes new sanctions.",
        pipeline,
    )
    assert _recipient_countries(_asserted(doc, "THREATEN")) == {"IGO"}


def test_event_dated_after_the_report_is_future(pipeline: Pipeline) -> None:
    doc = _code(
        "President Biden looks forward to welcoming Prime Minister Kristersson of Sweden to the White House on July 5.",
        pipeline,
        date="2023-06-28",
    )
    visit = _one_of(doc, "CONSULT")
    assert (visit.date, visit.status) == ("2023-07-05", "future")
    assert {a.country for a in visit.actor} == {"USA"} and _recipient_countries(visit) == {"SWE"}


def test_one_sided_meeting_does_not_borrow_another_clause_parties(pipeline: Pipeline) -> None:
    doc = _code("Hamas leaders met in Cairo on Monday before travelling to Doha.", pipeline)
    assert not [e for e in doc.events if e.trigger.text == "met"]


def test_weekday_before_a_past_verb_is_the_past_one(pipeline: Pipeline) -> None:
    # 2000-01-01 is a Saturday; "cancel plans to" must not make Tuesday the coming one
    doc = _code("China on Tuesday demanded that the US cancel plans to sell weapons to Taiwan.", pipeline, "2000-01-01")
    assert _asserted(doc, "REQUEST").date == "1999-12-28"


def test_the_reason_for_a_sentence_is_back_story(pipeline: Pipeline) -> None:
    doc = _code("A Tunisian court has jailed a Nigerian student for helping militants join an armed group.", pipeline)
    helped = [e for e in doc.events if e.trigger.text == "helping"]
    assert helped and all(e.historical for e in helped)
    assert {a.country for a in helped[0].actor} == {"NGA"}


def _one_of(doc: DocumentResult, event_type: str) -> Event:
    hits = [e for e in doc.events if e.event_type == event_type]
    assert hits, [(e.event_type, e.status, e.trigger.text) for e in doc.events]
    return hits[0]


def test_broken_commitment_targets_whom_it_was_made_to(pipeline: Pipeline) -> None:
    doc = _code("The president has reneged on his commitment to the Kenyan people to hold a referendum.", pipeline)
    assert _recipient_countries(_asserted(doc, "REJECT")) == {"KEN"}


def test_ordering_a_newspaper_to_close_is_coercion_but_ordering_the_army_is_not(pipeline: Pipeline) -> None:
    paper = _code("Zimbabwe's government ordered the independent Daily News to stop publishing.", pipeline)
    assert [e.mode for e in paper.events if e.event_type == "COERCE" and e.status == "asserted"] == ["censor"]
    army = _code("The president ordered the army to halt the offensive.", pipeline)
    assert not [e for e in army.events if e.event_type == "COERCE"]


def test_preposition_left_without_object_by_a_participle_misparse(pipeline: Pipeline) -> None:
    # the parser reads "officers" as the subject of "holed up" and leaves "to" with no object
    doc = _code(
        "Ecuador has granted political asylum to three Venezuelan opposition leaders holed up in its embassy.",
        pipeline,
    )
    assert _recipient_countries(_asserted(doc, "AID")) == {"VEN"}


def test_title_before_an_unknown_name_gives_the_country(pipeline: Pipeline) -> None:
    doc = _code("Sudanese army commanders said they met UN envoy Ramtane Lamamra in Port Sudan on Monday.", pipeline)
    meetings = [e for e in doc.events if e.event_type == "CONSULT"]
    assert meetings and {r.country for r in meetings[0].recipient} == {"IGO"}


def test_parties_to_the_conflict_in_a_country(pipeline: Pipeline) -> None:
    doc = _code(
        "The Red Cross urged all parties to the conflict in Yemen to let aid convoys through.",
        pipeline,
    )
    assert _recipient_countries(_asserted(doc, "REQUEST")) == {"YEM"}


def test_settled_after_talks_with_someone(pipeline: Pipeline) -> None:
    doc = _code(
        "The Kenyan doctors' union called off its strike on Friday after talks with the Kenyan government.",
        pipeline,
    )
    event = _asserted(doc, "CONCEDE")
    assert [r.text for r in event.recipient] == ["Kenyan government"]


def test_police_act_on_their_own_country_s_protesters(pipeline: Pipeline) -> None:
    doc = _code("Pakistani police fired tear gas at protesters outside parliament on Tuesday.", pipeline)
    event = _asserted(doc, "ASSAULT")
    assert _recipient_countries(event) == {"PAK"}
    # a party whose country is known keeps it
    doc = _code("Pakistani police fired tear gas at Afghan refugees outside the camp on Tuesday.", pipeline)
    assert _recipient_countries(_asserted(doc, "ASSAULT")) == {"AFG"}


def test_the_target_hangs_off_the_last_of_coordinated_objects(pipeline: Pipeline) -> None:
    doc = _code("Militants launched rockets, mortars and artillery fire against Israeli army posts.", pipeline)
    assert _recipient_countries(_asserted(doc, "ASSAULT")) == {"ISR"}


def test_measure_for_a_group_other_than_the_actor_s_own(pipeline: Pipeline) -> None:
    doc = _code("Austria will impose restrictions on its labour market for Romanian workers for seven years.", pipeline)
    sanctions = [e for e in doc.events if e.event_type == "SANCTION"]
    assert sanctions and {r.country for r in sanctions[0].recipient} == {"ROU"}


def test_they_under_a_speech_verb_are_its_plural_subject(pipeline: Pipeline) -> None:
    doc = _code(
        "Houthi rebels rejected a Saudi truce offer and said they would keep attacking ships in the Red Sea.",
        pipeline,
    )
    threats = [e for e in doc.events if e.event_type in ("ASSAULT", "THREATEN")]
    assert threats and all({a.country for a in e.actor} == {"YEM"} for e in threats)


def test_a_regional_force_is_multinational(pipeline: Pipeline) -> None:
    doc = _code("Mali's junta rejected the deployment of a regional peacekeeping force on Monday.", pipeline)
    assert _recipient_countries(_asserted(doc, "REJECT")) == {"IGO"}


def test_a_passive_conjunct_takes_its_agent_as_actor(pipeline: Pipeline) -> None:
    # the parser reads "jailed" as the main verb and "were freed" as its conjunct
    doc = _code("The journalists jailed for covering the protests were freed on Monday by Erdogan himself.", pipeline)
    release = _asserted(doc, "RETREAT")
    assert [a.country for a in release.actor] == ["TUR"]
    assert "journalists" in " ".join(r.text for r in release.recipient)


def test_destruction_by_protesters_is_a_riot(pipeline: Pipeline) -> None:
    doc = _code("Angry protesters torched the ruling party's headquarters in Dhaka on Friday.", pipeline)
    riot = _asserted(doc, "PROTEST")
    assert riot.mode == "riot"
    assert not [e for e in doc.events if e.event_type == "ASSAULT" and e.status == "asserted"]
    # the same act by soldiers stays an assault
    doc = _code("Soldiers torched the ruling party's headquarters in Dhaka on Friday.", pipeline)
    assert _asserted(doc, "ASSAULT").mode == "destroy"


def test_killed_in_army_shelling_is_one_event_by_that_army(pipeline: Pipeline) -> None:
    # the parser reads "shelling" as a clause after "in Pakistani army"
    doc = _code("Five villagers were killed in Pakistani army shelling in the Kupwara sector on Sunday.", pipeline)
    attacks = [e for e in doc.events if e.event_type == "ASSAULT" and e.status == "asserted"]
    assert len(attacks) == 1
    assert [a.country for a in attacks[0].actor] == ["PAK"]


def test_a_place_the_actor_base_does_not_know_stands_for_its_state(pipeline: Pipeline) -> None:
    doc = _code("Israeli forces shelled Khan Younis on Sunday, killing five civilians.", pipeline, date="2024-03-05")
    attack = _asserted(doc, "ASSAULT")
    assert _recipient_countries(attack) == {"PSE"}  # not Israel, guessed from the sentence
    doc = _code("Sudanese Armed Forces clashed with the Rapid Support Forces in Omdurman.", pipeline)
    omdurman = [a for a in doc.actors if a.text == "Omdurman"]
    assert omdurman and omdurman[0].country == "SDN" and omdurman[0].kind == "place"
    # a person's surname that is also a town stays a person
    doc = _code("Kenzo Oshima, the UN relief coordinator, urged the warring sides to open the roads.", pipeline)
    assert all(a.kind != "place" for a in doc.actors if "Oshima" in a.text)


def test_peacekeeping_missions_are_igo(pipeline: Pipeline) -> None:
    doc = _code("Al Shabaab militants attacked an AMISOM base near Afgoye (Lower Shabelle).", pipeline)
    attack = _asserted(doc, "ASSAULT")
    assert _recipient_countries(attack) == {"IGO"}
    assert attack.location is not None and attack.location.country_code == "SOM"


def test_acled_style_parties_of_a_trade_or_an_attack(pipeline: Pipeline) -> None:
    doc = _code(
        "On 9 June 2024, around 300 farmers staged a protest outside the district office in Amritsar (Punjab).",
        pipeline,
        date="2024-06-30",
    )
    protest = _asserted(doc, "PROTEST")
    assert [(a.text, a.sector, a.country) for a in protest.actor] == [("farmers", "AGR", "IND")]
    doc = _code("On 30 June 2024, unknown assailants shot dead a local councillor in Culiacan.", pipeline, "2024-06-30")
    attack = _asserted(doc, "ASSAULT")
    # ACLED: an unknown perpetrator is an unidentified armed group (inter 3), not a rebel group (inter 2)
    assert [(a.sector, a.name) for a in attack.actor] == [("UAF", "Unidentified armed group")]
    assert _recipient_countries(attack) == {"MEX"}
    assert attack.location is not None and attack.location.text == "Culiacan"


def test_a_dative_to_names_every_conjunct(pipeline: Pipeline) -> None:
    doc = _code("Egypt presented a three-stage plan to Israel and Hamas on Monday.", pipeline)
    assert _recipient_countries(_asserted(doc, "AGREE")) == {"ISR", "PSE"}


def test_what_is_given_is_no_party(pipeline: Pipeline) -> None:
    doc = _code("Germany sent Patriot air defence systems to Ukraine on Monday.", pipeline)
    assert _recipient_countries(_asserted(doc, "AID")) == {"UKR"}
    # the infinitive of a passive ("is expected to receive") is active: Ukraine receives, Denmark gives
    doc = _code("Ukraine is expected to receive F-16 jets from Denmark this summer.", pipeline)
    aid = [e for e in doc.events if e.event_type == "AID"]
    assert aid and {a.country for a in aid[0].actor} == {"DNK"} and _recipient_countries(aid[0]) == {"UKR"}


def test_the_charge_is_not_its_target(pipeline: Pipeline) -> None:
    doc = _code("Police arrested five men and charged them with spying for Iran.", pipeline)
    charge = _asserted(doc, "ACCUSE")
    assert [r.text for r in charge.recipient] == ["five men"]


def test_a_relative_or_aide_is_not_the_owner(pipeline: Pipeline) -> None:
    doc = _code(
        "Israel said it had killed the new commander of Hamas's armed wing, days after his predecessor was killed.",
        pipeline,
    )
    later = [
        e for e in doc.events if e.event_type == "ASSAULT" and "predecessor" in " ".join(r.text for r in e.recipient)
    ]
    assert later, [(e.trigger.text, [r.text for r in e.recipient]) for e in doc.events]
    assert {r.country for r in later[0].recipient} == {"PSE"}
    doc = _code("Putin's spokesman accused Ukraine of attacking the Kursk nuclear plant.", pipeline)
    accuser = _asserted(doc, "ACCUSE").actor[0]
    assert accuser.text == "Putin's spokesman" and accuser.actor_id is None
    assert (accuser.country, accuser.sector) == ("RUS", "GOV")


def test_possessor_of_a_killing_or_an_arrest_undergoes_it(pipeline: Pipeline) -> None:
    doc = _code("Crowds in Tbilisi mourned after the opposition leader's killing by unknown gunmen.", pipeline)
    assert not any("leader" in a.text for e in doc.events for a in e.actor)
    doc = _code("Russia's invasion of Ukraine began in February 2022.", pipeline)
    invasion = _one_of(doc, "ASSAULT")
    assert {a.country for a in invasion.actor} == {"RUS"} and {r.country for r in invasion.recipient} == {"UKR"}
