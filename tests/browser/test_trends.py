"""Positions over time as a reader meets it: every mark a statement, one small chart per actor."""

from __future__ import annotations

import math
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from stances import query
from stances.load import load_debate

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser

CHART = ".st-key-trend_chart .js-plotly-plot"
# Every drawn mark: the statement id its trace gives it ("" when it is no statement) and its actor.
MARKS = """(selector) => {
  const out = [];
  document.querySelectorAll(selector + ' .scatterlayer .trace').forEach(layer => {
    const data = layer.__data__, trace = data && data[0] && data[0].trace;
    layer.querySelectorAll('.points path.point').forEach(point => {
      const row = trace.customdata ? trace.customdata[point.__data__.i] : null;
      const box = point.getBoundingClientRect();
      out.push({id: row ? row[0] : '', actor: trace.name, x: box.left + box.width / 2, y: box.top + box.height / 2});
    });
  });
  return out;
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)])
def test_every_mark_is_a_statement_and_each_actor_has_a_chart(browser, server, size):
    """Regression (issue 16): the line's end at the range's last day hovered as a statement that does not exist."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    tab = context.new_page()
    tab.goto(server.url + "/trends")
    settled(tab, timeout=90_000)
    expect(tab.locator(CHART + " .scatterlayer .point").first).to_be_visible()
    drawn = tab.evaluate(MARKS, CHART)
    debate = load_debate()
    shown = query.apply(debate, query.Filters())
    question = query.questions_in(debate, shown["question_id"])[0]
    on_question = shown[shown["question_id"] == question]
    assert sorted(m["id"] for m in drawn) == sorted(on_question["statement_id"])
    # One small chart per actor: as many plot areas as actors who spoke on the question.
    assert tab.locator(CHART + " .cartesianlayer .subplot").count() == on_question["actor_id"].nunique()
    screenshot(tab, f"trends-{size[0]}x{size[1]}")
    context.close()


@pytest.mark.parametrize("statement", ["us-officials-20221114-us-press-kyiv", "us-officials-20221114-us-press-kyiv-2"])
def test_two_statements_of_one_day_at_one_position_are_two_marks_each_opening_its_card(browser, server, statement):
    """Regression (issue 16, item 6): the US officials' private and public −1 of 14 Nov 2022 were drawn at one point
    (one hid the other); the caption now counts the marks drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(server.url + "/trends?question_focus=" + quote("US should press Kyiv"))
    settled(tab, timeout=90_000)
    expect(tab.locator(CHART + " .scatterlayer .point").first).to_be_visible()
    on_question = load_debate().statements.query("question_id == 'us-press-kyiv'")
    caption = tab.get_by_text(re.compile(r"^Each actor's position on")).inner_text()
    counted = int(re.search(r"“US should press Kyiv”: ([0-9,]+) statements by", caption).group(1))
    drawn = [m for m in tab.evaluate(MARKS, CHART) if m["id"]]
    assert counted == len(drawn) == len(on_question)
    closest = min(math.dist((a["x"], a["y"]), (b["x"], b["y"])) for i, a in enumerate(drawn) for b in drawn[i + 1 :])
    assert closest >= 10  # a mark is 10 px across: none lies over another
    for _ in range(3):  # plotly may redraw once after the first paint, which can swallow an early click
        [mark] = [m for m in tab.evaluate(MARKS, CHART) if m["id"] == statement]
        tab.mouse.click(mark["x"], mark["y"])
        settled(tab)
        if f"statement={statement}" in tab.url:
            break
    assert re.search(rf"[?&]statement={re.escape(statement)}(&|$)", tab.url)
    expect(tab.locator(".st-key-detail_card")).to_contain_text("How we know:")
    screenshot(tab, f"trends-side-by-side-{statement[-2:]}-1280x720")
    context.close()
