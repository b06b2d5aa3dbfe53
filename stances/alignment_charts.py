"""The alignment's figures: the actor x actor matrix, the network of agreement, and polarisation over time.

DataFrames and `Alignment`s in, plotly Figures out; no I/O, no streamlit. Dataset text is escaped (`charts.escape`)
before plotly sees it. Clickable marks carry ids in `customdata`: a matrix cell the pair, a node its actor.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stances.alignment import Alignment
from stances.charts import ACTOR_COLOURS, escape, styled, text_colour_on
from stances.model import Debate
from stances.names import actor_names

# Orange (disagree) to purple (agree), the grid's PuOr ends, through a light grey.
AGREEMENT_SCALE: list[tuple[float, str]] = [
    (0.0, "#e66101"),
    (0.25, "#fdb863"),
    (0.5, "#cfcfcf"),
    (0.75, "#b2abd2"),
    (1.0, "#5e3c99"),
]
CAMP_COLOURS = ACTOR_COLOURS[:7]  # the eighth (yellow) is too pale for a node with a label on white


def agreement_colour(agreement: float) -> str:
    """The matrix's colour of an agreement from 0 to 1, `#rrggbb`, interpolated on `AGREEMENT_SCALE` as plotly does."""
    value = min(max(float(agreement), 0.0), 1.0)
    for (low, left), (high, right) in itertools.pairwise(AGREEMENT_SCALE):
        if value <= high:
            share = (value - low) / (high - low)
            channels = [
                round(int(left[i : i + 2], 16) + share * (int(right[i : i + 2], 16) - int(left[i : i + 2], 16)))
                for i in (1, 3, 5)
            ]
            return "#" + "".join(f"{c:02x}" for c in channels)
    return AGREEMENT_SCALE[-1][1]


def agreement_text(agreement: float) -> str:
    """An agreement as the matrix writes it in a cell: per cent, "75" for 0.75 (the colour is not the only cue)."""
    return f"{round(100 * float(agreement))}"


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(font={"size": 13}, height=height, clickmode="event+select", dragmode=False)
    return styled(fig)


def agreement_matrix(debate: Debate, result: Alignment) -> go.Figure:
    """Actors x actors in the clustering's order: each cell is one pair, coloured by agreement, with the agreement
    in per cent written in it (blank: no shared question; the hover adds how many questions they share).

    The colours and numbers are a heatmap (each number black or white, whichever reads better on its cell); clicks
    land on a scatter of invisible squares over the pairs (plotly reports no selection on a heatmap), whose
    `customdata` is [actor_a, actor_b].
    """
    names = actor_names(debate)
    shown = [escape(names.get(a, a)) for a in result.actors]
    n = len(result.actors)
    z = np.where(result.shared > 0, result.matrix, np.nan).astype(float)
    np.fill_diagonal(z, np.nan)
    xs, ys, hovers, pairs = [], [], [], []
    for i, a in enumerate(result.actors):
        for j, b in enumerate(result.actors):
            if i == j or result.shared[i, j] == 0:
                continue
            shared = int(result.shared[i, j])
            xs.append(shown[j])
            ys.append(shown[i])
            hovers.append(
                f"<b>{shown[i]}</b> and <b>{shown[j]}</b><br>agreement {result.matrix[i, j]:.2f} over {shared} "
                f"shared question{'s' if shared != 1 else ''}<br><i>click for their statements</i>"
            )
            pairs.append([a, b])
    cell = max(8, min(40, int(640 / max(n, 1))))
    numbers = np.where(np.isnan(z), "", np.vectorize(agreement_text, otypes=[object])(np.nan_to_num(z)))
    inks = np.where(
        np.isnan(z), "", np.vectorize(lambda v: text_colour_on(agreement_colour(v)), otypes=[object])(np.nan_to_num(z))
    )
    fig = go.Figure()
    # One heatmap for the cells whose number is black, one for those where it is white (a heatmap has one text
    # colour); the same colour scale, one colour bar.
    for ink in ("#000000", "#ffffff"):
        fig.add_trace(
            go.Heatmap(
                x=shown,
                y=shown,
                z=np.where(inks == ink, z, np.nan),
                zmin=0,
                zmax=1,
                colorscale=AGREEMENT_SCALE,
                text=np.where(inks == ink, numbers, ""),
                texttemplate="%{text}" if cell >= 16 else None,
                textfont={"size": 12 if cell >= 22 else 10, "color": ink},
                xgap=1,
                ygap=1,
                hoverinfo="skip",
                showscale=ink == "#000000",
                colorbar={"title": {"text": "agreement"}, "thickness": 12, "len": 0.6, "tickformat": ".0%"},
                name="agreement",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker={"symbol": "square", "size": cell, "color": "rgba(0, 0, 0, 0.01)"},
            customdata=pairs,
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="pairs",
        )
    )
    axis = {"showgrid": False, "zeroline": False, "fixedrange": True, "categoryorder": "array", "categoryarray": shown}
    fig.update_layout(
        # Blank (white) cells: the pair shares no question.
        xaxis={**axis, "side": "top", "tickangle": -45, "range": [-0.5, n - 0.5]},
        yaxis={**axis, "dtick": 1, "range": [n - 0.5, -0.5], "scaleanchor": "x", "constrain": "domain"},
    )
    return _layout(fig, max(360, 200 + (cell + 2) * n))


def circle_layout(actors: list[str]) -> dict[str, tuple[float, float]]:
    """Actors on a circle in the given (clustering) order, the first at the top, going clockwise."""
    n = max(len(actors), 1)
    return {
        a: (round(math.sin(2 * math.pi * i / n), 6), round(math.cos(2 * math.pi * i / n), 6))
        for i, a in enumerate(actors)
    }


def alignment_network(debate: Debate, result: Alignment, *, threshold: float, camps: pd.Series) -> go.Figure:
    """Actors as nodes on a circle (camps side by side), coloured by camp; a line joins each pair whose agreement is
    at least `threshold`, thicker for more shared questions. A node's `customdata` is its actor id."""
    names = actor_names(debate)
    where = circle_layout(result.actors)
    pairs = result.pairs[result.pairs["agreement"] >= threshold]
    fig = go.Figure()
    widths = {1: 1.0, 2: 2.5, 3: 4.0}
    for band, width in widths.items():
        shared = pairs["shared_questions"].clip(upper=3)
        chosen = pairs[shared == band]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in zip(chosen["actor_a"], chosen["actor_b"], strict=True):
            xs += [where[a][0], where[b][0], None]
            ys += [where[a][1], where[b][1], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": width, "color": "rgba(80, 80, 80, 0.45)"},
                hoverinfo="skip",
                name=f"{band}{'+' if band == 3 else ''} shared question{'s' if band > 1 else ''}",
                showlegend=True,
            )
        )
    camp_of = camps.reindex(result.actors).fillna(0).astype(int)
    fig.add_trace(
        go.Scatter(
            x=[where[a][0] for a in result.actors],
            y=[where[a][1] for a in result.actors],
            mode="markers+text",
            marker={
                "size": 18,
                "color": [CAMP_COLOURS[(c - 1) % len(CAMP_COLOURS)] for c in camp_of],
                "line": {"color": "#ffffff", "width": 2},
            },
            text=[escape(names.get(a, a)) for a in result.actors],
            textposition=["top center" if where[a][1] >= 0 else "bottom center" for a in result.actors],
            customdata=[[a] for a in result.actors],
            hovertext=[
                f"<b>{escape(names.get(a, a))}</b><br>camp {c}" for a, c in zip(result.actors, camp_of, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            name="actors",
            showlegend=False,
        )
    )
    axis = {"visible": False, "range": [-1.45, 1.45], "fixedrange": True}
    fig.update_layout(xaxis=axis, yaxis={**axis, "scaleanchor": "x"}, legend={"orientation": "h", "y": -0.02})
    return _layout(fig, 560)


def polarisation_over_time(moving: pd.DataFrame, *, smoothed: bool = False) -> go.Figure:
    """One point per moving window at its last day: the polarisation index (and its smoothed line when `smoothed`)
    and the mean agreement. `customdata` = [start, end] of the window."""
    ends = pd.to_datetime(moving["end"])
    custom = [[str(s), str(e)] for s, e in zip(moving["start"], moving["end"], strict=True)]
    fig = go.Figure()
    lines = [
        ("polarisation", "polarisation index", "solid", ACTOR_COLOURS[0]),
        ("mean_agreement", "mean agreement", "dash", ACTOR_COLOURS[1]),
    ]
    if smoothed:
        lines.insert(1, ("smoothed", "polarisation, smoothed", "dot", ACTOR_COLOURS[2]))
    for column, name, dash, colour in lines:
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=moving[column],
                mode="lines+markers" if column != "smoothed" else "lines",
                name=name,
                line={"dash": dash, "width": 2, "color": colour},
                customdata=custom,
                hovertemplate=f"window %{{customdata[0]}} – %{{customdata[1]}}<br>{name} %{{y:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(
        yaxis={"range": [-0.05, 1.05], "title": None, "gridcolor": "#eeeeee"},
        xaxis={"title": "last day of the window", "gridcolor": "#eeeeee"},
        legend={"orientation": "h", "y": 1.12},
    )
    return _layout(fig, 340)


def matrix_alt(debate: Debate, result: Alignment) -> str:
    """A sentence for screen readers: what the matrix shows and its strongest pair."""
    if result.pairs.empty:
        return "Agreement matrix: no two actors share a question in this window."
    names = actor_names(debate)
    best = result.pairs.sort_values(["agreement", "shared_questions"], ascending=False).iloc[0]
    return (
        f"Agreement matrix of {len(result.actors)} actors and {len(result.pairs)} pairs sharing a question; closest "
        f"pair: {names.get(best['actor_a'], best['actor_a'])} and {names.get(best['actor_b'], best['actor_b'])} "
        f"({best['agreement']:.2f} over {best['shared_questions']} questions)."
    )
