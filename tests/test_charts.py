"""Figures built from the tiny debate: what each marker, cell and line carries, asserted on fig.data and fig.layout."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from stances import charts, query
from stances.charts import CHANGE_MARKS, WEBGL_ABOVE
from stances.load import load_debate
from stances.names import actor_names
from stances.vocab import EVIDENCE_LABELS, EVIDENCE_SYMBOLS, POSITION_COLOURS

PAYLOAD = "<b>x</b> & <script>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;"


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


def statement_traces(fig) -> list:
    """The traces whose markers are statements (legend entries, rings and events carry no statement id)."""
    return [t for t in fig.data if t.customdata is not None and t.name != "Context events"]


def per_statement(fig, attribute) -> dict[str, object]:
    """statement_id -> the value `attribute(trace, i)` of its marker."""
    out = {}
    for trace in statement_traces(fig):
        for i, row in enumerate(trace.customdata):
            out[row[0]] = attribute(trace, i)
    return out


def day(value) -> dt.date:
    return pd.Timestamp(value).date()


def with_table(debate, table: str, row: int, **changes: str):
    """The debate with one row of one table changed."""
    frame = getattr(debate, table).copy()
    for column, value in changes.items():
        frame.loc[frame.index[row], column] = value
    return dataclasses.replace(debate, **{table: frame})


def hover_texts_of(fig) -> list[str]:
    return [text for trace in fig.data if trace.hovertext is not None for text in trace.hovertext]


# timeline ------------------------------------------------------------------------------------------------------


def test_timeline_has_one_marker_per_statement_carrying_its_id(debate):
    fig = charts.timeline(debate, debate.statements)
    ids = [row[0] for trace in statement_traces(fig) for row in trace.customdata]
    assert sorted(ids) == ["milley-club", "milley-private", "sullivan-briefing", "sullivan-view"]


def test_timeline_marker_x_is_the_statement_date(debate):
    fig = charts.timeline(debate, debate.statements)
    assert per_statement(fig, lambda t, i: day(t.x[i])) == {
        "milley-private": dt.date(2022, 11, 1),
        "milley-club": dt.date(2022, 11, 9),
        "sullivan-briefing": dt.date(2022, 11, 10),
        "sullivan-view": dt.date(2022, 11, 10),
    }


def test_timeline_lanes_are_the_actors_present_in_dataset_order(debate):
    reversed_rows = debate.statements.iloc[::-1]
    fig = charts.timeline(debate, reversed_rows)
    assert list(fig.layout.yaxis.ticktext) == ["Mark A. Milley", "Jake Sullivan"]
    # Milley's lane holds one row of marks, Sullivan's two (his two statements of 10 Nov are stacked).
    assert list(fig.layout.yaxis.tickvals) == [1.0, 3.5]


def test_timeline_lanes_leave_out_actors_without_statements(debate):
    sullivan = debate.statements[debate.statements["actor_id"] == "sullivan"]
    fig = charts.timeline(debate, sullivan)
    assert list(fig.layout.yaxis.ticktext) == ["Jake Sullivan"]


def lane_of(fig, y: float) -> str:
    """The lane (actor name) whose band holds the height `y`: bands end at the minor ticks between lanes."""
    ends = [*fig.layout.yaxis.minor.tickvals, float("inf")]
    return fig.layout.yaxis.ticktext[next(i for i, end in enumerate(ends) if y < end)]


def test_timeline_markers_sit_on_their_actors_lane(debate):
    fig = charts.timeline(debate, debate.statements)
    lanes = per_statement(fig, lambda t, i: lane_of(fig, float(t.y[i])))
    assert lanes == {
        "milley-private": "Mark A. Milley",
        "milley-club": "Mark A. Milley",
        "sullivan-briefing": "Jake Sullivan",
        "sullivan-view": "Jake Sullivan",
    }


def test_timeline_stacks_statements_of_one_actor_on_one_day(debate):
    """Regression (issue 16): Sullivan's private −2 of 10 Nov lay exactly under his public −1."""
    fig = charts.timeline(debate, debate.statements)
    where = per_statement(fig, lambda t, i: (day(t.x[i]), float(t.y[i])))
    assert (where["sullivan-view"][0], where["sullivan-briefing"][0]) == (dt.date(2022, 11, 10),) * 2
    assert abs(where["sullivan-view"][1] - where["sullivan-briefing"][1]) == 1.0  # one row apart
    assert len(set(where.values())) == len(where)


def test_timeline_prints_each_position_in_its_mark(debate):
    fig = charts.timeline(debate, debate.statements)
    assert per_statement(fig, lambda t, i: (t.text[i], t.textfont.color[i])) == {
        "milley-private": ("+2", "#ffffff"),  # white on dark purple
        "milley-club": ("+1", "#000000"),
        "sullivan-briefing": ("−2", "#000000"),
        "sullivan-view": ("−1", "#000000"),
    }


def test_timeline_colours_only_the_question_chosen(debate):
    fig = charts.timeline(debate, debate.statements, colour_by="talks-now")
    questions = dict(zip(debate.statements["statement_id"], debate.statements["question_id"], strict=True))
    colours = per_statement(fig, lambda t, i: t.marker.color)
    assert {s: (questions[s], c) for s, c in colours.items()} == {
        "milley-private": ("talks-now", POSITION_COLOURS[2]),
        "milley-club": ("talks-now", POSITION_COLOURS[1]),
        "sullivan-briefing": ("us-press-kyiv", charts.OTHER_QUESTION),
        "sullivan-view": ("talks-now", POSITION_COLOURS[-1]),
    }
    legend = [(t.legendgrouptitle.text, t.name) for t in fig.data if t.legendgroup == "position" and not t.x[0]]
    assert legend[-1] == ("Position on Open talks now", "Other questions")
    assert charts.colour_note(debate, "talks-now") == (
        "Colour: position on “Open talks now”; white marks are statements on other questions"
    )


def test_timeline_colour_is_the_position(debate):
    fig = charts.timeline(debate, debate.statements)
    assert per_statement(fig, lambda t, i: t.marker.color) == {
        "milley-private": POSITION_COLOURS[2],
        "milley-club": POSITION_COLOURS[1],
        "sullivan-briefing": POSITION_COLOURS[-2],
        "sullivan-view": POSITION_COLOURS[-1],
    }


def test_timeline_symbol_is_the_evidence(debate):
    fig = charts.timeline(debate, debate.statements)
    assert per_statement(fig, lambda t, i: t.marker.symbol[i]) == {
        "milley-private": EVIDENCE_SYMBOLS["unnamed-officials"],
        "milley-club": EVIDENCE_SYMBOLS["on-record"],
        "sullivan-briefing": EVIDENCE_SYMBOLS["on-record"],
        "sullivan-view": EVIDENCE_SYMBOLS["unnamed-officials"],
    }


def test_timeline_legend_lists_the_positions_and_evidence_kinds_used(debate):
    fig = charts.timeline(debate, debate.statements)
    legend = [(t.legendgroup, t.name, t.marker.symbol, t.marker.color) for t in fig.data if t.showlegend is None]
    assert legend == [
        ("position", "−2 strongly against", "square", POSITION_COLOURS[-2]),
        ("position", "−1 against", "square", POSITION_COLOURS[-1]),
        ("position", "+1 for", "square", POSITION_COLOURS[1]),
        ("position", "+2 strongly for", "square", POSITION_COLOURS[2]),
        ("evidence", EVIDENCE_LABELS["on-record"], "circle", "#767676"),
        ("evidence", EVIDENCE_LABELS["unnamed-officials"], "diamond", "#767676"),
    ]


@pytest.mark.parametrize(("rows", "trace_type"), [(WEBGL_ABOVE, "scatter"), (WEBGL_ABOVE + 1, "scattergl")])
def test_timeline_switches_to_webgl_above_the_threshold(debate, rows, trace_type):
    repeats = -(-rows // len(debate.statements))
    many = pd.concat([debate.statements] * repeats, ignore_index=True).iloc[:rows]
    fig = charts.timeline(debate, many)
    assert {t.type for t in statement_traces(fig)} == {trace_type}
    assert sum(len(t.customdata) for t in statement_traces(fig)) == rows


def test_timeline_current_step_is_ringed_at_its_marker(debate):
    fig = charts.timeline(debate, debate.statements, current="milley-club")
    rings = [t for t in fig.data if t.name == "Current step"]
    club = per_statement(fig, lambda t, i: (day(t.x[i]), float(t.y[i])))["milley-club"]
    assert [(day(r.x[0]), float(r.y[0]), r.marker.symbol) for r in rings] == [(*club, "circle-open")]


@pytest.mark.parametrize("compact", [False, True], ids=["full", "compact"])
def test_timeline_current_event_is_ringed_at_its_mark(debate, compact):
    fig = charts.timeline(debate, debate.statements, events=debate.events, current_event="midterms", compact=compact)
    rings = [t for t in fig.data if t.name == "Current step"]
    (marks,) = [t for t in fig.data if t.name == "Context events"]
    assert [(day(r.x[0]), float(r.y[0])) for r in rings] == [(dt.date(2022, 11, 8), float(marks.y[0]))]


def test_timeline_keeps_a_ringed_event_far_from_the_statements(debate):
    events = debate.events.assign(date=pd.Timestamp("2023-06-01"))
    fig = charts.timeline(debate, debate.statements, events=events, current_event="midterms", compact=True)
    (marks,) = [t for t in fig.data if t.name == "Context events"]
    assert [day(x) for x in marks.x] == [dt.date(2023, 6, 1)]
    unpinned = charts.timeline(debate, debate.statements, events=events, compact=True)
    assert [t.name for t in unpinned.data if t.name == "Context events"] == []


@pytest.mark.parametrize("current", [None, "no-such-statement"])
def test_timeline_without_a_known_current_step_has_no_ring(debate, current):
    fig = charts.timeline(debate, debate.statements, current=current)
    assert [t.name for t in fig.data if t.name == "Current step"] == []


def test_timeline_fades_statements_after_until(debate):
    fig = charts.timeline(debate, debate.statements, until=dt.date(2022, 11, 9))
    assert per_statement(fig, lambda t, i: float(t.marker.opacity[i])) == {
        "milley-private": 1.0,
        "milley-club": 1.0,
        "sullivan-briefing": 0.25,
        "sullivan-view": 0.25,
    }


def test_timeline_without_until_fades_nothing(debate):
    fig = charts.timeline(debate, debate.statements)
    assert set(per_statement(fig, lambda t, i: float(t.marker.opacity[i])).values()) == {1.0}


def test_timeline_events_are_dotted_vertical_lines(debate):
    fig = charts.timeline(debate, debate.statements, events=debate.events)
    [lines] = [t for t in fig.data if t.name == "Event lines"]
    assert lines.line.dash == "dot"
    # One segment per event from its mark above the first lane to below the last (two lanes), None between segments.
    assert [None if x is None else day(x) for x in lines.x] == [dt.date(2022, 11, 8), dt.date(2022, 11, 8), None]
    assert list(lines.y) == [-0.6, 5.0, None]


def test_timeline_events_trace_has_label_date_and_description_on_hover(debate):
    events = with_table(debate, "events", 0, description="Control of Congress at stake.").events
    fig = charts.timeline(debate, debate.statements, events=events)
    [trace] = [t for t in fig.data if t.name == "Context events"]
    assert [day(x) for x in trace.x] == [dt.date(2022, 11, 8)]
    assert list(trace.hovertext) == ["<b>1. US midterm elections</b> · 2022-11-08<br>Control of Congress at stake."]
    assert list(trace.text) == ["1"]
    # The key under the chart holds the whole label (it was cut to 30 characters: "WaPo reports US private…").
    assert [a.text for a in fig.layout.annotations] == ["1.  2022-11-08 · US midterm elections"]


def test_timeline_event_key_wraps_long_labels_whole_and_numbers_match_the_marks(debate):
    label = "WaPo reports US private request for openness to talks with Russia"
    events = pd.concat([debate.events, debate.events.assign(label=label)], ignore_index=True)
    fig = charts.timeline(debate, debate.statements, events=events)
    [trace] = [t for t in fig.data if t.name == "Context events"]
    assert list(trace.text) == ["1, 2"]  # two events of one day share a mark
    assert [a.text for a in fig.layout.annotations] == [
        "1.  2022-11-08 · US midterm elections<br>2.  2022-11-08 · WaPo reports US private<br>"
        "request for openness to talks with Russia"
    ]


def test_timeline_leaves_out_events_far_from_the_statements(debate):
    events = with_table(debate, "events", 0, date=pd.Timestamp("2023-06-01")).events
    fig = charts.timeline(debate, debate.statements, events=events)
    assert [t.name for t in fig.data if t.name == "Context events"] == []
    assert [t.name for t in fig.data if t.name == "Event lines"] == []


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("statements", 1, "summary"),
        ("statements", 1, "quote"),
        ("actors", 0, "name"),
        ("questions", 0, "label"),
        ("scale_points", 3, "label"),  # talks-now +1, milley-club's position
        ("sources", 1, "outlet"),
    ],
)
def test_timeline_hover_escapes_dataset_text(debate, table, row, column):
    changed = with_table(debate, table, row, **{column: PAYLOAD})
    fig = charts.timeline(changed, changed.statements)
    [club] = [
        t.hovertext[i] for t in statement_traces(fig) for i, r in enumerate(t.customdata) if r[0] == "milley-club"
    ]
    assert ESCAPED in club
    assert [text for text in hover_texts_of(fig) if "<script>" in text] == []


def test_timeline_escapes_event_labels(debate):
    events = with_table(debate, "events", 0, label=PAYLOAD, description=PAYLOAD).events
    fig = charts.timeline(debate, debate.statements, events=events)
    [trace] = [t for t in fig.data if t.name == "Context events"]
    assert list(trace.hovertext) == [f"<b>1. {ESCAPED}</b> · 2022-11-08<br>{ESCAPED}"]
    assert [a.text for a in fig.layout.annotations] == [f"1.  2022-11-08 · {ESCAPED}"]


def test_timeline_escapes_actor_names_on_the_lanes(debate):
    changed = with_table(debate, "actors", 0, name=PAYLOAD)
    fig = charts.timeline(changed, changed.statements)
    assert list(fig.layout.yaxis.ticktext) == [ESCAPED, "Jake Sullivan"]


# event_label_levels --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "widths", "levels", "expected"),
    [
        ([], [], 4, []),
        ([0, 10], [5, 5], 4, [0, 0]),  # apart: one row
        ([0, 3], [5, 5], 4, [0, 1]),  # overlapping: next row
        ([0, 5], [5, 5], 4, [0, 1]),  # touching counts as overlapping
        ([0, 1, 6], [5, 5, 5], 4, [0, 1, 0]),  # the first row is free again
        ([0, 1, 2], [5, 5, 5], 2, [0, 1, None]),  # every row taken
        ([0, 1, 2, 20], [5, 5, 5, 5], 2, [0, 1, None, 0]),  # a later label still finds a row
        ([0, 10], [5, 5], 0, [None, None]),  # no label rows at all
    ],
)
def test_event_label_levels(days, widths, levels, expected):
    assert charts.event_label_levels(days, widths, levels=levels) == expected


# grid ----------------------------------------------------------------------------------------------------------

ACTORS = ["milley", "sullivan"]
QUESTIONS = ["talks-now", "us-press-kyiv"]


def grid_figure(debate, day: dt.date, **options):
    snapshot = query.as_of(debate.statements, day)
    return charts.grid(debate, snapshot, actors=ACTORS, questions=QUESTIONS, **options)


def grid_of(debate, day: dt.date, **options):
    [trace] = grid_figure(debate, day, **options).data
    return trace


def cell_names(figure) -> list[tuple[str, str]]:
    """(row label, column label) of each cell of a grid figure."""
    [trace] = figure.data
    rows = figure.layout.yaxis.ticktext
    columns = [label.replace("<br>", " ") for label in figure.layout.xaxis.ticktext]  # long labels wrap
    return [(rows[y], columns[x]) for y, x in zip(trace.y, trace.x, strict=True)]


def test_grid_has_one_cell_per_actor_and_question(debate):
    trace = grid_of(debate, dt.date(2022, 11, 30))
    assert cell_names(grid_figure(debate, dt.date(2022, 11, 30))) == [
        ("Mark A. Milley", "Open talks now"),
        ("Mark A. Milley", "US should press Kyiv"),
        ("Jake Sullivan", "Open talks now"),
        ("Jake Sullivan", "US should press Kyiv"),
    ]
    assert [row[0] for row in trace.customdata] == ["milley-club", "", "sullivan-view", "sullivan-briefing"]
    assert list(trace.text) == ["+1", "", "−1", "−2"]


def test_grid_cell_colour_is_the_position_and_empty_cells_are_open_squares(debate):
    trace = grid_of(debate, dt.date(2022, 11, 30))
    assert list(trace.marker.symbol) == ["square", "square-open", "square", "square"]
    assert list(trace.marker.color) == [POSITION_COLOURS[1], "#c8c8c8", POSITION_COLOURS[-1], POSITION_COLOURS[-2]]


def test_grid_marks_stale_cells_with_an_asterisk(debate):
    # 9 Jan 2023: milley-club (9 Nov) is 61 days old, Sullivan's statements (10 Nov) exactly 60.
    trace = grid_of(debate, dt.date(2023, 1, 9))
    assert list(trace.text) == ["+1*", "", "−1", "−2"]


def test_grid_frames_changed_cells_and_marks_the_direction(debate):
    changed = {("milley", "talks-now"): -1, ("sullivan", "talks-now"): 0, ("sullivan", "us-press-kyiv"): 2}
    trace = grid_of(debate, dt.date(2022, 11, 30), changed=changed)
    assert list(trace.text) == ["+1" + CHANGE_MARKS[-1], "", "−1" + CHANGE_MARKS[2], "−2" + CHANGE_MARKS[1]]
    assert list(trace.text) == ["+1 ▼", "", "−1 ◆", "−2 ▲"]
    assert list(trace.marker.line.width) == [4, 1, 4, 4]


def test_grid_hover_says_what_changed(debate):
    trace = grid_of(debate, dt.date(2022, 11, 30), changed={("milley", "talks-now"): -1})
    assert trace.hovertext[0] == (
        "<b>Mark A. Milley</b> on Open talks now<br><b>+1</b> talks-now 1<br>said 2022-11-09"
        "<br>moved by −1 since the earlier date<br><i>click for the statement</i>"
    )
    assert trace.hovertext[1] == "<b>Mark A. Milley</b> on US should press Kyiv<br>no known position at this date"


def test_grid_escapes_actor_names_and_question_labels(debate):
    changed = with_table(with_table(debate, "actors", 0, name=PAYLOAD), "questions", 0, label=PAYLOAD)
    trace = grid_of(changed, dt.date(2022, 11, 30))
    assert cell_names(grid_figure(changed, dt.date(2022, 11, 30))) == [
        (ESCAPED, ESCAPED),
        (ESCAPED, "US should press Kyiv"),
        ("Jake Sullivan", ESCAPED),
        ("Jake Sullivan", "US should press Kyiv"),
    ]
    assert trace.hovertext[0].startswith(f"<b>{ESCAPED}</b> on {ESCAPED}<br>")
    assert [text for text in trace.hovertext if "<script>" in text] == []


# positions_over_time -------------------------------------------------------------------------------------------


def lines(fig) -> list[tuple]:
    return [
        (t.name, t.line.shape, [day(x) for x in t.x], [int(y) for y in t.y], [r[0] for r in t.customdata])
        for t in fig.data
    ]


# The orange and pink the lines used to share with the position palette's ends.
ACTOR_LINE_COLOURS_OF_OLD = ("#D55E00", "#E69F00", "#CC79A7")


def test_positions_over_time_is_one_step_line_per_actor(debate):
    fig = charts.positions_over_time(debate, debate.statements, "talks-now")
    assert lines(fig) == [
        (
            "Mark A. Milley",
            "hv",
            [dt.date(2022, 11, 1), dt.date(2022, 11, 9)],
            [2, 1],
            ["milley-private", "milley-club"],
        ),
        ("Jake Sullivan", "hv", [dt.date(2022, 11, 10)], [-1], ["sullivan-view"]),
    ]


def test_positions_over_time_holds_each_line_to_until_without_a_mark(debate):
    """Regression (issue 16): the line's end at `until` was a point that hovered as a statement that does not exist
    ("Jake Sullivan: −2 on 14 Nov 2022")."""
    fig = charts.positions_over_time(debate, debate.statements, "talks-now", until=dt.date(2022, 11, 30))
    statements = [t for t in fig.data if t.customdata is not None]
    held = [t for t in fig.data if t.customdata is None]
    assert lines(go.Figure(statements)) == lines(charts.positions_over_time(debate, debate.statements, "talks-now"))
    assert [([day(x) for x in t.x], list(t.y), t.mode, t.line.dash, t.hoverinfo) for t in held] == [
        ([dt.date(2022, 11, 9), dt.date(2022, 11, 30)], [1, 1], "lines", "dot", "skip"),
        ([dt.date(2022, 11, 10), dt.date(2022, 11, 30)], [-1, -1], "lines", "dot", "skip"),
    ]


def test_positions_over_time_draws_each_actor_in_a_chart_of_its_own(debate):
    """Regression (issue 16): lines at one value hid each other (four actors on −1)."""
    fig = charts.positions_over_time(debate, debate.statements, "talks-now")
    assert [(t.name, t.xaxis, t.yaxis) for t in fig.data] == [
        ("Mark A. Milley", "x", "y"),
        ("Jake Sullivan", "x2", "y2"),
    ]
    titles = [a.text for a in fig.layout.annotations]
    assert titles[:2] == ["<b>Mark A. Milley</b>", "<b>Jake Sullivan</b>"]


def test_positions_over_time_marks_are_the_position_colours_and_lines_are_none_of_them(debate):
    fig = charts.positions_over_time(debate, debate.statements, "talks-now", until=dt.date(2022, 11, 30))
    marks = [t for t in fig.data if t.customdata is not None]
    assert [list(t.marker.color) for t in marks] == [[POSITION_COLOURS[2], POSITION_COLOURS[1]], [POSITION_COLOURS[-1]]]
    assert {t.line.color for t in fig.data}.isdisjoint({*POSITION_COLOURS.values(), *ACTOR_LINE_COLOURS_OF_OLD})


def test_positions_over_time_scale_ticks_are_the_points_and_the_words_are_above(debate):
    fig = charts.positions_over_time(debate, debate.statements, "us-press-kyiv")
    assert list(fig.layout.yaxis.tickvals) == [-2, -1, 0, 1, 2]
    assert list(fig.layout.yaxis.ticktext) == ["−2", "−1", "0", "+1", "+2"]
    assert fig.layout.annotations[-1].text == (
        "Position: −2 us-press-kyiv -2 · −1 us-press-kyiv -1 · 0 us-press-kyiv 0 · +1 us-press-kyiv 1 · "
        "+2 us-press-kyiv 2"
    )


@pytest.mark.parametrize(
    ("days", "positions", "expected"),
    [
        ([0, 0], [-1, -1], [0, 2]),  # one day, one position: side by side
        ([0, 0], [-1, -2], [0, 0]),  # one day, two positions: one above the other already
        ([0, 1, 5], [-1, -1, -1], [0, 2, 5]),  # touching marks move right; a mark far enough keeps its day
        ([0, 0, 0], [-1, -2, -1], [0, 0, 2]),  # the third touches the first at −1
        ([0, 0, 1], [-1, -1, 2], [0, 2, 2]),  # a later mark is never drawn left of one before it (the line runs on)
    ],
)
def test_side_by_side_keeps_marks_at_one_position_apart(days, positions, expected):
    drawn = charts.side_by_side(np.array(days, dtype=float), np.array(positions), 2.0)
    assert drawn.tolist() == expected


def test_positions_over_time_draws_two_statements_of_one_day_at_one_position_side_by_side():
    """Regression (issue 16, item 6): the US officials' two −1 of 14 Nov 2022 on "US should press Kyiv" (one
    private, one public) were drawn at one point, so one hid the other and the chart showed a mark fewer."""
    bundled = load_debate()
    fig = charts.positions_over_time(bundled, bundled.statements, "us-press-kyiv", until=dt.date(2023, 2, 26))
    [officials] = [t for t in fig.data if t.customdata is not None and t.name.startswith("US administration")]
    pair = [i for i, row in enumerate(officials.customdata) if row[0].startswith("us-officials-20221114")]
    assert [officials.customdata[i][3] for i in pair] == ["2022-11-14", "2022-11-14"]  # each hovers its own day
    assert [officials.y[i] for i in pair] == [-1, -1]
    first, second = (pd.Timestamp(officials.x[i]) for i in pair)
    on_question = bundled.statements[bundled.statements["question_id"] == "us-press-kyiv"]
    span_days = (pd.Timestamp("2023-02-26") - on_question["date"].min()).days
    # At the narrowest small chart, the two centres lie at least a mark's width apart.
    assert (second - first) / pd.Timedelta(days=1) * charts.TREND_PLOT_PX / span_days >= charts.TREND_MARK_PX
    assert charts.trend_marks(fig) == len(on_question)
    marks = [t for t in fig.data if t.customdata is not None]
    drawn = {(t.xaxis, pd.Timestamp(x), y) for t in marks for x, y in zip(t.x, t.y, strict=True)}
    assert len(drawn) == len(on_question)  # no two marks of one small chart at one point


# timeline_alt, escape, signed ----------------------------------------------------------------------------------


def test_timeline_alt_describes_the_statements(debate):
    assert charts.timeline_alt(debate, debate.statements) == (
        "Timeline of 4 statements by 2 actors from 2022-11-01 to 2022-11-10; "
        "each mark is one statement, numbered and coloured by position and shaped by how we know it."
    )


def test_timeline_alt_of_no_statements(debate):
    assert charts.timeline_alt(debate, debate.statements.iloc[:0]) == "Timeline with no statements."


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        (PAYLOAD, None, ESCAPED),
        ('say "no"', None, 'say "no"'),
        (None, None, ""),
        (np.nan, None, ""),
        (12, None, "12"),
        ("", 10, ""),
        ("talks should open now", 10, "talks<br>should<br>open now"),
        ("<b>bold</b>", 4, "&lt;b&gt;b<br>old&lt;<br>/b&gt;"),
    ],
)
def test_escape(text, width, expected):
    assert charts.escape(text, width) == expected


WRAP_CASES = [
    "",
    " ",
    "short",
    "  leading spaces",
    "trailing space ",
    "ends in a no-break space\u00a0",
    "a\u00a0no-break space inside",
    "tab\tinside",
    "line\nbreak",
    "carriage\rreturn",
    "form\x0cfeed",
    "well-known hyphen-ated words",
    "x" * 70,
    "x" * 71,
    "word " * 14,
    ("word " * 14).strip(),
    "a" * 69 + " b",
    "<b>&amp;</b> " * 6,
    "ideographic\u3000space",
    "astral 𝒳 letters",
]


@pytest.mark.parametrize("text", WRAP_CASES)
def test_escape_wraps_as_textwrap_does(text):
    """A text that fits on one line skips textwrap; the result is what textwrap gives, for any text."""
    import html
    import textwrap

    wrapped = textwrap.wrap(text, width=70, break_long_words=True) or [""]
    assert charts.escape(text, 70) == "<br>".join(html.escape(line, quote=False) for line in wrapped)


def test_escape_wraps_random_texts_as_textwrap_does():
    import html
    import random
    import textwrap

    pick = random.Random(12)
    letters = "ab -\t\n\u00a0\u2003<&>x"
    for _ in range(3_000):
        text = "".join(pick.choice(letters) for _ in range(pick.randint(0, 80)))
        wrapped = textwrap.wrap(text, width=20, break_long_words=True) or [""]
        assert charts.escape(text, 20) == "<br>".join(html.escape(line, quote=False) for line in wrapped), text


def wide_debate(tmp_path, actors: int, questions: int, statements: int):
    from stances.synth import Shape, write_synthetic

    shape = Shape(actors=actors, questions=questions, skew=1.0)
    return load_debate(write_synthetic(tmp_path / "wide", statements, seed=4, shape=shape))


def test_positions_over_time_draws_only_the_busiest_when_many_actors_spoke(tmp_path):
    debate = wide_debate(tmp_path, 300, 2, 3_000)
    question = str(debate.questions["question_id"].iloc[0])
    part = debate.statements[debate.statements["question_id"] == question]
    assert part["actor_id"].nunique() > charts.CROWDED_LINES
    fig = charts.positions_over_time(debate, debate.statements, question)
    busiest = set(part["actor_id"].value_counts().index[: charts.MAX_LINES])
    names = actor_names(debate)
    assert len(fig.data) == charts.trend_actors(fig) == charts.MAX_LINES
    assert {t.name for t in fig.data} == {charts.escape(names[a]) for a in busiest}


def test_timeline_switches_to_counts_past_the_lanes_a_screen_holds(tmp_path):
    debate = wide_debate(tmp_path, 300, 2, 1_000)
    assert len(debate.statements) <= charts.DENSITY_ABOVE
    assert charts.needs_density(debate.statements)
    few = debate.statements[debate.statements["actor_id"].isin(debate.actors["actor_id"].iloc[:5])]
    assert not charts.needs_density(few)


def test_the_grid_on_screen_is_a_header_above_cells_whose_columns_line_up(debate):
    """Issue 16, item 4: the grid was taller than the screen and its column labels scrolled away with it."""
    figure = grid_figure(debate, dt.date(2022, 11, 30))
    header, cells = charts.grid_parts(figure)
    assert header.layout.margin.l == cells.layout.margin.l and header.layout.margin.r == cells.layout.margin.r
    assert header.layout.xaxis.range == cells.layout.xaxis.range == figure.layout.xaxis.range
    assert list(header.layout.xaxis.ticktext) == list(figure.layout.xaxis.ticktext)
    assert cells.layout.xaxis.showticklabels is False
    assert [list(t.x) for t in header.data] == [[None]]  # no cells in the header: nothing there to click
    assert list(cells.data[0].customdata.ravel()) == list(figure.data[0].customdata.ravel())
    assert header.layout.height < 200
    assert figure.layout.xaxis.showticklabels is not False  # the take-away figure keeps its labels


def test_the_grid_key_names_the_colours_the_asterisk_and_the_frames():
    from stances import cards
    from stances.vocab import POSITION_NAMES

    key = cards.grid_key_html(POSITION_NAMES, changes=False, gaps=False, stale_after=60)
    assert [name in key for name in POSITION_NAMES.values()] == [True] * 5
    assert "* said more than 60 days before the day" in key.replace("<strong>", "").replace("</strong>", "")
    assert "changed since" not in key and "≠" not in key
    both = cards.grid_key_html(POSITION_NAMES, changes=True, gaps=True, stale_after=60)
    assert "changed since the earlier day: ▲ up the scale, ▼ down, ◆ new" in both and "≠" in both


def test_a_compact_timeline_keeps_every_event_mark_on_one_row(debate):
    """The presenter's timeline has no numbers to stagger: its event marks stayed scattered over six rows."""
    events = pd.concat(
        [debate.events.assign(date=debate.events["date"] + pd.Timedelta(hours=6 * n)) for n in range(3)],
        ignore_index=True,
    )
    fig = charts.timeline(debate, debate.statements, events=events, compact=True)
    [trace] = [t for t in fig.data if t.name == "Context events"]
    assert len(set(trace.y)) == 1
    assert trace.text is None


def test_timeline_event_lines_run_under_the_marks(debate):
    """The dotted lines were drawn after the marks, across the numbers printed in them."""
    fig = charts.timeline(debate, debate.statements, events=debate.events)
    names = [trace.name for trace in fig.data]
    assert names[0] == "Event lines"
    assert names.index("Context events") > max(i for i, t in enumerate(fig.data) if t in statement_traces(fig))
