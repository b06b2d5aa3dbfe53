"""The keyboard's list of a chart's statements: exactly the statements the figure draws, in its reading order."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stances import chart_rows, charts, query
from stances.load import load_debate


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


def listed(debate, figure, by) -> list[str]:
    return chart_rows.chart_statements(figure, debate.statements["statement_id"], by=by)


def test_timeline_list_is_lane_by_lane_then_by_date_without_the_context_events(debate):
    figure = charts.timeline(debate, debate.statements, events=debate.events)
    # Sullivan's two statements of 10 Nov: his lane's upper question (talks-now) first, as drawn
    assert listed(debate, figure, "rows") == ["milley-private", "milley-club", "sullivan-view", "sullivan-briefing"]


def test_timeline_list_holds_only_what_the_filters_let_the_chart_draw(debate):
    shown = query.apply(debate, query.Filters(on_record_only=True))
    figure = charts.timeline(debate, shown, events=debate.events)
    assert listed(debate, figure, "rows") == ["milley-club", "sullivan-briefing"]


def test_grid_list_is_row_by_row_and_skips_empty_cells(debate):
    snapshot = query.as_of(debate.statements, dt.date(2022, 11, 10))
    figure = charts.grid(debate, snapshot, actors=["milley", "sullivan"], questions=["talks-now", "us-press-kyiv"])
    assert listed(debate, figure, "rows") == ["milley-club", "sullivan-view", "sullivan-briefing"]


def test_grid_list_follows_the_rows_the_grid_is_given(debate):
    snapshot = query.as_of(debate.statements, dt.date(2022, 11, 10))
    figure = charts.grid(debate, snapshot, actors=["sullivan", "milley"], questions=["us-press-kyiv", "talks-now"])
    assert listed(debate, figure, "rows") == ["sullivan-briefing", "sullivan-view", "milley-club"]


def test_trends_list_is_actor_by_actor_and_never_lists_a_line_end_as_a_statement(debate):
    figure = charts.positions_over_time(debate, debate.statements, "talks-now", until=dt.date(2022, 11, 30))
    assert listed(debate, figure, "traces") == ["milley-private", "milley-club", "sullivan-view"]


def test_choices_say_date_actor_question_position_and_evidence_in_the_given_order(debate):
    choices = chart_rows.statement_choices(debate, ["sullivan-briefing", "milley-private"])
    names = debate.actors.set_index("actor_id")["name"]
    labels = debate.questions.set_index("question_id")["label"]
    points = debate.scale_points.set_index(["question_id", "position"])["label"]
    assert choices.to_dict("records") == [
        {
            "statement_id": "sullivan-briefing",
            "label": f"2022-11-10 · {names['sullivan']} · {labels['us-press-kyiv']}: "
            f"−2 {points[('us-press-kyiv', -2)]} · On-record words",
        },
        {
            "statement_id": "milley-private",
            "label": f"2022-11-01 · {names['milley']} · {labels['talks-now']}: "
            f"+2 {points[('talks-now', 2)]} · Reported by unnamed officials",
        },
    ]


def test_no_statements_give_an_empty_list_with_its_columns(debate):
    assert list(chart_rows.statement_choices(debate, [])) == ["statement_id", "label"]
    assert chart_rows.statement_choices(debate, []).empty
    assert isinstance(chart_rows.statement_choices(debate, ["no-such"]), pd.DataFrame)


def test_the_dense_timelines_bins_are_listed_lane_by_lane_with_count_and_mean_in_words(debate):
    bins = query.timeline_bins(debate.statements, "W")
    rows = chart_rows.bin_choices(debate, bins.iloc[::-1])  # in any order: listed as the chart is read
    assert rows.to_dict("list") == {
        "bin": ["milley|2022-10-31|2022-11-06", "milley|2022-11-07|2022-11-13", "sullivan|2022-11-07|2022-11-13"],
        "label": [
            "Mark A. Milley · 2022-10-31 – 2022-11-06 · 1 statement · mean +2.00 ▲ leans for",
            "Mark A. Milley · 2022-11-07 – 2022-11-13 · 1 statement · mean +1.00 ▲ leans for",
            "Jake Sullivan · 2022-11-07 – 2022-11-13 · 2 statements · mean −1.50 ▼ leans against",
        ],
    }
    assert rows["bin"].tolist() == [query.bin_key(*query.parse_bin_key(key)) for key in rows["bin"]]


def test_a_days_bin_is_named_by_its_day_and_a_mean_of_zero_has_no_sign(debate):
    bins = query.timeline_bins(debate.statements, "D")
    bins.loc[bins["actor_id"] == "sullivan", "mean_position"] = 0.001
    labels = chart_rows.bin_choices(debate, bins)["label"].tolist()
    assert labels[-1] == "Jake Sullivan · 2022-11-10 · 2 statements · mean 0.00 ● between"


def test_the_list_of_bins_holds_the_lanes_the_dense_timeline_draws(debate):
    bins = query.timeline_bins(debate.statements, "W")
    drawn = charts.timeline_density(debate, bins, max_lanes=1).data[0].customdata
    rows = chart_rows.bin_choices(debate, query.busiest_lanes(bins, 1))
    assert rows["bin"].tolist() == ["|".join(cell) for cell in drawn]
    assert chart_rows.bin_choices(debate, bins.iloc[:0]).columns.tolist() == ["bin", "label"]


def test_dense_positions_over_time_lists_the_statement_each_step_shows(debate, monkeypatch):
    # the dense chart draws lines without marks: the list is its keyboard path, one statement per period's step
    monkeypatch.setattr(charts, "DENSITY_ABOVE", 1)
    figure = charts.positions_over_time(debate, debate.statements, "talks-now")
    assert {trace.mode for trace in figure.data if trace.customdata is not None} == {"lines"}
    assert listed(debate, figure, "traces") == ["milley-private", "milley-club", "sullivan-view"]
