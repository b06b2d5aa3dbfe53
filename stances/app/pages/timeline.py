"""timeline page (see stances.app.views)."""

from stances.app.views import timeline_page

timeline_page()
