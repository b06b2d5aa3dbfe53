"""The alignment's figures: the actor x actor matrix, the network of agreement, and polarisation over time.

DataFrames and `Alignment`s in, plotly Figures out; no I/O, no streamlit. Dataset text is escaped (`charts.escape`)
before plotly sees it. Clickable marks carry ids in `customdata`: a matrix cell the pair, a node its actor.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stances.alignment import Alignment
from stances.charts import ACTOR_COLOURS, FONT, escape
from stances.model import Debate
from stances.names import actor_names

# Orange (disagree) to purple (agree), the grid's PuOr ends, through a light grey.
AGREEMENT_SCALE = [[0.0, "#e66101"], [0.25, "#fdb863"], [0.5, "#e8e8e8"], [0.75, "#b2abd2"], [1.0, "#5e3c99"]]
CAMP_COLOURS = ACTOR_COLOURS[:7]  # the eighth (yellow) is too pale for a node with a label on white


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hoverlabel={"align": "left", "bgcolor": "white"},
    )
    return fig


def agreement_matrix(debate: Debate, result: Alignment) -> go.Figure:
    """Actors x actors in the clustering's order: each cell is one pair, coloured by agreement, with the number of
    shared questions written in it (an empty open square: no shared question). `customdata` = [actor_a, actor_b]."""
    names = actor_names(debate)
    shown = [escape(names.get(a, a)) for a in result.actors]
    xs, ys, colours, texts, hovers, pairs = [], [], [], [], [], []
    for i, a in enumerate(result.actors):
        for j, b in enumerate(result.actors):
            if i == j:
                continue
            shared = int(result.shared[i, j])
            value = result.matrix[i, j]
            xs.append(shown[j])
            ys.append(shown[i])
            if shared:
                colours.append(float(value))
                texts.append(str(shared))
                hovers.append(
                    f"<b>{shown[i]}</b> and <b>{shown[j]}</b><br>agreement {value:.2f} over {shared} shared "
                    f"question{'s' if shared != 1 else ''}<br><i>click for their statements</i>"
                )
                pairs.append([a, b])
            else:
                colours.append(np.nan)
                texts.append("")
                hovers.append(f"<b>{shown[i]}</b> and <b>{shown[j]}</b><br>no shared question in this window")
                pairs.append(["", ""])
    n = max(len(result.actors), 1)
    cell = max(8, min(44, int(720 / n)))
    has = ~np.isnan(np.asarray(colours, dtype=float)) if colours else np.zeros(0, dtype=bool)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[x for x, h in zip(xs, has, strict=True) if not h],
            y=[y for y, h in zip(ys, has, strict=True) if not h],
            mode="markers",
            marker={"symbol": "square-open", "size": cell, "color": "#c8c8c8"},
            hovertext=[t for t, h in zip(hovers, has, strict=True) if not h],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="no shared question",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[x for x, h in zip(xs, has, strict=True) if h],
            y=[y for y, h in zip(ys, has, strict=True) if h],
            mode="markers+text" if cell >= 18 else "markers",
            marker={
                "symbol": "square",
                "size": cell,
                "color": [c for c, h in zip(colours, has, strict=True) if h],
                "colorscale": AGREEMENT_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": {"text": "agreement"}, "thickness": 12, "len": 0.6},
                "line": {"color": "#9a9a9a", "width": 1},
            },
            text=[t for t, h in zip(texts, has, strict=True) if h],
            textfont={"size": 11 if cell < 30 else 13, "color": "#111111"},
            customdata=[p for p, h in zip(pairs, has, strict=True) if h],
            hovertext=[t for t, h in zip(hovers, has, strict=True) if h],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="pairs",
        )
    )
    fig.update_layout(
        xaxis={
            "side": "top",
            "tickangle": -45,
            "showgrid": False,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": shown,
        },
        yaxis={
            "autorange": "reversed",
            "showgrid": False,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": shown,
            "dtick": 1,
        },
    )
    return _layout(fig, max(320, 160 + (cell + 2) * n))


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


def polarisation_over_time(moving: pd.DataFrame) -> go.Figure:
    """One point per moving window at its last day: the polarisation index, its smoothed line, and the mean
    agreement. `customdata` = [start, end] of the window."""
    ends = pd.to_datetime(moving["end"])
    custom = [[str(s), str(e)] for s, e in zip(moving["start"], moving["end"], strict=True)]
    fig = go.Figure()
    for column, name, dash in (
        ("polarisation", "polarisation index", "solid"),
        ("smoothed", "smoothed", "dot"),
        ("mean_agreement", "mean agreement", "dash"),
    ):
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=moving[column],
                mode="lines+markers" if column != "smoothed" else "lines",
                name=name,
                line={"dash": dash, "width": 2},
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
