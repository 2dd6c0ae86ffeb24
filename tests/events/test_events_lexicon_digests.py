"""Trigger-lexicon entries for one-line world-event digests (law, politics, diplomacy, sport).

The sentences are written for these tests in the style of a current-events digest. Each test names
the lexicon entry it checks: a missing trigger (pardons, acquittals, dropped charges, blacklists,
terrorist designations, impeachment), an ambiguous verb that needs an object filter ("seeks a fourth
term", "approves a pension bill", "withdraws its draft budget", "beats Argentina 2-1"), or a type the
PLOVER manual assigns differently (a cancelled visit is REJECT; barring entry is REJECT; an expelled
chargé d'affaires is SANCTION expel, not a deportation).
"""

from __future__ import annotations

from digest_helpers import all_types as _types
from digest_helpers import code as _code
from digest_helpers import countries as _countries
from digest_helpers import events as _events
from digest_helpers import one as _one

from backchannel.pipeline import Pipeline

# ---------------------------------------------------------------- CONCEDE: pardons, acquittals, dropped cases


def test_granted_pardons_are_a_concession_to_the_prisoners(pipeline: Pipeline) -> None:
    doc = _code(
        "Sri Lankan president Anura Kumara Dissanayake grants pardons to 388 prisoners to mark Vesak.", pipeline
    )
    event = _one(doc, "CONCEDE")
    assert event.trigger.text == "grants"
    assert _countries(event.actor) == {"LKA"}
    assert [r.text for r in event.recipient] == ["prisoners"]


def test_dropped_charges_are_a_concession_not_a_rejection(pipeline: Pipeline) -> None:
    doc = _code(
        "Georgian prosecutors drop charges against two opposition activists detained during the December protests.",
        pipeline,
    )
    event = _one(doc, "CONCEDE")
    assert event.trigger.text == "drop"
    assert _countries(event.actor) == {"GEO"} and _countries(event.recipient) == {"GEO"}


def test_dismissed_charges_are_a_concession_not_a_rejection(pipeline: Pipeline) -> None:
    doc = _code("A federal judge dismisses the charges against New York mayor Eric Adams.", pipeline)
    event = _one(doc, "CONCEDE")
    assert [r.text for r in event.recipient] == ["New York mayor Eric Adams"]
    assert not _events(doc, "REJECT")


def test_acquittal_is_a_concession(pipeline: Pipeline) -> None:
    doc = _code("An appeals court in Tunis acquits opposition leader Rached Ghannouchi of money laundering.", pipeline)
    event = _one(doc, "CONCEDE")
    assert event.trigger.text == "acquits"
    assert any("Ghannouchi" in r.text for r in event.recipient)


def test_overturned_conviction_is_a_concession_to_the_convicted(pipeline: Pipeline) -> None:
    doc = _code("A Guatemalan appeals court overturns the conviction of journalist José Rubén Zamora.", pipeline)
    event = _one(doc, "CONCEDE")
    assert _countries(event.actor) == {"GTM"}
    assert any("Zamora" in r.text for r in event.recipient)


def test_withdrawn_lawsuit_is_a_concession_not_a_retreat(pipeline: Pipeline) -> None:
    doc = _code("Armenia withdraws its lawsuit against Azerbaijan at the International Court of Justice.", pipeline)
    assert _countries(_one(doc, "CONCEDE").actor) == {"ARM"}
    assert not _events(doc, "RETREAT")


def test_cancelled_tariffs_are_a_concession(pipeline: Pipeline) -> None:
    doc = _code("Washington cancels the tariffs on Brazilian beef and coffee.", pipeline)
    event = _one(doc, "CONCEDE")
    assert _countries(event.actor) == {"USA"} and _countries(event.recipient) == {"BRA"}


# ---------------------------------------------------------------- COERCE / SANCTION / REJECT


def test_issued_arrest_warrant_is_read_although_issues_looks_like_a_noun(pipeline: Pipeline) -> None:
    # "issues" was read as a plural noun, leaving the sentence without a verb
    # ("agency issues"); an entry for the verb "issue" lets the parser repair re-read it as the verb
    doc = _code(
        "Kenya's anti-graft agency issues an arrest warrant for former finance minister Henry Rotich "
        "on charges of fraud.",
        pipeline,
    )
    event = _one(doc, "COERCE")
    assert event.mode == "arrest" and event.trigger.text == "arrest warrant"
    assert _countries(event.actor) == {"KEN"} and any("Rotich" in r.text for r in event.recipient)


def test_issued_pardon_is_a_concession(pipeline: Pipeline) -> None:
    doc = _code("The Georgian president issues a pardon to jailed journalist Mzia Amaglobeli.", pipeline)
    event = _one(doc, "CONCEDE")
    assert _countries(event.actor) == {"GEO"} and any("Amaglobeli" in r.text for r in event.recipient)


def test_entity_list_is_a_sanction_on_the_listed_firms(pipeline: Pipeline) -> None:
    doc = _code("Beijing adds 15 American defence companies to its unreliable entity list.", pipeline)
    event = _one(doc, "SANCTION")
    assert _countries(event.actor) == {"CHN"} and _countries(event.recipient) == {"USA"}


def test_terrorist_designation_is_a_sanction(pipeline: Pipeline) -> None:
    doc = _code("Paraguay designates Hamas as a terrorist organization.", pipeline)
    event = _one(doc, "SANCTION")
    assert _countries(event.actor) == {"PRY"}
    assert [r.text for r in event.recipient] == ["Hamas"]


def test_expelled_charge_d_affaires_is_a_diplomatic_expulsion(pipeline: Pipeline) -> None:
    doc = _code("Mali expels the Algerian chargé d'affaires in Bamako.", pipeline)
    event = _one(doc, "SANCTION")
    assert event.mode == "expel"
    assert _countries(event.recipient) == {"DZA"}
    assert not _events(doc, "COERCE")


def test_severed_relations_name_the_partner(pipeline: Pipeline) -> None:
    doc = _code("Niger severs diplomatic relations with Ukraine over its alleged support for Tuareg rebels.", pipeline)
    event = _one(doc, "SANCTION")
    assert _countries(event.actor) == {"NER"} and _countries(event.recipient) == {"UKR"}


def test_suspended_visa_free_regime_is_a_sanction(pipeline: Pipeline) -> None:
    doc = _code("Montenegro suspends the visa-free regime for Chinese citizens.", pipeline)
    event = _one(doc, "SANCTION")
    assert _countries(event.actor) == {"MNE"} and _countries(event.recipient) == {"CHN"}


def test_stopped_gas_deliveries_are_a_sanction(pipeline: Pipeline) -> None:
    doc = _code("Algeria stops gas deliveries to Spain.", pipeline)
    event = _one(doc, "SANCTION")
    assert _countries(event.actor) == {"DZA"} and _countries(event.recipient) == {"ESP"}


def test_dissolved_parties_are_banned(pipeline: Pipeline) -> None:
    doc = _code("The Burkinabe junta dissolves all political parties by decree.", pipeline)
    event = _one(doc, "COERCE")
    assert event.mode == "ban" and _countries(event.actor) == {"BFA"}


def test_cancelled_visit_is_a_rejection_not_a_sanction(pipeline: Pipeline) -> None:
    doc = _code("The Croatian prime minister cancels his visit to Belgrade after a border incident.", pipeline)
    assert _countries(_one(doc, "REJECT").actor) == {"HRV"}
    assert not _events(doc, "SANCTION")


def test_barring_entry_is_a_rejection(pipeline: Pipeline) -> None:
    doc = _code("The European Union bars two Israeli ministers from entry into the bloc.", pipeline)
    event = _one(doc, "REJECT")
    assert _countries(event.actor) == {"IGO"} and _countries(event.recipient) == {"ISR"}


def test_blocked_sanctions_package_is_a_rejection(pipeline: Pipeline) -> None:
    doc = _code("Hungary blocks the European Union's new sanctions package against Russia.", pipeline)
    event = _one(doc, "REJECT")
    assert _countries(event.actor) == {"HUN"} and _countries(event.recipient) == {"IGO"}


def test_impeachment_accuses_the_official(pipeline: Pipeline) -> None:
    doc = _code("The Lithuanian parliament impeaches a lawmaker for violating his oath.", pipeline)
    event = _one(doc, "ACCUSE")
    assert event.trigger.text == "impeaches"
    assert [r.text for r in event.recipient] == ["lawmaker"]


def test_released_crew_is_a_release(pipeline: Pipeline) -> None:
    doc = _code("Houthi rebels release the crew of the cargo ship Galaxy Leader.", pipeline)
    assert _countries(_one(doc, "RETREAT").actor) == {"YEM"}


def test_seeking_an_extradition_is_still_a_request(pipeline: Pipeline) -> None:
    doc = _code("Venezuela seeks the extradition of opposition leader Leopoldo López from Spain.", pipeline)
    event = _one(doc, "REQUEST")
    assert _countries(event.actor) == {"VEN"} and "ESP" in _countries(event.recipient)


def test_ratified_treaty_is_support(pipeline: Pipeline) -> None:
    doc = _code("Kazakhstan ratifies the border treaty with Kyrgyzstan.", pipeline)
    event = _one(doc, "SUPPORT")
    assert _countries(event.actor) == {"KAZ"} and _countries(event.recipient) == {"KGZ"}


# ---------------------------------------------------------------- no event between actors


def test_seeking_a_term_in_office_is_no_request(pipeline: Pipeline) -> None:
    doc = _code(
        "Ivorians vote in a presidential election, with incumbent Alassane Ouattara seeking a fourth term.", pipeline
    )
    assert "REQUEST" not in _types(doc)


def test_passing_a_domestic_bill_is_no_support(pipeline: Pipeline) -> None:
    doc = _code("The Chilean Senate approves a pension reform bill after two years of debate.", pipeline)
    assert "SUPPORT" not in _types(doc)


def test_ratifying_a_domestic_law_is_no_support(pipeline: Pipeline) -> None:
    doc = _code(
        "Kyrgyz president Sadyr Japarov ratifies a law restricting foreign funding of non-governmental organizations.",
        pipeline,
    )
    assert "SUPPORT" not in _types(doc)


def test_withdrawn_budget_is_no_retreat_but_withdrawn_troops_are(pipeline: Pipeline) -> None:
    doc = _code("The Romanian government withdraws its draft budget after protests by public sector unions.", pipeline)
    assert "RETREAT" not in _types(doc)
    doc = _code("Rwanda withdraws its troops from eastern Congo.", pipeline)
    assert _countries(_one(doc, "RETREAT").actor) == {"RWA"}


def test_funding_spending_is_no_aid(pipeline: Pipeline) -> None:
    doc = _code(
        "Slovak president Peter Pellegrini announces that he will veto legislation allowing Slovakia to borrow "
        "€2 billion from the European Union to fund defence spending.",
        pipeline,
    )
    assert "AID" not in _types(doc)
    assert _countries(_one(doc, "REJECT", "future").actor) == {"SVK"}


def test_a_match_result_is_no_assault_but_police_beating_protesters_is(pipeline: Pipeline) -> None:
    doc = _code("Brazil beats Argentina 2–1 in the Copa América final.", pipeline)
    assert "ASSAULT" not in _types(doc)
    doc = _code("Riot police beat protesters with batons outside the parliament in Tbilisi.", pipeline)
    event = _one(doc, "ASSAULT")
    assert event.mode == "beat" and [r.text for r in event.recipient] == ["protesters"]


def test_a_captured_medal_is_no_assault_but_a_captured_village_is(pipeline: Pipeline) -> None:
    doc = _code("Norwegian skier Johannes Klæbo captures his fifth gold medal of the Games.", pipeline)
    assert "ASSAULT" not in _types(doc)
    doc = _code("Russian forces capture the village of Pishchane in Kharkiv Oblast.", pipeline)
    assert _countries(_one(doc, "ASSAULT").actor) == {"RUS"}


def test_a_defended_title_is_no_support(pipeline: Pipeline) -> None:
    doc = _code("Novak Djokovic defends his title at the Australian Open.", pipeline)
    assert "SUPPORT" not in _types(doc)


def test_a_delegation_withdrawn_from_the_games_is_a_sanction_withdrawal(pipeline: Pipeline) -> None:
    doc = _code(
        "Laos withdraws its entire delegation from the regional games in Thailand, citing security concerns.",
        pipeline,
    )
    event = _one(doc, "SANCTION")
    assert event.mode == "withdraw" and _countries(event.actor) == {"LAO"}
    assert _countries(event.recipient) == {"THA"}  # its own delegation is what it withdraws, not whom
    assert not _events(doc, "RETREAT")
