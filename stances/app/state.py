"""What every page needs for one run: the debate, the filters, and the statements they let through."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from stances import query
from stances.model import Debate
from stances.query import Filters

_KEY = "_stances_context"


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


@st.cache_data(max_entries=16, show_spinner=False)
def filtered(_debate: Debate, signature: tuple, filters: Filters) -> pd.DataFrame:
    del signature  # cache key only
    return query.apply(_debate, filters)


def put(context: AppContext) -> None:
    st.session_state[_KEY] = context


def get() -> AppContext:
    return st.session_state[_KEY]


@st.cache_data(max_entries=16, show_spinner=False)
def binned(_debate: Debate, signature: tuple, filters: Filters, freq: str) -> pd.DataFrame:
    return query.timeline_bins(filtered(_debate, signature, filters), freq)


@st.cache_data(max_entries=8, show_spinner=False)
def in_step_order(_debate: Debate, signature: tuple, filters: Filters) -> pd.DataFrame:
    """The filtered statements in the presenter's order."""
    return query.step_order(filtered(_debate, signature, filters))


@st.cache_data(max_entries=32, show_spinner=False)
def snapshot(_debate: Debate, signature: tuple, filters: Filters, day) -> pd.DataFrame:
    """The grid's as-of snapshot of the filtered statements."""
    return query.as_of(filtered(_debate, signature, filters), day)
