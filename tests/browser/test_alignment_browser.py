"""The alignment pages in a real browser: click a pair and read its statements, move the threshold, open links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser

WINDOW = "dates=2022-10-01&dates=2022-11-30"
PAIR_MARKS = ".st-key-matrix_chart .scatterlayer .trace .point"  # invisible squares over the heatmap's cells


def open_app(page, server, path: str) -> None:
    page.goto(server.url + path)
    settled(page)


def click_until(page, point, target, attempts: int = 3) -> None:
    """Click a plotly mark until `target` appears (plotly may redraw once after the first paint)."""
    for _ in range(attempts):
        expect(point).to_be_visible()
        box = point.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settled(page)
        try:
            target.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue


def test_clicking_a_pair_opens_the_statements_behind_it(page, server, outside_requests):
    open_app(page, server, f"/alignment?{WINDOW}")
    expect(page.get_by_role("heading", name="Who stands with whom")).to_be_visible()
    screenshot(page, "alignment-top")
    pair = page.locator(".st-key-pair_statements")
    click_until(page, page.locator(PAIR_MARKS).first, pair)
    expect(pair).to_contain_text("Statements behind the pair")
    expect(pair).to_contain_text("agreement")
    expect(pair.locator(".stances-card").first).to_contain_text("How we know:")
    expect(page).to_have_url(re.compile(r"^(?!(.*[?&]pair=){3})(.*[?&]pair=){2}"))  # exactly two pair values
    pair.scroll_into_view_if_needed()
    screenshot(page, "alignment-pair")
    assert outside_requests == []


def test_a_shared_pair_link_opens_its_statements(page, server):
    open_app(page, server, f"/alignment?{WINDOW}&pair=sullivan&pair=us-officials")
    pair = page.locator(".st-key-pair_statements")
    expect(pair).to_contain_text("Jake Sullivan and US administration officials (unnamed)")
    expect(pair.locator(".stances-card").first).to_contain_text("Sources")


def test_threshold_moves_with_the_keyboard_and_lands_in_the_link(page, server):
    open_app(page, server, f"/alignment?{WINDOW}")
    thumb = page.locator(".st-key-threshold input[type=range]")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    settled(page)
    expect(page).to_have_url(re.compile(r"[?&]threshold=0\.8"))
    page.locator(".st-key-network_chart").first.scroll_into_view_if_needed()
    screenshot(page, "alignment-network")


def test_public_private_page_lists_the_gaps_with_sources(page, server, outside_requests):
    open_app(page, server, "/gaps")
    expect(page.get_by_role("heading", name="Said in public, signalled in private")).to_be_visible()
    expect(page.locator(".stances-card").first).to_contain_text("How we know:")
    screenshot(page, "public-private")
    assert outside_requests == []


def test_actor_profile_link_opens_the_actor(page, server):
    open_app(page, server, "/actor?who=Jake%20Sullivan&compare=Joe%20Biden")
    expect(page.locator(".st-key-actor_timeline").first).to_contain_text("Jake Sullivan")
    expect(page.locator(".st-key-compare_grid").first).to_contain_text("Joe Biden")
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    screenshot(page, "actor-profile")


def test_a_pairs_statements_open_with_the_keyboard_alone(page, server):
    # the matrix's cells take no focus: only a mouse could open a pair (issue 16)
    open_app(page, server, f"/alignment?{WINDOW}")
    page.locator(".st-key-matrix_pairs").wait_for()
    in_list = """() => !!document.activeElement.closest('.st-key-matrix_pairs')
        && document.activeElement.getAttribute('role') === 'combobox'"""
    page.keyboard.press("Tab")  # Streamlit's "Skip to main content"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(in_list):
            break
    else:
        pytest.fail("30 presses of Tab from the main content did not reach the list of pairs")
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    settled(page)
    pair = page.locator(".st-key-pair_statements")
    expect(pair).to_contain_text("Statements behind the pair")
    chosen = page.locator(".st-key-matrix_pairs [role=combobox]").input_value()
    names = chosen.split(" · ")[0].split(" and ")
    expect(pair).to_contain_text(names[0])
    expect(pair).to_contain_text(names[1])
    expect(page).to_have_url(re.compile(r"^(?!(.*[?&]pair=){3})(.*[?&]pair=){2}"))
    pair.scroll_into_view_if_needed()
    screenshot(page, "alignment-pair-keyboard")
