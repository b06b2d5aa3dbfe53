"""The one-file deck in a real browser: opened from file:// with the network off, played with a clicker's keys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from stances import deck, query, stories
from stances.load import load_debate

from .conftest import screenshot

pytestmark = pytest.mark.browser

STORY = "milley-vs-advisers"

RING = """() => {
  const tl = document.getElementById('timeline');
  const ring = tl.data.find(t => t.name === 'Current step');
  return {x: String(ring.x[0]).slice(0, 10), y: ring.y[0], id: ring.customdata[0][0], step: tl.dataset.step,
          range: tl.layout.xaxis.range.map(d => String(d).slice(0, 10))};
}"""
MARK_OF = """(id) => {
  const tl = document.getElementById('timeline');
  for (const t of tl._fullData) {
    if (!t.customdata || t.name === 'Current step' || t.name === 'Context events') continue;
    const i = t.customdata.findIndex(c => c[0] === id);
    if (i >= 0) return {x: String(t.x[i]).slice(0, 10), y: t.y[i], opacity: t.marker.opacity[i]};
  }
  return null;
}"""
GRID = """() => {
  const g = document.getElementById('grid');
  return {step: g.dataset.step, ids: g.data[0].customdata.map(c => c[0]), text: g.data[0].text};
}"""


CHART_TEXT = """() => {
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  const sizes = [], small = [], overlaps = [];
  for (const el of document.querySelectorAll('#timeline svg text, #grid svg text')) {
    if (!visible(el) || !el.textContent.trim()) continue;
    sizes.push(parseFloat(getComputedStyle(el).fontSize));
  }
  const least = 16 * Math.min(window.innerWidth / 1280, window.innerHeight / 720) - 0.5;
  for (const el of document.querySelectorAll('#timeline svg text, #grid svg text'))
    if (visible(el) && el.textContent.trim() && parseFloat(getComputedStyle(el).fontSize) < least)
      small.push([el.textContent.trim(), getComputedStyle(el).fontSize]);
  for (const sel of ['#grid .xtick text', '#grid .ytick text', '#timeline .ytick text', '#timeline .xtick text']) {
    const boxes = Array.from(document.querySelectorAll(sel)).filter(visible)
      .map(el => [el.textContent.trim(), el.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1)
        overlaps.push([a, b]);
    }
  }
  return {sizes, small, overlaps};
}"""


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    """The bundled story's deck written to a file, with what the library says each step shows."""
    debate = load_debate()
    path = tmp_path_factory.mktemp("deck") / "talk.html"
    path.write_bytes(deck.presentation(debate, story_id=STORY))
    story = stories.stories_in(debate)[STORY]
    context = stories.context_statements(debate, debate.statements, story)
    views = [stories.step_view(debate, story, context, n) for n in range(1, len(story.steps) + 1)]
    return path, debate, views


def offline_tab(browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, offline=True)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
    return context, tab, requests


def expected_grid_ids(view) -> list[str]:
    by_cell = {(r.actor_id, r.question_id): r.statement_id for r in view.snapshot.itertuples()}
    return [by_cell.get((a, q), "") for a in view.actors for q in view.questions]


def test_the_deck_plays_offline_and_card_ring_and_grid_move_together(browser, talk):
    path, _, views = talk
    context, tab, requests = offline_tab(browser, (1280, 720))
    tab.goto(path.as_uri())
    tab.wait_for_selector("body[data-ready=true]", timeout=30_000)
    expect(tab.locator("#counter")).to_have_text(f"Title · {len(views)} steps")
    expect(tab.locator(".slide.current h1")).to_have_text(views[0].story.title)
    seen = []
    for key, number in (("PageDown", 1), ("Space", 2), ("ArrowRight", 3), ("PageUp", 2), ("End", len(views))):
        tab.keyboard.press(key)
        view = views[number - 1]
        expect(tab.locator("#counter")).to_have_text(f"Step {number} of {len(views)}")
        slide = tab.locator(".slide.current")
        expect(slide).to_have_attribute("data-statement", view.statement_id)
        expect(slide.locator(".narration")).to_have_text(view.step.narration)
        tab.wait_for_function(f"() => document.getElementById('grid').dataset.step === '{number}'")
        ring = tab.evaluate(RING)
        mark = tab.evaluate(MARK_OF, view.statement_id)
        expected = (view.statement_id, mark["x"], mark["y"], str(number))
        assert (ring["id"], ring["x"], ring["y"], ring["step"]) == expected
        assert (mark["x"], mark["opacity"]) == (view.day.isoformat(), 1)
        assert ring["range"] == [view.start.isoformat(), view.end.isoformat()]
        grid = tab.evaluate(GRID)
        assert (grid["step"], grid["ids"]) == (str(number), expected_grid_ids(view))
        seen.append(grid["ids"])
    assert seen[0] != seen[2], "the grid did not change between steps 1 and 3"
    tab.keyboard.press("Home")
    expect(tab.locator("#counter")).to_have_text(f"Title · {len(views)} steps")
    assert [url for url in requests if not url.startswith("file://")] == []
    context.close()


def test_speaker_notes_stay_hidden_until_the_key_shows_them(browser, talk):
    path, _, views = talk
    context, tab, _ = offline_tab(browser, (1280, 720))
    tab.goto(path.as_uri() + "#1")
    tab.wait_for_selector("body[data-ready=true]", timeout=30_000)
    notes = tab.locator(".slide.current .notes")
    expect(notes).to_be_hidden()
    tab.keyboard.press("n")
    expect(notes).to_be_visible()
    expect(notes).to_contain_text(views[0].step.notes)
    tab.keyboard.press("ArrowRight")
    expect(tab.locator(".slide.current .notes")).to_be_visible()  # the notes stay shown while stepping
    tab.keyboard.press("n")
    expect(tab.locator(".slide.current .notes")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_deck_fits_the_screen_with_its_sources_and_footer(browser, talk, size):
    path, debate, views = talk
    context, tab, requests = offline_tab(browser, size)
    tab.goto(path.as_uri() + "#4")
    tab.wait_for_selector("body[data-ready=true]", timeout=30_000)
    tab.wait_for_function("() => document.getElementById('grid').dataset.step === '4'")
    expected = round(16 * min(size[0] / 1280, size[1] / 720))
    tab.wait_for_function(
        f"() => Array.from(document.querySelectorAll('#grid .xtick text')).some(t => parseFloat(getComputedStyle(t)"
        f".fontSize) >= {expected})"
    )
    page_height = tab.evaluate("document.documentElement.scrollHeight")
    assert page_height <= size[1], f"the deck scrolls at {size}: {page_height}px"
    expect(tab.locator("footer")).to_contain_text(debate.meta.title)
    links = tab.locator(".slide.current ul.sources a")
    from stances import query

    detail = query.statement_detail(debate, views[3].statement_id)
    urls = [s.url for s in detail.sources if s.url] + [c.url for s in detail.sources for c in s.chain if c.url]
    assert sorted(links.evaluate_all("els => els.map(a => a.href)")) == sorted(urls)
    for selector in ("#timeline .main-svg", "#grid .main-svg"):
        chart = tab.locator(selector).first.bounding_box()
        assert chart["width"] > 200 and chart["height"] > 150, (selector, chart)
        assert chart["x"] + chart["width"] <= size[0] + 1 and chart["y"] + chart["height"] <= size[1] + 1
    # Every actor label of the grid is drawn inside the chart (none cut at the left edge).
    boxes = tab.locator("#grid .yaxislayer-above .ytick text").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right])"
    )
    left = tab.locator("#grid").bounding_box()["x"]
    assert boxes and min(b[0] for b in boxes) >= left - 1, (boxes, left)
    # Readable from the back of a room, and growing with the screen (issue 14: the chart fonts did not grow at
    # 1920x1080): every chart text at least 16 px at 1280x720 and 24 px at 1920x1080, no two labels overlapping.
    least = 16 * min(size[0] / 1280, size[1] / 720)
    texts = tab.evaluate(CHART_TEXT)
    assert texts["small"] == [] and texts["overlaps"] == [], (least, texts)
    assert min(texts["sizes"]) >= least, (least, texts["sizes"])
    screenshot(tab, f"deck-{size[0]}x{size[1]}")
    tab.keyboard.press("Home")
    screenshot(tab, f"deck-title-{size[0]}x{size[1]}")
    assert [url for url in requests if not url.startswith("file://")] == []
    context.close()


EVENT_MARK = """(day) => {
  const tl = document.getElementById('timeline');
  const t = tl._fullData.find(t => t.name === 'Context events');
  const i = t.x.findIndex(x => String(x).slice(0, 10) === day);
  return i >= 0 ? {x: String(t.x[i]).slice(0, 10), y: t.y[i]} : null;
}"""


def test_an_event_step_plays_offline_with_its_card_ring_and_grid(browser, tmp_path):
    # Issue 14: a story step may point at a context event's date; the deck shows its card, rings its mark and sets
    # the grid to its day, with the same keys, and still sends no request.
    debate = load_debate()
    story = stories.stories_in(debate)["decree-to-peace-formula"]
    context = stories.context_statements(debate, debate.statements, story)
    views = [stories.step_view(debate, story, context, n) for n in range(1, len(story.steps) + 1)]
    number = next(v.number for v in views if v.is_event)
    path = tmp_path / "talk.html"
    path.write_bytes(deck.presentation(debate, story_id=story.story_id))
    browser_context, tab, requests = offline_tab(browser, (1280, 720))
    tab.goto(path.as_uri())
    tab.wait_for_selector("body[data-ready=true]", timeout=30_000)
    seen = {}
    for key, at in (("PageDown", number), ("ArrowRight", number + 1), ("End", len(views)), ("Home", 0), ("Space", 1)):
        tab.keyboard.press(key)
        if at == 0:
            expect(tab.locator("#counter")).to_have_text(f"Title · {len(views)} steps")
            continue
        view = views[at - 1]
        expect(tab.locator("#counter")).to_have_text(f"Step {at} of {len(views)}")
        slide = tab.locator(".slide.current")
        expect(slide.locator(".narration")).to_have_text(view.step.narration)
        tab.wait_for_function(f"() => document.getElementById('grid').dataset.step === '{at}'")
        ring = tab.evaluate(RING)
        if view.is_event:
            event = query.event_detail(debate, view.event_id)
            expect(slide).to_have_attribute("data-event", view.event_id)
            expect(slide.locator(".card")).to_contain_text(event.label)
            expect(slide.locator(".card")).to_contain_text(event.description)
            assert slide.locator("ul.sources a").evaluate_all("els => els.map(a => a.href)") == [
                s.url for s in event.sources
            ]
            mark = tab.evaluate(EVENT_MARK, view.day.isoformat())
            screenshot(tab, "deck-event-step-1280x720")
        else:
            expect(slide).to_have_attribute("data-statement", view.statement_id)
            mark = tab.evaluate(MARK_OF, view.statement_id)
        assert (ring["id"], ring["x"], ring["y"], ring["step"]) == (
            view.event_id or view.statement_id,
            view.day.isoformat(),
            mark["y"],
            str(at),
        )
        grid = tab.evaluate(GRID)
        assert grid["ids"] == expected_grid_ids(view)
        seen[at] = grid["ids"]
    assert seen[number] != seen[len(views)], "the grid did not change between the event's step and the last"
    assert [url for url in requests if not url.startswith("file://")] == []
    browser_context.close()
