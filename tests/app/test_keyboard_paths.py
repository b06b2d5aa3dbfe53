"""Each chart page lists its chart's statements in a select box (the keyboard's way to them): wiring in AppTest.

The keys themselves (Tab, arrows, Enter) are tested in the browser (tests/browser/test_a11y.py)."""

from __future__ import annotations

import pytest

from stances.load import load_debate
from tests.app.test_app import app, html, ok

PICKERS = {"timeline": "timeline_statements", "grid": "grid_statements", "trends": "trend_statements"}


def on_page(page: str, **params):
    at = ok(app(**params).run())
    if page != "timeline":
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    return at


@pytest.mark.parametrize("page", list(PICKERS))
def test_choosing_a_listed_statement_opens_its_card(page):
    at = on_page(page)
    picker = at.selectbox(key=PICKERS[page])
    assert picker.value is None
    chosen = picker.options[-1]  # the label shown; the widget's value is the statement id
    ok(picker.select(chosen).run())
    statement_id = at.query_params["statement"]
    debate = load_debate()
    row = debate.statements.set_index("statement_id").loc[statement_id]
    assert at.selectbox(key=PICKERS[page]).value == statement_id
    assert row["summary"].replace("'", "&#x27;").replace('"', "&quot;") in html(at)


def test_the_timeline_list_holds_the_filtered_statements_the_chart_draws():
    debate = load_debate()
    at = on_page("timeline", onrecord="true")
    own_words = debate.statements["evidence"].isin(["on-record", "official-document"])
    assert len(at.selectbox(key="timeline_statements").options) == int(own_words.sum())


def test_a_clicked_mark_shows_in_the_list():
    at = app()
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"point_index": 0, "customdata": ["sullivan-20221110-us-press-kyiv"]}]}
    }
    ok(at.run())
    assert at.selectbox(key="timeline_statements").value == "sullivan-20221110-us-press-kyiv"


def test_the_actor_profile_lists_the_actors_statements_and_opens_one():
    debate = load_debate()
    at = on_page("actor", who="Jake Sullivan")
    picker = at.selectbox(key="actor_statements")
    assert len(picker.options) == int((debate.statements["actor_id"] == "sullivan").sum())
    ok(picker.select(picker.options[0]).run())
    assert at.query_params["statement"] == "sullivan-20220920-territory"


def test_the_side_by_side_grid_lists_its_cells_statements():
    at = on_page("actor", who="Jake Sullivan", compare="Mark A. Milley")
    picker = at.selectbox(key="compare_grid_statements")
    assert picker.options and all(" · Jake Sullivan · " in o or " · Mark A. Milley · " in o for o in picker.options)
