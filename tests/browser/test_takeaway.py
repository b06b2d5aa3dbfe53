"""The take-away files as a person meets them: downloaded from the app, opened from file:// with the network off."""

from __future__ import annotations

import re
import struct

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, screenshot, settled

pytestmark = pytest.mark.browser

# Every axis tick label's box, and the page's width and height, in CSS pixels.
TICK_BOXES = """() => {
  const boxes = [...document.querySelectorAll('.xtick text, .ytick text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  return {boxes, width: document.documentElement.clientWidth};
}"""


def download(page, server, path: str, expander: str, button: str, tmp_path):
    page.goto(server.url + path)
    settled(page, timeout=90_000)
    page.get_by_text(expander).click()
    with page.expect_download() as caught:
        page.locator(f".st-key-{button} button").click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    return target


@pytest.mark.parametrize(
    ("name", "path", "expander", "button"),
    [
        ("timeline", "/", "Take the timeline away", "timeline_files_timeline_html"),
        ("grid", "/grid?asof=2022-12-01", "Take the grid away", "grid_files_grid_html"),
    ],
)
def test_downloaded_chart_html_shows_every_axis_label_offline(
    page, server, browser, tmp_path, name, path, expander, button
):
    """Regression (issue 9, defect 1): opened from file:// at 1280x800, the timeline and grid HTML cut 16 of 26 and
    16 of 21 axis labels at the left edge ("ey", "an" for Milley, Sullivan): their margins came from Streamlit's
    theme, which the files do not have."""
    html = download(page, server, path, expander, button, tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    tab = context.new_page()
    outside: list[str] = []
    tab.route(re.compile(r"^(https?|wss?)://"), lambda route: (outside.append(route.request.url), route.abort()))
    tab.goto(html.as_uri())
    expect(tab.locator(".js-plotly-plot .ytick text").first).to_be_visible()
    found = tab.evaluate(TICK_BOXES)
    screenshot(tab, f"takeaway-{name}-1280x800")
    context.close()
    assert len(found["boxes"]) > 5
    cut = [b["text"] for b in found["boxes"] if b["left"] < 0 or b["right"] > found["width"] or b["top"] < 0]
    assert cut == []
    assert outside == []


def test_a_static_png_keeps_every_axis_label(browser):
    """The PNG is drawn from the same figure and template: its left margin holds the longest actor name."""
    from stances import charts, query, snapshots
    from stances.load import load_debate

    debate = load_debate()
    snapshot = query.as_of(debate.statements, query.date_bounds(debate.statements)[1])
    actors = query.actors_in(debate, debate.statements["actor_id"])
    questions = query.questions_in(debate, debate.statements["question_id"])
    figure = charts.grid(debate, snapshot, actors=actors, questions=questions)
    png = snapshots.static_image(figure, fmt="png", width=1280)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, _ = struct.unpack(">II", png[16:24])
    assert width == 2560
    (ARTIFACTS / "takeaway-grid.png").write_bytes(png)
    svg = snapshots.static_image(figure, fmt="svg", width=1280).decode("utf-8")
    # Actor names end (text-anchor end) where the plot starts: after room for "Volodymyr Zelenskyy", not at the 10 px
    # margin the figure asks for.
    ends = [float(x) for x in re.findall(r'class="ytick"><text text-anchor="end" x="([0-9.]+)"', svg)]
    assert len(ends) > 5
    assert min(ends) > 60
