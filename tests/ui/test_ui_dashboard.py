"""The web dashboard, end to end: a database coded from real articles by ``backchannel demo``, the real
server on 127.0.0.1, and Debian's Chromium (headless) driven by Playwright.

Screenshots of every view are written to ``tests/ui/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Request, expect, sync_playwright

from backchannel.api import ApiSettings, create_app
from backchannel.cli import main
from backchannel.ui import bundle_ready

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAYLOAD_TITLE = 'Talks <img src=x onerror="window.__pwned=1"> resume <script>window.__pwned=1</script>'
HOSTILE = {
    "id": "hostile-markup",
    "title": PAYLOAD_TITLE,
    "date": "2024-03-05",
    "source": "test fixture",
    "text": (
        # U+1F54A is one code point in Python offsets but two UTF-16 units in JavaScript strings.
        "\U0001f54a Egypt and Qatar hosted new talks between Israel and Hamas in Cairo on Tuesday. "
        "<script>window.__pwned = 1; alert('script ran')</script>\n"
        'Hamas rejected the Israeli proposal, a spokesman said. <img src=x onerror="window.__pwned=1;alert(2)">\n'
        "The United States urged both sides to agree to a ceasefire in Gaza."
    ),
}

# One dyad over six weeks, written for these tests: talks every week, an announced visit reported by two
# outlets (one real event, two sources, one announcement), then shelling: the week the balance shifts.  Each
# event has a recipient (Armenia -> Azerbaijan), as the network's edges and the dyad series count pairs.
CAUCASUS = [
    ("caucasus-1", "2024-04-01", "Wire A", "Armenia and Azerbaijan hold talks in Almaty",
     "Armenia held talks with Azerbaijan in Almaty on Monday on a peace treaty, the Kazakh foreign ministry said."),
    ("caucasus-2", "2024-04-08", "Wire A", "Border talks in Brussels",
     "Armenia met Azerbaijan in Brussels on Monday for talks on the delimitation of their border."),
    ("caucasus-3", "2024-04-16", "Wire B", "Talks in Tbilisi",
     "Armenia held talks with Azerbaijan in Tbilisi on Tuesday to prepare the next round of negotiations."),
    ("caucasus-4", "2024-04-22", "Wire B", "Minister to visit Armenia",
     "Azerbaijan's foreign minister will visit Armenia on Friday, April 26, the Armenian foreign ministry said on "
     "Monday."),
    ("caucasus-5", "2024-04-26", "Wire A", "Ministers meet in Yerevan",
     "The foreign minister of Armenia met the foreign minister of Azerbaijan in Yerevan on Friday."),
    ("caucasus-6", "2024-04-27", "Wire C", "Talks in Yerevan",
     "Armenia held talks with Azerbaijan in Yerevan on Friday, April 26, officials said on Saturday."),
    ("caucasus-7", "2024-05-06", "Wire A", "Shelling on the border",
     "Azerbaijan shelled Armenian positions near the border on Monday, killing two soldiers. "
     "Armenia accused Azerbaijan of violating the ceasefire."),
]  # fmt: skip


# A president and his legislature: a domestic dyad whose target is a body of the state (node USA_LEG), not a
# stored actor, written for these tests.
CAPITOL = [
    ("capitol-1", "2024-03-05", "Wire D", "Biden presses Congress",
     "President Biden urged Congress on Tuesday to pass the border security bill."),
    ("capitol-2", "2024-03-12", "Wire D", "Child care funding",
     "President Biden called on Congress on Tuesday to extend funding for child care."),
]  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> tuple[Path, str]:
    """``backchannel demo --no-serve`` over the example briefs, the seed article, one hostile article and the
    Caucasus dyad."""
    examples = tmp_path_factory.mktemp("examples")
    shutil.copy(ROOT / "examples" / "briefs.jsonl", examples / "briefs.jsonl")
    (examples / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    fields = ("id", "date", "source", "title", "text")
    caucasus = "".join(json.dumps(dict(zip(fields, row, strict=True))) + "\n" for row in CAUCASUS)
    (examples / "caucasus.jsonl").write_text(caucasus, encoding="utf-8")
    capitol = "".join(json.dumps(dict(zip(fields, row, strict=True))) + "\n" for row in CAPITOL)
    (examples / "capitol.jsonl").write_text(capitol, encoding="utf-8")
    db = tmp_path_factory.mktemp("ui") / "dashboard.duckdb"
    args = ["demo", "--db", str(db), "--examples", str(examples), "--shared", str(shared_dir), "--limit", "0"]
    out = tmp_path_factory.mktemp("out") / "stdout.txt"
    with out.open("w", encoding="utf-8") as handle, contextlib.redirect_stdout(handle):
        assert main([*args, "--no-serve"]) == 0
    return db, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(demo_build: tuple[Path, str]) -> Iterator[str]:
    if not bundle_ready():
        pytest.fail("the dashboard bundle is not built: run `make ui` (cd frontend && npm ci && npm run build)")
    app = create_app(demo_build[0], ApiSettings())
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a server may load its store and pipeline before it answers
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield base
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Chromium for this module only.

    Not pytest-playwright's session-wide ``browser``: while Playwright's sync API is started, its event
    loop counts as running in the main thread, so every later test module would find a running loop
    (``asyncio.run`` refuses). Stopping Playwright when this module ends keeps that state here.
    """
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def ui(chromium: Browser, server: str) -> Iterator[Page]:
    """A page on the dashboard that records every request and fails the test on any outside one."""
    requests: list[str] = []
    errors: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.on("request", record)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()
    outside = [u for u in requests if not (u.startswith(server + "/") or u.startswith("data:"))]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not errors, f"JavaScript errors: {errors}"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _api(server: str, path: str, **params: Any) -> Any:
    response = httpx.get(server + path, params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def _click_element(page: Page, selector_js: str) -> None:
    """Click a cytoscape element where it is drawn, with the real mouse."""
    graph = page.get_by_test_id("network-graph")
    box = graph.bounding_box()
    assert box is not None
    where = (
        f"() => {{ const el = {selector_js}; const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();"
        " return [p.x, p.y]; }"
    )
    # the layout may still be moving the element (a loaded machine draws slowly): click where it has come to rest
    point, settled = page.evaluate(where), False
    for _ in range(50):
        page.wait_for_timeout(100)
        again = page.evaluate(where)
        settled, point = again == point, again
        if settled:
            break
    assert settled, f"the graph element {selector_js} kept moving"
    # a tall graph draws some elements below the fold, where the mouse cannot reach: scroll the page to them
    height = (page.viewport_size or {"height": 800})["height"]
    if not 0 < box["y"] + point[1] < height:
        page.evaluate("dy => window.scrollBy(0, dy)", box["y"] + point[1] - height / 2)
        box = graph.bounding_box()
        assert box is not None and 0 < box["y"] + point[1] < height
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_demo_summary_names_documents_events_and_dyads(demo_build: tuple[Path, str], server: str) -> None:
    summary = demo_build[1]
    health = _api(server, "/health")
    assert f"{health['documents']} documents, {health['events']} event mentions stored" in summary
    assert health["documents"] == 17  # six briefs, the seed article, the hostile one, seven on one dyad, two Capitol
    assert "1 announcements linked to the event they announced" in summary
    # The summary counts what the API counts by default: real events, asserted and not historical.
    counted = _api(server, "/events", totals="true", limit=1)["total_events"]
    assert f"{counted} real events, asserted, not historical" in summary
    top = _api(server, "/dyads")[0]
    assert f"{top['source_name'] or top['source']} -> {top['target_name'] or top['target']}: {top['count']}" in summary


def test_network_filter_then_edge_shows_the_dyads_events(ui: Page, server: str) -> None:
    ui.goto(server + "/")
    expect(ui.get_by_test_id("stats")).to_contain_text("17 documents")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.edges().length > 0")
    everything = ui.evaluate("() => window.__backchannelGraph.edges().length")
    _shot(ui, "network")

    # Filter to verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE) through the type picker.
    ui.get_by_test_id("type-summary").click()
    for etype in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"):
        ui.locator(f"input[name=type][value={etype}]").check()
        ui.wait_for_function(f"() => location.hash.includes('{etype}')")
    ui.keyboard.press("Escape")
    ui.get_by_test_id("type-summary").click()  # close the picker
    expected = _api(server, "/network", type="AGREE,CONSULT,SUPPORT,CONCEDE", status="asserted", max_nodes=100)
    linked = {e["source"] for e in expected["edges"]} | {e["target"] for e in expected["edges"]}
    ui.wait_for_function(
        "n => window.__backchannelGraph && !window.__backchannelGraph.destroyed() "
        "&& window.__backchannelGraph.nodes().length === n",
        arg=len(linked),
    )
    assert ui.evaluate("() => window.__backchannelGraph.edges().length") == len(expected["edges"]) < everything
    _shot(ui, "network-filtered")

    busiest = max(expected["edges"], key=lambda e: (e["count"], e["source"], e["target"]))
    edge_id = f"{busiest['source']}->{busiest['target']}"
    _click_element(ui, f"window.__backchannelGraph.getElementById({json.dumps(edge_id)})")
    panel = ui.get_by_test_id("dyad-panel")
    expect(panel).to_contain_text(busiest["target_name"] or busiest["target"])
    items = ui.get_by_test_id("dyad-events").locator("li.event-item")
    expect(items).to_have_count(busiest["count"])
    _shot(ui, "network-dyad")

    first = items.first
    event_id = first.get_attribute("data-event-id")
    first.locator("button").click()
    detail = _api(server, f"/events/{event_id}")
    text = ui.get_by_test_id("doc-text")
    expect(text.locator(".hl-trigger.hl-sentence").first).to_have_text(detail["trigger"]["text"])
    sentence = "".join(text.locator(".hl-sentence").all_text_contents())
    assert sentence == detail["sentence"]["text"]
    assert detail["event"]["event_type"] in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")
    _shot(ui, "event-from-dyad")


def test_domestic_dyads_are_dashed_and_can_be_hidden(ui: Page, server: str) -> None:
    edges = _api(server, "/network", status="asserted", max_nodes=100)["edges"]
    domestic = {f"{e['source']}->{e['target']}" for e in edges if e["domestic"]}
    ui.goto(server + "/#/network")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.edges().length > 0")
    drawn = ui.evaluate("() => window.__backchannelGraph.edges('.domestic').map((e) => e.id())")
    assert set(drawn) == domestic
    ui.get_by_test_id("domestic-toggle").uncheck()
    ui.wait_for_function("() => location.hash.includes('domestic=0')")
    ui.wait_for_function(
        "n => window.__backchannelGraph && !window.__backchannelGraph.destroyed() "
        "&& window.__backchannelGraph.edges().length === n",
        arg=len(edges) - len(domestic),
    )
    assert ui.evaluate("() => window.__backchannelGraph.edges('.domestic').length") == 0


def test_clicking_a_node_opens_the_actor_page(ui: Page, server: str) -> None:
    top = _api(server, "/network", status="asserted")["nodes"][0]
    ui.goto(server + "/#/network")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.nodes().length > 0")
    _click_element(ui, f"window.__backchannelGraph.getElementById({json.dumps(top['key'])})")
    panel = ui.get_by_test_id("actor-panel")
    detail = _api(server, f"/actors/{top['key']}")
    expect(panel.locator("h2")).to_have_text(detail["actor"]["name"] or top["key"])
    for counterpart in detail["top_counterparts"][:3]:
        expect(panel.locator(".counterparts")).to_contain_text(counterpart["name"] or counterpart["key"])
    for etype, count in detail["counts_by_type"].items():
        expect(panel.locator("table.bars tr", has_text=etype).locator(".num")).to_have_text(str(count))
    _shot(ui, "actor")


def test_timeline_stacks_weeks_by_quad_class(ui: Page, server: str) -> None:
    overview = _api(server, "/overview")
    buckets = _api(
        server,
        "/timeline",
        actor="Hamas",
        since=overview["first_document"],
        until=overview["last_document"],
        status="asserted",
    )
    assert buckets, "Hamas has dated events in the documents' span"
    ui.goto(server + "/#/timeline?actor=Hamas")
    chart = ui.get_by_test_id("timeline-chart")
    expect(chart).to_be_visible()
    total = sum(b["count"] for b in buckets)
    assert _total(ui) == total
    # Every real event is drawn once: in the bar of its week, or (dated only to a month or year) in the band
    # over that whole month or year under the axis.
    weekly = [int(c) for c in chart.locator("g.period").evaluate_all("els => els.map(e => e.dataset.count)")]
    coarse = [int(c) for c in chart.locator("g.coarse").evaluate_all("els => els.map(e => e.dataset.count)")]
    assert sum(weekly) + sum(coarse) == total
    for band in chart.locator("g.coarse").all():
        assert re.fullmatch(r"\d{4}(-\d{2}|-Q\d)?", band.get_attribute("data-span") or "")
    # One coloured rectangle per quad class present in each week.
    busy = chart.locator("g.period[role=button]")
    assert busy.count() == sum(1 for n in weekly if n)
    _shot(ui, "timeline")
    busiest = max(busy.all(), key=lambda el: int(el.get_attribute("data-count") or 0))
    period = busiest.get_attribute("data-period")
    busiest.click()
    items = ui.locator(".period-detail li.event-item")
    expect(items.first).to_be_visible()
    expect(ui.locator(".period-detail h3")).to_contain_text(str(period))
    _shot(ui, "timeline-week")


def test_map_draws_offline_outlines_and_event_places(ui: Page, server: str) -> None:
    located = _api(server, "/places", status="asserted")
    assert located
    ui.goto(server + "/#/map")
    expect(ui.locator(".leaflet-overlay-pane path.leaflet-interactive")).to_have_count(len(located))
    assert ui.locator(".leaflet-overlay-pane path:not(.leaflet-interactive)").count() > 100  # countries
    assert ui.locator(".leaflet-tile").count() == 0
    _shot(ui, "map")
    ui.locator(".leaflet-overlay-pane path.leaflet-interactive").first.click(force=True)
    expect(ui.get_by_test_id("place-popup")).to_be_visible()
    ui.wait_for_timeout(400)  # the popup fades in
    _shot(ui, "map-popup")


def test_event_table_filters_mentions_by_actor_and_opens_the_document(ui: Page, server: str) -> None:
    page = _api(server, "/events", actor="Hamas", status="asserted", limit=1000)
    ui.goto(server + "/#/events")
    expect(ui.get_by_test_id("fused-table")).to_be_visible()  # real events first; raw mentions one switch away
    ui.get_by_test_id("grain-mentions").click()
    expect(ui.get_by_test_id("event-table")).to_be_visible()
    ui.get_by_test_id("events-actor").fill("Hamas")
    ui.get_by_role("button", name="Filter", exact=True).click()
    rows = ui.locator("[data-testid=event-table] tbody tr")
    expect(rows).to_have_count(len(page["items"]))
    _shot(ui, "events")
    target = next(e for e in page["items"] if e["location"] and e["recipients"])
    ui.locator(f"tr[data-event-id='{target['event_id']}']").click()
    detail = _api(server, f"/events/{target['event_id']}")
    text = ui.get_by_test_id("doc-text")
    expect(text.locator(".hl-trigger").first).to_have_text(detail["trigger"]["text"])
    place = target["location"]
    expect(text.locator(".hl-place").first).to_have_text(place["text"])
    recipient = target["recipients"][0]
    if recipient["start"] is not None:
        expect(text.locator(".hl-recipient").first).to_contain_text(recipient["text"])
    expect(ui.get_by_test_id("event-card")).to_contain_text(target["event_type"])
    _shot(ui, "event")


def test_markup_in_an_article_stays_inert(ui: Page, server: str) -> None:
    dialogs: list[str] = []
    ui.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc = _api(server, "/documents/hostile-markup")
    assert doc["events"], "the hostile article is coded into events"
    event_id = doc["events"][0]["event"]["event_id"]
    ui.goto(server + f"/#/event?id={event_id}")
    text = ui.get_by_test_id("doc-text")
    expect(text).to_contain_text("<script>window.__pwned = 1; alert('script ran')</script>")
    expect(text).to_contain_text('<img src=x onerror="window.__pwned=1;alert(2)">')
    expect(ui.get_by_test_id("doc-title")).to_have_text(PAYLOAD_TITLE)
    detail = _api(server, f"/events/{event_id}")  # spans after the astral character still land on their words
    expect(text.locator(".hl-trigger").first).to_have_text(detail["trigger"]["text"])
    assert "".join(text.locator(".hl-sentence").all_text_contents()) == detail["sentence"]["text"]
    ui.wait_for_timeout(300)
    assert ui.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert ui.locator("#app script, #app img").count() == 0
    _shot(ui, "event-hostile")
    ui.goto(server + "/#/events?grain=mentions&since=2024-03-05&until=2024-03-05")
    counted = _api(server, "/events", since="2024-03-05", until="2024-03-05", status="asserted", limit=1000)["items"]
    expect(ui.locator("[data-testid=event-table] tbody tr")).to_have_count(len(counted))
    ui.goto(server + "/#/events?since=2024-03-05&until=2024-03-05")
    ui.locator("[data-testid=fused-table] tr.fused").first.click()
    expect(ui.get_by_test_id("fused-mentions").first).to_be_visible()
    assert ui.evaluate("() => window.__pwned") is None and dialogs == []


def test_events_default_to_real_events_whose_mentions_open_in_place(ui: Page, server: str) -> None:
    listing = _api(server, "/fused-events", order="recent", limit=100)["items"]
    (meeting,) = [e for e in listing if e["sources"] >= 2 and e["announced_by"]]
    ui.goto(server + "/#/events")
    rows = ui.locator("[data-testid=fused-table] tr.fused")
    expect(rows).to_have_count(len(listing))
    assert rows.first.get_attribute("data-fused-id") == listing[0]["fused_id"]  # the latest report first
    row = ui.locator(f"tr.fused[data-fused-id='{meeting['fused_id']}']")
    expect(row.locator("td").nth(4)).to_contain_text(str(meeting["sources"]))
    expect(row).to_contain_text(f"announced {meeting['first_announced']}")
    row.click()
    expect(row).to_have_attribute("aria-expanded", "true")
    panel = ui.get_by_test_id("fused-mentions")
    detail = _api(server, f"/fused-events/{meeting['fused_id']}")
    mentions = panel.locator("li.mention")
    expect(mentions).to_have_count(meeting["mentions"])
    for item, mention in zip(mentions.all(), detail["mentions"], strict=True):
        assert item.get_attribute("data-event-id") == mention["event"]["event_id"]
        expect(item.locator(".doc-title")).to_have_text(mention["document"]["title"])
        expect(item.locator(".mention-sentence")).to_contain_text(mention["sentence"]["text"])
    assert {m["document"]["source"] for m in detail["mentions"]} == {"Wire A", "Wire C"}
    expect(panel.get_by_test_id("fused-announcements")).to_contain_text("will visit Armenia")
    _shot(ui, "events-fused")
    first = detail["mentions"][0]
    mentions.first.get_by_role("button", name="open in document →").click()
    expect(ui.get_by_test_id("doc-title")).to_have_text(first["document"]["title"])
    expect(ui.get_by_test_id("doc-text").locator(".hl-trigger").first).to_have_text(first["trigger"]["text"])


def test_dyad_series_marks_the_flagged_week_and_lists_what_drove_it(ui: Page, server: str) -> None:
    (series,) = _api(server, "/dyad-series", actor="Armenia", **{"with": "Azerbaijan"})
    (change,) = series["changes"]
    assert change["direction"] == "toward_conflict" and {d["event_type"] for d in change["drivers"]} >= {"ASSAULT"}
    ui.goto(server + "/#/dyads?actor=Armenia&with=Azerbaijan&since=2024-03-25&until=2024-05-12")
    chart = ui.get_by_test_id("dyad-chart")
    expect(chart).to_be_visible()
    first, last = series["weeks"][0]["week"], series["weeks"][-1]["week"]
    weeks = (date.fromisoformat(last) - date.fromisoformat(first)).days // 7 + 1
    expect(chart.locator("g.period")).to_have_count(weeks)  # quiet weeks are drawn as gaps
    expect(chart.locator("g.period[role=button]")).to_have_count(len(series["weeks"]))
    segments = sum(len(w["by_quad_class"]) for w in series["weeks"])
    expect(chart.locator("g.period rect.seg")).to_have_count(segments)
    expect(chart.locator("circle.intensity-dot")).to_have_count(len(series["weeks"]))  # one mean per active week
    flagged = chart.locator("g.period.flagged")
    expect(flagged).to_have_count(1)
    assert flagged.get_attribute("data-period") == change["week"]
    assert flagged.get_attribute("data-flagged") == "toward_conflict"
    cards = ui.get_by_test_id("dyad-change")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(f"Week of {change['week']}")
    expect(cards.first).to_contain_text("shift toward conflict")
    drivers = cards.first.locator("li.event-item")
    expect(drivers).to_have_count(len(change["drivers"]))
    for item, driver in zip(drivers.all(), change["drivers"], strict=True):
        assert item.get_attribute("data-event-id") == driver["event_id"]
    _shot(ui, "dyads")
    flagged.click()
    # The shelling week: the shelling, the two soldiers killed (generic Armenian soldiers are Armenia's node),
    # the accusation.
    week = next(w for w in series["weeks"] if w["week"] == change["week"])
    assert week["count"] == 3
    expect(ui.get_by_test_id("dyad-week")).to_contain_text(f"Week of {change['week']}: 3 real events")
    assert "current" in (cards.first.get_attribute("class") or "")
    drivers.first.locator("button").click()
    detail = _api(server, f"/events/{change['drivers'][0]['event_id']}")
    expect(ui.get_by_test_id("doc-text").locator(".hl-trigger").first).to_have_text(detail["trigger"]["text"])


def test_the_network_dyad_panel_opens_the_dyad_series(ui: Page, server: str) -> None:
    edges = _api(server, "/network", type="ASSAULT", status="asserted")["edges"]
    shelling = next(e for e in edges if e["target"] == "ARM")  # Azerbaijan -> Armenia
    ui.goto(server + "/#/network?type=ASSAULT")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.edges().length > 0")
    edge_id = json.dumps(f"{shelling['source']}->{shelling['target']}")
    _click_element(ui, f"window.__backchannelGraph.getElementById({edge_id})")
    ui.get_by_role("button", name="Dyad series and shifts").click()
    expect(ui.get_by_test_id("dyad-series")).to_have_attribute("data-a", "ARM")
    expect(ui.get_by_test_id("dyad-series")).to_have_attribute("data-b", "AZE")


def test_the_dyad_panels_analyses_read_the_shared_filter(ui: Page, server: str) -> None:
    edges = _api(server, "/network", type="ASSAULT", status="asserted")["edges"]
    shelling = next(e for e in edges if e["target"] == "ARM")  # Azerbaijan -> Armenia
    ui.goto(server + "/#/network?type=ASSAULT")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.edges().length > 0")
    edge_id = json.dumps(f"{shelling['source']}->{shelling['target']}")
    with (
        ui.expect_request(lambda r: "/mediators?" in r.url) as mediators,
        ui.expect_request(lambda r: "/channels?" in r.url) as channels,
    ):
        _click_element(ui, f"window.__backchannelGraph.getElementById({edge_id})")
    for request in (mediators.value, channels.value):
        sent = parse_qs(urlparse(request.url).query)
        assert sent["type"] == ["ASSAULT"] and sent["status"] == ["asserted"], request.url
    report = _api(server, "/mediators", a=shelling["source"], b=shelling["target"], type="ASSAULT")
    assert report["events"] == _api(server, "/events", type="ASSAULT", totals="true", limit=1)["total_events"]
    expect(ui.get_by_test_id("mediators-panel")).to_be_visible()


def test_page_is_served_with_a_strict_content_security_policy(server: str) -> None:
    response = httpx.get(server + "/", timeout=10)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources and all(s.startswith("/static/") or s.startswith("data:") or s == "/docs" for s in sources)
    for path in ("/static/dist/app.js", "/static/dist/app.css", "/static/dist/countries-50m.json"):
        assert httpx.get(server + path, timeout=10).status_code == 200, path


# -- issue 17: counts an analyst can trust, search, keyboard, phone width ------------------------------------
WIDTHS = [(1280, 800), (390, 844)]
VIEWS = ["network", "timeline?actor=Hamas", "dyads", "map", "events", "positions"]


def _context_page(chromium: Browser, width: int, height: int) -> tuple[Any, Page, list[str]]:
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(15_000)
    return context, page, errors


def _artefact(name: str, data: Any) -> None:
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / name).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _total(page: Page, testid: str = "view-total") -> int:
    total = page.get_by_test_id(testid).first
    expect(total).to_have_attribute("data-total", re.compile(r"^\d+$"))
    return int(total.get_attribute("data-total") or -1)


def test_every_view_counts_the_same_real_events_for_one_pair(ui: Page, server: str) -> None:
    overview = _api(server, "/overview")
    window = {"since": overview["first_document"], "until": overview["last_document"]}
    edges = _api(server, "/network", status="asserted", max_nodes=1000, **window)["edges"]
    pairs: dict[frozenset[str], int] = {}
    for e in edges:
        pairs[frozenset((e["source"], e["target"]))] = pairs.get(frozenset((e["source"], e["target"])), 0) + e["count"]
    (a, b), expected = max(((tuple(sorted(p)), n) for p, n in pairs.items()), key=lambda x: (x[1], x[0]))
    hash_window = f"since={window['since']}&until={window['until']}"
    totals: dict[str, int] = {}
    ui.goto(server + f"/#/network?actor={a}&with={b}&{hash_window}")
    totals["network"] = _total(ui, "pair-total")
    _shot(ui, "counts-network")
    ui.goto(server + f"/#/timeline?actor={a}&with={b}&{hash_window}")
    totals["timeline"] = _total(ui)
    ui.goto(server + f"/#/events?actor={a}&recipient={b}&either=1&{hash_window}")
    totals["events"] = _total(ui)
    expect(ui.locator("[data-testid=pair-table] tbody tr")).to_have_count(totals["events"])
    ui.goto(server + f"/#/dyads?actor={a}&with={b}&{hash_window}")
    totals["dyads"] = _total(ui)
    _artefact("counts.json", {"pair": [a, b], "window": window, "api_edges": expected, "views": totals})
    print(f"\nreal events {a}-{b} by view: {totals} (API network edges: {expected})")
    # The dyad series counts the pair's actor -> recipient events for the same filter, as the network does.
    assert totals["network"] == totals["timeline"] == totals["events"] == totals["dyads"] == expected


def test_a_dyad_s_buttons_open_the_views_that_count_its_events(ui: Page, server: str) -> None:
    # The edge President Biden -> United States (legislature): its timeline and event table count what it counts,
    # though its target is a body of the state, no stored actor.
    edges = _api(server, "/network", status="asserted", max_nodes=1000)["edges"]
    body = [e for e in edges if re.fullmatch(r"[A-Z]{3}_[A-Z]{3}", e["target"]) and e["domestic"]]
    assert body, "the Capitol briefs give a dyad with a state's body"
    edge = max(body, key=lambda e: e["count"])
    pair = sum(e["count"] for e in edges if {e["source"], e["target"]} == {edge["source"], edge["target"]})
    for button in ("In the event table", "Dyad timeline"):
        ui.goto(server + f"/#/network?actor={edge['source']}&with={edge['target']}")
        assert _total(ui, "pair-total") == pair
        ui.get_by_test_id("dyad-panel").get_by_role("button", name=button).click()
        ui.wait_for_function("() => !location.hash.startsWith('#/network')")
        assert _total(ui) == pair, button


def test_only_asserted_events_are_counted_unless_others_are_opted_in(ui: Page, server: str) -> None:
    ui.goto(server + "/#/network")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.edges().length > 0")
    expect(ui.get_by_test_id("filter-summary")).to_contain_text("asserted")
    expect(ui.get_by_test_id("status-default").locator("input")).to_be_checked()
    for box in ui.get_by_test_id("status-opt-in").locator("input[name=status]").all():
        expect(box).not_to_be_checked()
    asserted = _api(server, "/network", status="asserted", max_nodes=100)["edges"]
    assert ui.evaluate("() => window.__backchannelGraph.edges().length") == len(asserted)
    ui.get_by_test_id("status-opt-in").locator("input[value=negated]").check()
    ui.wait_for_function(
        "() => location.hash.includes('status=asserted%2Cnegated') || location.hash.includes('status=asserted,negated')"
    )
    both = _api(server, "/network", status="asserted,negated", max_nodes=100)["edges"]
    ui.wait_for_function(
        "n => window.__backchannelGraph && !window.__backchannelGraph.destroyed() "
        "&& window.__backchannelGraph.edges().length === n",
        arg=len(both),
    )
    expect(ui.get_by_test_id("filter-summary")).to_contain_text("asserted + negated")


def test_network_search_legend_keyboard_and_selected_edge(ui: Page, server: str) -> None:
    view = _api(server, "/network", status="asserted", max_nodes=100)
    ui.goto(server + "/#/network")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.nodes().length > 0")
    linked = {e["source"] for e in view["edges"]} | {e["target"] for e in view["edges"]}
    kinds = {n["kind"] if n["kind"] in {"country", "igo", "nsa", "org", "group", "person"} else "other"
             for n in view["nodes"]}  # fmt: skip
    legend = ui.get_by_test_id("node-legend")
    for kind in kinds:
        expect(legend.locator(f"[data-kind={kind}]")).to_have_count(1)
    # Find an actor by typing part of its name.
    target = next(n for n in view["nodes"] if n["key"] in linked and n["name"])
    ui.get_by_test_id("node-search").fill(target["name"][:4].lower())
    ui.get_by_test_id("node-search").press("Enter")
    expect(ui.get_by_test_id("actor-panel")).to_be_visible()
    assert ui.evaluate("() => window.__backchannelGraph.$('node:selected').length") == 1
    # Select a dyad with the keyboard only: Tab into the list of dyads, Enter.
    ui.locator(".index-list summary").nth(1).click()
    busiest = max(view["edges"], key=lambda e: (e["count"], e["source"], e["target"]))
    row = ui.locator(f"[data-testid=edge-list] tr[data-edge='{busiest['source']}->{busiest['target']}']")
    row.focus()
    ui.keyboard.press("Enter")
    expect(ui.get_by_test_id("dyad-panel")).to_contain_text(busiest["target_name"] or busiest["target"])
    edge_id = json.dumps(f"{busiest['source']}->{busiest['target']}")
    assert ui.evaluate(f"() => window.__backchannelGraph.getElementById({edge_id}).selected()")
    colour = ui.evaluate(f"() => window.__backchannelGraph.getElementById({edge_id}).style('line-color')")
    assert colour in ("rgb(17,17,17)", "#111", "rgb(17, 17, 17)")
    _shot(ui, "network-keyboard-edge")


def test_event_table_columns_sort_and_dates_keep_their_precision(ui: Page, server: str) -> None:
    ui.goto(server + "/#/events?grain=mentions&status=asserted,negated,hypothetical,future&historical=1")
    rows = ui.locator("[data-testid=event-table] tbody tr")
    expect(rows.first).to_be_visible()
    ui.locator("th button.sort[data-column=Date]").click()
    expect(ui.locator("th[aria-sort=ascending]")).to_have_count(1)
    ids = [r.get_attribute("data-event-id") for r in rows.all()]
    days = [(_api(server, f"/events/{i}")["event"]["day"] or "") for i in ids[:40]]
    assert days == sorted(days)
    ui.locator("th button.sort[data-column=Date]").click()
    expect(ui.locator("th[aria-sort=descending]")).to_have_count(1)
    first = rows.first.get_attribute("data-event-id")
    assert (_api(server, f"/events/{first}")["event"]["day"] or "") >= days[-1]
    # An event known only to its year shows the year, not a day.
    everything = _api(server, "/events", limit=1000, status="asserted,negated,hypothetical,future",
                      include_historical="true")["items"]  # fmt: skip
    coarse = next((e for e in everything if e["date_precision"] == "year"), None)
    if coarse is not None:
        cell = ui.locator(f"tr[data-event-id='{coarse['event_id']}'] td").first
        expect(cell).to_have_text(coarse["date"][:4])


def test_positions_page_shows_each_actors_stance_by_month(ui: Page, server: str) -> None:
    issues = _api(server, "/overview")["issues"]
    assert any(i["key"] == "ceasefire" for i in issues)
    report = _api(server, "/positions", issue="ceasefire")
    ui.goto(server + "/#/positions?issue=ceasefire")
    expect(ui.get_by_test_id("positions")).to_contain_text(report["label"])
    table = ui.get_by_test_id("positions-table")
    if report["actors"]:
        expect(table.locator("tbody tr[data-actor]")).to_have_count(len(report["actors"]))
        first = report["actors"][0]
        expect(table.locator(f"tr[data-actor='{first['key']}']")).to_contain_text(first["stance"])
    _shot(ui, "positions")
    # The shared filter bar: every status and historical reference opted in, the page reads those events too.
    everything = _api(server, "/positions", issue="ceasefire", status="any", include_historical="true")
    assert everything["events"] > report["events"]
    with ui.expect_request(lambda r: "/positions?" in r.url and "include_historical=true" in r.url) as sent:
        ui.goto(server + "/#/positions?issue=ceasefire&status=asserted,negated,hypothetical,future&historical=1")
    assert parse_qs(urlparse(sent.value.url).query)["status"] == ["asserted,negated,hypothetical,future"]
    expect(table.locator("tbody tr[data-actor]")).to_have_count(len(everything["actors"]))


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_layout_fits_the_screen(chromium: Browser, server: str, width: int, height: int) -> None:
    context, page, errors = _context_page(chromium, width, height)
    try:
        for view in VIEWS:
            page.goto(server + "/#/" + view)
            page.wait_for_timeout(800)
            page.wait_for_load_state("networkidle")
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll <= width, f"{view} at {width}px lays out {scroll}px wide"
            for testid in ("stats",):
                box = page.get_by_test_id(testid).bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (view, testid, box)
            nav = page.locator("nav.tabs").bounding_box()
            assert nav is not None and nav["x"] + nav["width"] <= width + 0.5
            _shot(page, f"w{width}-{view.split('?')[0]}")
        page.goto(server + "/#/events")
        rows = page.locator("[data-testid=fused-table] tr.fused")
        expect(rows.first).to_be_visible()
        heights = [r.bounding_box()["height"] for r in rows.all()[:10]]  # type: ignore[index]  # rows are visible
        assert max(heights) <= 140, heights
    finally:
        context.close()
    assert not errors, errors


def test_landing_page_network_draw_time_is_recorded(chromium: Browser, server: str) -> None:
    context, page, errors = _context_page(chromium, 1280, 800)
    try:
        page.goto(server + "/")
        page.wait_for_function("() => window.__backchannelTiming && window.__backchannelTiming.network")
        timing = page.evaluate(
            "() => { const t = window.__backchannelTiming.network; "
            "return {...t, since_navigation_ms: t.drawn, fetch_ms: t.fetched - t.started, "
            "draw_ms: t.drawn - t.fetched}; }"
        )
    finally:
        context.close()
    assert not errors, errors
    _artefact("draw_time.json", {"database": "the browser tests' demo build", **timing})
    print(f"\nlanding page: network drawn {timing['since_navigation_ms']:.0f} ms after navigation "
          f"({timing['nodes']} nodes, {timing['edges']} edges)")  # fmt: skip
    assert timing["nodes"] > 0


def test_downloads_of_the_current_view_carry_its_filters(ui: Page, server: str) -> None:
    """CSV and GEXF links appear where the server declares the format, with the view's filters."""
    schema = _api(server, "/openapi.json")["paths"]

    def offers(path: str, fmt: str) -> bool:
        param = next((p for p in schema[path]["get"].get("parameters", []) if p["name"] == "format"), None)
        return param is not None and fmt in json.dumps(param["schema"])

    ui.goto(server + "/#/network?type=ASSAULT")
    ui.wait_for_function("() => window.__backchannelGraph && window.__backchannelGraph.nodes().length > 0")
    gexf = ui.get_by_test_id("gexf-link")
    if offers("/network", "gexf"):
        href = gexf.get_attribute("href") or ""
        assert href.startswith("/network?") and "format=gexf" in href and "type=ASSAULT" in href
        response = httpx.get(server + href, timeout=10)
        assert response.status_code == 200 and b"<gexf" in response.content
    else:
        expect(gexf).to_have_count(0)
    ui.goto(server + "/#/events?actor=Hamas")
    expect(ui.get_by_test_id("fused-table")).to_be_visible()
    csv = ui.get_by_test_id("csv-link")
    if offers("/fused-events", "csv"):
        href = csv.get_attribute("href") or ""
        assert "format=csv" in href and "actor=Hamas" in href and "status=asserted" in href
        assert httpx.get(server + href, timeout=10).status_code == 200
    else:
        expect(csv).to_have_count(0)


def test_free_text_search_filters_every_view_where_the_server_offers_it(ui: Page, server: str) -> None:
    declared = {p["name"] for p in _api(server, "/openapi.json")["paths"]["/events"]["get"].get("parameters", [])}
    ui.goto(server + "/#/events")
    expect(ui.get_by_test_id("fused-table")).to_be_visible()
    if "q" not in declared:
        expect(ui.get_by_test_id("filter-q")).to_have_count(0)
        return
    expected = _api(server, "/fused-events", q="ceasefire", limit=1000)["items"]
    assert expected, "some real event mentions a ceasefire"
    ui.get_by_test_id("filter-q").fill("ceasefire")
    ui.get_by_test_id("filter-q").press("Enter")
    ui.wait_for_function("() => location.hash.includes('q=ceasefire')")
    expect(ui.locator("[data-testid=fused-table] tr.fused")).to_have_count(len(expected))
    expect(ui.get_by_test_id("filter-summary")).to_contain_text("“ceasefire”")
    edges = _api(server, "/network", q="ceasefire", max_nodes=100)["edges"]
    ui.locator("nav.tabs a", has_text="Network").click()
    ui.wait_for_function(
        "n => window.__backchannelGraph && !window.__backchannelGraph.destroyed() "
        "&& window.__backchannelGraph.edges().length === n",
        arg=len(edges),
    )


def test_a_year_only_date_is_shown_as_its_year_and_drawn_over_it(ui: Page, server: str) -> None:
    overview = _api(server, "/overview")
    window = {"since": overview["first_document"], "until": overview["last_document"]}
    mentions = _api(server, "/events", status="asserted", limit=1000, **window)["items"]
    year_only = [e for e in mentions if e["date_precision"] == "year" and e["recipients"] and e["actors"]]
    assert year_only, "the seed article dates an event to a year only ('last year')"
    event = year_only[0]
    a, b = event["actors"][0]["key"], event["recipients"][0]["key"]
    year = event["date"][:4]
    pair = [e for e in mentions if e["date_precision"] == "year" and e["date"][:4] == year
            and {a, b} <= {x["key"] for x in e["actors"] + e["recipients"]}]  # fmt: skip
    real = {e["fused_id"] or e["event_id"] for e in pair}
    ui.goto(server + f"/#/timeline?actor={a}&with={b}&since={window['since']}&until={window['until']}")
    band = ui.locator(f"[data-testid=timeline-chart] g.coarse[data-span='{year}']")
    expect(band).to_have_attribute("data-count", str(len(real)))
    # The band spans the weeks of the whole year, not the week its first day falls in.
    in_year = ui.locator(f"[data-testid=timeline-chart] g.period[data-period^='{year}-']")
    assert in_year.count() >= 52
    week = in_year.first.locator("rect.hit").bounding_box()
    drawn = band.locator("rect").bounding_box()
    assert week is not None and drawn is not None
    assert drawn["width"] >= 0.95 * in_year.count() * week["width"]
    _shot(ui, "timeline-year-only")
    ui.goto(server + f"/#/events?grain=mentions&since={window['since']}&until={window['until']}")
    expect(ui.locator(f"tr[data-event-id='{event['event_id']}'] td").first).to_have_text(year)


def test_historical_events_are_opt_in_and_labelled(ui: Page, server: str) -> None:
    declared = {p["name"] for p in _api(server, "/openapi.json")["paths"]["/events"]["get"].get("parameters", [])}
    ui.goto(server + "/#/events?grain=mentions")
    box = ui.get_by_test_id("status-opt-in").locator("input[name=historical]")
    if "include_historical" not in declared:  # a server that cannot leave them out: counted, and said so
        expect(box).to_be_disabled()
        expect(ui.get_by_test_id("filter-summary")).to_contain_text("historical not filtered")
        return
    expect(box).not_to_be_checked()
    default = _api(server, "/events", limit=1000)["items"]
    expect(ui.locator("[data-testid=event-table] tbody tr")).to_have_count(len(default))
    assert not any(e["historical"] for e in default)
    box.check()
    ui.wait_for_function("() => location.hash.includes('historical=1')")
    everything = _api(server, "/events", limit=1000, include_historical="true")["items"]
    historical = [e for e in everything if e["historical"]]
    assert historical, "the seed article recalls past events"
    expect(ui.locator("[data-testid=event-table] tbody tr")).to_have_count(len(everything))
    row = ui.locator(f"tr[data-event-id='{historical[0]['event_id']}']")
    expect(row.locator(".status-historical")).to_have_text("historical")
