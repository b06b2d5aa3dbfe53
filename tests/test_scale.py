"""What keeps big debates light: time bins, per-period step points and the dense timeline."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from stances import charts, query
from stances.load import load_debate


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


def frame(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "statement_id": [f"s{i}" for i in range(len(rows))],
            "actor_id": [a for a, _, _ in rows],
            "question_id": "talks-now",
            "date": pd.to_datetime([d for _, d, _ in rows]),
            "position": np.array([p for _, _, p in rows], dtype="int8"),
        }
    )


@pytest.mark.parametrize(
    ("freq", "day", "expected"),
    [
        ("D", "2022-11-09", ("2022-11-09", "2022-11-09")),
        ("W", "2022-11-09", ("2022-11-07", "2022-11-13")),  # a Wednesday: Monday to Sunday
        ("W", "2022-11-07", ("2022-11-07", "2022-11-13")),
        ("W", "2022-11-13", ("2022-11-07", "2022-11-13")),
        ("MS", "2022-12-31", ("2022-12-01", "2022-12-31")),
        ("MS", "2024-02-10", ("2024-02-01", "2024-02-29")),
        ("QS", "2022-11-09", ("2022-10-01", "2022-12-31")),
        ("QS", "2023-01-01", ("2023-01-01", "2023-03-31")),
        ("YS", "2022-11-09", ("2022-01-01", "2022-12-31")),
    ],
)
def test_period_bounds(freq, day, expected):
    start, end = query.period_bounds(pd.Series(pd.to_datetime([day])), freq)
    assert (str(start[0]), str(end[0])) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "D"), (119, "D"), (120, "W"), (839, "W"), (840, "MS"), (3600, "MS"), (3700, "QS"), (20000, "YS")],
)
def test_bin_width_grows_with_the_span(days, expected):
    rows = [("a", "2022-01-01", 0), ("a", str(dt.date(2022, 1, 1) + dt.timedelta(days=days)), 0)]
    assert query.bin_width(frame(rows)) == expected


def test_timeline_bins_count_and_average_per_actor_and_period():
    rows = [("a", "2022-11-07", 2), ("a", "2022-11-09", -1), ("a", "2022-11-15", 1), ("b", "2022-11-08", 0)]
    bins = query.timeline_bins(frame(rows), "W")
    assert bins.assign(start=bins["start"].dt.date.astype(str)).values.tolist() == [
        ["a", "2022-11-07", pd.Timestamp("2022-11-13"), 2, 0.5],
        ["a", "2022-11-14", pd.Timestamp("2022-11-20"), 1, 1.0],
        ["b", "2022-11-07", pd.Timestamp("2022-11-13"), 1, 0.0],
    ]


def test_in_bin_lists_one_actors_statements_in_the_period():
    rows = [("a", "2022-11-07", 2), ("a", "2022-11-14", -1), ("b", "2022-11-08", 0)]
    picked = query.in_bin(frame(rows), "a", dt.date(2022, 11, 7), dt.date(2022, 11, 13))
    assert picked["statement_id"].tolist() == ["s0"]


def test_last_per_period_keeps_the_position_held_at_the_end_of_each_period():
    rows = [("a", "2022-11-07", 2), ("a", "2022-11-09", -1), ("a", "2022-11-15", 1)]
    last = query.last_per_period(frame(rows), "W")
    assert list(zip(last["date"].dt.date.astype(str), last["position"], strict=True)) == [
        ("2022-11-07", -1),
        ("2022-11-14", 1),
    ]


def test_dense_timeline_draws_one_marker_per_bin_with_its_range(debate):
    bins = query.timeline_bins(debate.statements, "W")
    figure = charts.timeline_density(debate, bins, events=debate.events)
    markers = figure.data[0]
    assert len(markers.x) == len(bins)
    assert markers.customdata[0].tolist() == [
        bins["actor_id"].iloc[0],
        *bins[["start", "end"]].iloc[0].dt.strftime("%Y-%m-%d"),
    ]
    assert list(markers.marker.color) == bins["mean_position"].tolist()


def test_dense_timeline_rings_the_current_step(debate):
    bins = query.timeline_bins(debate.statements, "W")
    figure = charts.timeline_density(debate, bins, current=("sullivan", dt.date(2022, 11, 10)))
    ring = [t for t in figure.data if t.name == "Current step"]
    assert [(list(t.x), list(t.y)) for t in ring] == [([pd.Timestamp("2022-11-10")], [1])]


def test_positions_over_time_steps_per_period_when_dense(debate, monkeypatch):
    monkeypatch.setattr(charts, "DENSITY_ABOVE", 1)
    figure = charts.positions_over_time(debate, debate.statements, "talks-now")
    milley = next(t for t in figure.data if t.name == "Mark A. Milley")
    assert milley.mode == "lines"
    # A span of days bins by day: 1 Nov (+2, in private) and 9 Nov (+1, on record), each its own step.
    assert list(zip(milley.x, milley.y, strict=True)) == [
        (pd.Timestamp("2022-11-01"), 2),
        (pd.Timestamp("2022-11-09"), 1),
    ]


def test_presenter_grid_keeps_the_current_actor_and_the_busiest():
    rows = [("a", "2022-11-01", 0), ("a", "2022-11-02", 0), ("b", "2022-11-03", 0), ("c", "2022-11-04", 0)]
    from stances import steps

    ordered = query.step_order(frame(rows))
    assert steps.grid_actors(ordered, 4, limit=3) == ["a", "b", "c"]
    assert steps.grid_actors(ordered, 4, limit=2) == ["c", "a"]
    assert steps.grid_actors(ordered, 3, limit=1) == ["b"]


def test_dense_timeline_keeps_only_the_busiest_lanes():
    bundled = load_debate()  # the busiest actors are read from the data, which grows between versions
    counts = bundled.statements["actor_id"].value_counts()
    # The fewest lanes (two or more) whose actors are all clearly busier than the rest: ties would make it arbitrary.
    lanes = next(k for k in range(2, len(counts)) if counts.iloc[k - 1] > counts.iloc[k])
    assert lanes <= 5, "the test needs a few actors clearly busier than the rest"
    busiest = set(counts.index[:lanes])
    names = dict(zip(bundled.actors["actor_id"], bundled.actors["name"], strict=True))
    bins = query.timeline_bins(bundled.statements, "W")
    figure = charts.timeline_density(bundled, bins, max_lanes=lanes)
    assert sorted(figure.layout.yaxis.ticktext) == sorted(names[a] for a in busiest)
    assert set(figure.data[0].customdata[:, 0]) == busiest


def test_positions_over_time_draws_every_actor_of_a_small_debate(monkeypatch):
    monkeypatch.setattr(charts, "MAX_LINES", 1)
    bundled = load_debate()
    figure = charts.positions_over_time(bundled, bundled.statements, "talks-now")
    actors = bundled.statements.loc[bundled.statements["question_id"] == "talks-now", "actor_id"].nunique()
    assert len(figure.data) == actors


def test_positions_over_time_keeps_the_busiest_actors_when_dense(monkeypatch):
    monkeypatch.setattr(charts, "MAX_LINES", 2)
    monkeypatch.setattr(charts, "DENSITY_ABOVE", 1)
    bundled = load_debate()
    figure = charts.positions_over_time(bundled, bundled.statements, "talks-now")
    assert len(figure.data) == 2


@pytest.mark.parametrize(
    ("mean", "expected"), [(-2.0, -1), (-0.5, -1), (-0.49, 0), (0.0, 0), (0.49, 0), (0.5, 1), (1.7, 1)]
)
def test_a_bins_leaning_is_for_against_or_between_by_half_a_point(mean, expected):
    assert query.leaning(pd.Series([mean])).tolist() == [expected]


def test_the_leanings_key_says_each_shape_and_its_limits():
    assert query.leaning_key() == [
        "▲ mean leans for (+0.5 or more)",
        "● mean between −0.5 and +0.5",
        "▼ mean leans against (−0.5 or less)",
    ]


def test_a_bin_key_names_the_actor_and_days_and_reads_back():
    key = query.bin_key("milley", dt.date(2022, 11, 7), pd.Timestamp("2022-11-13"))
    assert (key, query.parse_bin_key(key)) == (
        "milley|2022-11-07|2022-11-13",
        ("milley", dt.date(2022, 11, 7), dt.date(2022, 11, 13)),
    )


@pytest.mark.parametrize("text", ["", "milley", "|2022-11-07|2022-11-13", "milley|2022-13-07|2022-11-13", "a|b|c|d"])
def test_a_malformed_bin_key_reads_as_none(text):
    assert query.parse_bin_key(text) is None


def test_dense_timeline_shapes_each_bin_by_its_leaning_and_keys_the_shapes(debate):
    # the colour was the only cue of the mean position (issue 16): milley +2 and +1 lean for, sullivan −1.5 against
    bins = query.timeline_bins(debate.statements, "W")
    figure = charts.timeline_density(debate, bins, events=debate.events)
    assert list(figure.data[0].marker.symbol) == ["triangle-up", "triangle-up", "triangle-down"]
    key = [(t.name, t.marker.symbol) for t in figure.data if t.legendgroup == "leaning"]
    assert key == [
        ("mean leans for (+0.5 or more)", "triangle-up"),
        ("mean leans against (−0.5 or less)", "triangle-down"),
    ]
    assert figure.layout.showlegend is True


def test_the_presenters_dense_timeline_keeps_the_shapes_without_a_key(debate):
    bins = query.timeline_bins(debate.statements, "W")
    figure = charts.timeline_density(debate, bins, height=300)
    assert list(figure.data[0].marker.symbol) == ["triangle-up", "triangle-up", "triangle-down"]
    assert figure.layout.showlegend is False


def test_every_text_and_mark_of_the_dense_timeline_meets_aa_contrast(debate):
    bins = query.timeline_bins(debate.statements, "W")
    figure = charts.timeline_density(debate, bins, events=debate.events)
    white = "#ffffff"
    texts = [figure.layout.font.color, figure.layout.xaxis.tickfont.color, figure.layout.yaxis.tickfont.color]
    texts += [note.font.color for note in figure.layout.annotations]
    texts += [
        figure.layout.legend.font.color,
        figure.data[0].marker.colorbar.tickfont.color or figure.layout.font.color,
    ]
    assert min(charts.contrast_ratio(colour, white) for colour in texts) >= charts.AA_TEXT, texts
    # marks: every bin's outline (its fill may be pale), the events' marks and lines, at 3:1 (WCAG non-text contrast)
    marks = [figure.data[0].marker.line.color]
    marks += [t.marker.color for t in figure.data if t.name == "Context events"]
    marks += [t.line.color for t in figure.data if t.name == "Event lines"]
    assert len(marks) == 3
    assert min(charts.contrast_ratio(colour, white) for colour in marks) >= 3, marks
