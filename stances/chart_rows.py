"""The statements a chart shows, as rows in the chart's reading order: the keyboard's way to them.

A plotly mark cannot take keyboard focus, so each chart page also lists its statements in a widget that can. The
rows are read off the figure itself (the statement id each mark carries in `customdata`, where the mark is drawn),
so the list holds exactly what the chart draws, with the same filters, and in the order the chart is read.
"""

from __future__ import annotations

import numbers
from collections.abc import Set
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stances.model import Debate, per_debate
from stances.names import actor_names, question_labels
from stances.query import LEANINGS, actors_in, label_positions, leaning
from stances.vocab import EVIDENCE_LABELS, counted, day_text, position_text

ROW_COLUMNS = ("statement_id", "label")


def _top_down(figure: go.Figure) -> bool:
    """Whether the figure's first row (y = 0) is drawn at the top: a reversed y axis, as the timeline and grid."""
    axis = figure.layout.yaxis
    span = axis.range
    return axis.autorange == "reversed" or (span is not None and len(span) == 2 and span[0] > span[1])


def _number(value: object) -> float:
    """A coordinate as a number to sort by: numbers as they are, dates as nanoseconds."""
    if isinstance(value, numbers.Number):
        return float(value)  # type: ignore[arg-type]
    return float(pd.Timestamp(value).value)  # type: ignore[arg-type]


@per_debate
def statement_ids(debate: Debate) -> frozenset[str]:
    """Every statement id of the debate (what a chart's marks may name)."""
    return frozenset(debate.statements["statement_id"].astype(str))


@per_debate
def _statement_rows(debate: Debate) -> dict[str, int]:
    """The row number of each statement in `debate.statements`, by statement id."""
    return {statement_id: row for row, statement_id in enumerate(debate.statements["statement_id"].astype(str))}


def chart_statements(figure: go.Figure, known: pd.Series | Set[str], *, by: Literal["rows", "traces"]) -> list[str]:
    """The statement ids `figure` draws, each once, in its reading order.

    `by="rows"` (timeline, grid): row by row from the top (a timeline lane, a grid row), left to right inside a row;
    `by="traces"` (positions over time, one trace per actor): trace by trace, left to right. Marks whose
    `customdata` names no statement in `known` (context events, empty grid cells, legend entries, the end of a
    line) are left out.
    """
    wanted = known if isinstance(known, Set) else set(known.astype(str))
    found: list[tuple[int, float, float, int, str]] = []
    for trace_number, trace in enumerate(figure.data):
        data = getattr(trace, "customdata", None)
        if data is None or len(data) == 0:
            continue
        xs = np.asarray(trace.x if trace.x is not None else [], dtype=object)
        ys = np.asarray(trace.y if trace.y is not None else [], dtype=object)
        for i, cell in enumerate(data):
            statement_id = str(cell[0] if isinstance(cell, list | tuple | np.ndarray) else cell)
            if statement_id not in wanted or i >= len(xs) or i >= len(ys):
                continue
            found.append((trace_number, _number(ys[i]), _number(xs[i]), i, statement_id))
    if by == "rows":
        sign = 1.0 if _top_down(figure) else -1.0
        found.sort(key=lambda mark: (round(sign * mark[1]), mark[2], sign * mark[1], mark[0], mark[3]))
    else:
        found.sort(key=lambda mark: (mark[0], mark[2], mark[3]))
    return list(dict.fromkeys(mark[4] for mark in found))


def statement_choices(debate: Debate, statement_ids: list[str]) -> pd.DataFrame:
    """One row per statement, in the given order: its id and a line to read and choose it by.

    "2022-09-08 · Mark A. Milley · Victory by force: +1 Possible · On-record words" (plain text, never markup).
    """
    at = _statement_rows(debate)
    found = [s for s in statement_ids if s in at]
    rows = debate.statements.iloc[[at[s] for s in found]].set_axis(pd.Index(found, dtype=object))
    if rows.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in ROW_COLUMNS})
    names = actor_names(debate).to_dict()
    labels = question_labels(debate).to_dict()
    points = label_positions(debate, rows)
    text = [
        f"{day_text(date)} · {names.get(actor, actor)} · {labels.get(question, question)}: "
        f"{position_text(int(position), point)} · {EVIDENCE_LABELS.get(str(evidence), str(evidence))}"
        for date, actor, question, position, point, evidence in zip(
            rows["date"],
            rows["actor_id"].astype(str),
            rows["question_id"].astype(str),
            rows["position"],
            points,
            rows["evidence"],
            strict=True,
        )
    ]
    return pd.DataFrame({"statement_id": rows.index.to_numpy(dtype=object), "label": text})


BIN_COLUMNS = ("bin", "label")


def bin_choices(debate: Debate, bins: pd.DataFrame) -> pd.DataFrame:
    """One row per bin of a dense timeline (`query.timeline_bins`, cut to the lanes drawn), in the chart's reading
    order (lane by lane from the top, then by date): its `query.bin_key` and a line to read and choose it by.

    "Mark A. Milley · 2022-11-07 – 2022-11-13 · 12 statements · mean +0.42 ● between" (plain text, never markup):
    the count the area shows, and the mean position the colour shows, as a number and as the shape's sign.
    """
    if bins.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in BIN_COLUMNS})
    lanes = {actor: i for i, actor in enumerate(actors_in(debate, bins["actor_id"]))}
    actor = bins["actor_id"].astype(str)
    ordered = bins.assign(_lane=actor.map(lanes).to_numpy()).sort_values(["_lane", "start"], kind="stable")
    actor = ordered["actor_id"].astype(str)
    names = actor_names(debate)
    start = ordered["start"].dt.strftime("%Y-%m-%d")
    end = ordered["end"].dt.strftime("%Y-%m-%d")
    counts = ordered["statements"].astype("int64")
    means = ordered["mean_position"].astype("float64")
    cues = pd.Series([f"{LEANINGS[c][1]} {LEANINGS[c][2]}" for c in leaning(means)], index=ordered.index)
    label = (
        actor.map(lambda a: str(names.get(a, a)))
        + " · "
        + start
        + (" – " + end).where(start != end, "")
        + " · "
        + counts.map(lambda n: counted(n, "statement"))
        + " · mean "
        + means.map(_signed_mean)
        + " "
        + cues
    )
    return pd.DataFrame(
        {"bin": (actor + "|" + start + "|" + end).to_numpy(dtype=object), "label": label.to_numpy(dtype=object)}
    )


def _signed_mean(value: float) -> str:
    """A mean position as the screens write positions: "+0.42", "0.00", "−1.50"."""
    text = f"{abs(value):.2f}"
    return "0.00" if text == "0.00" else ("+" if value > 0 else "−") + text
