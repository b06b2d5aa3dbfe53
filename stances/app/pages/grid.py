"""grid page (see stances.app.views)."""

from stances.app.views import grid_page

grid_page()
