"""The grid on a debate wider than a screen: the busiest actors and questions a page at a time, said on screen."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from stances.app import state
from stances.load import load_debate
from stances.paging import by_activity
from stances.synth import Shape, write_synthetic
from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")
MB = 1_000_000


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    return write_synthetic(
        tmp_path_factory.mktemp("wide") / "debate", 4_000, seed=2, shape=Shape(actors=120, questions=60, skew=1.0)
    )


def grid_page(folder, monkeypatch) -> AppTest:
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("stances/app/pages/grid.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def grid_chart(at: AppTest):
    """The grid's cells (the chart above them is its question header)."""
    return next(chart for chart in at.get("plotly_chart") if chart.key == "grid_chart")


def figure(at: AppTest) -> dict:
    return json.loads(grid_chart(at).proto.spec)


def test_the_grid_shows_the_busiest_page_and_says_so(wide, monkeypatch):
    at = grid_page(wide, monkeypatch)
    debate = load_debate(wide)
    busiest = by_activity(debate.statements["actor_id"], list(debate.actors["actor_id"]))
    captions = [c.value for c in at.caption]
    assert "Showing actors 1–40 of 120, busiest first × questions 1–25 of 60, busiest first." in captions
    spec = figure(at)
    assert len(spec["data"]) == 1  # one trace for all cells
    assert len(spec["data"][0]["x"]) == state.GRID_ROWS * state.GRID_COLUMNS
    names = debate.actors.set_index("actor_id")["name"]
    first = spec["layout"]["yaxis"]["ticktext"][0]
    assert first.startswith(names[busiest[0]])
    assert len(grid_chart(at).proto.spec.encode()) < 2 * MB


def test_the_page_picker_and_the_search_reach_the_other_actors(wide, monkeypatch):
    at = grid_page(wide, monkeypatch)
    at.selectbox(key="grid_actors_page").set_value(3).run()
    assert not at.exception
    assert "Showing actors 81–120 of 120, busiest first × questions 1–25 of 60, busiest first." in [
        c.value for c in at.caption
    ]
    at.text_input(key="grid_questions_find").set_value("ceasefire").run()
    labels = figure(at)["layout"]["xaxis"]["ticktext"]
    assert labels and all("Ceasefire" in label for label in labels)
    assert len(at.dataframe[0].value.columns) == len(labels)
