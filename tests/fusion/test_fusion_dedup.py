"""Near-duplicate documents on real text: a repost of the specimen with another header, real readouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.fusion import DedupSettings, NearDuplicateIndex, find_near_duplicates, shingles

_HEADER = "All from the Internet | Reposted from our partners. Views are the author's own.\n\n"
_FOOTER = "\n\nShare this article: Facebook | X | WeChat. Editor in charge: Li Ming."


def _corpus(shared_dir: Path, *ids: str) -> dict[str, dict[str, str]]:
    wanted = set(ids)
    found: dict[str, dict[str, str]] = {}
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row
    assert set(found) == wanted
    return found


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> str:
    return (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")


def test_shingles_are_lowercased_word_five_grams() -> None:
    grams = shingles("Hamas met China's envoy in Doha, Qatar today.")
    assert "hamas met china s envoy" in grams and "in doha qatar today" not in grams
    assert shingles("too short") == {"too short"}


def test_repost_with_another_header_is_a_near_duplicate_of_the_first_copy(seed: str) -> None:
    repost = _HEADER + seed.strip() + _FOOTER
    links = find_near_duplicates([("seed", seed, "2024-03-01"), ("repost", repost, "2024-03-02")])
    assert links[0].canonical_doc_id == "seed"
    assert links[1].canonical_doc_id == "seed" and links[1].similarity >= 0.8


def test_a_chain_of_reposts_points_at_the_earliest_copy(seed: str) -> None:
    index = NearDuplicateIndex()
    index.add("first", seed)
    index.add("second", _HEADER + seed)
    third = index.add("third", seed + _FOOTER)
    assert third.canonical_doc_id == "first"
    with pytest.raises(ValueError, match="already added"):
        index.add("first", seed)


def test_readouts_of_different_calls_are_not_duplicates(shared_dir: Path, seed: str) -> None:
    ids = (
        "wh-2023-10-08-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel",
        "wh-2023-10-10-readout-of-president-bidens-call-with-prime-minister-netanyahu-of-israel-2",
    )
    rows = _corpus(shared_dir, *ids)
    docs = [(i, rows[i]["text"], rows[i]["date"]) for i in ids] + [("seed", seed, None)]
    assert [link.canonical_doc_id for link in find_near_duplicates(docs)] == [ids[0], ids[1], "seed"]


def test_a_template_reissued_months_later_is_not_a_copy(shared_dir: Path) -> None:
    # Two DPRK launch statements built on one template (word 5-shingle Jaccard ~0.88), three months apart.
    ids = (
        "wh-2023-04-12-statement-from-nsc-spokesperson-adrienne-watson-on-the-democratic-peoples-republic-of-koreas-"
        "icbm-test",
        "wh-2023-07-12-statement-from-nsc-spokesperson-adam-hodge-on-the-democratic-peoples-republic-of-koreas-"
        "ballistic-missile-test",
    )
    rows = _corpus(shared_dir, *ids)
    dated = find_near_duplicates([(i, rows[i]["text"], rows[i]["date"]) for i in ids])
    undated = find_near_duplicates([(i, rows[i]["text"], None) for i in ids])
    assert dated[1].canonical_doc_id == ids[1]
    assert undated[1].canonical_doc_id == ids[0]  # without dates the text alone cannot tell


def test_short_texts_are_never_duplicates() -> None:
    text = "President Biden spoke today with Prime Minister Netanyahu of Israel."
    links = find_near_duplicates([("a", text, None), ("b", text + " ", None)], DedupSettings(min_words=50))
    assert links[1].canonical_doc_id == "b"
