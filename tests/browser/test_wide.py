"""A debate wider than a screen in a real browser: the grid at 1,000 actors × 100 questions (screenshot to look at)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stances.load import load_debate
from stances.synth import Shape, write_synthetic

from .conftest import ARTIFACTS, AppServer, chromium_or_skip, screenshot, settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wide_server(tmp_path_factory):
    chromium_or_skip()
    folder = write_synthetic(
        tmp_path_factory.mktemp("wide") / "debate", 20_000, seed=0, shape=Shape(actors=1_000, questions=100, skew=1.0)
    )
    app = AppServer(folder)
    app.wait()
    app.speakers = load_debate(folder).statements["actor_id"].nunique()
    yield app
    app.stop()


def test_the_grid_at_1000_by_100_shows_a_readable_page_and_says_what_it_shows(page, wide_server, outside_requests):
    page.goto(wide_server.url + "/grid")
    settled(page, timeout=90_000)
    speakers = wide_server.speakers  # the actors with a statement: a skewed debate leaves some silent
    assert 900 < speakers <= 1_000
    shown = f"Showing actors 1–40 of {speakers:,}, busiest first × questions 1–25 of 100, busiest first."
    expect(page.get_by_text(shown)).to_be_visible()
    cells = page.locator(".st-key-grid_chart .scatterlayer .point")
    expect(cells).to_have_count(40 * 25)
    screenshot(page, "grid-wide-1000x100")
    first_row = page.locator(".st-key-grid_chart .ytick text").first
    first_on_page_one = first_row.text_content()
    page.locator(".st-key-grid_actors_page [role=combobox]").click()
    page.get_by_role("option", name=f"41–80 of {speakers:,}").click()
    settled(page)
    expect(page.get_by_text(f"Showing actors 41–80 of {speakers:,}, busiest first")).to_be_visible()
    expect(first_row).not_to_have_text(first_on_page_one)
    expect(cells).to_have_count(40 * 25)
    # A tall window, so the whole page of 40 rows is painted in one screenshot (Chromium paints what is in view).
    page.set_viewport_size({"width": 1280, "height": 2400})
    settled(page)
    page.locator(".st-key-grid_chart").screenshot(path=str(ARTIFACTS / "grid-wide-1000x100-page2.png"))
    assert outside_requests == []
