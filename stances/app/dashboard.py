"""The installed copy's Streamlit entry (`stances app` runs it); the repository's top-level dashboard.py is the same."""

from stances.app.main import main

main()
