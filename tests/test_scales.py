"""Each question's own scale: points, leaning and colour class follow the question, not a fixed −2 … +2."""

from __future__ import annotations

import pandas as pd
import pytest

from stances import scales
from stances.vocab import POSITION_COLOURS


def points(**by_question: list[int]) -> pd.DataFrame:
    return pd.DataFrame([{"question_id": q, "position": p} for q, ps in by_question.items() for p in ps])


SCALES = points(five=[-2, -1, 0, 1, 2], two=[-1, 1], ten=list(range(11)), three=[-1, 0, 1])


def test_scales_lists_each_questions_points_in_order():
    assert scales.scales(SCALES) == {
        "five": (-2, -1, 0, 1, 2),
        "two": (-1, 1),
        "ten": tuple(range(11)),
        "three": (-1, 0, 1),
    }
    assert not scales.all_five_point(SCALES)
    assert scales.all_five_point(points(a=[-2, -1, 0, 1, 2], b=[2, 1, 0, -1, -2]))


@pytest.mark.parametrize(
    ("question", "position", "expected"),
    [
        ("five", -2, -1.0),
        ("five", 1, 0.5),
        ("two", -1, -1.0),
        ("two", 1, 1.0),
        ("ten", 0, -1.0),
        ("ten", 5, 0.0),
        ("ten", 7, 0.4),
        ("three", 0, 0.0),
    ],
)
def test_leaning_is_the_place_on_the_questions_own_scale(question, position, expected):
    result = scales.leaning(pd.Series([question]), pd.Series([position]), SCALES)
    assert result.tolist() == [pytest.approx(expected)]


def test_leaning_of_a_question_without_a_scale_is_unknown():
    assert scales.leaning(pd.Series(["none"]), pd.Series([1]), SCALES).isna().tolist() == [True]


@pytest.mark.parametrize(
    ("question", "position", "expected"),
    [
        ("five", -2, -2),
        ("five", 1, 1),
        ("two", -1, -2),
        ("two", 1, 2),
        ("ten", 7, 1),
        ("ten", 10, 2),
        ("ten", 4, 0),
        ("three", -1, -2),
        ("none", 3, 0),
    ],
)
def test_colour_class_spreads_the_palette_over_each_scale(question, position, expected):
    scale = scales.scales(SCALES)
    assert scales.position_class(question, position, scale) == expected
    vector = scales.colour_class(scales.leaning(pd.Series([question]), pd.Series([position]), SCALES))
    assert vector.tolist() == [expected]


TEN = """actor,question,date,position,identifier
Ann Lee,Rent cap,2020-01-02,0,doc 1
Ann Lee,Rent cap,2020-02-03,7,doc 2
Bo Chen,Rent cap,2020-01-05,10,doc 3
"""


@pytest.fixture
def ten_point_debate(tmp_path):
    from stances.importers import table
    from stances.importers.folder import write_debate
    from stances.load import load_debate

    (tmp_path / "ten.csv").write_text(TEN, encoding="utf-8")
    write_debate(table.read(tmp_path / "ten.csv", table.TableMapping(scale=tuple(range(11)))), tmp_path / "d")
    return load_debate(tmp_path / "d")


def test_timeline_colours_each_statement_by_its_place_on_its_own_scale(ten_point_debate):
    from stances import charts

    figure = charts.timeline(ten_point_debate, ten_point_debate.statements)
    colour_of = {
        row[0]: trace.marker.color for trace in figure.data if trace.customdata is not None for row in trace.customdata
    }
    assert colour_of == {
        "ann-lee-20200102-rent-cap": POSITION_COLOURS[-2],
        "bo-chen-20200105-rent-cap": POSITION_COLOURS[2],
        "ann-lee-20200203-rent-cap": POSITION_COLOURS[1],
    }
    legend = [t.name for t in figure.data if t.legendgroup == "position" and t.showlegend is not False]
    assert legend == ["most against", "for", "most for"]


def test_grid_cells_and_trends_axis_follow_the_questions_scale(ten_point_debate):
    from stances import charts, query

    debate = ten_point_debate
    snapshot = query.as_of(debate.statements, debate.statements["date"].max())
    figure = charts.grid(debate, snapshot, actors=["ann-lee", "bo-chen"], questions=["rent-cap"])
    cells = next(trace for trace in figure.data if trace.customdata is not None)
    assert list(cells.marker.color) == [POSITION_COLOURS[1], POSITION_COLOURS[2]]
    trends = charts.positions_over_time(debate, debate.statements, "rent-cap")
    assert list(trends.layout.yaxis.range) == [-0.5, 10.5]


def test_density_bins_average_positions_by_their_own_scales(ten_point_debate):
    from stances import query

    debate = ten_point_debate
    bins = query.timeline_bins(debate.statements, "MS", scale_points=debate.scale_points)
    assert dict(zip(bins["actor_id"] + " " + bins["start"].dt.strftime("%m"), bins["mean_position"], strict=True)) == {
        "ann-lee 01": pytest.approx(-2.0),
        "ann-lee 02": pytest.approx(0.8),
        "bo-chen 01": pytest.approx(2.0),
    }
