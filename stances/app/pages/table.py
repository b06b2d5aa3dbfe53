"""table page (see stances.app.views)."""

from stances.app.views import table_page

table_page()
