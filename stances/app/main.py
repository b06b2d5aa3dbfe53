"""App shell: page config, the debate to show, and the list of problems when it cannot be loaded."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from stances.load import DEFAULT_DEBATE, folder_signature, load_debate
from stances.model import Debate
from stances.problems import DebateError


def debate_folder(argv: list[str]) -> Path:
    """The debate folder named on the command line (`streamlit run dashboard.py -- DIR`), else the bundled one."""
    args = [a for a in argv[1:] if not a.startswith("-")]
    return Path(args[0]).resolve() if args else DEFAULT_DEBATE


@st.cache_resource(max_entries=2, show_spinner="Loading the debate …")
def cached_debate(folder: str, signature: tuple) -> Debate:
    del signature  # part of the cache key only: a changed file on disk loads afresh
    return load_debate(Path(folder))


def main() -> None:
    st.set_page_config(page_title="stances", page_icon=":material/timeline:", layout="wide")
    folder = debate_folder(sys.argv)
    try:
        debate = cached_debate(str(folder), folder_signature(folder))
    except DebateError as exc:
        st.error(f"The debate in `{folder}` has problems and cannot be shown. Fix them and reload.")
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        return
    st.title(debate.meta.title)
    st.dataframe(debate.statements, hide_index=True)
