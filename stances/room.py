"""Figures for a room: the presenter's and the deck's timeline and grid, with every label large enough to read from
the back of a room on a 1280x720 projector (no text under `FONT` px) and nothing cut or overlapping.

A larger screen shows the same figures larger: every size is multiplied by the room's `scale` (`scale_for`: 1.5 at
1920x1080), so the 1280x720 layout fills it and reads from further back.

The figures are `charts`' own (one chart style): this module only chooses what they show (few enough lanes and
rows to fit) and passes the sizes through, then sets the label fonts and line breaks a room needs.
"""

from __future__ import annotations

import itertools
import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from stances import charts, query, stories
from stances.model import Debate
from stances.names import actor_names, question_labels

FONT = 16  # px: the smallest text on a presenter's chart
LABEL_CHARS = 18  # an actor's name on a lane or a grid row, cut with an ellipsis (the card names it whole)
QUESTION_WIDTH = 48  # characters of question labels side by side on one line of the grid's head (~560 px at 16 px)
QUESTION_LINES = 4
CELL = 28  # px: a grid cell, room for "+2*" at `FONT`
ROW = 30  # px: a grid row (cell plus gap)
LANE = 24  # px: a timeline lane
TIMELINE_HEIGHT = 300  # px at most: with the grid below, both fit beside the card at 1280x720
TIMELINE_FRAME = 70  # px: the date axis and the top margin
# px at scale 1: the timeline and the grid together, beside the card: what is left of 1280x720 under the page's
# title and controls and above the grid's caption (the timeline grows for its lane names only within this).
CHART_COLUMN = 505
HEAD_LINE = 20  # px: one line of the question labels over the cells
NAME_GAP = FONT + 4  # px between the centres of two neighbouring lanes' names on the timeline
BASE = (1280, 720)  # px: the screen the sizes above are for
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)  # the room's scales: the figures grow with the screen in these steps


def scale_for(width: float, height: float) -> float:
    """The room's scale for a screen of `width` x `height` px: the largest of `SCALES` at which the 1280x720 layout
    still fits (1280x720: 1; 1920x1080: 1.5; smaller screens: 1)."""
    fits = min(width / BASE[0], height / BASE[1])
    return max((s for s in SCALES if s <= fits + 1e-9), default=SCALES[0])


def px(size: float, scale: float) -> int:
    return round(size * scale)


def lanes(view: stories.StepView) -> list[str]:
    """The actors the presenter's timeline draws: the grid's actors (the step's and the busiest so far, or the
    story's cast), so a lane label never has to shrink under `FONT`."""
    return list(view.actors)


def timeline_statements(view: stories.StepView) -> pd.DataFrame:
    """The step's timeline statements on the room's lanes only."""
    shown = view.timeline
    return shown[shown["actor_id"].astype(str).isin(lanes(view)).to_numpy()]


def timeline_height(view: stories.StepView, scale: float = 1.0) -> int:
    return px(min(TIMELINE_HEIGHT, TIMELINE_FRAME + LANE * max(len(lanes(view)), 1)), scale)


def timeline(
    debate: Debate, view: stories.StepView, *, events: pd.DataFrame | None = None, scale: float = 1.0
) -> go.Figure:
    """`charts.timeline` of the step's lanes, the step's statement (or context event) ringed and later statements
    faded, at room sizes."""
    figure = charts.timeline(
        debate,
        timeline_statements(view),
        events=events,
        current=view.statement_id or None,
        current_event=view.event_id or None,
        until=view.day,
        height=timeline_height(view, scale),
        compact=True,
    )
    drawn = query.actors_in(debate, timeline_statements(view)["actor_id"])  # the lanes, as charts.timeline orders them
    room_left = px(CHART_COLUMN, scale) - grid_height(debate, view, scale)
    figure.update_layout(height=max(int(figure.layout.height), min(lanes_height(figure, scale), room_left)))
    return sized_timeline(charts.with_date_range(figure, view.start, view.end), debate, drawn, scale)


def lanes_height(figure: go.Figure, scale: float = 1.0) -> int:
    """The height a timeline figure needs for its lane names at `FONT` px to stand apart: lanes differ in height
    (each holds the rows its stacked marks need), and two thin neighbours' names must be `NAME_GAP` px apart."""
    extents = charts.lane_extents(figure)
    if len(extents) < 2:
        return 0
    centres = [(top + bottom) / 2 for top, bottom in extents]
    closest = min(b - a for a, b in itertools.pairwise(centres))
    low, high = figure.layout.yaxis.range
    return px(TIMELINE_FRAME + NAME_GAP / max(closest, 0.5) * (float(low) - float(high)), scale)


def sized_timeline(figure: go.Figure, debate: Debate, lanes: list[str], scale: float = 1.0) -> go.Figure:
    """A presenter's timeline (one lane per actor of `lanes`, in order) with the lane names cut to `LABEL_CHARS`
    and every label at `FONT` px or more (times the room's `scale`); the ring and marks grow with it."""
    names = actor_names(debate)
    font = px(FONT, scale)
    figure.update_yaxes(ticktext=[charts.short(names.get(a, a), LABEL_CHARS) for a in lanes], tickfont_size=font)
    figure.update_xaxes(tickfont_size=font, title_font_size=font, title_text=None)
    figure.update_layout(font_size=font)
    if scale != 1.0:
        for trace in figure.data:
            if trace.marker is not None and isinstance(trace.marker.size, int | float):
                trace.marker.size = trace.marker.size * scale
            if getattr(trace, "textfont", None) is not None and isinstance(trace.textfont.size, int | float):
                trace.textfont.size = trace.textfont.size * scale
        margin = figure.layout.margin
        figure.update_layout(margin={k: px(getattr(margin, k) or 0, scale) for k in ("l", "r", "t", "b")})
    return figure


def grid(debate: Debate, view: stories.StepView, scale: float = 1.0) -> go.Figure:
    """`charts.grid` of the step's snapshot with cells that hold their number at `FONT` px, rows and columns
    labelled at `FONT` px, question labels broken into short lines so that neighbours never overlap."""
    return go.Figure(grid_json(debate, view, scale), skip_invalid=False)


def grid_json(debate: Debate, view: stories.StepView, scale: float = 1.0) -> dict[str, Any]:
    """`grid` as plotly JSON (what the deck embeds), sized without a second pass of plotly's validation."""
    figure = charts.grid(
        debate,
        view.snapshot,
        actors=view.actors,
        questions=view.questions,
        changed=view.moved,
        compact=True,
        # charts.grid fits the cells into the height below 70 px of labels: ask for cells of `CELL` px.
        height=70 + (px(CELL, scale) + 4) * max(len(view.actors), 1),
    )
    return sized_grid(figure.to_plotly_json(), debate, view.actors, view.questions, scale)


def sized_grid(
    figure: dict[str, Any], debate: Debate, actors: list[str], questions: list[str], scale: float = 1.0
) -> dict[str, Any]:
    """A grid figure's JSON at room sizes: numbers in the cells, `FONT` px labels, short names, wrapped questions."""
    names = actor_names(debate)
    heads = question_heads(debate, questions)
    font = px(FONT, scale)
    for trace in figure["data"]:
        trace["mode"] = "markers+text"
        trace["textfont"] = {**trace.get("textfont", {}), "size": font}
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "ticktext": heads, "tickfont": {"size": font}, "tickangle": 0}
    layout["yaxis"] = {
        **layout["yaxis"],
        "ticktext": [charts.short(names.get(a, a), LABEL_CHARS) for a in actors],
        "tickfont": {"size": font},
    }
    layout["font"] = {**layout.get("font", {}), "size": font}
    # plotly keeps the plot area at least `minreducedheight` (64 px) tall and cuts the margin above it instead: with
    # one or two rows, the question labels' first lines were cut off (72: the floor and a little room for the head)
    layout["height"] = _grid_height(heads, len(actors), scale)
    return figure


def question_heads(debate: Debate, questions: list[str]) -> list[str]:
    """The grid's column heads: each question's label wrapped to share `QUESTION_WIDTH` characters of the row."""
    labels = question_labels(debate)
    width = max(QUESTION_WIDTH // max(len(questions), 1), 6)
    return [question_label(labels.get(q, q), width) for q in questions]


def _grid_height(heads: list[str], actors: int, scale: float) -> int:
    lines = max((head.count("<br>") + 1 for head in heads), default=1)
    return px(HEAD_LINE * lines + 14 + max(ROW * max(actors, 1), 72), scale)


def grid_height(debate: Debate, view: stories.StepView, scale: float = 1.0) -> int:
    """The height of the step's room grid (`grid`), in px."""
    return _grid_height(question_heads(debate, view.questions), len(view.actors), scale)


def question_label(label: object, width: int) -> str:
    """A question's label on at most `QUESTION_LINES` lines of `width` characters (escaped), the last cut with an
    ellipsis if need be: a column's label never runs into its neighbour's."""
    lines = textwrap.wrap(str(label), width, break_long_words=True) or [""]
    if len(lines) > QUESTION_LINES:
        keep = QUESTION_LINES - 1
        lines = [*lines[:keep], charts.cut(" ".join(lines[keep:]), width)]
    return "<br>".join(charts.escape(line) for line in lines)
