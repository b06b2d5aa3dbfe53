"""A scratch app for test_inert.py: hostile text through cards.shown into every Markdown-rendering element."""

import streamlit as st

from stances.cards import shown
from tests.browser.test_inert import HOSTILE

for kind in ("markdown", "caption", "warning", "info", "error", "subheader"):
    with st.container(key=f"inert_{kind}"):
        getattr(st, kind)(shown(HOSTILE))
with st.container(key="inert_label"):
    st.checkbox(shown(HOSTILE), key="box", help=shown(HOSTILE))
with st.container(key="inert_radio"):
    st.radio(shown(HOSTILE), [shown(HOSTILE)], key="radio")
with st.container(key="inert_expander"), st.expander(shown(HOSTILE)):
    st.text("inside")  # plain text: not a Markdown container
with st.container(key="inert_tabs"):
    st.tabs([shown(HOSTILE)])
