"""Every view counts the same events for the same query, on a database coded from real text.

The database: the specimen article (dated 2024-03-01), five White House statements and readouts about Hamas and
Israel, a note about talks dated only to their year, and a short report on the Bahamas -- coded by the real
pipeline, then fused.  For each query, ``/events`` (its ``total_events``: the real events among the mentions),
``/fused-events`` (its ``total``), ``/timeline`` (the sum of its buckets), ``/network`` and ``/dyads`` (the pair's
edges, or all edges) and the actor counts must agree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.fusion import refuse
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article
from backchannel.store import Store, ingest

WHITEHOUSE_WITH_HAMAS = 5  # the first statements and readouts of 2023 that name Hamas (short ones)
YEAR_ONLY = Article(
    doc_id="talks-2023",
    text=(
        "In 2023, Qatar hosted talks between Israel and Hamas on a prisoner exchange. "
        "Egypt sent a delegation to Doha in 2023 to meet Hamas leaders."
    ),
    date="2024-03-01",
    source="regional weekly",
)
BAHAMAS = Article(
    doc_id="nassau",
    text=(
        "The Bahamas signed a maritime security agreement with Cuba on Monday in Nassau. The Bahamas also hosted "
        "the Cuban foreign minister for talks on migration on Tuesday. Prime Minister Philip Davis of the Bahamas "
        "met Jamaican Prime Minister Andrew Holness in Kingston on Wednesday."
    ),
    date="2024-03-01",
    source="island daily",
)


# Domestic bodies of a state and generic office holders (network nodes: ``store.nodes``).
CAPITOL = Article(
    doc_id="capitol",
    text=(
        "President Biden urged Congress on Tuesday to pass the border security bill. He has repeatedly called on "
        "Congress to extend funding for child care. The White House criticized House Republicans for blocking aid "
        "to Ukraine."
    ),
    date="2024-03-05",
    source="capital wire",
)
BERLIN = Article(
    doc_id="berlin",
    text=(
        "Germany's economy ministry on Monday warned German companies against new investments in China. The German "
        "government criticized the French government over nuclear energy subsidies. German Chancellor Olaf Scholz "
        "met French President Emmanuel Macron in Paris on Tuesday."
    ),
    date="2024-03-05",
    source="european daily",
)
CYBER = Article(
    doc_id="cyber",
    text=(
        "President Joe Biden met Chinese President Xi Jinping in San Francisco on Wednesday. The U.S. government "
        "accused the Chinese government of hacking American networks. Japan summoned the Chinese ambassador on "
        "Thursday."
    ),
    date="2024-03-06",
    source="tech weekly",
)


def _articles(shared_dir: Path) -> list[Article]:
    seed = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    found = [Article(doc_id="seed-article", text=seed, date="2024-03-01", source="specimen")]
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if "Hamas" in row["text"] and len(row["text"]) < 4000:
                found.append(Article(doc_id=row["id"], text=row["text"], date=row["date"], source=row["source"]))
            if len(found) > WHITEHOUSE_WITH_HAMAS:
                break
    return [*found, YEAR_ONLY, BAHAMAS, CAPITOL, BERLIN, CYBER]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("counts") / "counts.duckdb"
    with Store.open(path) as store:
        ingest(store, _articles(shared_dir), Pipeline(), PIPELINE_VERSION)
        refuse(store)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, ApiSettings())) as c:
        yield c


def _get(client: TestClient, route: str, **params: Any) -> Any:
    response = client.get(route, params=params)
    assert response.status_code == 200, (route, params, response.text)
    return response.json()


def _keys(client: TestClient, name: str) -> set[str]:
    """The stored actor a name is, else the network node it names (a country's body, a state never named itself)."""
    response = client.get(f"/actors/{name}")
    return {response.json()["actor"]["key"]} if response.status_code == 200 else {name}


def _owners(client: TestClient) -> dict[str, str]:
    """Network node -> the stored actor it opens (a country's body such as USA_LEG: its country's actor)."""
    nodes = _get(client, "/network", status="any", include_historical="true", **BIG)["nodes"]
    return {n["key"]: n["actor"] or n["key"] for n in nodes}


def _pair_count(
    edges: list[dict[str, Any]], a: set[str], b: set[str], either: bool, owners: dict[str, str] | None = None
) -> int:
    def named(node: str, keys: set[str]) -> bool:  # the node, or the stored actor it opens, is named
        return node in keys or (owners or {}).get(node, node) in keys

    def hit(e: dict[str, Any]) -> bool:
        forward = named(e["source"], a) and named(e["target"], b)
        return forward or (either and named(e["source"], b) and named(e["target"], a))

    return sum(e["count"] for e in edges if hit(e))


BIG = {"max_nodes": 1000, "max_edges": 1000}
QUERIES: list[dict[str, str]] = [
    {},  # the default: asserted, non-historical events
    {"status": "any", "include_historical": "true"},
    {"status": "negated,hypothetical"},
    {"type": "CONSULT"},
    {"q": "ceasefire"},
    {"place": "QAT"},
    {"since": "2023-10", "until": "2023-12"},
    {"since": "2023", "until": "2023", "date_match": "overlap"},
    {"actor": "Hamas", "either": "true"},
    {"actor": "Joe Biden"},
    {"actor": "China", "recipient": "Hamas", "either": "true", "status": "any"},
    {"actor": "Joe Biden", "recipient": "Benjamin Netanyahu"},
    {"actor": "Joe Biden", "recipient": "Congress"},  # the president and his legislature: a domestic dyad
    {"actor": "Congress", "recipient": "Joe Biden", "either": "true"},
    {"actor": "USA_LEG", "recipient": "Joe Biden", "either": "true"},  # a node of the network, no stored actor
    {"actor": "DEU", "recipient": "FRA"},  # two states named only by their governments
    {"type": "ACCUSE"},
]


@pytest.mark.parametrize("query", QUERIES, ids=[json.dumps(q) for q in QUERIES])
def test_one_query_counts_the_same_events_in_every_view(client: TestClient, query: dict[str, str]) -> None:
    events = _get(client, "/events", totals="true", limit=1, **query)
    fused = _get(client, "/fused-events", totals="true", limit=1, **query)
    timeline = _get(client, "/timeline", by="month", **query)
    assert events["total_events"] == fused["total"] == sum(b["count"] for b in timeline), query
    assert events["total_mentions"] >= events["total_events"]
    network = _get(client, "/network", **BIG, **query)
    dyads = _get(client, "/dyads", limit=10_000, **query)
    if "recipient" in query:  # a pair: its edges in the network and its dyads are its events
        a, b = _keys(client, query["actor"]), _keys(client, query["recipient"])
        either, owners = query.get("either") == "true", _owners(client)
        assert _pair_count(network["edges"], a, b, either, owners) == _pair_count(dyads, a, b, either, owners) > 0
        assert _pair_count(dyads, a, b, either, owners) == events["total_events"], query
    else:  # the network holds every actor here: its edges are the dyads
        assert sum(e["count"] for e in network["edges"]) == sum(d["count"] for d in dyads), query


# The analyses name their actors themselves (sides, an issue): they read the rest of the filter.
ANALYSES: list[tuple[str, dict[str, str]]] = [
    ("/mediators", {"a": "Hamas", "b": "Israel"}),
    ("/channels", {"a": "Hamas", "b": "Israel"}),
    ("/positions", {"issue": "ceasefire"}),
]


@pytest.mark.parametrize("query", QUERIES, ids=[json.dumps(q) for q in QUERIES])
def test_the_analyses_read_the_events_every_view_counts(client: TestClient, query: dict[str, str]) -> None:
    scope = {k: v for k, v in query.items() if k not in ("actor", "recipient", "either")}
    events = _get(client, "/events", totals="true", limit=1, **scope)["total_events"]
    assert events == sum(b["count"] for b in _get(client, "/timeline", by="month", **scope))
    for route, params in ANALYSES:
        assert _get(client, route, **params, **scope)["events"] == events, (route, scope)


def test_the_default_leaves_out_negated_hypothetical_and_historical_events(client: TestClient) -> None:
    default = _get(client, "/events", totals="true")
    everything = _get(client, "/events", totals="true", status="any", include_historical="true")
    assert everything["total_mentions"] > default["total_mentions"] > 0
    assert {e["status"] for e in default["items"]} == {"asserted"}
    assert not any(e["historical"] for e in default["items"])
    negated = _get(client, "/events", status="negated")["items"]
    assert negated and {e["status"] for e in negated} == {"negated"}
    # "China does not condemn Hamas" is no edge of the default network; asked for, each status adds its edges
    china, hamas = _keys(client, "China"), _keys(client, "Hamas")

    def pair(**params: str) -> int:
        return _pair_count(_get(client, "/network", **BIG, **params)["edges"], china, hamas, True)

    by_status = {s: pair(status=s) for s in ("asserted", "negated", "hypothetical", "future")}
    assert by_status["negated"] > 0 and pair() == by_status["asserted"]
    assert pair(status="any") == sum(by_status.values())


def _entities(nodes: list[dict[str, Any]]) -> dict[str, int]:
    """The network's entity nodes (no state, no country's body): each is one stored actor."""
    return {n["key"]: n["events"] for n in nodes if n["kind"] != "body" and n["key"] != n["country"]}


def test_actor_counts_are_the_network_node_counts(client: TestClient) -> None:
    nodes = _get(client, "/network", **BIG)["nodes"]
    actors = {a["key"]: a["events"] for a in _get(client, "/actors", limit=1000) if a["events"]}
    entities = _entities(nodes)
    assert entities and entities.items() <= actors.items()
    hamas = _get(client, "/actors/Hamas")
    assert hamas["actor"]["events"] == entities[hamas["actor"]["key"]]
    negated = {a["key"]: a["events"] for a in _get(client, "/actors", limit=1000, status="negated") if a["events"]}
    assert _entities(_get(client, "/network", status="negated", **BIG)["nodes"]).items() <= negated.items()
    # A state's node holds its generic participants too ("the U.S. government", "the White House"), but not the
    # events of its domestic bodies ("Congress", stored as the United States with sector LEG).
    states = {n["key"]: n["events"] for n in nodes if n["key"] == n["country"]}
    assert states["USA"] > 0 and "USA_GOV" not in states


def test_a_country_s_bodies_are_nodes_of_their_own_and_its_generic_office_holders_are_the_state(
    client: TestClient,
) -> None:
    dyads = {(d["source"], d["target"]): d for d in _get(client, "/dyads", limit=10_000)}
    assert dyads and all(source != target for source, target in dyads)
    # The president calling on his legislature: a domestic dyad, the legislature labelled by country and sector.
    congress = dyads[("P:joe_biden", "USA_LEG")]
    assert congress["target_name"] == "United States (legislature)" and congress["domestic"] and congress["count"] >= 2
    assert dyads[("USA", "GOP")]["domestic"]  # the White House and the Republicans
    # A ministry warning the country's firms; two states' governments.
    firms = dyads[("DEU", "DEU_BUS")]
    assert (firms["source_name"], firms["target_name"], firms["domestic"]) == ("Germany", "Germany (business)", True)
    assert (dyads[("DEU", "FRA")]["target_name"], dyads[("DEU", "FRA")]["domestic"]) == ("France", False)
    assert not dyads[("USA", "CHN")]["domestic"] and not dyads[("JPN", "CHN")]["domestic"]
    nodes = {n["key"]: n for n in _get(client, "/network", **BIG)["nodes"]}
    legislature = {k: nodes["USA_LEG"][k] for k in ("name", "country", "sector", "kind", "actor")}
    assert legislature == {
        "name": "United States (legislature)", "country": "USA", "sector": "LEG", "kind": "body", "actor": "USA"
    }  # fmt: skip
    assert (nodes["USA"]["name"], nodes["USA"]["sector"]) == ("United States", None)
    # "The U.S. government", "the Chinese ambassador": no name of their own, so their state's node.
    assert not {"USA_GOV", "CHN_GOV", "CHN_DIP", "DEU_GOV", "FRA_GOV"} & set(nodes)
    # The exports carry the same labels and the domestic flag.
    gexf = ET.fromstring(client.get("/network", params={"format": "gexf", **BIG}).content)
    labels = {n.get("id"): n.get("label") for n in gexf.iter("{http://gexf.net/1.3}node")}
    assert labels["USA_LEG"] == "United States (legislature)" and labels["DEU_BUS"] == "Germany (business)"
    rows = csv.DictReader(io.StringIO(client.get("/dyads", params={"format": "csv", "limit": 10_000}).text))
    assert {(r["source"], r["target"]): r["domestic"] for r in rows}[("P:joe_biden", "USA_LEG")] in ("True", "true")


def test_an_event_known_only_to_its_year_stays_out_of_a_month_window(client: TestClient) -> None:
    listed = _get(client, "/events", limit=1000)["items"]
    year_only = [e for e in listed if e["doc_id"] == "talks-2023" and e["date_precision"] == "year"]
    assert year_only, "the note's talks are dated to 2023 only"
    ids = {e["event_id"] for e in year_only}
    month = {e["event_id"] for e in _get(client, "/events", since="2023-03", until="2023-03", limit=1000)["items"]}
    overlap = _get(client, "/events", since="2023-03", until="2023-03", date_match="overlap", limit=1000)["items"]
    whole_year = _get(client, "/events", since="2023", until="2023", limit=1000)["items"]
    assert not ids & month
    assert ids <= {e["event_id"] for e in overlap} and ids <= {e["event_id"] for e in whole_year}
    # The timeline draws it over its year, not in the week or month its year begins.
    buckets = _get(client, "/timeline", q="prisoner exchange", by="week")
    assert [(b["period"], b["precision"]) for b in buckets] == [("2023-01-01", "year")]


@pytest.mark.parametrize(
    ("params", "allowed"),
    [
        ({"status": "maybe"}, "hypothetical"),
        ({"type": "NOTATYPE"}, "CONSULT"),
        ({"type": "consult,NOTATYPE"}, "ASSAULT"),
        ({"date_match": "sometimes"}, "overlap"),
        ({"format": "xml"}, "csv"),
    ],
)
def test_unknown_enum_values_are_refused_with_the_values_allowed(
    client: TestClient, params: dict[str, str], allowed: str
) -> None:
    for route in ("/events", "/fused-events", "/network", "/dyads", "/timeline"):
        if "format" in params and route in ("/network", "/timeline"):
            continue
        response = client.get(route, params=params)
        assert response.status_code == 422, (route, params)
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter" and allowed in error["message"], error
    for route, params_ in (
        ("/fused-events", {"order": "oldest"}),
        ("/network", {"count": "rows"}),
        ("/timeline", {"by": "day"}),
        ("/network", {"format": "png"}),
    ):
        response = client.get(route, params=params_)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_parameter"


def test_a_place_is_not_silently_an_actor(client: TestClient) -> None:
    refused = client.get("/events", params={"actor": "Doha"})
    assert refused.status_code == 422
    assert "place" in refused.json()["error"]["message"] and "Doha" in refused.json()["error"]["message"]
    there = _get(client, "/events", place="Doha", status="any", limit=100)["items"]
    assert there and all("Doha" in (e["location"]["name"], e["location"]["text"]) for e in there)
    assert _get(client, "/actors/Qatar")["actor"]["key"] == "QAT"


def test_search_finds_sentences_and_actor_names(client: TestClient) -> None:
    found = _get(client, "/events", q="prisoner exchange", limit=100)["items"]
    assert found and all("prisoner" in e["sentence"].lower() and "exchange" in e["sentence"] for e in found)
    by_name = _get(client, "/events", q="Netanyahu", limit=100)["items"]
    assert by_name and all(
        "Netanyahu" in e["sentence"] or any("Netanyahu" in (a["name"] or "") for a in e["actors"] + e["recipients"])
        for e in by_name
    )
    box = _get(client, "/events", bbox="-80,20,-70,28", status="any", limit=100)["items"]  # around Nassau
    assert box and {e["location"]["country_code"] for e in box} == {"BHS"}


def test_search_matches_whole_words_prefixes_and_phrases(client: TestClient) -> None:
    def ids(q: str) -> set[str]:
        return {e["event_id"] for e in _get(client, "/events", q=q, status="any", limit=1000)["items"]}

    exchange = ids("prisoner exchange")
    assert exchange and ids('"prisoner exchange"') == exchange and ids('"exchange prisoner"') == set()
    assert exchange <= ids("prison*") and ids("prison") == set()  # a word is whole unless it ends with *
    assert ids("BAHAMAS") == ids("bahamas") != set() and ids("bahama") == set()
    assert ids("Bahamas Cuba") == ids("bahamas") & ids("cuba")
    assert ids("%") == set() and ids('""') == set()


def test_actor_search_ranks_whole_words_and_prefixes_above_substrings(client: TestClient) -> None:
    keys = [a["key"] for a in _get(client, "/actors", search="hamas")]
    assert "BHS" in keys and keys.index("HAMAS") < keys.index("BHS")
    assert next(a["key"] for a in _get(client, "/actors", search="bahamas")) == "BHS"


def test_pairs_in_either_direction(client: TestClient) -> None:
    one = _get(client, "/events", actor="Joe Biden", recipient="Benjamin Netanyahu", totals="true")
    other = _get(client, "/events", actor="Benjamin Netanyahu", recipient="Joe Biden", totals="true")
    both = _get(client, "/events", actor="Joe Biden", recipient="Benjamin Netanyahu", either="true", totals="true")
    assert one["total_events"] > 0
    assert both["total_events"] == one["total_events"] + other["total_events"]


def test_list_endpoints_give_csv_and_the_network_gexf(client: TestClient) -> None:
    routes = (("/events", "event_id"), ("/fused-events", "fused_id"), ("/actors", "key"), ("/dyads", "source"))
    for route, key in routes:
        response = client.get(route, params={"format": "csv"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        as_json = _get(client, route)
        items = as_json["items"] if isinstance(as_json, dict) else as_json
        assert [r[key] for r in rows] == [str(i[key]) for i in items]
    events = list(csv.DictReader(io.StringIO(client.get("/events", params={"format": "csv"}).text)))
    assert "location.name" in events[0] and all(r["sentence"] for r in events)
    gexf = client.get("/network", params={"format": "gexf"})
    assert gexf.status_code == 200
    root = ET.fromstring(gexf.content)
    ns = {"g": "http://gexf.net/1.3"}
    view = _get(client, "/network")
    assert len(root.findall(".//g:node", ns)) == len(view["nodes"])
    assert len(root.findall(".//g:edge", ns)) == len(view["edges"])


WINDOWLESS = [q for q in QUERIES if "actor" not in q and "recipient" not in q]


@pytest.mark.parametrize("query", WINDOWLESS, ids=[json.dumps(q) for q in WINDOWLESS])
def test_the_dyad_series_of_a_pair_holds_the_events_of_its_two_edges(client: TestClient, query: dict[str, str]) -> None:
    edges = _get(client, "/network", **BIG, **query)["edges"]
    expected: dict[tuple[str, str], int] = {}
    for e in edges:
        key = (min(e["source"], e["target"]), max(e["source"], e["target"]))
        expected[key] = expected.get(key, 0) + e["count"]
    series = _get(client, "/dyad-series", limit=500, **query)
    assert {(s["a"], s["b"]): s["count"] for s in series} == expected, query
    for s in series:  # undated events are counted but in no week
        assert sum(w["count"] for w in s["weeks"]) <= s["count"]


@pytest.mark.parametrize("status", [None, "any", "negated"])
def test_the_dyad_series_of_one_pair_counts_what_the_event_table_counts(client: TestClient, status: str | None) -> None:
    extra = {"status": status} if status else {}
    pair = {"actor": "China", "recipient": "Hamas", "either": "true"}
    total = _get(client, "/events", totals="true", limit=1, **pair, **extra)["total_events"]
    series = _get(client, "/dyad-series", actor="China", **{"with": "Hamas"}, **extra)
    assert sum(s["count"] for s in series) == total > 0
