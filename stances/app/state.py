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
