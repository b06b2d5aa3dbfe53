"""The take-away files as a person meets them: downloaded from the app, opened from file:// with the network off."""

from __future__ import annotations

import io
import re
import struct

import numpy as np
import pytest
from PIL import Image
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


def take_away_figure(name: str):
    """The figure the app's PNG button draws on the bundled debate: the whole timeline, or the grid of its last day."""
    from stances import charts, query
    from stances.load import load_debate

    debate = load_debate()
    if name == "timeline":
        return charts.timeline(debate, query.apply(debate, query.Filters()), events=debate.events)
    snapshot = query.as_of(debate.statements, query.date_bounds(debate.statements)[1])
    actors = query.actors_in(debate, debate.statements["actor_id"])
    questions = query.questions_in(debate, debate.statements["question_id"])
    return charts.grid(debate, snapshot, actors=actors, questions=questions)


def ink_columns(png: bytes) -> np.ndarray:
    """The pixel columns of the image that hold anything but the white background."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    return np.flatnonzero((np.abs(pixels - 255).max(axis=2) > 40).any(axis=0))


@pytest.mark.parametrize("name", ["timeline", "grid"])
def test_a_static_png_keeps_every_axis_label_inside_the_image(browser, name):
    """Regression (issue 9, defect 1): the PNG lost the start of the actor names ("ey", "an") at its left edge, its
    margin being the figure's 10 px. Drawn as the app's PNG button draws it: nothing touches the image's left edge,
    and every tick label, measured in the same renderer's SVG, lies inside the image, the leftmost where the PNG's
    ink starts."""
    from stances import snapshots

    figure = take_away_figure(name)
    png = snapshots.static_image(figure, fmt="png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"takeaway-{name}.png").write_bytes(png)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (2 * 1600, 2 * int(figure.layout.height or 700))
    ink = ink_columns(png)
    assert ink.min() >= 4, f"ink at column {ink.min()} of the PNG: a label is cut at the left edge"
    svg = snapshots.static_image(figure, fmt="svg")
    context = browser.new_context(viewport={"width": 1600, "height": height // 2}, offline=True)
    tab = context.new_page()
    tab.set_content(f"<body style='margin:0'>{svg.decode('utf-8')}</body>")
    found = tab.evaluate(TICK_BOXES)
    context.close()
    assert len(found["boxes"]) > 5
    cut = [b["text"] for b in found["boxes"] if b["left"] < 0 or b["right"] > 1600 or b["top"] < 0]
    assert cut == []
    leftmost = min(b["left"] for b in found["boxes"])
    assert abs(2 * leftmost - ink.min()) <= 6, (leftmost, ink.min())  # the PNG is the SVG drawn at twice the size
