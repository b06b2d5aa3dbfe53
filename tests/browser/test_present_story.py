"""Stories on the Present page in a real browser: a link opens a story's step, a clicker's keys step through it,
the card, ring and grid move together, and Back from exploring returns to the story's step."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from stances import query, room, steps, stories
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


def roomed(page, size) -> float:
    """Wait until the page has reported its screen and been drawn at the room's scale for it; return the scale."""
    scale = room.scale_for(*size)
    page.wait_for_selector(f".stances-room[data-index='{room.SCALES.index(scale)}']", state="attached")
    settled(page)
    return scale


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
    roomed(page, size)
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


# Everything a room reads on the Present page: each visible text's font size as drawn (its CSS zoom included: the
# page's parts beside the charts grow with the room's scale) against `least`, the controls whose label is cut
# (their text wider than its box), pairs of labels or controls whose boxes overlap, and controls past the screen.
ROOM_CHECK = """(least) => {
  const main = document.querySelector('[data-testid="stMain"]');
  // A box of 1 px or less (before zoom) is a screen reader's text (an icon button's name), not something on screen.
  const visible = el => { const r = el.getBoundingClientRect(), z = el.currentCSSZoom || 1;
                          return r.width / z > 1 && r.height / z > 1; };
  const own = el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  // Speaker notes (the expander) are for the presenter's eyes; icons are glyphs named by their ligature text.
  const skip = el => el.closest('[data-testid="stExpanderDetails"], [data-testid="stIconMaterial"]');
  const small = [];
  for (const el of main.querySelectorAll('*')) {
    if (!visible(el) || !own(el) || skip(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom || 1);
    if (size < least - 0.5) small.push([el.textContent.trim().slice(0, 40), size]);
  }
  const cut = [];
  for (const el of main.querySelectorAll('button, button *, [data-testid="stWidgetLabel"] *')) {
    if (visible(el) && !skip(el) && el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent.trim().slice(0, 40));
  }
  const boxes = sel => Array.from(main.querySelectorAll(sel)).filter(visible)
    .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()]);
  const overlaps = [];
  const groups = ['.st-key-present_grid .xtick text', '.st-key-present_grid .ytick text',
                  '.st-key-present_timeline .ytick text', '.st-key-present_timeline .xtick text',
                  '.st-key-present_head > *, .st-key-present_bar > *, .st-key-present_foot > *'];
  for (const sel of groups) {
    const found = boxes(sel);
    for (let i = 0; i < found.length; i++) for (let j = i + 1; j < found.length; j++) {
      const [a, ra] = found[i], [b, rb] = found[j];
      if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1)
        overlaps.push([a, b]);
    }
  }
  const wide = Array.from(main.querySelectorAll('button, input')).filter(visible)
    .filter(b => b.getBoundingClientRect().right > window.innerWidth + 1).map(b => b.textContent.trim());
  return {small, cut, overlaps, wide};
}"""


@pytest.mark.parametrize("sidebar", ["sidebar", "no-sidebar"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("link", ["step=42", f"story={STORY}&step=2"], ids=["walk", "story"])
def test_the_present_page_is_readable_from_the_back_of_a_room(page, server, outside_requests, link, size, sidebar):
    # Issue 16, item 10: lane labels were 9 px, grid cells ~10 px with numbers spilling out, and beside the sidebar
    # the grid's question labels overlapped and the buttons were cut ("Prev…", "A…", "Ti…").
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/present?{link}")
    settled(page)
    if sidebar == "no-sidebar":
        page.get_by_text("Hide sidebar").click()
        settled(page)
        expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden()
    page.wait_for_function("() => document.querySelectorAll('.st-key-present_grid .xtick text').length > 0")
    scale = roomed(page, size)
    page.wait_for_function("() => document.querySelectorAll('.st-key-present_grid .xtick text').length > 0")
    screenshot(page, f"present-room-{link.split('=')[0]}-{size[0]}x{size[1]}-{sidebar}")
    # Issue 14: at 1920x1080 the charts did not grow; every text now grows with the screen (24 px and more there).
    found = page.evaluate(ROOM_CHECK, 16 * scale)
    assert found == {"small": [], "cut": [], "overlaps": [], "wide": []}
    scroll = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    assert scroll <= size[1] + 2, f"the Present page needs scrolling at {size}: {scroll}px"
    assert outside_requests == []


def walk_step(page) -> int:
    text = page.locator(".stances-step-count").inner_text()
    return int(re.fullmatch(r"Step (\d+) of \d+", text).group(1))


def test_clicker_keys_step_from_anywhere_and_enter_commits_jump_to_date(page, server, outside_requests):
    # Issue 16, items 11 and 8: the keys were ignored after the "Hide sidebar" toggle or "Jump to date" had the
    # focus, and Enter did not commit the typed day.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/present?step=5")
    settled(page)
    page.get_by_text("Hide sidebar").click()  # the toggle now has the focus
    settled(page)
    for key, number in (("ArrowRight", 6), ("Space", 7), ("PageUp", 6), ("ArrowDown", 7)):
        page.keyboard.press(key)
        settled(page)
        expect(page.locator(".stances-step-count")).to_have_text(re.compile(rf"^Step {number} of "))
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden()  # Space stepped, it did not toggle
    page.locator(".st-key-prev button").first.click()  # a button has the focus: keys step once, never twice
    settled(page)
    page.keyboard.press("PageDown")
    settled(page)
    expect(page.locator(".stances-step-count")).to_have_text(re.compile(r"^Step 7 of "))
    ordered = query.step_order(load_debate().statements)
    expected = steps.step_on_or_after(ordered, dt.date(2022, 11, 7))
    jump = page.locator(".st-key-jump input")
    jump.click()
    jump.fill("2022-11-07")
    page.keyboard.press("ArrowLeft")  # typing in the box: the caret moves, the step does not
    jump.press("Enter")
    settled(page)
    expect(page.locator(".stances-step-count")).to_have_text(re.compile(rf"^Step {expected} of "))
    expect(page).to_have_url(re.compile(rf"step={expected}\b"))
    page.keyboard.press("ArrowRight")  # straight after Enter: the clicker steps on
    settled(page)
    expect(page.locator(".stances-step-count")).to_have_text(re.compile(rf"^Step {expected + 1} of "))
    jump.fill("2022-13-40")
    jump.press("Enter")
    settled(page)
    expect(page.get_by_text("Jump to date: type a day as YYYY-MM-DD")).to_be_visible()
    expect(page.locator(".stances-step-count")).to_have_text(re.compile(rf"^Step {expected + 1} of "))
    assert outside_requests == []


def test_back_to_the_story_returns_to_its_step_with_the_sidebar_as_left(page, server, outside_requests, story):
    # Issue 16, item 11: the README promised Back from the presenter's Grid and Timeline; there was none, and coming
    # back by the navigation brought the hidden sidebar back every time.
    _, views = story
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/present?story={STORY}&step=5")
    settled(page)
    page.get_by_text("Hide sidebar").click()
    settled(page)
    sidebar = page.locator('section[data-testid="stSidebar"]')
    expect(sidebar).to_be_hidden()
    for explore, title in (("explore_grid", "Comparison grid"), ("explore_timeline", "Timeline")):
        page.locator(f".st-key-{explore} button").first.click()
        settled(page)
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        back = page.locator(".st-key-back_to_story button").first
        expect(back).to_be_visible()
        screenshot(page, f"present-back-from-{explore}")
        dialog = page.get_by_role("dialog")
        if dialog.count():  # the Timeline opens the step's card in a side panel: close it to reach the page
            page.keyboard.press("Escape")
            expect(dialog).to_have_count(0)
            settled(page)
        back.click()
        settled(page)
        at_step(page, views, 5)
        expect(sidebar).to_be_hidden()
    # Leaving by the navigation (sidebar shown again to reach it) and coming back keeps the toggle as it was left.
    page.get_by_text("Hide sidebar").click()
    settled(page)
    page.locator(".st-key-explore_grid button").first.click()
    settled(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Present").click()
    settled(page)
    at_step(page, views, 5)
    expect(sidebar).to_be_visible()
    expect(page.locator(".st-key-hide_sidebar input")).not_to_be_checked()
    assert outside_requests == []


EVENT_STORY = "decree-to-peace-formula"
CARD = "() => document.querySelector('.stances-present').innerText"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_an_event_step_moves_card_ring_and_grid_together_with_the_keys(page, server, outside_requests, size):
    # Issue 14: a step points at a statement, or at a context event's date; the event's step shows its card, rings its
    # mark above the lanes and sets the grid to its day, and the clicker's keys move in and out of it.
    debate = load_debate()
    story = stories.stories_in(debate)[EVENT_STORY]
    context = stories.context_statements(debate, debate.statements, story)
    views = [stories.step_view(debate, story, context, n) for n in range(1, len(story.steps) + 1)]
    number = next(v.number for v in views if v.is_event)
    event = query.event_detail(debate, views[number - 1].event_id)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/present?story={EVENT_STORY}&step={number + 1}")
    settled(page)
    page.get_by_text("Hide sidebar").click()
    settled(page)
    page.locator(".stances-present").click()
    seen = []
    assert number == 1, "the test steps Home onto the event's step"
    for key, at in (("PageUp", number), ("PageDown", number + 1), ("End", len(views)), ("Home", number)):
        page.keyboard.press(key)
        settled(page)
        view = views[at - 1]
        expect(page.locator(".stances-step-count")).to_have_text(f"Step {at} of {len(views)}")
        expect(page).to_have_url(re.compile(rf"step={at}\b"))
        expect(page.locator(".stances-narration")).to_have_text(view.step.narration)
        card = page.locator(".stances-present")
        if view.is_event:
            expect(card).to_contain_text(event.label)
            expect(card).to_contain_text(f"Context event · {event.event_kind}")
            expect(card).to_contain_text(event.description)
        else:
            expect(card).not_to_contain_text("Context event")
        by_cell = {(r.actor_id, r.question_id): r.statement_id for r in view.snapshot.itertuples()}
        evaluates_to(page, GRID_IDS, [by_cell.get((a, q), "") for a in view.actors for q in view.questions])
        evaluates_to(page, f"() => ({RING})().x", view.day.isoformat())
        seen.append(page.evaluate(GRID_IDS))
        if view.is_event:
            scale = roomed(page, size)
            screenshot(page, f"present-event-step-{size[0]}x{size[1]}")
            found = page.evaluate(ROOM_CHECK, 16 * scale)
            assert found == {"small": [], "cut": [], "overlaps": [], "wide": []}
            scroll = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            assert scroll <= size[1] + 2, f"the Present page needs scrolling at {size}: {scroll}px"
    assert seen[0] != seen[2], "the grid did not change between the event's step and the last"
    assert outside_requests == []
