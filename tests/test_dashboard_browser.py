"""The dashboard in a real headless Chromium (Debian's), over the invented sample knowledge base.

Asserts what a person sees: points on the map, holders changing with the
slider, the network at the date, the table and its CSV, and a click opening
the passage highlighted.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date

import pytest

from bellum.server.testing import SAMPLE_SENTENCES, running_server, write_sample_kb

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST = date(2012, 2, 3)  # first event date of the sample knowledge base: the slider's 0

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (scripts/ensure-chromium.sh)"),
]


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    kb = write_sample_kb(tmp_path_factory.mktemp("kb") / "sample.duckdb")
    with running_server(kb) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, url):
    """A page that may only talk to the test server; what it asked for elsewhere is recorded."""
    context = browser.new_context(viewport={"width": 1300, "height": 1100})
    page = context.new_page()
    page.outside, page.errors = [], []

    def only_loopback(route):
        if route.request.url.startswith(url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    yield page
    context.close()


def open_at(page, url, day: str):
    page.goto(f"{url}/?date={day}")
    page.wait_for_selector(f"body[data-shown-date='{day}']", timeout=20000)


def slide_to(page, day: str):
    """Move the slider as a drag would (an input event), then wait for the page to show the date."""
    days = (date.fromisoformat(day) - FIRST).days
    page.eval_on_selector("#slider", "(s, v) => { s.value = String(v); s.dispatchEvent(new Event('input')); }", days)
    page.wait_for_selector(f"body[data-shown-date='{day}']", timeout=20000)


def holder_label(page, place: str) -> str:
    """The label a person reads next to the place (canonical names, as in the table)."""
    return page.text_content(f"#map text.holder-label[data-place='{place}']")


def holder_names(page, place: str) -> str:
    return page.get_attribute(f"#map text.holder-label[data-place='{place}']", "data-holders")


def test_dashboard_map_shows_points_with_their_precision(page, url):
    open_at(page, url, "2012-12-31")
    points = page.eval_on_selector_all(
        "#map circle.event-point", "cs => cs.map(c => [c.dataset.eventId, c.dataset.precision, +c.getAttribute('r')])")
    by_id = {p[0]: p for p in points}
    assert set(by_id) == {"sx-001", "sx-002", "sx-004"}
    assert by_id["sx-001"][2] > by_id["sx-002"][2]  # 12 deaths draw a bigger point than none
    assert page.locator("#map circle.halo").count() == 1  # the "near Gao" event has its ring
    # the region-level agreement is not a pin: listed beside the map, its country hatched
    assert page.text_content("#unplaced-list li[data-event-id='sx-003']").startswith("2012-04 · Strategic developments")
    assert page.locator("#map path.country").count() > 200  # the Natural Earth basemap, served locally
    assert page.locator("#map path.hatched").count() == 1
    assert page.text_content("#map-count") == "2012-12-31: 3 pinned, 1 region-level"
    assert page.outside == [] and page.errors == []


def test_dashboard_slider_changes_the_holders_shown(page, url):
    open_at(page, url, "2012-02-15")
    assert holder_label(page, "Kidal") == "Kidal: Military Forces of Mali"
    assert holder_names(page, "Kidal") == "Military Forces of Mali"
    assert "inferred, not reported" in page.text_content("#map g.holder[data-place='Kidal'] title")
    assert page.get_attribute("#map g.holder[data-place='Kidal'] rect", "class") == "uncertain"
    assert holder_label(page, "Tessalit") == "Tessalit: Military Forces of Mali"
    slide_to(page, "2012-03-10")
    # captured some time in March 2012: both sides, each with a question mark
    assert holder_label(page, "Tessalit") == "Tessalit: Military Forces of Mali? / Azawad Liberation Front?"
    assert "(contested)" in page.text_content("#map g.holder[data-place='Tessalit'] title")
    slide_to(page, "2013-06-01")
    assert holder_label(page, "Kidal") == "Kidal: Azawad Liberation Front"
    assert holder_names(page, "Kidal") == "Azawad Liberation Front"
    assert page.get_attribute("#map g.holder[data-place='Kidal'] rect", "class") is None  # reported
    assert "Azawad Liberation Front" in page.text_content("#holder-legend")
    slide_to(page, "2024-02-01")
    assert holder_label(page, "Kidal") == "Kidal: Military Forces of Mali"
    assert page.input_value("#slider") == str((date(2024, 2, 1) - FIRST).days)
    assert page.text_content("#date-label") == "2024-02-01"


def test_dashboard_map_shows_stale_holdings_as_such(page, url):
    open_at(page, url, "2014-06-01")  # the ALF's Kidal, last confirmed May 2013: current
    assert holder_label(page, "Kidal") == "Kidal: Azawad Liberation Front"
    assert page.get_attribute("#map g.holder[data-place='Kidal'] rect", "class") is None
    assert holder_label(page, "Tessalit") == "Tessalit: Azawad Liberation Front (stale)"  # nothing since March 2012
    slide_to(page, "2016-06-01")  # more than two years without a report: stale, faded
    assert holder_label(page, "Kidal") == "Kidal: Azawad Liberation Front (stale)"
    assert page.get_attribute("#map g.holder[data-place='Kidal'] rect", "class") == "stale"
    assert "last confirmed 2013-05" in page.text_content("#map g.holder[data-place='Kidal'] title")
    assert "stale" in page.text_content("#legend-stale") and "2 years" in page.text_content("#legend-stale")
    assert "inferred" in page.text_content("#legend-inferred")  # Gao's holder is inferred
    assert page.errors == []


def test_dashboard_names_each_actor_as_the_table_does(page, url):
    open_at(page, url, "2012-02-15")
    # the map and its legend use the canonical name, never an alias such as 'FAMa'
    assert holder_label(page, "Kidal") == "Kidal: Military Forces of Mali"
    legend = page.text_content("#holder-legend")
    assert "Military Forces of Mali" in legend and "FAMa" not in legend
    page.select_option("#window", "0")
    page.wait_for_function("() => document.querySelectorAll('#events-table tbody tr').length > 0")
    table = page.text_content("#events-table")
    assert "FAMa" not in table
    assert page.errors == []


@pytest.mark.parametrize("asked, says, shown", [
    ("soon", "?date=soon is not a date", None),
    ("2012-02-30", "?date=2012-02-30 is not a date", None),
    ("\u0662\u0660\u0661\u0662-01-01", "is not a date", None),  # digits, but not ASCII ones
    ("1999-05-01", "outside the record", "2012-02-03"),
])
def test_dashboard_says_when_the_date_asked_is_invalid(page, url, asked, says, shown):
    page.goto(f"{url}/?date={asked}")
    page.wait_for_selector("body[data-shown-date]", timeout=20000)
    assert page.is_visible("#notice") and says in page.text_content("#notice")
    if shown:
        assert page.text_content("#date-label") == shown
    open_at(page, url, "2013-06-01")  # a valid date: no notice
    assert not page.is_visible("#notice")
    assert page.errors == []


def test_dashboard_source_panel_comes_into_view_when_an_event_is_chosen(page, url):
    page.set_viewport_size({"width": 1300, "height": 700})
    open_at(page, url, "2024-12-31")
    page.select_option("#window", "0")
    page.wait_for_function("() => document.querySelectorAll('#events-table tbody tr').length === 8")
    row = page.locator("#events-table tbody tr[data-event-id='sx-008']")
    row.scroll_into_view_if_needed()
    assert page.evaluate("document.querySelector('#source').getBoundingClientRect().bottom") < 0  # out of view
    row.click()
    page.wait_for_selector("#passages mark")
    top = page.evaluate("document.querySelector('#source').getBoundingClientRect().top")
    assert 0 <= top < 700 and page.text_content("#passages mark") == SAMPLE_SENTENCES["djibo"]


def test_dashboard_has_no_sideways_scroll_on_a_narrow_screen(page, url):
    page.set_viewport_size({"width": 400, "height": 900})
    open_at(page, url, "2013-06-01")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert page.errors == []


def test_dashboard_click_opens_the_highlighted_passage(page, url):
    open_at(page, url, "2012-12-31")
    page.click("#map circle.event-point[data-event-id='sx-004']")
    page.wait_for_selector("#passages mark")
    assert page.text_content("#passages mark") == SAMPLE_SENTENCES["abduction"]
    section = page.text_content("#passages .passage-text")
    assert SAMPLE_SENTENCES["alliance"] in section  # shown in its section, not alone
    assert "near the place" in page.text_content("#event-detail")
    # the markup inside the document text stays text
    assert page.locator("#passages img, #passages b").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_dashboard_table_filters_and_csv(page, url):
    open_at(page, url, "2024-12-31")
    page.select_option("#window", "0")  # all time up to the date
    page.wait_for_function("() => document.querySelectorAll('#events-table tbody tr').length === 8")
    page.fill("#filters input[name='event_type']", "Battles")
    page.click("#filters button[type='submit']")
    page.wait_for_function("() => document.querySelectorAll('#events-table tbody tr').length === 5")
    types = page.eval_on_selector_all("#events-table tbody tr td:nth-child(2)", "tds => tds.map(t => t.textContent)")
    assert types == ["Battles"] * 5
    href = page.get_attribute("#csv", "href")
    assert "event_type=Battles" in href and "format=csv" in href
    rows = list(csv.DictReader(io.StringIO(page.request.get(url + href).text())))
    assert [r["event_id_cnty"] for r in rows] == ["sx-001", "sx-002", "sx-005", "sx-007", "sx-008"]
    page.click("#events-table tbody tr[data-event-id='sx-008']")
    page.wait_for_selector("#passages mark")
    assert page.text_content("#passages mark") == SAMPLE_SENTENCES["djibo"]


def test_dashboard_network_follows_the_date(page, url):
    open_at(page, url, "2012-06-30")
    kinds = lambda: sorted(page.eval_on_selector_all("#network line.edge", "ls => ls.map(l => l.dataset.kind)"))  # noqa: E731
    assert kinds() == ["alliance", "hostility"]
    slide_to(page, "2024-06-30")
    assert kinds() == ["hostility", "hostility", "member"]
    assert "Katiba Sahel" in page.text_content("#network")
    # clicking an actor filters the events by it
    page.select_option("#window", "0")
    page.click("#network g.node[data-name='Katiba Sahel'] circle")
    page.wait_for_function("() => document.querySelector('#table-count').textContent.endsWith(' of 0')")
    page.click("#network g.node[data-name='Sahel Islamic Movement'] circle")
    page.wait_for_function("() => document.querySelector('#table-count').textContent === '1–2 of 2'")
    assert page.input_value("#filters input[name='actor']") == "Sahel Islamic Movement"
    rows = page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.dataset.eventId)")
    assert rows == ["sx-003", "sx-007"]  # up to the slider's date only


def test_dashboard_network_shows_actors_active_in_the_window_or_all(page, url):
    # mid-2016 no event falls in the 12-month window: the SIM-Burkinabe hostility in force
    # is hidden until "all actors" is ticked
    open_at(page, url, "2016-06-01")
    edges = lambda: page.eval_on_selector_all("#network line.edge", "ls => ls.map(l => l.dataset.kind)")  # noqa: E731
    assert edges() == []
    assert "(2 more without events in the window)" in page.text_content("#network-date")
    page.check("#network-all")
    page.wait_for_function("() => document.querySelectorAll('#network line.edge').length === 1")
    assert edges() == ["hostility"]
    assert "Sahel Islamic Movement" in page.text_content("#network")
    page.uncheck("#network-all")
    page.wait_for_function("() => document.querySelectorAll('#network line.edge').length === 0")
    assert page.errors == []


def test_dashboard_network_labels_never_overlap(page, url):
    open_at(page, url, "2024-06-30")
    page.check("#network-all")
    boxes = page.eval_on_selector_all(
        "#network text.node-label:not(.crowded)",
        "ts => ts.map(t => { const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })")
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_dashboard_timeline_marks_the_slider_window(page, url):
    open_at(page, url, "2012-12-31")
    assert page.locator("#timeline rect.bar").count() >= 7
    x2012 = float(page.get_attribute("#timeline line.window-date", "x1"))
    slide_to(page, "2024-06-30")
    x2024 = float(page.get_attribute("#timeline line.window-date", "x1"))
    assert x2024 > x2012
    assert "1 event(s) dated only to a year" in page.text_content("#timeline-note")


def test_dashboard_play_moves_the_date(page, url):
    open_at(page, url, "2012-02-03")
    page.click("#play")
    page.wait_for_function("() => document.querySelector('#date-label').textContent !== '2012-02-03'", timeout=10000)
    assert page.text_content("#play").endswith("Pause")
    page.click("#play")
    assert page.text_content("#play").endswith("Play")


def test_dashboard_docs_page_renders_offline(page, url):
    page.goto(f"{url}/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/events/{event_id}']", timeout=20000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "ps => ps.map(p => p.dataset.path)")
    assert "/api/state" in paths and "/api/graph" in paths
    assert page.outside == []
    assert page.errors == []  # no script or style refused by the page's Content-Security-Policy
