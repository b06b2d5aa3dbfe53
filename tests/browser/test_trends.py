"""Positions over time as a reader meets it: every mark a statement, one small chart per actor."""

from __future__ import annotations

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
      out.push({id: row ? row[0] : '', actor: trace.name});
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
