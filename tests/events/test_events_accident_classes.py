"""Classes of accidents that kill with no attacker: vehicles that collide, sink or plunge, buildings and
mines that collapse, industrial explosions and fires, weather and disease, and a killing told in the
sentence after the accident.  Each class has sentences of several shapes ("X, killing N", "N are killed
when X", "after being struck by X"), written for these tests; the attacks beside them, told with the
same vehicles and buildings, stay ASSAULT (PLOVER manual: ASSAULT needs an actor using force; ACLED's
codebook does not code accidents).
"""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types as _types
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


def _assaults(text: str, pipeline: Pipeline) -> list[tuple[str, str]]:
    doc = _code(text, pipeline)
    return [(e.event_type, e.trigger.text) for e in doc.events if e.status == "asserted" and e.event_type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Seven people are killed and 14 others injured after a minibus collides with a lorry near Kisumu, Kenya.",
        "A passenger train and a freight train collide head-on outside Lodz, Poland, killing three people.",
        "Twelve people died when a coach and a fuel truck collided on a highway in Zamfara State, Nigeria.",
        "Three maintenance workers were killed after being struck by a high-speed train near Lyon, France.",
        "A commuter train hits a group of track workers in Gujarat, India, killing four of them.",
        "Two cyclists are killed when a driver loses control of his van on a mountain road in Asturias, Spain.",
    ],
)
def test_road_and_rail_collisions_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "At least nine people are killed when a boat carrying 40 migrants sinks off Lampedusa, Italy.",
        "A ferry capsizes on Lake Kivu near Goma, and 23 passengers are killed.",
        "Six fishermen were killed after their trawler struck rocks and sank off the coast of Galicia, Spain.",
        "One passenger is killed and 90 others are rescued after a ferry catches fire off Sulawesi, Indonesia.",
        "Eleven pilgrims are killed when their bus plunges into a gorge in Uttarakhand, India.",
        "Nineteen people are killed when a fuel tanker overturns and explodes on a highway in Benue, Nigeria.",
    ],
)
def test_vessels_that_sink_and_vehicles_that_plunge_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "At least 30 people are killed when a six-story apartment building collapses in Lagos, Nigeria.",
        "Twenty miners are killed after a gold mine collapses in Kenieba, Mali.",
        "Five workers were killed when a tunnel under construction collapsed near Shimla, India.",
        "Four people are killed after a section of a landfill collapses amid heavy rainfall in Kampala, Uganda.",
        "At least 30 people are killed and 100 injured after a dam bursts near Derna, Libya.",
    ],
)
def test_collapsing_buildings_and_mines_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Fifteen workers are killed in an explosion at a chemical plant in Jiangsu, China.",
        "Eight people are killed after a firecracker factory explodes in Sivakasi, Tamil Nadu, India.",
        "Nine people are killed following a fire at a textile factory in Gazipur, Bangladesh.",
        "Eighteen people are killed when a fire engulfs a market in Onitsha, Nigeria.",
        "Two workers are killed in a mining incident at a copper mine in Zambia.",
    ],
)
def test_industrial_explosions_and_fires_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Six homeless people are killed from freezing temperatures in Warsaw, Poland.",
        "An outbreak of cholera kills 40 people in Kasai, Democratic Republic of the Congo.",
        "Two students are killed following a meningitis outbreak at a university in Leeds, England.",
        "Three swimmers are killed and 20 injured in a meteotsunami on beaches near Split, Croatia.",
        "A windstorm kills six people and destroys 300 homes in Barisal, Bangladesh.",
        "Twelve wedding guests are killed by food poisoning in Sohag, Egypt.",
    ],
)
def test_weather_and_disease_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "A woman was crushed by a falling tree during a storm in Hanoi, Vietnam.",
        "Two hikers are killed after being hit by falling rocks on Mont Blanc, France.",
        "A boy is killed when he is hit by a bus in Nairobi, Kenya.",
        "Eight crew members are killed when a cargo ship sinks in the Black Sea off Turkey.",
    ],
)
def test_passive_and_subordinate_shapes_are_no_attacks(text: str, pipeline: Pipeline) -> None:
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "A Nigerian Air Force training jet crashes shortly after takeoff from Kaduna, killing both pilots.",
        "A small plane crashes into a river near Manaus, Brazil. All six people on board are killed.",
        "A magnitude 6.8 earthquake strikes southern Peru. At least 14 people are killed.",
    ],
)
def test_the_accident_owns_its_deaths(text: str, pipeline: Pipeline) -> None:
    """A military vehicle's crash kills no one by force; a bare toll after an accident is its toll."""
    assert not _assaults(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed when a drone struck a bus near Kherson, Ukraine.",
        "A car bomb exploded outside a police station in Mogadishu, killing seven people.",
        "A boat carrying migrants was fired on by the coast guard, killing two people.",
        "A passenger plane was shot down over the region, killing all 60 people on board.",
        "A military helicopter crashed after it was shot down by rebels, killing four soldiers.",
        "An explosives-laden truck crashed into the gate of the base, killing six soldiers.",
        "A building collapsed after a Russian missile strike on Dnipro, killing 23 people.",
        "A mine exploded under a bus in Mali, killing 10 people.",
        "Israeli airstrikes killed 12 people when a residential building collapsed in Gaza City.",
    ],
)
def test_attacks_with_vehicles_and_buildings_are_kept(text: str, pipeline: Pipeline) -> None:
    assert _assaults(text, pipeline)


def test_an_attack_after_an_accident_sentence_is_kept(pipeline: Pipeline) -> None:
    text = "A bus overturned on the highway near Gao. Gunmen later attacked the rescuers, killing three of them."
    assert "ASSAULT" in _types(_code(text, pipeline))
