"""Office holders of 1980-2024 resolve to the country and office they held on the document date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.actors import ActorKB, ActorResolver
from backchannel.records import ActorMention


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorKB.load())


def _person(nlp: Language, resolver: ActorResolver, text: str, date: str, surface: str) -> ActorMention:
    found = [m for m in resolver.find(nlp(text), date) if m.kind == "person" and surface in m.text]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    ("text", "date", "surface", "actor_id", "country", "role"),
    [
        (
            "President Hosni Mubarak met the envoy in Cairo.",
            "1995-06-01",
            "Mubarak",
            "P:hosni_mubarak",
            "EGY",
            "president",
        ),
        (
            "Mikhail Gorbachev said the talks went well.",
            "1988-05-30",
            "Gorbachev",
            "P:mikhail_gorbachev",
            "RUS",
            "leader",
        ),
        ("Gorbachev said the talks went well.", "1991-05-30", "Gorbachev", "P:mikhail_gorbachev", "RUS", "president"),
        (
            "Foreign Minister Farouk al-Sharaa arrived in Damascus.",
            "1999-12-15",
            "Sharaa",
            "P:farouk_al_sharaa",
            "SYR",
            "foreign minister",
        ),
        (
            "Rafsanjani warned Iraq on Tuesday.",
            "1990-08-14",
            "Rafsanjani",
            "P:akbar_hashemi_rafsanjani",
            "IRN",
            "president",
        ),
        (
            "Prime Minister Yitzhak Rabin shook hands with Arafat.",
            "1993-09-13",
            "Rabin",
            "P:yitzhak_rabin",
            "ISR",
            "prime minister",
        ),
        ("Chancellor Helmut Kohl visited Paris.", "1990-10-03", "Kohl", "P:helmut_kohl", "DEU", "chancellor"),
        ("Milosevic rejected the peace plan.", "1995-06-01", "Milosevic", "P:slobodan_milosevic", "SRB", "president"),
        ("Thaksin returned to Bangkok.", "2005-06-01", "Thaksin", "P:thaksin_shinawatra", "THA", "prime minister"),
        (
            "President Kabila accused Rwanda of backing the rebels.",
            "1998-09-01",
            "Kabila",
            "P:laurent_desire_kabila",
            "COD",
            "president",
        ),
        ("Chavez denounced the coup attempt.", "2002-04-15", "Chavez", "P:hugo_chavez", "VEN", "president"),
    ],
)
def test_historical_office_holder_on_the_date(
    nlp: Language,
    resolver: ActorResolver,
    text: str,
    date: str,
    surface: str,
    actor_id: str,
    country: str,
    role: str,
) -> None:
    m = _person(nlp, resolver, text, date, surface)
    assert (m.actor_id, m.country, m.sector, m.role) == (actor_id, country, "GOV", role)


def test_a_person_holds_each_office_only_between_its_dates(resolver: ActorResolver) -> None:
    kb = resolver.kb
    before = kb.lookup("Hosni Mubarak", "1978-01-01")
    assert before is not None and (before.country, before.role) == ("EGY", "vice president")
    after = kb.lookup("Hosni Mubarak", "2015-01-01")
    assert after is not None and (after.country, after.sector, after.role) == ("EGY", "ELI", "former president")
    tony_blair = kb.lookup("Tony Blair", "2003-03-20")
    assert tony_blair is not None and tony_blair.role == "prime minister"
    assert kb.lookup("Tony Blair", "2010-01-01").role == "Quartet representative"  # type: ignore[union-attr]


def test_one_person_with_offices_in_two_countries(resolver: ActorResolver) -> None:
    shevardnadze = resolver.kb.lookup("Eduard Shevardnadze", "1989-05-01")
    assert shevardnadze is not None and (shevardnadze.country, shevardnadze.role) == ("RUS", "foreign minister")
    later = resolver.kb.lookup("Eduard Shevardnadze", "1999-05-01")
    assert later is not None and (later.country, later.role) == ("GEO", "president")


def test_the_office_holder_is_found_from_the_title_alone(nlp: Language, resolver: ActorResolver) -> None:
    mentions = resolver.find(nlp("The Israeli prime minister spoke on Sunday."), "1993-09-01")
    assert [m.actor_id for m in mentions if m.kind == "person"] == ["P:yitzhak_rabin"]


def test_a_shared_surname_goes_to_whoever_held_office_on_the_date(nlp: Language, resolver: ActorResolver) -> None:
    text = "President Saleh said the talks would resume."
    assert _person(nlp, resolver, text, "2005-05-01", "Saleh").country == "YEM"
    assert _person(nlp, resolver, text, "2020-05-01", "Saleh").country == "IRQ"


def test_the_title_in_the_text_wins_when_the_date_is_outside_every_term(nlp: Language, resolver: ActorResolver) -> None:
    # a placeholder or wrong document date: the text still says which office the person holds
    mention = _person(nlp, resolver, "President Hosni Mubarak met the envoy in Cairo.", "1970-01-01", "Mubarak")
    assert (mention.country, mention.sector, mention.role) == ("EGY", "GOV", "president")
