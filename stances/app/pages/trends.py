"""trends page (see stances.app.views)."""

from stances.app.views import trends_page

trends_page()
