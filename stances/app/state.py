"""What every page needs for one run: the debate, the filters, and the statements they let through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from stances import chart_rows, charts, paging, query
from stances.model import Debate
from stances.query import Filters

_KEY = "_stances_context"

# Derived tables are cached as resources, not data: st.cache_data would pickle and copy a million-row frame on
# every hit. They are shared, read-only: nothing may modify a frame it gets from here.


@dataclass(frozen=True, kw_only=True)
class AppContext:
    folder: Path
    signature: tuple
    debate: Debate
    filters: Filters

    @property
    def shown(self) -> pd.DataFrame:
        """The statements that pass the sidebar filters (cached per debate version and filters)."""
        return filtered(self.debate, self.signature, self.filters)


@st.cache_resource(max_entries=16, show_spinner=False)
def filtered(_debate: Debate, signature: tuple, filters: Filters) -> pd.DataFrame:
    del signature  # cache key only
    return query.apply(_debate, filters)


def put(context: AppContext) -> None:
    st.session_state[_KEY] = context


def get() -> AppContext:
    return st.session_state[_KEY]


@st.cache_resource(max_entries=16, show_spinner=False)
def binned(_debate: Debate, signature: tuple, filters: Filters, freq: str) -> pd.DataFrame:
    return query.timeline_bins(filtered(_debate, signature, filters), freq, scale_points=_debate.scale_points)


@st.cache_resource(max_entries=8, show_spinner=False)
def in_step_order(_debate: Debate, signature: tuple, filters: Filters) -> pd.DataFrame:
    """The filtered statements in the presenter's order."""
    return query.step_order(filtered(_debate, signature, filters))


GRID_ROWS = 40  # actors on one page of the comparison grid
GRID_COLUMNS = 25  # questions on one page


@st.cache_resource(max_entries=16, show_spinner=False)
def grid_orders(_debate: Debate, signature: tuple, filters: Filters) -> tuple[list[str], list[str]]:
    """The actors and the questions of the filtered statements in the grid's order (busiest first when they
    are more than a page)."""
    shown = filtered(_debate, signature, filters)
    return (
        paging.view_order(shown["actor_id"], list(_debate.actors["actor_id"]), GRID_ROWS),
        paging.view_order(shown["question_id"], list(_debate.questions["question_id"]), GRID_COLUMNS),
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def grid(
    _debate: Debate,
    signature: tuple,
    filters: Filters,
    day,
    since,
    actors: tuple[str, ...],
    questions: tuple[str, ...],
    differs: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[query.GridView, go.Figure, pd.DataFrame]:
    """One page of the comparison grid (`actors` × `questions`) of the filtered statements as of `day` (with the
    changes since `since`), its figure, and its content as a table."""
    view = query.grid_view(
        _debate, filtered(_debate, signature, filters), day, since, actors=list(actors), questions=list(questions)
    )
    figure = charts.grid(
        _debate, view.snapshot, actors=view.actors, questions=view.questions, changed=view.moved, differs=differs
    )
    return view, figure, query.grid_table(_debate, view.snapshot, view.actors, view.questions)


@st.cache_resource(max_entries=16, show_spinner=False)
def held_positions(_debate: Debate, signature: tuple, filters: Filters, since, day) -> pd.DataFrame:
    """The positions the filtered statements held from `since` to `day`, step by step (the changes' paths)."""
    return query.held_positions(filtered(_debate, signature, filters), since, day)


@st.cache_resource(max_entries=16, show_spinner=False)
def density_figure(
    _debate: Debate, signature: tuple, filters: Filters, freq: str, current: tuple[str, dt.date] | None = None
) -> go.Figure:
    """The dense timeline of the filtered statements; `current` (an actor and a bin's first day) ringed."""
    bins = binned(_debate, signature, filters, freq)
    return charts.timeline_density(_debate, bins, events=_debate.events, max_lanes=charts.DENSE_LANES, current=current)


@st.cache_resource(max_entries=16, show_spinner=False)
def bin_rows(_debate: Debate, signature: tuple, filters: Filters, freq: str) -> pd.DataFrame:
    """The bins the dense timeline draws, as rows to choose with the keyboard (`chart_rows.bin_choices`)."""
    bins = query.busiest_lanes(binned(_debate, signature, filters, freq), charts.DENSE_LANES)
    return chart_rows.bin_choices(_debate, bins)


@st.cache_resource(max_entries=4, show_spinner=False)
def source_table(_debate: Debate, signature: tuple) -> pd.DataFrame:
    """Every source with its reporting chain and statement count (the Sources page's table)."""
    del signature
    return query.source_table(_debate)
