"""Streamlit entry point: `streamlit run dashboard.py [-- DEBATE_DIR]`."""

from stances.app.main import main

main()
