"""The naive floor: the app any Streamlit developer would write first, to compare the stances app's rerun against.

    STANCES_DEBATE=benchmarks/out/synth-100000-seed-0 .venv/bin/streamlit run benchmarks/bare_app.py

It reads the debate's statements.csv with pandas (cached), filters the rows with one multiselect of actors and an
"On-record words only" toggle (the filter the browser benchmark clicks in both apps), and shows them as a plain
`plotly.express.scatter` and a `st.dataframe`: no validation, no aggregation, no row limit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st


@st.cache_data(show_spinner=False)
def statements(folder: str) -> pd.DataFrame:
    return pd.read_csv(Path(folder) / "statements.csv", parse_dates=["date"])


rows = statements(os.environ["STANCES_DEBATE"])
actors = st.multiselect("Actors", sorted(rows["actor_id"].unique()), key="actor", placeholder="All actors")
on_record = st.toggle("On-record words only", key="onrecord")
shown = rows[rows["actor_id"].isin(actors)] if actors else rows
if on_record:
    shown = shown[shown["evidence"].isin(["on-record", "official-document"])]
st.plotly_chart(px.scatter(shown, x="date", y="actor_id", color="position"), key="scatter")
st.dataframe(shown, key="table")
