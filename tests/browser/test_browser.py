"""The app in a real browser: clicks, links, downloads and what a person sees (screenshots in test-artifacts/)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from stances.load import load_debate

from .conftest import ARTIFACTS, evaluates_to, screenshot, settled

pytestmark = pytest.mark.browser

# The timeline draws the context events' dotted lines first (under the marks), then its statements, one trace per
# position, so the second trace holds statement marks.
FIRST_MARKS = ".st-key-timeline_chart .scatterlayer .trace:nth-child(2) .point"
STATEMENT_COUNT = """() => {
  const plot = document.querySelector('.st-key-timeline_chart .js-plotly-plot');
  return plot.data.filter(t => t.customdata && t.name !== 'Context events').reduce((n, t) => n + t.x.length, 0);
}"""


def open_app(page, server, path: str = "/") -> None:
    page.goto(server.url + path)
    settled(page)


def test_clicking_a_timeline_mark_opens_its_detail_card(page, server, outside_requests):
    open_app(page, server)
    point = page.locator(FIRST_MARKS).first
    card = page.locator(".st-key-detail_card")
    # Plotly may redraw the chart once after the first paint (width measured), which can swallow an early click;
    # click again until the card opens, as a person would.
    for _ in range(3):
        expect(point).to_be_visible()
        point.scroll_into_view_if_needed()  # the lanes run below the fold, under the key and the date axis
        box = point.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settled(page)
        try:
            card.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    expect(card).to_contain_text("How we know:")
    expect(card).to_contain_text("Sources")
    expect(page).to_have_url(re.compile(r"[?&]statement="))
    card.scroll_into_view_if_needed()
    screenshot(page, "timeline-card")
    assert outside_requests == []


def test_a_filter_changes_the_view_and_the_link(page, server, outside_requests):
    open_app(page, server)
    expect(page.locator(FIRST_MARKS).first).to_be_visible()
    debate = load_debate()
    evaluates_to(page, STATEMENT_COUNT, len(debate.statements))
    page.get_by_text("On-record words only").click()
    settled(page)
    expect(page).to_have_url(re.compile(r"onrecord=true"))
    own_words = int(debate.statements["evidence"].isin(["on-record", "official-document"]).sum())
    assert own_words < len(debate.statements)
    evaluates_to(page, STATEMENT_COUNT, own_words)
    assert outside_requests == []


def test_a_shared_link_restores_the_same_screen(page, server, outside_requests):
    link = "/grid?actor=" + quote("Mark A. Milley") + "&actor=" + quote("Jake Sullivan") + "&asof=2022-11-15"
    open_app(page, server, link)
    actors = page.locator(".st-key-actor")
    expect(actors).to_contain_text("Mark A. Milley")
    expect(actors).to_contain_text("Jake Sullivan")
    expect(page.locator(".st-key-asof")).to_contain_text("2022-11-15")
    expect(page.locator(".st-key-grid_chart")).to_contain_text("Jake Sullivan")
    expect(page.locator(".st-key-grid_chart")).not_to_contain_text("Joe Biden")
    screenshot(page, "grid-shared-link")
    assert outside_requests == []


def test_a_malformed_link_shows_a_notice_and_keeps_what_is_valid(page, server, outside_requests):
    open_app(page, server, "/?actor=Nobody&actor=" + quote("Joe Biden") + "&foo=bar")
    expect(page.get_by_text("Ignored from the link: actor 'Nobody' (unknown actor)")).to_be_visible()
    expect(page.locator(".st-key-actor")).to_contain_text("Joe Biden")
    expect(page).not_to_have_url(re.compile("foo=bar"))
    screenshot(page, "link-notice")
    assert outside_requests == []


def test_the_csv_download_holds_the_filtered_rows(page, server, outside_requests):
    open_app(page, server, "/table?actor=" + quote("Volodymyr Zelenskyy"))
    with page.expect_download() as caught:
        page.locator(".st-key-download_csv button").click()
    download = caught.value
    assert re.fullmatch(r"ukraine-talks-2022_v[\d.]+_\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    rows = pd.read_csv(download.path(), encoding="utf-8-sig")
    debate = load_debate()
    expected = sorted(debate.statements.loc[debate.statements["actor_id"] == "zelenskyy", "statement_id"])
    assert sorted(rows["statement_id"]) == expected
    assert set(rows["actor"]) == {"Volodymyr Zelenskyy"}
    screenshot(page, "table-export")
    assert outside_requests == []


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("timeline", "/"),
        ("grid", "/grid?changes=true&since=2022-11-01&asof=2022-12-01"),
        ("trends", "/trends"),
        ("sources", "/sources"),
        ("table", "/table"),
        ("about", "/about"),
    ],
)
def test_screenshot_every_view(page, server, outside_requests, name, path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, path)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, f"view-{name}-{size[0]}x{size[1]}")
    assert outside_requests == []


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_present_opens_at_a_step_and_steps_with_the_keyboard(page, server, outside_requests, size):
    total = len(load_debate().statements)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, "/present?step=5")
    card = page.locator(".stances-present")
    expect(card).to_contain_text(f"step 5 of {total}")
    page.get_by_text("Hide sidebar").click()
    settled(page)
    screenshot(page, f"present-step5-{size[0]}x{size[1]}")
    card.click()  # focus the page (not a text box) so the arrow keys reach the buttons' shortcuts
    page.keyboard.press("ArrowRight")
    settled(page)
    expect(card).to_contain_text(f"step 6 of {total}")
    expect(page).to_have_url(re.compile(r"step=6"))
    screenshot(page, f"present-step6-{size[0]}x{size[1]}")
    page.keyboard.press("ArrowRight")
    settled(page)
    expect(card).to_contain_text(f"step 7 of {total}")
    screenshot(page, f"present-step7-{size[0]}x{size[1]}")
    page.keyboard.press("ArrowLeft")
    settled(page)
    expect(card).to_contain_text(f"step 6 of {total}")
    scroll = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    assert scroll <= size[1] + 2, f"the Present page needs scrolling at {size}: {scroll}px"
    assert outside_requests == []


def test_the_exported_timeline_html_works_offline_from_a_file(browser, tmp_path):
    from stances import charts, query, snapshots

    debate = load_debate()
    figure = charts.timeline(debate, query.apply(debate, query.Filters()), events=debate.events)
    path = tmp_path / "timeline.html"
    path.write_bytes(snapshots.standalone_html(figure, title="Timeline"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    tab = context.new_page()
    outside: list[str] = []
    tab.route(re.compile(r"^(https?|wss?)://"), lambda route: (outside.append(route.request.url), route.abort()))
    tab.goto(path.as_uri())
    expect(tab.locator(".js-plotly-plot .scatterlayer .point").first).to_be_visible()
    marks = tab.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".filter(t => t.customdata && t.name !== 'Context events').reduce((n, t) => n + t.x.length, 0)"
    )
    assert marks == len(debate.statements)
    box = tab.locator(".js-plotly-plot .scatterlayer .trace:nth-child(2) .point").first.bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(tab.locator(".hoverlayer .hovertext").first).to_be_visible()
    screenshot(tab, "exported-timeline-offline")
    assert outside == []
    context.close()


def test_present_autoplays_pauses_and_back_returns_to_the_step(page, server, outside_requests):
    total = len(load_debate().statements)
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, server, "/present?step=3&pace=2&autoplay=true")
    card = page.locator(".stances-present")
    expect(card).to_contain_text(f"step 4 of {total}", timeout=20_000)
    page.get_by_text("Autoplay", exact=True).click()
    settled(page)
    paused = re.search(r"step (\d+) of", card.inner_text()).group(1)
    page.locator(".st-key-explore_grid button").first.click()
    settled(page)
    expect(page).to_have_url(re.compile(r"/grid\?.*asof=\d{4}-\d\d-\d\d"))
    page.go_back()
    settled(page)
    expect(page.locator(".stances-present")).to_contain_text(f"step {paused} of {total}")
    assert outside_requests == []


def test_a_static_png_of_the_grid_is_drawn_with_the_machines_chromium(browser):
    import struct

    from stances import charts, query, snapshots

    debate = load_debate()
    snapshot = query.as_of(debate.statements, pd.Timestamp("2022-12-01"))
    figure = charts.grid(
        debate, snapshot, actors=list(debate.actors["actor_id"]), questions=list(debate.questions["question_id"])
    )
    before = figure.to_json()
    png = snapshots.static_image(figure, fmt="png", width=1400)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (2800, 2 * int(figure.layout.height))
    (ARTIFACTS / "grid-static.png").write_bytes(png)
    assert figure.to_json() == before  # the caller's figure is left as it was
