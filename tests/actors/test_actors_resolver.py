"""The actor resolver on the specimen article, White House readouts and hand-made sentences."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from backchannel.actors import ActorResolver
from backchannel.records import ActorMention

SEED_DATE = "2024-03-01"


@pytest.fixture(scope="module")
def seed_mentions(nlp: Language, resolver: ActorResolver, shared_dir: Path) -> list[ActorMention]:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    return resolver.find(nlp(text), SEED_DATE)


def _find(nlp: Language, resolver: ActorResolver, text: str, date: str | None = None) -> list[ActorMention]:
    return resolver.find(nlp(text), date)


def _by_text(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    return [m for m in mentions if m.text == text]


def _assert_well_formed(text: str, mentions: list[ActorMention]) -> None:
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start, (left, right)
    for m in mentions:
        assert m.text == text[m.start : m.end]


# -- the specimen article -------------------------------------------------------------------------------


def test_seed_mentions_are_sorted_disjoint_and_aligned(seed_mentions: list[ActorMention], shared_dir: Path) -> None:
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    _assert_well_formed(text, seed_mentions)


@pytest.mark.parametrize("surface", ["Haniye", "Haniyeh"])
def test_seed_haniyeh_spellings_resolve_to_the_hamas_chief(seed_mentions: list[ActorMention], surface: str) -> None:
    found = _by_text(seed_mentions, surface)
    assert found, surface
    for m in found:
        assert (m.actor_id, m.country, m.affiliation, m.kind) == ("P:ismail_haniyeh", "PSE", "HAMAS", "person")
        assert m.role == "head of political bureau"


def test_seed_ambassador_with_name_is_one_mention(seed_mentions: list[ActorMention]) -> None:
    [m] = _by_text(seed_mentions, "Chinese Ambassador to Qatar Cao Xiaolin")
    assert (m.actor_id, m.name, m.country, m.sector, m.role) == (
        "P:cao_xiaolin",
        "Cao Xiaolin",
        "CHN",
        "DIP",
        "ambassador to QAT",
    )
    assert not any("Qatar Cao" in other.text and other is not m for other in seed_mentions)


def test_seed_unnamed_ambassador_keeps_country_and_posting(seed_mentions: list[ActorMention]) -> None:
    found = _by_text(seed_mentions, "Chinese ambassador to Qatar")
    assert len(found) == 3
    assert all((m.country, m.sector, m.role) == ("CHN", "DIP", "ambassador to QAT") for m in found)


def test_seed_sullivan_with_odd_translated_title(seed_mentions: list[ActorMention]) -> None:
    [m] = [m for m in seed_mentions if m.text.endswith("Jake Sullivan")]
    assert (m.actor_id, m.country, m.sector, m.role) == ("P:jake_sullivan", "USA", "GOV", "national security adviser")
    later = _by_text(seed_mentions, "Sullivan")
    assert later and all(x.actor_id == "P:jake_sullivan" for x in later)


def test_seed_israeli_prime_minister(seed_mentions: list[ActorMention]) -> None:
    [m] = _by_text(seed_mentions, "Israeli Prime Minister Netanyahu")
    assert (m.actor_id, m.country, m.sector, m.role) == ("P:benjamin_netanyahu", "ISR", "GOV", "prime minister")
    assert all(x.actor_id == "P:benjamin_netanyahu" for x in _by_text(seed_mentions, "Netanyahu"))


def test_seed_israeli_army_is_the_military(seed_mentions: list[ActorMention]) -> None:
    [m] = _by_text(seed_mentions, "Israeli army")
    assert (m.country, m.sector, m.kind) == ("ISR", "MIL", "group")


@pytest.mark.parametrize(
    ("surface", "actor_id", "country", "sector"), [("Hamas", "HAMAS", "PSE", "REB"), ("Fatah", "FATAH", "PSE", "PTY")]
)
def test_seed_factions(
    seed_mentions: list[ActorMention], surface: str, actor_id: str, country: str, sector: str
) -> None:
    found = _by_text(seed_mentions, surface)
    assert len(found) >= 5
    assert all((m.actor_id, m.country, m.sector, m.kind) == (actor_id, country, sector, "nsa") for m in found)


def test_seed_politburo_chairman_is_haniyeh_on_the_document_date(seed_mentions: list[ActorMention]) -> None:
    titled = [m for m in seed_mentions if "Politburo" in m.text]
    assert len(titled) >= 4
    assert all(m.actor_id == "P:ismail_haniyeh" for m in titled)
    assert not _by_text(seed_mentions, "Politburo")


def test_seed_palestinian_people_are_civilians(seed_mentions: list[ActorMention]) -> None:
    [m] = _by_text(seed_mentions, "Palestinian people")
    assert (m.country, m.sector, m.kind) == ("PSE", "CVL", "group")


# -- dates ------------------------------------------------------------------------------------------------


def test_politburo_chairman_follows_the_date(nlp: Language, resolver: ActorResolver) -> None:
    text = "The chairman of the Hamas Politburo met the Qatari prime minister."
    spring, autumn = _find(nlp, resolver, text, "2024-03-01"), _find(nlp, resolver, text, "2024-09-01")
    assert spring[0].actor_id == "P:ismail_haniyeh"
    assert autumn[0].actor_id == "P:yahya_sinwar"
    assert spring[-1].actor_id == autumn[-1].actor_id == "P:mohammed_bin_abdulrahman"


def test_person_role_depends_on_date(nlp: Language, resolver: ActorResolver) -> None:
    text = "Haniyeh spoke to reporters."
    [old] = _find(nlp, resolver, text, "2010-05-01")[:1]
    [new] = _find(nlp, resolver, text, "2023-05-01")[:1]
    assert (old.sector, old.role, old.affiliation) == ("GOV", "prime minister", "PA")
    assert (new.sector, new.role, new.affiliation) == ("REB", "head of political bureau", "HAMAS")


def test_title_picks_the_matching_role_without_a_date(nlp: Language, resolver: ActorResolver) -> None:
    [m] = [
        x
        for x in _find(nlp, resolver, "Palestinian Prime Minister Ismail Haniyeh said on Sunday.")
        if x.kind == "person"
    ]
    assert (m.country, m.sector, m.role) == ("PSE", "GOV", "prime minister")


def test_out_of_office_person_is_an_elite(resolver: ActorResolver) -> None:
    m = resolver.kb.lookup("Donald Trump", "2023-06-01")
    assert m is not None and (m.country, m.sector, m.role) == ("USA", "ELI", "former president")
    current = resolver.kb.lookup("Donald Trump", "2025-06-01")
    assert current is not None and (current.sector, current.role) == ("GOV", "president")


# -- matching rules -----------------------------------------------------------------------------------------


def test_hama_the_city_is_not_hamas(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Government forces shelled the Syrian city of Hama on Tuesday.")
    assert not [m for m in mentions if m.actor_id == "HAMAS"]
    assert [m.text for m in mentions if m.text == "Hama"] == ["Hama"]


def test_case_aware_aliases(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Let us hope the US and Turkey agree before we eat turkey.")
    assert [(m.text, m.actor_id) for m in mentions] == [("US", "USA"), ("Turkey", "TUR")]


def test_accents_and_misspellings(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Erdoğan flew to Ethopia, and Mélanie Joly met Quatar's emir.", "2023-05-01")
    found = {m.text: m.actor_id for m in mentions}
    assert found["Erdoğan"] == "P:recep_tayyip_erdogan"
    assert found["Ethopia"] == "ETH"
    assert found["Mélanie Joly"] == "P:melanie_joly"
    assert found["Quatar's emir"] == "P:tamim_bin_hamad"


def test_fuzzy_person_names_need_a_close_surname(nlp: Language, resolver: ActorResolver) -> None:
    text = "Ismail Haniyye met President Laurent Gbago, Michael Walton and Sergei Lavrow in Doha."
    found = {m.text: m.actor_id for m in _find(nlp, resolver, text, "2024-03-01")}
    assert found["Ismail Haniyye"] == "P:ismail_haniyeh"
    assert found["President Laurent Gbago"] == "P:laurent_gbagbo"
    assert found["Sergei Lavrow"] == "P:sergey_lavrov"
    assert found["Michael Walton"] is None  # not Mike Waltz


def test_office_holder_needs_an_unqualified_office(nlp: Language, resolver: ActorResolver) -> None:
    text = "The U.S. Deputy National Security Advisor met the United Nations human rights chief."
    mentions = _find(nlp, resolver, text, "2024-03-01")
    assert [(m.actor_id, m.role) for m in mentions] == [
        ("USA_GOV", "deputy national security adviser"),
        ("IGO_GOV", "chief"),
    ]


def test_surname_needs_an_earlier_full_name_or_a_fitting_title(nlp: Language, resolver: ActorResolver) -> None:
    text = "Sullivan arrived. Later Jake Sullivan met King Hassan of Morocco, and Sullivan left."
    mentions = _find(nlp, resolver, text, "2024-03-01")
    assert [m.start for m in mentions if m.actor_id == "P:jake_sullivan"] == [
        text.index("Jake"),
        text.rindex("Sullivan"),
    ]
    [king] = [m for m in mentions if m.text.startswith("King")]
    assert (king.text, king.country, king.actor_id, king.resolved) == ("King Hassan of Morocco", "MAR", None, False)


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector"),
    [
        ("Russian forces shelled the town.", "Russian forces", "RUS", "MIL"),
        ("Ukrainian officials denied it.", "Ukrainian officials", "UKR", "GOV"),
        ("Turkish police detained 40 people.", "Turkish police", "TUR", "COP"),
        ("Rebels in the Ivory Coast seized the town.", "Rebels in the Ivory Coast", "CIV", "REB"),
        ("Palestinian civilians fled south.", "Palestinian civilians", "PSE", "CVL"),
        ("Sudan's government rejected the plan.", "Sudan's government", "SDN", "GOV"),
        ("The president of Armenia arrived.", "president of Armenia", "ARM", "GOV"),
        ("UN peacekeepers withdrew.", "UN peacekeepers", "IGO", "MIL"),
        ("Afghan rebel leaders met in Peshawar.", "Afghan rebel leaders", "AFG", "REB"),
    ],
)
def test_group_phrases(
    nlp: Language, resolver: ActorResolver, text: str, surface: str, country: str, sector: str
) -> None:
    [m] = _by_text(_find(nlp, resolver, text), surface)
    assert (m.country, m.sector) == (country, sector)


def test_standalone_sector_noun_without_country(nlp: Language, resolver: ActorResolver) -> None:
    [m] = _by_text(_find(nlp, resolver, "The foreign ministry said protesters had been arrested."), "foreign ministry")
    assert (m.country, m.sector, m.resolved) == (None, "GOV", False)


def test_unknown_name_keeps_a_country_guess(nlp: Language, resolver: ActorResolver) -> None:
    [m] = [
        x for x in _find(nlp, resolver, "Iranian cleric Hassan Yazdani said the deal was dead.") if x.kind == "person"
    ]
    assert (m.name, m.country, m.resolved) == ("Hassan Yazdani", "IRN", False)


def test_kb_lookup_of_bare_names(resolver: ActorResolver) -> None:
    kb = resolver.kb
    haniyeh = kb.lookup("Hanieh", "2024-03-01")
    assert haniyeh is not None and haniyeh.actor_id == "P:ismail_haniyeh"
    misspelt = kb.lookup("Haniyye", "2024-03-01")
    assert misspelt is not None and misspelt.actor_id == "P:ismail_haniyeh"
    sectors = {name: getattr(kb.lookup(name), "sector", "missing") for name in ("White House", "Pentagon", "Kremlin")}
    assert sectors == {"White House": "GOV", "Pentagon": "MIL", "Kremlin": "GOV"}
    assert kb.lookup("Hama") is None
    m = kb.lookup("U.N. Security Council")
    assert m is not None and (m.actor_id, m.country, m.end) == ("UN_SC", "IGO", len("U.N. Security Council"))


# -- White House readouts -----------------------------------------------------------------------------------


def _readouts(shared_dir: Path, limit: int) -> list[dict[str, str]]:
    out = []
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["title"].lower().startswith("readout"):
                out.append(record)
                if len(out) == limit:
                    break
    return out


def test_readouts_resolve_leaders_by_date(nlp: Language, resolver: ActorResolver, shared_dir: Path) -> None:
    records = [r for r in _readouts(shared_dir, 400) if "Netanyahu" in r["text"] or "Kishida" in r["text"]][:10]
    assert records
    for record in records:
        doc = nlp(record["text"])
        mentions = resolver.find(doc, record["date"])
        _assert_well_formed(record["text"], mentions)
        for name, actor_id in (("Netanyahu", "P:benjamin_netanyahu"), ("Kishida", "P:fumio_kishida")):
            hits = [m for m in mentions if name in m.text]
            assert all(m.actor_id == actor_id for m in hits), (record["id"], hits)
        biden = [m for m in mentions if m.text.endswith("Biden")]
        assert all((m.actor_id, m.sector) == ("P:joe_biden", "GOV") for m in biden)


@pytest.mark.parametrize("shape", ["readouts", "run-on"])
def test_find_does_work_linear_in_the_length_of_the_document(
    nlp: Language,
    resolver: ActorResolver,
    shared_dir: Path,
    python_steps: Callable[[Callable[[], object]], int],
    shape: str,
) -> None:
    """Regressions: reading ``doc.text`` per mention, and rebuilding the set of covered tokens for each
    capitalised word, made ``find`` quadratic in the length of the document (5.5x the work for 4x the text)."""
    if shape == "readouts":
        unit, joint = "\n\n".join(r["text"] for r in _readouts(shared_dir, 6)), "\n\n"
    else:  # names and titles without a full stop
        unit, joint = "Hamas and Fatah met in Cairo and the Egyptian Foreign Minister talked to Israeli officials ", ""
        unit *= 30
    once, four = nlp(unit), nlp(joint.join([unit] * 4))
    resolver.find(once, "2023-06-01")  # caches warm
    ratio = python_steps(lambda: resolver.find(four, "2023-06-01")) / python_steps(
        lambda: resolver.find(once, "2023-06-01")
    )
    assert ratio < 4.4, f"four times the text took {ratio:.2f} times the work"


def test_countries_typed_without_capitals(nlp: Language, resolver: ActorResolver) -> None:
    text = "lol russia and ukraine swapped prisoners again, ukrainian officials said. the US wants to help iSrael."
    found = {m.text: m.country for m in _find(nlp, resolver, text, SEED_DATE)}
    assert found["russia"] == "RUS" and found["ukraine"] == "UKR" and found["iSrael"] == "ISR"
    assert found["ukrainian officials"] == "UKR"
    # a country whose name is also an English word stays the word
    text = "We had turkey and greek salad on china plates, then went to the jordan river bank."
    assert [m.text for m in _find(nlp, resolver, text, SEED_DATE) if m.country] == []
