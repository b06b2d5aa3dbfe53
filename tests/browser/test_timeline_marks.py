"""The timeline as a reader meets it at 1440x900: every statement a mark of its own, the key and the dates in view
without scrolling, the context events readable whole."""

from __future__ import annotations

import math
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from stances.load import load_debate

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser

CHART = ".st-key-timeline_chart .js-plotly-plot"
# Every drawn statement mark: its statement id and its centre on the screen, read from what plotly drew.
MARKS = """(selector) => {
  const out = [];
  document.querySelectorAll(selector + ' .scatterlayer .trace').forEach(layer => {
    const data = layer.__data__, trace = data && data[0] && data[0].trace;
    if (!trace || !trace.customdata || trace.name === 'Context events') return;
    layer.querySelectorAll('.points path.point').forEach(point => {
      const box = point.getBoundingClientRect(), id = trace.customdata[point.__data__.i][0];
      if (id) out.push({id, x: box.left + box.width / 2, y: box.top + box.height / 2});
    });
  });
  return out;
}"""
# Boxes of the legend, the axis titles and the date tick labels, in screen pixels.
BOXES = """(selector) => {
  const box = el => { const r = el.getBoundingClientRect();
    return {text: el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const plot = document.querySelector(selector);
  return {
    legend: [...plot.querySelectorAll('.legend')].map(box),
    titles: [...plot.querySelectorAll('.g-xtitle, .g-x2title')].map(box),
    ticks: [...plot.querySelectorAll('.xtick text, .x2tick text')].map(box),
    height: window.innerHeight,
  };
}"""
KEY_LINES = """(selector) => [...document.querySelectorAll(selector + ' .annotation-text')]
  .map(note => [...note.querySelectorAll('tspan.line')].map(line => line.textContent).join(' ')).join(' ')"""


@pytest.fixture
def wide(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def open_timeline(tab, server, query: str = "") -> None:
    tab.goto(server.url + "/" + query)
    settled(tab, timeout=90_000)
    expect(tab.locator(CHART + " .scatterlayer .point").first).to_be_visible()


def marks(tab) -> list[dict]:
    return tab.evaluate(MARKS, CHART)


def test_every_statement_is_a_mark_of_its_own(wide, server):
    """Regression (issue 16): 11 statements were counted and 9 seen; Sullivan's private −2 of 10 Nov lay exactly
    under his public −1."""
    open_timeline(wide, server)
    drawn = marks(wide)
    caption = wide.get_by_text(re.compile(r"^Timeline of [0-9,]+ statements")).inner_text()
    shown = int(re.search(r"Timeline of ([0-9,]+) statements", caption).group(1).replace(",", ""))
    assert len(drawn) == shown == len(load_debate().statements)
    assert len({(round(m["x"]), round(m["y"])) for m in drawn}) == shown
    # No mark hides most of another: centres at least half a mark apart.
    closest = min(math.dist((a["x"], a["y"]), (b["x"], b["y"])) for i, a in enumerate(drawn) for b in drawn[i + 1 :])
    assert closest >= 10
    screenshot(wide, "timeline-1440x900")


@pytest.mark.parametrize("statement", ["sullivan-20221110-us-press-kyiv", "sullivan-20221110-us-press-kyiv-2"])
def test_each_of_sullivans_two_marks_of_10_november_opens_its_own_card(wide, server, statement):
    open_timeline(wide, server, "?actor=" + quote("Jake Sullivan"))
    card = wide.locator(".st-key-detail_card")
    # Plotly may redraw once after the first paint (width measured), which can swallow an early click.
    for _ in range(3):
        [mark] = [m for m in marks(wide) if m["id"] == statement]
        wide.mouse.click(mark["x"], mark["y"])
        settled(wide)
        if f"statement={statement}" in wide.url:
            break
    assert re.search(rf"[?&]statement={re.escape(statement)}(&|$)", wide.url)
    expect(card).to_contain_text("How we know:")
    expect(card).to_contain_text("−2" if statement.endswith("-2") else "−1")
    screenshot(wide, f"timeline-card-{statement}")


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("query", ["", "?actor=" + quote("Jake Sullivan")])
def test_the_key_and_the_dates_are_in_view_and_apart(wide, server, query):
    """Regression (issue 16): at 1440x900 the key and the date axis were below the fold, and with few lanes the key
    overlapped the axis title."""
    open_timeline(wide, server, query)
    found = wide.evaluate(BOXES, CHART)
    [legend] = found["legend"]
    top_ticks = [t for t in found["ticks"] if t["bottom"] < found["height"]]
    assert legend["bottom"] <= found["height"]
    assert len(top_ticks) >= 4  # a date axis in view without scrolling
    assert [t["text"] for t in found["ticks"] + found["titles"] if overlaps(legend, t)] == []
    screenshot(wide, "timeline-few-lanes-1440x900" if query else "timeline-top-1440x900")


def test_context_events_are_readable_whole_in_the_key(wide, server):
    """Regression (issue 16): event labels were cut ("WaPo reports US private…"), in the app and in the PNG."""
    open_timeline(wide, server)
    key = re.sub(r"\s+", " ", wide.evaluate(KEY_LINES, CHART))
    for label in load_debate().events["label"]:
        assert str(label) in key


def test_the_colours_can_show_one_question_and_the_page_says_so(wide, server):
    open_timeline(wide, server)
    wide.locator(".st-key-colours").click()
    wide.get_by_role("option", name="Open talks now").click()
    settled(wide)
    expect(
        wide.get_by_text("Colour: position on “Open talks now”; white marks are statements on other questions")
    ).to_be_visible()
    expect(wide.locator(CHART + " .legend")).to_contain_text("Position on Open talks now")
    expect(wide.locator(CHART + " .legend")).to_contain_text("Other questions")
    screenshot(wide, "timeline-one-question-1440x900")


def chosen(tab):
    return tab.get_by_role("combobox", name="Colours show")


def test_the_colour_choice_is_kept_in_the_link_restored_from_it_and_reset(wide, server):
    """Regression (issue 16, item 5): "Colours show" was not in the link, so a shared link coloured every mark."""
    open_timeline(wide, server, "?colours=" + quote("Open talks now"))
    expect(chosen(wide)).to_have_value("Open talks now")
    expect(
        wide.get_by_text("Colour: position on “Open talks now”; white marks are statements on other questions")
    ).to_be_visible()
    expect(wide.locator(CHART + " .legend")).to_contain_text("Position on Open talks now")
    screenshot(wide, "timeline-colours-from-link-1440x900")
    wide.locator(".st-key-colours").click()
    wide.get_by_role("option", name="US should press Kyiv").click()
    settled(wide)
    expect(wide).to_have_url(re.compile(r"[?&]colours=US(\+|%20)should(\+|%20)press(\+|%20)Kyiv(&|$)"))
    expect(wide.locator(CHART + " .legend")).to_contain_text("Position on US should press Kyiv")
    wide.locator(".st-key-colours").click()
    wide.get_by_role("option", name="The position on each mark's own question").click()
    settled(wide)
    expect(wide).not_to_have_url(re.compile(r"[?&]colours="))
    expect(wide.get_by_text("Colour: each statement's position on its own question")).to_be_visible()
    wide.locator(".st-key-colours").click()
    wide.get_by_role("option", name="Victory by force").click()
    settled(wide)
    expect(wide).to_have_url(re.compile(r"[?&]colours=Victory"))
    wide.get_by_role("button", name="Reset filters").click()
    settled(wide)
    expect(wide).not_to_have_url(re.compile(r"[?&]colours="))
    expect(chosen(wide)).to_have_value("The position on each mark's own question")


def test_a_link_with_an_unknown_colour_choice_is_named_in_the_notice(wide, server):
    open_timeline(wide, server, "?colours=" + quote("<b>Nope</b>"))
    expect(wide.get_by_text("Ignored from the link: colours '<b>Nope</b>' (unknown question).")).to_be_visible()
    expect(chosen(wide)).to_have_value("The position on each mark's own question")
    expect(wide).not_to_have_url(re.compile(r"[?&]colours="))
