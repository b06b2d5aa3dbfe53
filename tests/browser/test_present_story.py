"""Stories on the Present page in a real browser: a link opens a story's step, a clicker's keys step through it,
the card, ring and grid move together, and Back from exploring returns to the story's step."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from stances import stories
from stances.load import load_debate

from .conftest import evaluates_to, screenshot, settled

pytestmark = pytest.mark.browser

STORY = "milley-vs-advisers"
RING = """() => {
  const plot = document.querySelector('.st-key-present_timeline .js-plotly-plot');
  const ring = plot.data.find(t => t.name === 'Current step');
  return {x: String(ring.x[0]).slice(0, 10), range: plot.layout.xaxis.range.map(d => String(d).slice(0, 10))};
}"""
GRID_IDS = """() => {
  const plot = document.querySelector('.st-key-present_grid .js-plotly-plot');
  return plot && plot.data ? plot.data[0].customdata.map(c => c[0]) : null;
}"""


@pytest.fixture(scope="module")
def story():
    debate = load_debate()
    found = stories.stories_in(debate)[STORY]
    context = stories.context_statements(debate, debate.statements, found)
    return found, [stories.step_view(debate, found, context, n) for n in range(1, len(found.steps) + 1)]


def at_step(page, views, number: int) -> None:
    view = views[number - 1]
    expect(page.locator(".stances-step-count")).to_have_text(f"Step {number} of {len(views)}")
    expect(page.locator(".stances-narration")).to_have_text(view.step.narration)
    expect(page).to_have_url(re.compile(rf"story={STORY}.*step={number}|step={number}.*story={STORY}"))
    by_cell = {(r.actor_id, r.question_id): r.statement_id for r in view.snapshot.itertuples()}
    expected = [by_cell.get((a, q), "") for a in view.actors for q in view.questions]
    # The charts redraw after the text: wait until the grid shows this step's cells and the ring its day.
    evaluates_to(page, GRID_IDS, expected)
    evaluates_to(page, f"() => ({RING})().x", view.day.isoformat())


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_a_story_link_opens_its_step_and_clicker_keys_step_through_it(page, server, outside_requests, story, size):
    _, views = story
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/present?story={STORY}&step=2")
    settled(page)
    at_step(page, views, 2)
    evaluates_to(page, f"() => ({RING})().range[0] <= {json.dumps(views[1].start.isoformat())}", True)
    page.get_by_text("Hide sidebar").click()
    settled(page)
    screenshot(page, f"present-story-step2-{size[0]}x{size[1]}")
    page.locator(".stances-present").click()  # focus the page, not a text box
    for key, number in (("PageDown", 3), ("Space", 4), ("PageUp", 3), ("End", len(views)), ("Home", 1)):
        page.keyboard.press(key)
        settled(page)
        at_step(page, views, number)
    scroll = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    assert scroll <= size[1] + 2, f"the Present page needs scrolling at {size}: {scroll}px"
    assert outside_requests == []


def test_back_from_exploring_returns_to_the_story_step(page, server, outside_requests, story):
    _, views = story
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/present?story={STORY}&step=5")
    settled(page)
    page.locator(".st-key-explore_grid button").first.click()
    settled(page)
    expect(page).to_have_url(re.compile(rf"/grid\?.*asof={views[4].grid_day.isoformat()}"))
    page.go_back()
    settled(page)
    at_step(page, views, 5)
    assert outside_requests == []


def test_a_malformed_story_link_falls_back_with_a_notice(page, server, outside_requests):
    page.goto(f"{server.url}/present?story=nope&step=%2B3")
    settled(page)
    expect(page.get_by_text("Ignored from the link")).to_be_visible()
    expect(page.locator(".stances-present")).to_contain_text("step 1 of")
    assert outside_requests == []
