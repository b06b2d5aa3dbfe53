"""sources page (see stances.app.views)."""

from stances.app.views import sources_page

sources_page()
