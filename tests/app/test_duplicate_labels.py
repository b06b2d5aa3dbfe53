"""Regression for issue 11: the grid crashed ("Duplicate column names found") when two questions shared a label.

Every view keys by id, never by label: two questions both labelled "General" and two actors with the same name
must each keep their own row, column, lane and line on every page.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TINY, write_debate

APP = str(ROOT / "dashboard.py")
PAGES = ["timeline", "grid", "trends", "present", "sources", "table", "about"]


def twin_tables() -> dict[str, list[dict[str, str]]]:
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    for question in tables["questions"]:
        question["label"] = "General"
    for actor in tables["actors"]:
        actor["name"] = "Jordan Smith"
    return tables


@pytest.fixture
def twins(tmp_path, monkeypatch):
    folder = write_debate(tmp_path / "twins", twin_tables())
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    return folder


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    if page != "timeline":
        at.switch_page(f"stances/app/pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_duplicate_labels_and_names(twins, page):
    at = run_page(page)
    assert not at.error, [e.value for e in at.error]


def test_the_grid_keeps_one_row_per_actor_and_one_column_per_question(twins):
    at = run_page("grid")
    spec = json.loads(next(c for c in at.get("plotly_chart") if c.key == "grid_chart").proto.spec)
    cells = [trace for trace in spec["data"] if trace.get("customdata")]
    placed = {
        (str(x), str(y)): row[0]
        for trace in cells
        for x, y, row in zip(trace["x"], trace["y"], trace["customdata"], strict=True)
        if row[0]
    }
    # Milley's later statement on talks-now wins his cell; each of the three known cells has its own place.
    assert sorted(placed.values()) == ["milley-club", "sullivan-briefing", "sullivan-view"]
    assert len(set(placed)) == 3
    table = at.dataframe[0].value
    assert list(table.columns) == ["General (talks-now)", "General (us-press-kyiv)"]
    assert list(table.index) == ["Jordan Smith (milley)", "Jordan Smith (sullivan)"]


def test_a_link_picks_one_of_two_questions_that_share_a_label(twins):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["question"] = "General (us-press-kyiv)"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="question").value == ["us-press-kyiv"]
    assert not at.warning


def test_the_timeline_gives_each_namesake_a_lane_and_trends_a_line(twins):
    at = run_page("timeline")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["ticktext"] == ["Jordan Smith (milley)", "Jordan Smith (sullivan)"]
    at.switch_page("stances/app/pages/trends.py").run()
    assert at.selectbox(key="question_focus").options == ["General (talks-now)", "General (us-press-kyiv)"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    statements = [trace for trace in spec["data"] if "customdata" in trace]  # not the dotted "position held"
    assert [trace["name"] for trace in statements] == ["Jordan Smith (milley)", "Jordan Smith (sullivan)"]
