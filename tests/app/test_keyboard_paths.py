"""Each chart page lists its chart's statements in a select box (the keyboard's way to them): wiring in AppTest.

The keys themselves (Tab, arrows, Enter) are tested in the browser (tests/browser/test_a11y.py)."""

from __future__ import annotations

import json

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


@pytest.fixture
def dense(monkeypatch):
    """The bundled debate drawn as a dense timeline (counts per actor and period)."""
    from stances import charts

    monkeypatch.setattr(charts, "DENSITY_ABOVE", 10)


def busiest_bin(at):
    """The listed bin with most statements (its label says how many)."""
    picker = at.selectbox(key="timeline_bin")
    counts = [int(label.split(" · ")[2].split()[0].replace(",", "")) for label in picker.options]
    return picker, picker.options[counts.index(max(counts))], max(counts)


def test_a_dense_timeline_lists_its_bins_and_opens_a_statement_of_one(dense):
    # the dense timeline had no keyboard path: only a click on a bin listed its statements (issue 16)
    at = on_page("timeline")
    picker, label, count = busiest_bin(at)
    assert picker.value is None and len(picker.options) > 10
    ok(picker.select(label).run())
    actor, start, end = at.selectbox(key="timeline_bin").value.split("|")
    assert at.subheader[0].value == f"{count} statements, {start} – {end}"
    listed = at.selectbox(key="bin_statements")
    assert len(listed.options) == count
    ok(listed.select(listed.options[0]).run())
    row = load_debate().statements.set_index("statement_id").loc[at.query_params["statement"]]
    assert (row["actor_id"], start <= f"{row['date']:%Y-%m-%d}" <= end) == (actor, True)
    assert row["summary"].replace("'", "&#x27;").replace('"', "&quot;") in html(at)


def test_a_clicked_bin_is_the_lists_choice(dense):
    at = app()
    at.session_state["timeline_bins"] = {
        "selection": {"points": [{"point_index": 0, "customdata": ["milley", "2022-11-07", "2022-11-13"]}]}
    }
    ok(at.run())
    assert at.selectbox(key="timeline_bin").value == "milley|2022-11-07|2022-11-13"
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    ring = [t["x"][0][:10] for t in figure["data"] if t.get("name") == "Current step"]
    assert ring == ["2022-11-07"]  # the chart rings the bin the list holds


def test_a_bin_of_many_statements_is_listed_a_page_at_a_time(dense, monkeypatch):
    from stances.app import views

    monkeypatch.setattr(views, "BIN_ROWS", 2)
    at = on_page("timeline")
    picker, label, count = busiest_bin(at)
    assert count > 2
    ok(picker.select(label).run())
    pages = at.selectbox(key="bin_page")
    assert (pages.options[0], len(at.selectbox(key="bin_statements").options)) == (f"1–2 of {count}", 2)
    first_page = at.selectbox(key="bin_statements").options
    ok(pages.select(pages.options[1]).run())
    assert at.selectbox(key="bin_statements").options != first_page
    assert len(at.dataframe[0].value) == min(2, count - 2)
